// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::block::mq::MappedRequest<D>: a request in flight whose data is
/// mapped for DMA by the device (blk_rq_map_sg() + dma_map_sg()), and
/// kcxx::block::mq::InFlight<D, DEPTH>: the requests a device is working
/// on, by command id, for a driver of real hardware (cnvme).
///
///   class Dev {                                        // the tag set's D
///       static constexpr unsigned short dma_segments = 33; // scatterlist room
///       const kcxx::DeviceRef &dma_device() const;     // who does the DMA
///       ...
///   };
///   QueueStatus Dev::queue_rq(Request<Dev> rq, bool) const {
///       Option<MappedRequest<Dev>> mapped = MappedRequest<Dev>::map(rq);
///       if (!mapped)
///           return std::move(rq).into_busy();          // rq is still ours
///       for (kcxx::dma::Segment s : mapped->segments()) ... // build the descriptors
///       u16 id = TRY-like: in_flight.hand_over(*mapped);   // the table owns it now
///       ... write the command with 'id', ring the doorbell
///   }
///   // completion (interrupt): the device reports 'id'
///   if (Option<MappedRequest<Dev>> done = in_flight.take(id))
///       std::move(*done).unmap().end(status);
///
/// Ownership, as for Request (request.h): exactly one owner ends a request.
/// MappedRequest owns the request and its mapping; unmap() && gives the
/// request back (unmapped, exactly once).  A MappedRequest dropped while it
/// owns one is unmapped and ended with BLK_STS_IOERR, with a WARNING.
/// InFlight holds the requests the device owns: hand_over() moves one in
/// under a command id, take(id) moves it out again once - a second take of
/// the same id, an id never handed out, or an id of a request that has
/// since been taken and handed over again (the id carries a generation, as
/// the C nvme driver's command ids do) finds nothing, so a device that
/// completes a command twice, or makes one up, cannot make the driver end a
/// request twice or end someone else's.
///
/// The mapping's direction follows the request (a write is read by the
/// device, a read written by it); the CPU never touches the data while it
/// is mapped, so the direction is a value, not a type as in dma/mapping.h.
/// The scatterlist lives in the request's driver data (D::dma_segments
/// entries): no allocation per I/O.  The disk must keep requests within
/// that many segments (GenDiskBuilder::max_segments()); a request with more
/// is refused, never overflowed.
///
/// INVARIANT (MappedRequest): raw_ is null (moved from, unmapped) or a
/// started request of a tag set of D's, owned by this handle alone, whose
/// RequestDmaState is mapped for D::dma_device() of the set's D, which
/// outlives every request of the set (TagSet INVARIANT) - through the
/// scatterlist, or (single) its one segment by dma_map_bvec() - or not
/// mapped at all (without_data()).
/// INVARIANT (InFlight): slots_[i] is null or a request that was handed
/// over as id (generations_[i] << TagBits) | i, mapped and owned by the
/// table; only take() and cancel() empty a slot, with an exchange.
#pragma once

#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/compiler.h>
#include <kcxx/block/request.h>
#include <kcxx/block/status.h>
#include <kcxx/bug.h>
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/dma/sg_table.h>
#include <kcxx/option.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/types.h>

namespace kcxx::block::mq {

template <typename D> concept HasDmaDevice = requires(const D &d) {
	{ d.dma_device() } -> std::same_as<const DeviceRef &>;
};

template <typename D, unsigned int Depth> class InFlight;

/// The mapped DMA segments of a request, as the device sees them.
class DmaSegments {
public:
	/// Walks the segments in order.
	class Iterator {
	public:
		/// What the iterator yields: a DMA segment.
		using value_type = dma::Segment;
		/// The distance between two positions.
		using difference_type = long;
		/// The segment at this position.
		dma::Segment operator*() const
		{
			if (!base_) [[unlikely]]
				return single_;
			const char *entry = base_ + index_ * KCXX_SIZEOF_scatterlist;
			return {dma::Address(*reinterpret_cast<const u64 *>(entry + KCXX_OFFSETOF_scatterlist_dma_address)),
				*reinterpret_cast<const unsigned int *>(entry + KCXX_OFFSETOF_scatterlist_dma_length)};
		}
		/// Moves to the next segment.
		Iterator &operator++()
		{
			++index_;
			return *this;
		}
		/// Equal at the same position.
		bool operator==(const Iterator &other) const { return index_ == other.index_; }

	private:
		friend class DmaSegments;
		Iterator(const char *base, unsigned int index, dma::Segment single)
			: base_(base), index_(index), single_(single)
		{
		}
		const char *base_; // null: the one segment is single_
		unsigned int index_;
		dma::Segment single_;
	};

	/// The first segment.
	[[nodiscard]] Iterator begin() const { return Iterator(base_, 0, single_); }
	/// Past the last segment.
	[[nodiscard]] Iterator end() const { return Iterator(base_, count_, single_); }
	/// The number of segments (0 if the request is not mapped).
	[[nodiscard]] unsigned int size() const { return count_; }

private:
	template <typename> friend class MappedRequest;
	DmaSegments(const char *base, unsigned int count) : base_(base), count_(count) {}
	explicit DmaSegments(dma::Segment single) : base_(nullptr), count_(1), single_(single) {}
	// SAFETY (reads above): entries 0..count_-1 of a scatterlist array
	// that dma_map_sg() filled in, alive while the MappedRequest is; or,
	// with base_ null, the one segment a request mapped without one has.
	const char *base_;
	unsigned int count_;
	dma::Segment single_{dma::Address(0), 0};
};

/// A request in flight whose data is mapped for DMA by the device
/// (blk_rq_map_sg() + dma_map_sg()); unmapped exactly once (unmap(), or at
/// destruction with an I/O error).
template <typename D> class MappedRequest : public detail::RequestFields {
	static_assert(detail::UsesRequestDma<D>,
		      "kcxx: MappedRequest<D> needs 'static constexpr unsigned short dma_segments = N;' in D");
	static_assert(HasDmaDevice<D>, "kcxx: MappedRequest<D> needs 'const kcxx::DeviceRef &dma_device() const' in D");

public:
	/// Maps rq's data for D::dma_device() and takes the request; with no
	/// data, too many segments or a failed mapping, returns none and rq
	/// stays the caller's (to give back busy, or end).  A request of one
	/// physical segment (one bio, one bvec: a 4 KiB direct read, say) is
	/// mapped without the scatterlist (dma_map_bvec()), as the C nvme
	/// driver's fast path; mapped_single() tells which.
	[[nodiscard]] static Option<MappedRequest> map(Request<D> &rq)
	{
		bindings::request *raw = detail::checked(rq.raw_);
		auto &state = detail::pdu_of<D>(raw)->dma;
		if (state.mapped) [[unlikely]]
			panic("kcxx: a block request's data mapped twice");
		bindings::blk_mq_hw_ctx *hctx =
			detail::kernel_field<bindings::blk_mq_hw_ctx *>(raw, KCXX_OFFSETOF_request_mq_hctx);
		const D &d = detail::Operations<D>::device(hctx);
		bindings::device *dev = d.dma_device().get().as_raw();
		const u8 direction = rq.op() == Op::write ? KCXX_DMA_TO_DEVICE : KCXX_DMA_FROM_DEVICE;
		unsigned long long address = 0;
		unsigned int length = 0;
		// SAFETY: a started request (Request INVARIANT); the device
		// outlives it (as below); the helper maps nothing unless the
		// request is one bvec, and then all of it.
		if (bindings::kcxx_helper_rq_dma_map_bvec(dev, raw, direction, &address, &length)) [[likely]] {
			state.device = dev;
			state.nents = 0;
			state.count = 1;
			state.single_length = length;
			state.direction = direction;
			state.single = true;
			state.single_address = address;
			state.mapped = true;
			rq.raw_ = nullptr;
			return MappedRequest(raw);
		}
		unsigned int nents = 0;
		// SAFETY: a started request (Request INVARIANT) and the
		// scatterlist of its own driver data, D::dma_segments entries
		// (the helper refuses a request with more); the device outlives
		// the request (D::dma_device(), D outlives the set).
		unsigned int count = bindings::kcxx_helper_rq_dma_map(dev, raw, state.sgl.get(), D::dma_segments,
								      direction, &nents);
		if (count == 0)
			return {};
		state.device = dev;
		state.nents = nents;
		state.count = count;
		state.direction = direction;
		state.single = false;
		state.mapped = true;
		rq.raw_ = nullptr;
		return MappedRequest(raw);
	}

	/// Takes a request that has no data to map (a flush, a discard or
	/// write zeroes described by the command itself), so that it goes
	/// through the same hands (InFlight) as the others.
	[[nodiscard]] static MappedRequest without_data(Request<D> &&rq)
	{
		return MappedRequest(detail::checked(std::exchange(rq.raw_, nullptr)));
	}

	/// Takes over other's request; other holds none.
	MappedRequest(MappedRequest &&other) : RequestFields(std::exchange(other.raw_, nullptr)) {}
	MappedRequest &operator=(MappedRequest &&) = delete;
	MappedRequest(const MappedRequest &) = delete;
	MappedRequest &operator=(const MappedRequest &) = delete;
	~MappedRequest()
	{
		if (raw_) [[unlikely]]
			abandoned();
	}

	/// The request's mapped segments, as the device sees them.
	[[nodiscard]] DmaSegments segments() const
	{
		const auto &state = detail::pdu_of<D>(detail::checked(raw_))->dma;
		if (state.mapped && state.single)
			return DmaSegments(dma::Segment{dma::Address(state.single_address), state.single_length});
		return DmaSegments(reinterpret_cast<const char *>(state.sgl.get()), state.mapped ? state.count : 0);
	}
	/// Whether the data was mapped without the scatterlist (one segment).
	[[nodiscard]] bool mapped_single() const
	{
		const auto &state = detail::pdu_of<D>(detail::checked(raw_))->dma;
		return state.mapped && state.single;
	}
	/// The request's own driver data (D::RequestData).
	[[nodiscard]] typename D::RequestData &data() { return detail::pdu_of<D>(detail::checked(raw_))->data; }

	/// Unmaps the data (what the device wrote is the CPU's) and gives the
	/// request back.
	[[nodiscard]] Request<D> unmap() &&
	{
		bindings::request *raw = detail::checked(std::exchange(raw_, nullptr));
		release(raw);
		return Request<D>(raw);
	}

private:
	template <typename, unsigned int> friend class InFlight;
	template <typename> friend class CompletionBatch;
	explicit MappedRequest(bindings::request *raw) : RequestFields(raw) {}

	static void release(bindings::request *raw)
	{
		auto &state = detail::pdu_of<D>(raw)->dma;
		if (!state.mapped)
			return; // without_data()
		// SAFETY: mapped by map() with this segment or these entries,
		// device and direction (INVARIANT); 'mapped' cleared: unmapped
		// once.
		if (state.single)
			bindings::kcxx_helper_rq_dma_unmap_bvec(state.device, state.single_address,
								state.single_length, state.direction);
		else
			bindings::kcxx_helper_rq_dma_unmap(state.device, state.sgl.get(), state.nents, state.direction);
		state.mapped = false;
	}

	[[KCXX_COLD, gnu::noinline]] void abandoned()
	{
		warn("kcxx: a mapped block request was dropped: unmapping it and ending it with BLK_STS_IOERR");
		std::move(*this).unmap().end(Status::ioerr());
	}
};

/// Finished requests ended together, as an interrupt handler collects them:
/// add() each (its data is unmapped when the batch ends), finish() once the
/// device has been told the entries are consumed (or at destruction).  One
/// blk_mq_end_request_batch() then ends them: one tag release per queue,
/// one wake-up per waiter, as the C nvme driver's nvme_pci_complete_batch().
/// A request that cannot join (an error status, an I/O scheduler on 6.1, a
/// completion hook) is unmapped and ended at once, as without a batch.
///
/// INVARIANT: iob_ is a struct io_comp_batch (zeroed: DEFINE_IO_COMP_BATCH)
/// whose list holds requests this batch owns, each mapped or not as its
/// RequestDmaState says, and whose completion is complete_batch() or none.
template <typename D> class CompletionBatch {
public:
	CompletionBatch() { __builtin_memset(static_cast<void *>(iob_.get()), 0, KCXX_SIZEOF_io_comp_batch); }
	CompletionBatch(const CompletionBatch &) = delete;
	CompletionBatch &operator=(const CompletionBatch &) = delete;
	~CompletionBatch() { finish(); }

	/// Adds a finished request with its status; its data is unmapped when the
	/// batch ends (or now, if it cannot join).
	void add(MappedRequest<D> &&rq, Status status)
	{
		bindings::request *raw = detail::checked(std::exchange(rq.raw_, nullptr));
		// SAFETY: a started request this handle owned: the batch owns
		// it now, and ends it in finish().
		if (status.is_ok() && bindings::kcxx_helper_blk_mq_add_to_batch(raw, iob_.get(), &complete_batch)) [[likely]]
			return;
		// SAFETY: not taken into the batch: still ours alone, ended
		// here once, after its unmap.
		MappedRequest<D>::release(raw);
		bindings::blk_mq_end_request(raw, status.raw());
	}

	/// Unmaps and ends every request added so far.
	void finish()
	{
		if (detail::kernel_field<bindings::request *>(iob_.get(), 0))
			complete_batch(iob_.get());
	}

private:
	static void complete_batch(bindings::io_comp_batch *iob)
	{
		// SAFETY: the list holds requests added by add(), owned by
		// the batch (INVARIANT), linked through rq_next.
		for (bindings::request *rq = detail::kernel_field<bindings::request *>(iob, 0); rq;
		     rq = detail::kernel_field<bindings::request *>(rq, KCXX_OFFSETOF_request_rq_next))
			MappedRequest<D>::release(rq);
		// Empties the list (ends each request once).
		bindings::blk_mq_end_request_batch(iob);
	}

	kcxx::detail::KernelStruct<bindings::io_comp_batch, KCXX_SIZEOF_io_comp_batch, KCXX_ALIGNOF_io_comp_batch> iob_;
};

/// The requests a device is working on, by command id: DEPTH slots (a power
/// of two, at most 4096), one per tag; the id's upper bits are the slot's
/// generation.
template <typename D, unsigned int Depth> class InFlight {
	static_assert(Depth >= 2 && Depth <= 4096 && (Depth & (Depth - 1)) == 0,
		      "kcxx: InFlight's depth is a power of two up to 4096 (command ids are 16 bits)");
	static constexpr unsigned int TagBits = __builtin_ctz(Depth);

public:
	InFlight() = default;
	InFlight(const InFlight &) = delete;
	InFlight &operator=(const InFlight &) = delete;
	~InFlight()
	{
		// A request left here would never end: whoever owns the table
		// cancels what the device did not complete before dropping it.
		for (unsigned int i = 0; i < Depth; ++i)
			if (slots_[i].load()) [[unlikely]]
				panic("kcxx: an InFlight table dropped with requests in it");
	}

	/// Moves 'rq' into the table (its tag's slot) and returns the command
	/// id to give the device.  None, and rq untouched, if its tag is beyond
	/// the table or the slot is taken (neither happens with a tag set of
	/// at most DEPTH tags).
	[[nodiscard]] Option<u16> hand_over(MappedRequest<D> &rq) const
	{
		const u32 tag = rq.tag();
		if (tag >= Depth) [[unlikely]]
			return {};
		// The generation changes only here, while the slot is empty
		// (take() reads it before emptying the slot).
		const u32 generation = (generations_[tag].load() + 1) & GenerationMask;
		generations_[tag].store(generation);
		bindings::request *expected = nullptr;
		if (!slots_[tag].compare_exchange(expected, detail::checked(rq.raw_), order::release)) [[unlikely]]
			return {};
		rq.raw_ = nullptr;
		return static_cast<u16>((generation << TagBits) | tag);
	}

	/// The request handed over as 'id', moved out of the table; none if
	/// there is none (see the top of this file).
	[[nodiscard]] Option<MappedRequest<D>> take(u16 id) const
	{
		const unsigned int tag = id & (Depth - 1);
		if (static_cast<u32>(id >> TagBits) != generations_[tag].load()) [[unlikely]]
			return {};
		bindings::request *raw = slots_[tag].exchange(nullptr, order::acquire);
		if (!raw) [[unlikely]]
			return {};
		return MappedRequest<D>(raw);
	}

	/// The command id under which the request with this tag is in the
	/// table; none if the slot is empty.  (The timeout handler's: the id
	/// to name in an abort.  The request may complete meanwhile, so the
	/// id may be stale by the time the device sees it; take() refuses a
	/// stale id.)
	[[nodiscard]] Option<u16> command_id(u32 tag) const
	{
		if (tag >= Depth || !slots_[tag].load(order::acquire))
			return {};
		return static_cast<u16>((generations_[tag].load() << TagBits) | tag);
	}

	/// Every request still in the table, moved out (a device that will not
	/// complete them: removed, disabled): f(MappedRequest<D>&&) each.
	template <typename F> unsigned int cancel(F &&f) const
	{
		unsigned int n = 0;
		for (unsigned int i = 0; i < Depth; ++i) {
			if (bindings::request *raw = slots_[i].exchange(nullptr, order::acquire)) {
				f(MappedRequest<D>(raw));
				++n;
			}
		}
		return n;
	}

private:
	static constexpr u32 GenerationMask = (1u << (16 - TagBits)) - 1;
	Atomic<bindings::request *> slots_[Depth];
	Atomic<u32> generations_[Depth];
};

} // namespace kcxx::block::mq
