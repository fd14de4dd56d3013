// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the admin queue pair - one command at a time, completed by its
// interrupt - and Identify Controller through it.
#pragma once

#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/irq/registration.h>
#include <kcxx/print.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/time.h>

#include "controller.h"

namespace cnvme {

using kcxx::Arc;
using kcxx::Box;
using kcxx::Devres;
using kcxx::Result;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
using kcxx::code::EIO;
using kcxx::code::ENODEV;
using kcxx::code::ETIMEDOUT;

// What a finished admin command answered.
struct AdminAnswer {
	u32 status; // the status field, 0: success
	u32 result; // dword 0
};

// The submitter's side of the admin queue, behind the submit lock.
struct AdminSubmitState {
	u32 tail = 0;	   // the next free slot (and command id)
	bool gone = false; // remove began (or a command timed out): no more commands
};

// The admin queue pair: one command at a time (the submit lock); the
// interrupt handler consumes the completion ring.  Shared by the driver,
// its interrupt handler and the open files of its character device (which
// outlive the binding: then every command is -ENODEV).
//
// INVARIANT: regs, sq, cq and data belong to the controller this queue was
// made for, whose AQA/ASQ/ACQ point at sq and cq; cq_head and cq_phase are
// written only by the interrupt handler (one at a time: the kernel does not
// run a handler of the same IRQ concurrently with itself); the controller
// writes 'data' only while a command that points at it runs, under the
// submit lock.
struct AdminQueue {
	Devres<Registers> regs;
	Devres<SubmissionRing> sq;
	Devres<CompletionRing> cq;
	Devres<DataBuffer> data;
	u32 sq_doorbell;
	u32 cq_doorbell;
	kcxx::Mutex<AdminSubmitState> submit;
	kcxx::Completion done;		 // a completion was consumed
	kcxx::Atomic<u32> cq_head{0};
	kcxx::Atomic<u32> cq_phase{1};
	kcxx::Atomic<u32> last_id{0xffff}; // the last completion's command id,
	kcxx::Atomic<u32> last_status{0};  // status field and
	kcxx::Atomic<u32> last_result{0};  // result (dword 0)
	kcxx::Atomic<u64> interrupts{0};

	AdminQueue(Devres<Registers> r, Devres<SubmissionRing> s, Devres<CompletionRing> c, Devres<DataBuffer> d,
		   u32 stride)
		: regs(std::move(r)), sq(std::move(s)), cq(std::move(c)), data(std::move(d)),
		  sq_doorbell(nvme::reg::DOORBELLS), cq_doorbell(nvme::reg::DOORBELLS + stride),
		  submit(KCXX_LOCK_CLASS("cnvme.admin_submit"))
	{
	}

	// Runs one admin command and waits for its completion (the caller
	// holds the submit lock and reached the registers and the ring).
	// -ETIMEDOUT: the controller did not answer in ADMIN_TIMEOUT_S; it is
	// then disabled (it may no longer write memory the command pointed
	// to) and the queue is gone for good.
	Result<AdminAnswer> run(kcxx::MutexGuard<AdminSubmitState> &state, const Registers &r,
				const SubmissionRing &ring, nvme::Command command) const
	{
		if (state->gone)
			return ENODEV;
		u32 id = state->tail; // the slot is the command id: one in flight
		command.cdw0 = (command.cdw0 & 0xffff) | (id << 16);
		done.reinit_for_waiter();
		TRY(ring.write(id, command));
		state->tail = (id + 1) % ADMIN_DEPTH;
		TRY(r.try_write32(state->tail, sq_doorbell));
		kcxx::Jiffies deadline = kcxx::Jiffies::now() + kcxx::Jiffies::from_secs(ADMIN_TIMEOUT_S);
		while (last_id.load(kcxx::order::Acquire{}) != id) {
			kcxx::Jiffies now = kcxx::Jiffies::now();
			if (!now.before(deadline) || !done.wait_timeout((deadline - now).to_timeout())) {
				state->gone = true;
				r.write32<nvme::reg::CC>(0);
				pr_warn("cnvme: admin command 0x%02x timed out: controller disabled\n",
					command.cdw0 & 0xff);
				return ETIMEDOUT;
			}
		}
		last_id.store(0xffff);
		return AdminAnswer{last_status.load(), last_result.load()};
	}
};

// The admin queue's interrupt: consumes every new completion (its phase
// tag flipped by the controller), rings the completion doorbell, wakes the
// submitter.
struct AdminHandler {
	Arc<AdminQueue> queue;

	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const
	{
		const AdminQueue &q = *queue;
		Result<const Registers *> regs = q.regs.access(dev);
		Result<const CompletionRing *> cq = q.cq.access(dev);
		if (regs.is_error() || cq.is_error()) [[unlikely]]
			return kcxx::irq::Return::none;
		u32 head = q.cq_head.load();
		u32 phase = q.cq_phase.load();
		bool consumed = false;
		for (;;) {
			// The status (with the phase tag) first: the rest of the
			// entry is valid once it has flipped.
			Result<u16> status = cq.value()->read_field(head, &nvme::Completion::status);
			if (status.is_error() || (status.value() & 1) != phase)
				break;
			u32 result = cq.value()->read_field(head, &nvme::Completion::result).value_or(0);
			u16 id = cq.value()->read_field(head, &nvme::Completion::command_id).value_or(0xffff);
			q.last_status.store(status.value() >> 1);
			q.last_result.store(result);
			q.last_id.store(id, kcxx::order::Release{});
			consumed = true;
			if (++head == ADMIN_DEPTH) {
				head = 0;
				phase ^= 1;
			}
		}
		if (!consumed)
			return kcxx::irq::Return::none;
		q.cq_head.store(head);
		q.cq_phase.store(phase);
		(void)regs.value()->try_write32(head, q.cq_doorbell);
		(void)q.interrupts.fetch_add(1);
		q.done.complete();
		return kcxx::irq::Return::handled;
	}
};

// An admin command from probe or remove, with the submit lock held:
// reaches the registers and the ring through guards (remove has no proof
// of binding at hand).
inline Result<AdminAnswer> admin_command(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &q,
				  const nvme::Command &command)
{
	auto regs = q.regs.try_access();
	auto ring = q.sq.try_access();
	if (!regs || !ring)
		return ENODEV;
	return q.run(state, **regs, **ring, command);
}

// An ASCII field of the identify data as the C driver shows it in sysfs
// ("%.*s" of the whole field: its space padding kept, up to a NUL).
template <unsigned long N>
inline Result<void> copy_string(const kcxx::dma::CoherentAllocation<u8> &data, nvme::Field field,
			 kcxx::StringBuilder<N> &out)
{
	static_assert(N > 40, "room for the longest field (the model, 40 bytes)");
	for (unsigned long i = 0; i < field.length; ++i) {
		u8 c = TRY(data.read(field.offset + i));
		if (c == 0)
			break;
		TRY(out.append_char(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '?'));
	}
	return {};
}

// What Identify Controller says that the driver shows (sysfs) or uses.
struct Identity {
	kcxx::StringBuilder<48> model;
	kcxx::StringBuilder<48> serial;
	kcxx::StringBuilder<48> firmware;
	u32 namespaces = 0; // NN: the most namespaces the controller may have
};

// Identify Controller, through the admin queue (probe: 'dev' is bound).
inline Result<Box<Identity>> identify(const kcxx::BoundDevice &dev, const AdminQueue &q)
{
	const Registers *r = TRY(q.regs.access(dev));
	const SubmissionRing *ring = TRY(q.sq.access(dev));
	const DataBuffer &data = *TRY(q.data.access(dev));
	auto state = q.submit.lock();
	nvme::Command command{};
	command.cdw0 = nvme::ADMIN_IDENTIFY;
	command.prp1 = data.dma_address().value();
	command.cdw10 = nvme::IDENTIFY_CONTROLLER;
	AdminAnswer answer = TRY(q.run(state, *r, *ring, command));
	if (answer.status) {
		dev_err(dev, "identify failed: status 0x%x\n", answer.status);
		return EIO;
	}
	auto id = TRY(Box<Identity>::try_new(kcxx::GFP_KERNEL));
	TRY(copy_string(data, nvme::ID_MODEL, id->model));
	TRY(copy_string(data, nvme::ID_SERIAL, id->serial));
	TRY(copy_string(data, nvme::ID_FIRMWARE, id->firmware));
	for (unsigned long i = 0; i < nvme::ID_NAMESPACES.length; ++i)
		id->namespaces |= static_cast<u32>(TRY(data.read(nvme::ID_NAMESPACES.offset + i))) << (8 * i);
	return id;
}

} // namespace cnvme
