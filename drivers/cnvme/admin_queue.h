// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the admin queue pair - one command at a time, completed by its
// interrupt - and Identify Controller through it.
#pragma once

#include <kcxx/box.h>
#include <kcxx/dev_print.h>
#include <kcxx/devres.h>
#include <kcxx/dma/barrier.h>
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

using kcxx::code::EIO;
using kcxx::code::ENODEV;
using kcxx::code::ETIMEDOUT;

// The consumer's place in a completion ring: the next entry and the phase
// tag that marks an entry new (4.6: the controller inverts the tag on each
// pass through the ring).  Only an interrupt handler advances it, and the
// kernel runs one handler of an IRQ at a time.
struct CompletionCursor {
	kcxx::Atomic<u32> head{0};
	kcxx::Atomic<u32> phase{1};

	// Starts over on 'ring' (after a controller reset: the controller
	// disabled, the handler returned): every entry zeroed, so that none
	// carries the phase tag expected first.
	Result<void> start_over(const CompletionRing &ring, u32 depth) const
	{
		for (u32 i = 0; i < depth; ++i)
			TRY(ring.write(i, nvme::Completion{}));
		head.store(0);
		phase.store(1);
		return {};
	}

	// Calls on_entry(index, status) for each new entry, in order, and
	// moves past them; returns how many there were.  The status (with
	// the phase tag) is read first: the rest of an entry is valid once
	// its tag has flipped.
	template <typename OnEntry> u32 consume(const CompletionRing &ring, u32 depth, OnEntry on_entry) const
	{
		u32 h = head.load(), p = phase.load(), n = 0;
		for (;;) {
			Result<u16> status = ring.read_field(h, &nvme::Completion::status);
			if (status.is_error() || (status.value() & 1) != p)
				break;
			// The entry's other fields after its tag (the C
			// driver's dma_rmb(); a real fence on arm64 and riscv).
			kcxx::dma::coherent_rmb();
			on_entry(h, status.value());
			++n;
			if (++h == depth) {
				h = 0;
				p ^= 1;
			}
		}
		if (n) {
			head.store(h);
			phase.store(p);
		}
		return n;
	}
};

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
// made for, whose AQA/ASQ/ACQ point at sq and cq; cq_cursor is
// advanced only by the interrupt handler (set back by restart() while the
// controller is disabled and the handler has returned); the controller
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
	CompletionCursor cq_cursor;
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

	// After a controller reset (disabled, the admin interrupt's handler
	// finished; the caller holds the submit lock): both rings start over
	// empty and the controller is pointed at them again (AQA, ASQ, ACQ).
	// The queue works again if a command had timed out.
	Result<void> restart(kcxx::MutexGuard<AdminSubmitState> &state, const Registers &r) const
	{
		auto s = sq.try_access();
		auto c = cq.try_access();
		if (!s || !c)
			return ENODEV;
		TRY(cq_cursor.start_over(**c, ADMIN_DEPTH));
		last_id.store(0xffff);
		state->tail = 0;
		state->gone = false;
		r.write32<nvme::reg::AQA>(((ADMIN_DEPTH - 1) << 16) | (ADMIN_DEPTH - 1));
		r.write64<nvme::reg::ASQ>((*s)->dma_address().value());
		r.write64<nvme::reg::ACQ>((*c)->dma_address().value());
		return {};
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
		const CompletionRing &ring = *cq.value();
		u32 consumed = q.cq_cursor.consume(ring, ADMIN_DEPTH, [&](u32 index, u16 status) {
			u32 result = ring.read_field(index, &nvme::Completion::result).value_or(0);
			u16 id = ring.read_field(index, &nvme::Completion::command_id).value_or(0xffff);
			q.last_status.store(status >> 1);
			q.last_result.store(result);
			q.last_id.store(id, kcxx::order::Release{});
		});
		if (!consumed)
			return kcxx::irq::Return::none;
		(void)regs.value()->try_write32(q.cq_cursor.head.load(), q.cq_doorbell);
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

// A little-endian integer field of the identify data.
inline Result<u64> read_le(const kcxx::dma::CoherentAllocation<u8> &data, nvme::Field field)
{
	u64 value = 0;
	for (unsigned long i = 0; i < field.length && i < 8; ++i)
		value |= static_cast<u64>(TRY(data.read(field.offset + i))) << (8 * i);
	return value;
}

// Runs Identify (CNS 'cns', namespace 'nsid') into the data buffer; the
// caller holds the submit lock until it has read the buffer.
inline Result<void> run_identify(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &q,
				 const Registers &r, const SubmissionRing &ring, const DataBuffer &data, u32 cns,
				 u32 nsid)
{
	nvme::Command command{};
	command.cdw0 = nvme::ADMIN_IDENTIFY;
	command.nsid = nsid;
	command.prp1 = data.dma_address().value();
	command.cdw10 = cns;
	AdminAnswer answer = TRY(q.run(state, r, ring, command));
	if (answer.status) {
		pr_err("cnvme: identify (cns %u, nsid %u) failed: status 0x%x\n", cns, nsid, answer.status);
		return EIO;
	}
	return {};
}

// What Identify Controller says that the driver shows (sysfs) or uses.
struct Identity {
	kcxx::StringBuilder<48> model;
	kcxx::StringBuilder<48> serial;
	kcxx::StringBuilder<48> firmware;
	u32 namespaces = 0; // NN: the most namespaces the controller may have
	u32 max_transfer_shift = 0; // MDTS: 2^MDTS minimum pages per command (0: no limit)
	u32 optional_commands = 0; // ONCS
	bool volatile_write_cache = false;
	bool doorbell_buffer = false; // OACS: Doorbell Buffer Config (shadow doorbells)
	bool sgls = false;	      // SGLs for I/O commands
	u32 controller_id = 0;	      // CNTLID
	u32 controller_type = 0;      // CNTRLTYPE (1: I/O controller; 0: not reported)
	// The NVM subsystem's NQN: SUBNQN, or (a controller older than 1.2.1
	// without one) what the C driver makes up (nvme_init_subnqn()).
	kcxx::StringBuilder<260> subsystem_nqn;
};

// Identify Controller, through the admin queue (probe: 'dev' is bound).
inline Result<Box<Identity>> identify(const kcxx::BoundDevice &dev, const AdminQueue &q)
{
	const Registers *r = TRY(q.regs.access(dev));
	const SubmissionRing *ring = TRY(q.sq.access(dev));
	const DataBuffer &data = *TRY(q.data.access(dev));
	auto state = q.submit.lock();
	TRY(run_identify(state, q, *r, *ring, data, nvme::IDENTIFY_CONTROLLER, 0));
	auto id = TRY(Box<Identity>::try_new(kcxx::GFP_KERNEL));
	TRY(copy_string(data, nvme::ID_MODEL, id->model));
	TRY(copy_string(data, nvme::ID_SERIAL, id->serial));
	TRY(copy_string(data, nvme::ID_FIRMWARE, id->firmware));
	id->namespaces = static_cast<u32>(TRY(read_le(data, nvme::ID_NAMESPACES)));
	id->max_transfer_shift = static_cast<u32>(TRY(read_le(data, nvme::ID_MDTS)));
	id->optional_commands = static_cast<u32>(TRY(read_le(data, nvme::ID_ONCS)));
	id->volatile_write_cache = TRY(read_le(data, nvme::ID_VWC)) & 1;
	id->doorbell_buffer = TRY(read_le(data, nvme::ID_OACS)) & nvme::OACS_DOORBELL_BUFFER;
	id->sgls = TRY(read_le(data, nvme::ID_SGLS)) & 3;
	id->controller_id = static_cast<u32>(TRY(read_le(data, nvme::ID_CNTLID)));
	id->controller_type = static_cast<u32>(TRY(read_le(data, nvme::ID_CNTRLTYPE)));
	TRY(copy_string(data, nvme::ID_SUBNQN, id->subsystem_nqn));
	// (Valid: 1 to 222 characters, NVMF_NQN_SIZE - 1.)
	if (id->subsystem_nqn.size() == 0 || id->subsystem_nqn.size() >= 223) {
		id->subsystem_nqn.clear();
		TRY(id->subsystem_nqn.appendf<"nqn.2014.08.org.nvmexpress:%04x%04x">(
			static_cast<u32>(TRY(read_le(data, nvme::ID_VID))),
			static_cast<u32>(TRY(read_le(data, nvme::ID_SSVID)))));
		// The serial and model fields whole, their padding kept.
		kcxx::StringBuilder<48> serial, model;
		TRY(copy_string(data, nvme::ID_SERIAL, serial));
		TRY(copy_string(data, nvme::ID_MODEL, model));
		TRY(id->subsystem_nqn.append(serial.as_cstr()));
		TRY(id->subsystem_nqn.append(model.as_cstr()));
	}
	return id;
}

} // namespace cnvme
