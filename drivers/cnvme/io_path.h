// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the block layer's side - one blk-mq tag set for the controller
// (hardware queue i submits to I/O queue i + 1), a disk per namespace, and
// the commands: read and write with PRPs from the request's DMA segments,
// flush, write zeroes, discard (Dataset Management); completion by
// interrupt; a command that times out is aborted, and if it times out
// again the controller is reset (reset.h): its outstanding requests are
// retried, up to max_retries times each (params.h).  A controller that cannot be
// reset, or is gone, is given up: disabled, every outstanding request
// failed.
#pragma once

#include <kcxx/block/gen_disk.h>
#include <kcxx/block/request_dma.h>
#include <kcxx/block/tag_set.h>
#include <kcxx/device.h>

#include "io_queue.h"
#include "namespace.h"
#include "params.h"

namespace cnvme {

namespace mq = kcxx::block::mq;
using kcxx::block::Op;
using kcxx::block::Status;

// The controller's status field of a completion to the block layer's.
inline Status to_status(u32 status)
{
	if (status == 0) [[likely]]
		return Status::ok();
	if ((status & nvme::STATUS_TYPE_MASK) == 0) {
		switch (status & 0xff) {
		case nvme::STATUS_INVALID_OPCODE:
		case nvme::STATUS_INVALID_FIELD:
			return Status::notsupp();
		case nvme::STATUS_CAPACITY_EXCEEDED:
			return Status::nospc();
		default:
			break;
		}
	}
	return Status::ioerr();
}

// The blk-mq driver of one controller: its I/O queues, shared with their
// interrupt handlers.  Lives (in the driver object) until the tag set and
// the disks are gone.
//
// INVARIANT: queues_[i] is the I/O queue pair of hardware queue i, and
// the tag set has exactly queues_.size() hardware queues of depth at most
// IO_DEPTH - 1; admin_ is the controller's admin queue (its registers).
class Reset; // reset.h

class IoPath {
public:
	struct RequestData {
		u8 retries = 0;		 // sent again after a reset (is_retry())
		bool abort_sent = false; // it timed out once: an Abort went out
	};
	using DiskData = NamespaceInfo;
	static constexpr unsigned short dma_segments = PRP_LIST_ENTRIES + 1;
	// Hardware queue i is I/O queue i + 1, on vector i + 1 (0: admin); with
	// a single vector, one I/O queue shares vector 0.
	[[nodiscard]] unsigned int first_queue_vector() const { return shared_vector_ ? 0 : 1; }

	// 'interrupts': what waits for the handlers of every vector the
	// controller's queues use (the admin queue's and the I/O queues').
	IoPath(kcxx::DeviceRef device, Arc<AdminQueue> admin, kcxx::Vec<Arc<IoQueue>> queues, bool shared_vector, bool sgls,
	       Arc<Reset> reset, kcxx::Vec<kcxx::irq::Synchronizer> interrupts)
		: device_(std::move(device)), admin_(std::move(admin)), queues_(std::move(queues)),
		  shared_vector_(shared_vector), sgls_(sgls), reset_(std::move(reset)), interrupts_(std::move(interrupts))
	{
	}

	[[nodiscard]] const kcxx::DeviceRef &dma_device() const { return device_; }
	[[nodiscard]] unsigned long queue_count() const { return queues_.size(); }
	[[nodiscard]] bool is_dead() const { return dead_.load(kcxx::order::Acquire{}) != 0; }
	[[nodiscard]] bool is_resetting() const { return resetting_.load(kcxx::order::Acquire{}) != 0; }
	[[nodiscard]] u64 resets() const { return resets_.load(); }
	// A reset is scheduled (Reset::schedule()): timeouts wait for it.
	void mark_resetting() const { resetting_.store(1, kcxx::order::Release{}); }

	// The doorbell is rung for the last request of a batch only (blk-mq's
	// 'last'; commit_rqs() when a batch ends early), as the C driver: each
	// doorbell write is a trip to the controller.
	mq::QueueStatus queue_rq(mq::Request<IoPath> rq, bool last) const
	{
		if (is_dead()) [[unlikely]] {
			if (last)
				commit_rqs(rq.hw_queue());
			return std::move(rq).into_error(Status::ioerr());
		}
		const NamespaceInfo &ns = rq.disk();
		const IoQueue &q = *queues_[rq.hw_queue()];
		if (!rq.is_retry())
			rq.data().retries = 0;
		rq.data().abort_sent = false;
		nvme::Command command{};
		command.nsid = ns.id;
		const Op op = rq.op();
		if (op == Op::read || op == Op::write) {
			command.cdw0 = op == Op::read ? nvme::IO_READ : nvme::IO_WRITE;
			set_range(command, rq, ns);
			if (rq.is_fua())
				command.cdw12 |= nvme::RW_FUA;
			auto mapped = mq::MappedRequest<IoPath>::map(rq);
			if (!mapped) [[unlikely]] {
				if (last)
					commit_rqs(rq.hw_queue());
				return std::move(rq).into_busy(); // no mapping now: blk-mq retries
			}
			return submit(q, std::move(*mapped), command, last, Payload::data);
		}
		switch (op) {
		case Op::flush:
			command.cdw0 = nvme::IO_FLUSH;
			break;
		case Op::write_zeroes:
			command.cdw0 = nvme::IO_WRITE_ZEROES;
			set_range(command, rq, ns);
			break;
		case Op::discard: {
			command.cdw0 = nvme::IO_DATASET_MANAGEMENT;
			command.cdw10 = 0; // one range
			command.cdw11 = nvme::DSM_DEALLOCATE;
			DsmRange range{rq.sector() >> (ns.lba_shift - 9), rq.bytes() >> ns.lba_shift};
			return submit(q, mq::MappedRequest<IoPath>::without_data(std::move(rq)), command, last,
				      Payload::range, range);
		}
		default:
			if (last)
				commit_rqs(rq.hw_queue());
			return std::move(rq).into_error(Status::notsupp());
		}
		return submit(q, mq::MappedRequest<IoPath>::without_data(std::move(rq)), command, last, Payload::none);
	}

	// Rings hardware queue hw_queue's doorbell if commands were written
	// since it was last rung.
	void commit_rqs(u32 hw_queue) const
	{
		const IoQueue &q = *queues_[hw_queue];
		const kcxx::rcu::ReadLock rcu; // blk-mq's dispatch does not sleep
		auto regs = admin_->regs.try_access_with(rcu);
		auto state = q.submit.lock();
		if (regs && state->rung != state->tail) {
			q.ring_sq(**regs, state->tail, rcu);
			state->rung = state->tail;
		}
	}

	// A command took longer than io_timeout (main.cpp): abort it; if it
	// times out again, reset the controller (reset.h).
	mq::TimeoutAction timeout(mq::RequestRef<IoPath> rq) const;

	// The controller reset (reset.h), from the reset work: process
	// context, 'tags' the tag set this IoPath drives.
	Result<void> reset(const mq::TagSet<IoPath> &tags) const;

	// No new command is sent; the controller is disabled (it stops
	// touching memory) unless it is gone, and every request it held is
	// ended with an error.  Process context (waits for the controller).
	void give_up() const
	{
		dead_.store(1, kcxx::order::Release{});
		if (auto regs = admin_->regs.try_access()) {
			u32 csts = (*regs)->read32<nvme::reg::CSTS>();
			if (csts != REMOVED)
				(void)disable(**regs, nvme::Capabilities{(*regs)->read64<nvme::reg::CAP>()});
		}
		for (unsigned long i = 0; i < queues_.size(); ++i)
			(void)queues_[i]->in_flight.cancel(
				[](mq::MappedRequest<IoPath> &&rq) { std::move(rq).unmap().end(Status::ioerr()); });
	}

private:
	// The starting logical block and the block count (0-based) of a
	// read, write or write zeroes.
	static void set_range(nvme::Command &command, const mq::Request<IoPath> &rq, const NamespaceInfo &ns)
	{
		u64 lba = rq.sector() >> (ns.lba_shift - 9);
		command.cdw10 = static_cast<u32>(lba);
		command.cdw11 = static_cast<u32>(lba >> 32);
		command.cdw12 = (rq.bytes() >> ns.lba_shift) - 1;
	}

	// Describes the mapped data to the controller: PRP1 the first
	// segment's start, PRP2 the second page or a PRP list (the tag's
	// slot of q.prp) of every page after the first.  The disk's limits
	// (page boundaries, MAX_TRANSFER_BYTES) make every segment but the
	// first start, and every one but the last end, on a page: anything
	// else is refused rather than described wrongly.
	static Result<void> set_prps(nvme::Command &command, const mq::MappedRequest<IoPath> &rq, const PrpLists &lists)
	{
		constexpr u64 page_mask = nvme::PAGE_SIZE - 1;
		const unsigned long first_entry = static_cast<unsigned long>(rq.tag()) * PRP_LIST_ENTRIES;
		u32 pages = 0; // after the first
		u64 second = 0;
		bool first = true;
		const kcxx::block::mq::DmaSegments segments = rq.segments();
		unsigned int index = 0;
		for (kcxx::dma::Segment s : segments) {
			u64 start = s.address.value(), end = start + s.length;
			if (!first && (start & page_mask)) [[unlikely]]
				return EIO;
			if (++index < segments.size() && (end & page_mask)) [[unlikely]]
				return EIO;
			u64 page = start & ~page_mask;
			if (first) {
				command.prp1 = start;
				page += nvme::PAGE_SIZE;
				first = false;
			}
			for (; page < end; page += nvme::PAGE_SIZE) {
				if (pages == PRP_LIST_ENTRIES) [[unlikely]]
					return EIO;
				if (pages == 0)
					second = page;
				TRY(lists.write(first_entry + pages, page));
				++pages;
			}
		}
		if (first) [[unlikely]]
			return EIO; // no data
		if (pages == 1)
			command.prp2 = second;
		else if (pages > 1)
			command.prp2 = lists.dma_address().offset(first_entry * sizeof(u64)).value();
		return {};
	}

	// A request mapped as one segment that touches at most two pages (a
	// 4 KiB or 512 B I/O): PRP1 its start, PRP2 the second page if it
	// reaches one - no list, no SGL, as the C driver's
	// nvme_setup_prp_simple() (which it also prefers to an SGL).  False,
	// nothing written, for a longer segment.
	[[gnu::always_inline]] static bool set_prp_simple(nvme::Command &command,
							  const mq::MappedRequest<IoPath> &rq)
	{
		const kcxx::dma::Segment s = *rq.segments().begin();
		const u64 start = s.address.value();
		const u32 first = nvme::PAGE_SIZE - static_cast<u32>(start & (nvme::PAGE_SIZE - 1));
		if (s.length > first + nvme::PAGE_SIZE)
			return false;
		command.prp1 = start;
		command.prp2 = s.length > first ? start + first : 0;
		return true;
	}

	// Whether an SGL describes the request's data, as the C driver's
	// nvme_pci_use_sgls(): the controller has them, and the segments
	// average at least sgl_threshold bytes; and they fit the tag's slot.
	bool use_sgls(const mq::MappedRequest<IoPath> &rq) const
	{
		if (!sgls_)
			return false;
		const u32 threshold = sgl_threshold.get();
		const unsigned int n = rq.segments().size();
		return threshold && n && n <= SGL_ENTRIES && rq.bytes() / n >= threshold;
	}

	// Describes the mapped data by an SGL: one data block descriptor in
	// the command, or a last segment descriptor pointing at the tag's
	// slot, which holds one data block descriptor per DMA segment.
	static Result<void> set_sgls(nvme::Command &command, const mq::MappedRequest<IoPath> &rq, const PrpLists &lists)
	{
		const kcxx::block::mq::DmaSegments segments = rq.segments();
		command.cdw0 |= nvme::PSDT_SGL;
		if (segments.size() == 1) {
			kcxx::dma::Segment s = *segments.begin();
			command.prp1 = s.address.value();
			command.prp2 = s.length | (static_cast<u64>(nvme::SGL_DATA_BLOCK) << 56);
			return {};
		}
		const unsigned long first_entry = static_cast<unsigned long>(rq.tag()) * PRP_LIST_ENTRIES;
		unsigned long entry = first_entry;
		for (kcxx::dma::Segment s : segments) {
			TRY(lists.write(entry++, s.address.value()));
			TRY(lists.write(entry++, s.length | (static_cast<u64>(nvme::SGL_DATA_BLOCK) << 56)));
		}
		command.prp1 = lists.dma_address().offset(first_entry * sizeof(u64)).value();
		command.prp2 = (segments.size() * 16u) | (static_cast<u64>(nvme::SGL_LAST_SEGMENT) << 56);
		return {};
	}

	// What the command points at: nothing, the request's data (PRPs),
	// or a Dataset Management range (in the tag's PRP slot).
	enum class Payload : u8 { none, data, range };
	struct DsmRange {
		u64 lba;
		u32 blocks;
	};

	// A Dataset Management range (16 bytes: context attributes 0, the
	// length in blocks, the first block) in the tag's PRP slot.
	static Result<void> set_range_list(nvme::Command &command, const mq::MappedRequest<IoPath> &rq,
					   const PrpLists &lists, DsmRange range)
	{
		const unsigned long entry = static_cast<unsigned long>(rq.tag()) * PRP_LIST_ENTRIES;
		TRY(lists.write(entry, static_cast<u64>(range.blocks) << 32));
		TRY(lists.write(entry + 1, range.lba));
		command.prp1 = lists.dma_address().offset(entry * sizeof(u64)).value();
		return {};
	}

	// Hands the request to the controller: data described, into the
	// in-flight table under a command id, the command into the ring,
	// the doorbell rung.  Any failure ends the request with an error.
	mq::QueueStatus submit(const IoQueue &q, mq::MappedRequest<IoPath> rq, nvme::Command command, bool last,
			       Payload payload, DsmRange range = {}) const
	{
		// One RCU read-side section for every resource: no atomic
		// operation per request (the tag set is not
		// BLK_MQ_F_BLOCKING: dispatch never sleeps).
		const kcxx::rcu::ReadLock rcu;
		auto regs = admin_->regs.try_access_with(rcu);
		auto ring = q.sq.try_access_with(rcu);
		auto lists = q.prp.try_access_with(rcu);
		if (!regs || !ring || !lists) [[unlikely]] {
			std::move(rq).unmap().end(Status::ioerr());
			return mq::QueueStatus::queued();
		}
		// The request's end without a command: the batch's earlier
		// commands still need their doorbell.
		auto fail = [&](mq::MappedRequest<IoPath> &&failed) {
			const u32 hw = failed.hw_queue();
			std::move(failed).unmap().end(Status::ioerr());
			if (last)
				commit_rqs(hw);
			return mq::QueueStatus::queued();
		};
		Result<void> described = {};
		if (payload == Payload::data && rq.mapped_single() && set_prp_simple(command, rq)) [[likely]] {
			// described: one segment within two pages
		} else if (payload == Payload::data) {
			if (use_sgls(rq)) [[unlikely]] {
				described = set_sgls(command, rq, **lists);
				(void)q.sgl_commands.fetch_add(1);
			} else {
				described = set_prps(command, rq, **lists);
			}
		}
		else if (payload == Payload::range)
			described = set_range_list(command, rq, **lists, range);
		if (described.is_error()) [[unlikely]]
			return fail(std::move(rq));
		const bool single = payload == Payload::data && rq.mapped_single();
		kcxx::Option<u16> id = q.in_flight.hand_over(rq);
		if (!id) [[unlikely]]
			return fail(std::move(rq));
		command.cdw0 = (command.cdw0 & 0xffff) | (static_cast<u32>(*id) << 16);
		auto state = q.submit.lock();
		state->single_segment += single;
		(void)(*ring)->write(state->tail, command);
		state->tail = (state->tail + 1) % IO_DEPTH;
		if (last) {
			q.ring_sq(**regs, state->tail, rcu);
			state->rung = state->tail;
		}
		return mq::QueueStatus::queued();
	}

	kcxx::DeviceRef device_;
	Arc<AdminQueue> admin_;
	kcxx::Vec<Arc<IoQueue>> queues_;
	bool shared_vector_;
	bool sgls_; // the controller takes SGLs for I/O commands
	Arc<Reset> reset_;
	kcxx::Vec<kcxx::irq::Synchronizer> interrupts_;
	mutable kcxx::Atomic<u32> dead_{0};
	mutable kcxx::Atomic<u32> resetting_{0}; // a reset is scheduled or running
	mutable kcxx::Atomic<u64> resets_{0};	 // resets done
};

inline kcxx::irq::Return IoHandler::handle(const kcxx::BoundDevice &dev) const
{
	const IoQueue &q = *queue;
	Result<const Registers *> regs = admin->regs.access(dev);
	Result<const CompletionRing *> cq = q.cq.access(dev);
	if (regs.is_error() || cq.is_error()) [[unlikely]]
		return kcxx::irq::Return::none;
	const CompletionRing &ring = *cq.value();
	// The requests are ended together after the doorbell, as the C
	// driver's nvme_irq() does.
	mq::CompletionBatch<IoPath> batch;
	u32 consumed = q.cq_cursor.consume(ring, IO_DEPTH, [&](u32 index, u16 status) {
		u16 id = ring.read_field(index, &nvme::Completion::command_id).value_or(0xffff);
		if (kcxx::Option<mq::MappedRequest<IoPath>> rq = q.in_flight.take(id))
			batch.add(std::move(*rq), to_status(status >> 1));
		else
			(void)q.unknown_completions.fetch_add(1);
	});
	if (!consumed)
		return kcxx::irq::Return::none;
	q.ring_cq(dev, *regs.value(), q.cq_cursor.head.load());
	batch.finish();
	q.completions.store(q.completions.load() + consumed); // one handler at a time
	return kcxx::irq::Return::handled;
}

} // namespace cnvme
