// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the I/O queue pairs, one per interrupt vector after the admin
// queue's: created at probe, deleted at remove; io_path.h drives them.
#pragma once

#include <kcxx/block/request_dma.h>
#include <kcxx/pci/device.h>
#include <kcxx/sync/rcu.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/vec.h>

#include "admin_queue.h"
#include "shadow_doorbells.h"

namespace cnvme {

using kcxx::code::EIO;

class IoPath; // the block layer's side (io_path.h)

// What a request's data may span: 128 KiB (the disk's limit), which an
// unaligned start spreads over 33 pages: PRP1 and a list of 32 entries.
constexpr u32 MAX_TRANSFER_BYTES = 128 * 1024;
constexpr u32 PRP_LIST_ENTRIES = MAX_TRANSFER_BYTES / nvme::PAGE_SIZE;
// SGL data block descriptors (16 bytes) a tag's slot holds.
constexpr u32 SGL_ENTRIES = PRP_LIST_ENTRIES / 2;
// Each tag's PRP list (256 bytes, never across a page), its SGL (up to 16
// data block descriptors) or, for a discard, its Dataset Management range.
using PrpLists = kcxx::dma::CoherentAllocation<u64>;

// The submitter's side of an I/O submission ring, behind its lock.
struct IoSubmitState {
	u32 tail = 0;	// the next free slot
	u32 rung = 0;	// the tail the controller was last told (doorbell)
	u64 single_segment = 0; // commands whose data was mapped without a scatterlist
};

// One I/O queue pair (qid 1, 2, ...: a submission and a completion ring),
// with an MSI-X vector of its own, and the requests the controller holds
// (in_flight, by command id).  Created at probe and deleted at remove;
// blk-mq's hardware queue qid - 1 submits to it (io_path.h), its interrupt
// ends what completes.
//
// INVARIANT: sq, cq and prp belong to the controller of the AdminQueue the
// handler holds, which created the pair with this id; cq_cursor is
// advanced only by the interrupt handler, and set back by restart() only
// while the controller is disabled and the handler has returned; prp holds PRP_LIST_ENTRIES
// entries per tag, a tag's used only while its request is in flight.
struct IoQueue {
	Devres<SubmissionRing> sq;
	Devres<CompletionRing> cq;
	Devres<PrpLists> prp;
	u16 id;
	u32 sq_doorbell;
	u32 cq_doorbell;
	kcxx::SpinLock<IoSubmitState> submit;
	CompletionCursor cq_cursor;
	kcxx::block::mq::InFlight<IoPath, IO_DEPTH> in_flight;
	// Statistics (sysfs).  completions and sq_doorbell_writes have one
	// writer at a time (the queue's interrupt handler; the holder of the
	// submit lock), so they count with a load and a store: no locked
	// instruction per request.
	kcxx::Atomic<u64> completions{0};
	kcxx::Atomic<u64> unknown_completions{0}; // a command id with no request
	kcxx::Atomic<u64> sq_doorbell_writes{0};  // register writes of the submission tail
	kcxx::Atomic<u64> sgl_commands{0};	  // commands whose data an SGL described
	// The controller's shadow doorbells, if it has them; 'shadow_on' once
	// it was told where they are (and not during a reset).
	kcxx::Option<Arc<ShadowDoorbells>> shadow;
	kcxx::Atomic<u32> shadow_on{0};
	u32 sq_shadow; // this queue's entries in the shadow doorbells
	u32 cq_shadow;

	// After a controller reset (disabled, the queue's interrupt handler
	// finished, its requests taken out of in_flight): both rings start
	// over empty, as the controller's copy of them will.
	Result<void> restart() const
	{
		auto ring = cq.try_access();
		if (!ring)
			return ENODEV;
		TRY(cq_cursor.start_over(**ring, IO_DEPTH));
		auto state = submit.lock();
		state->tail = 0;
		state->rung = 0;
		return {};
	}

	IoQueue(Devres<SubmissionRing> s, Devres<CompletionRing> c, Devres<PrpLists> p, u16 qid, u32 stride,
		kcxx::Option<Arc<ShadowDoorbells>> shadows)
		: sq(std::move(s)), cq(std::move(c)), prp(std::move(p)), id(qid),
		  sq_doorbell(nvme::reg::DOORBELLS + 2 * qid * stride),
		  cq_doorbell(nvme::reg::DOORBELLS + (2 * qid + 1) * stride), submit(KCXX_LOCK_CLASS("cnvme.io_submit")),
		  shadow(std::move(shadows)), sq_shadow(2 * qid * stride / 4), cq_shadow((2 * qid + 1) * stride / 4)
	{
	}

	// Tells the controller the new submission tail (the caller holds the
	// submit lock): the shadow doorbell, and the register only if the
	// controller's event index asks for it; the register alone without
	// shadow doorbells.
	void ring_sq(const Registers &r, u32 tail, const kcxx::rcu::ReadLock &rcu) const
	{
		if (shadow_on.load(kcxx::order::Acquire{})) {
			auto b = (*shadow)->buffer.try_access_with(rcu);
			if (b && !ShadowDoorbells::update(**b, sq_shadow, tail))
				return;
		}
		(void)r.try_write32(tail, sq_doorbell);
		sq_doorbell_writes.store(sq_doorbell_writes.load() + 1); // under the submit lock
	}

	// The same for the completion head (the interrupt handler's).
	void ring_cq(const kcxx::BoundDevice &dev, const Registers &r, u32 head) const
	{
		if (shadow_on.load(kcxx::order::Acquire{})) {
			Result<const DoorbellBuffer *> b = (*shadow)->buffer.access(dev);
			if (b.is_ok() && !ShadowDoorbells::update(*b.value(), cq_shadow, head))
				return;
		}
		(void)r.try_write32(head, cq_doorbell);
	}
};

// An I/O queue's interrupt: ends each request whose command completed
// (io_path.h).
struct IoHandler {
	Arc<IoQueue> queue;
	Arc<AdminQueue> admin; // the registers

	kcxx::irq::Return handle(const kcxx::BoundDevice &dev) const;
};

// A queue pair and its interrupt (the name outlives the registration).
struct IoQueuePair {
	Arc<IoQueue> queue;
	Box<kcxx::StringBuilder<32>> irq_name;
	kcxx::irq::Registration<IoHandler> irq;
};

// Creates queue pair q.id on the controller: its completion queue (on
// interrupt 'vector'), then its submission queue (5.4, 5.5).  At probe and
// after a reset; the caller holds the admin queue's lock.
inline Result<void> create_queue_pair(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &admin,
				      const IoQueue &q, u32 vector)
{
	u64 cq_address, sq_address;
	{
		auto cq = q.cq.try_access();
		auto sq = q.sq.try_access();
		if (!cq || !sq)
			return ENODEV;
		cq_address = (*cq)->dma_address().value();
		sq_address = (*sq)->dma_address().value();
	}
	nvme::Command create_cq{};
	create_cq.cdw0 = nvme::ADMIN_CREATE_CQ;
	create_cq.prp1 = cq_address;
	create_cq.cdw10 = ((IO_DEPTH - 1) << 16) | q.id;
	create_cq.cdw11 = (vector << 16) | nvme::CQ_INTERRUPTS_ENABLED | nvme::QUEUE_CONTIGUOUS;
	AdminAnswer answer = TRY(admin_command(state, admin, create_cq));
	if (answer.status) {
		pr_err("cnvme: creating completion queue %u failed: status 0x%x\n", q.id, answer.status);
		return EIO;
	}
	nvme::Command create_sq{};
	create_sq.cdw0 = nvme::ADMIN_CREATE_SQ;
	create_sq.prp1 = sq_address;
	create_sq.cdw10 = ((IO_DEPTH - 1) << 16) | q.id;
	create_sq.cdw11 = (static_cast<u32>(q.id) << 16) | nvme::QUEUE_CONTIGUOUS;
	answer = TRY(admin_command(state, admin, create_sq));
	if (answer.status) {
		pr_err("cnvme: creating submission queue %u failed: status 0x%x\n", q.id, answer.status);
		return EIO;
	}
	return {};
}

// Doorbell Buffer Config: tells the controller where the shadow doorbells
// are, zeroed first (after the I/O queues are created, as the C driver's
// nvme_dbbuf_set()).  The caller then turns them on for each queue; false
// if the controller refused (the queues keep their register doorbells).
inline Result<bool> configure_shadow_doorbells(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &admin,
					       const ShadowDoorbells &shadow)
{
	u64 address;
	{
		auto b = shadow.buffer.try_access();
		if (!b)
			return ENODEV;
		for (u32 i = 0; i < 2 * ShadowDoorbells::ENTRIES; ++i)
			TRY((*b)->write(i, 0));
		address = (*b)->dma_address().value();
	}
	nvme::Command config{};
	config.cdw0 = nvme::ADMIN_DOORBELL_BUFFER_CONFIG;
	config.prp1 = address;
	config.prp2 = address + nvme::PAGE_SIZE;
	AdminAnswer answer = TRY(admin_command(state, admin, config));
	if (answer.status) {
		pr_warn("cnvme: doorbell buffer config failed: status 0x%x; register doorbells\n", answer.status);
		return false;
	}
	return true;
}

// Set Features, Number of Queues: asks for 'wanted' I/O queue pairs; how
// many the controller grants (0 if it refuses).
inline Result<u32> request_queue_count(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &admin,
				       u32 wanted)
{
	nvme::Command features{};
	features.cdw0 = nvme::ADMIN_SET_FEATURES;
	features.cdw10 = nvme::FEATURE_NUMBER_OF_QUEUES;
	features.cdw11 = ((wanted - 1) << 16) | (wanted - 1);
	AdminAnswer answer = TRY(admin_command(state, admin, features));
	if (answer.status) {
		pr_warn("cnvme: set features (number of queues) failed: status 0x%x\n", answer.status);
		return 0u;
	}
	u32 granted_sq = (answer.result & 0xffff) + 1, granted_cq = (answer.result >> 16) + 1;
	u32 count = wanted < granted_sq ? wanted : granted_sq;
	return count < granted_cq ? count : granted_cq;
}

// Asks the controller for an I/O queue pair per interrupt vector beyond the
// admin queue's (Set Features, Number of Queues), and creates as many as it
// grants, each on its own vector (probe: 'pdev' is bound).  With a single
// vector (INTx, or MSI with one), one I/O queue pair shares it with the
// admin queue, as in the C driver.  On an error the caller disables the
// controller, which deletes every queue it has.
inline Result<kcxx::Vec<IoQueuePair>> create_io_queues(const kcxx::pci::CoreDevice &pdev, const Arc<AdminQueue> &admin,
						u32 stride, unsigned int vectors, bool shadow_doorbells)
{
	const kcxx::BoundDevice &dev = pdev.device();
	unsigned long room = TRY(admin->regs.access(dev))->mapped_size();
	const bool shared_vector = vectors < 2;
	u32 wanted = shared_vector ? 1 : vectors - 1;
	// Each queue's doorbells must lie in BAR0.
	while (wanted > 0 && nvme::reg::DOORBELLS + (2 * wanted + 2) * static_cast<unsigned long>(stride) > room)
		--wanted;
	// Room for every pair up front: a push cannot fail after the
	// controller created the queue.
	auto pairs = TRY(kcxx::Vec<IoQueuePair>::try_with_capacity(wanted ? wanted : 1, kcxx::GFP_KERNEL));
	if (wanted == 0)
		return pairs;
	auto state = admin->submit.lock();
	const u32 count = TRY(request_queue_count(state, *admin, wanted));
	kcxx::Option<Arc<ShadowDoorbells>> shadow;
	if (shadow_doorbells && count && ShadowDoorbells::fits(count, stride))
		shadow.emplace(TRY(Arc<ShadowDoorbells>::try_new(
			kcxx::GFP_KERNEL, TRY(Devres<DoorbellBuffer>::try_new(
						  dev, kcxx::GFP_KERNEL,
						  TRY(DoorbellBuffer::alloc(dev, 2 * ShadowDoorbells::ENTRIES,
									    kcxx::GFP_KERNEL)))))));
	for (u32 qid = 1; qid <= count; ++qid) {
		auto sq = TRY(Devres<SubmissionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(SubmissionRing::alloc(dev, IO_DEPTH, kcxx::GFP_KERNEL))));
		auto cq = TRY(Devres<CompletionRing>::try_new(dev, kcxx::GFP_KERNEL,
							    TRY(CompletionRing::alloc(dev, IO_DEPTH, kcxx::GFP_KERNEL))));
		auto prp = TRY(Devres<PrpLists>::try_new(
			dev, kcxx::GFP_KERNEL, TRY(PrpLists::alloc(dev, IO_DEPTH * PRP_LIST_ENTRIES, kcxx::GFP_KERNEL))));
		auto queue = TRY(Arc<IoQueue>::try_new(kcxx::GFP_KERNEL, std::move(sq), std::move(cq), std::move(prp),
						       static_cast<u16>(qid), stride,
						       shadow ? kcxx::Option<Arc<ShadowDoorbells>>((*shadow).clone())
							      : kcxx::Option<Arc<ShadowDoorbells>>()));
		auto name = TRY(Box<kcxx::StringBuilder<32>>::try_new(kcxx::GFP_KERNEL));
		TRY(name->append("cnvme-"));
		TRY(name->append(dev.name()));
		TRY(name->appendf<"q%u">(qid));
		const u32 vector = shared_vector ? 0 : qid;
		auto irq = TRY(kcxx::irq::Registration<IoHandler>::try_new(
			TRY(pdev.irq_request(vector)), shared_vector ? kcxx::irq::Flags::shared : kcxx::irq::Flags::none,
			name->as_cstr().c_str(), kcxx::GFP_KERNEL, IoHandler{queue.clone(), admin.clone()}));

		TRY(create_queue_pair(state, *admin, *queue, vector));
		TRY(pairs.try_push(IoQueuePair{std::move(queue), std::move(name), std::move(irq)}, kcxx::GFP_KERNEL));
	}
	if (shadow && TRY(configure_shadow_doorbells(state, *admin, **shadow)))
		for (unsigned long i = 0; i < pairs.size(); ++i)
			pairs[i].queue->shadow_on.store(1, kcxx::order::Release{});
	return pairs;
}

// Deletes the I/O queues, newest first, each submission queue before its
// completion queue (5.6, 5.7).  Errors are not fatal: the shutdown that
// follows stops the controller anyway.
inline Result<void> delete_io_queues(kcxx::MutexGuard<AdminSubmitState> &state, const AdminQueue &admin,
			      const kcxx::Vec<IoQueuePair> &pairs)
{
	for (unsigned long i = pairs.size(); i-- > 0;) {
		u32 qid = pairs[i].queue->id;
		nvme::Command command{};
		command.cdw0 = nvme::ADMIN_DELETE_SQ;
		command.cdw10 = qid;
		TRY(admin_command(state, admin, command));
		command.cdw0 = nvme::ADMIN_DELETE_CQ;
		TRY(admin_command(state, admin, command));
	}
	return {};
}

} // namespace cnvme
