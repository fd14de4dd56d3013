// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::block::mq::Request<D>: a blk-mq request in flight, owned by whoever
/// holds the handle, for a driver (device) type D.
///
///   QueueStatus queue_rq(Request<Dev> rq, bool last) const     // D's member
///   {
///       if (rq.op() == Op::read)
///           TRY-like: rq.for_each_segment([&](Span<u8> seg) { ...copy into seg... });
///       rq.data().status = Status::ok();     // D::RequestData, per request
///       std::move(rq).end(Status::ok());     // or .complete(), .complete_after(d)
///       return QueueStatus::queued();
///   }
///
/// Ownership is the safety property: exactly one owner may end a request,
/// once, and a request must not be touched after it has ended (blk-mq reuses
/// it at once for other I/O).  The handle is move-only; every way of ending
/// it takes the handle by rvalue and leaves it empty:
///  - end(status): blk_mq_end_request() now;
///  - complete(): blk_mq_complete_request(); blk-mq calls D::complete() with
///    the ownership (in softirq context, possibly on another CPU);
///  - complete_after(delay): a high-resolution timer in the request's own
///    driver data hands it to D::complete() later (D::request_timers);
///  - into_busy() / into_error(): queue_rq() hands it back to blk-mq
///    (BLK_STS_RESOURCE: retried later; an error: blk-mq ends it).
/// Using a handle after it was ended is a build error wherever the compiler
/// can see it (the usual case: the same function), like a moved-from Box.
/// A handle destroyed while it still owns its request ends it with
/// BLK_STS_IOERR and a WARNING, so a forgotten request is an I/O error, not
/// a hung task.  While a request is in flight (between queue_rq and its
/// end), blk-mq keeps it (and its driver data) alive; the handle is the
/// proof of that.
///
/// The accessors are the kernel's static inlines (blk_rq_pos(), req_op(),
/// blk_mq_rq_to_pdu() ...) done in C++ at the offsets of this kernel build:
/// no call.
///
/// INVARIANT: raw_ is null (moved from or ended) or a started request of a
/// tag set of D's, not yet ended, owned by this handle alone; its driver
/// data (right after struct request) is a constructed detail::Pdu<D>.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/compiler.h>
#include <kcxx/block/status.h>
#include <kcxx/bug.h>
#include <kcxx/error.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/time.h>
#include <kcxx/types.h>

namespace kcxx::block::mq {

template <typename D> class Request;

namespace detail {

[[gnu::error("kcxx: this block request was already ended, completed or handed back "
	     "(a moved-from kcxx::block::mq::Request is empty)")]] void
request_used_after_end();

/// A request handle's pointer, in a use that needs it; fails the build when
/// the compiler proves it empty (moved from: ended, completed, given back).
/// No runtime check: the hot path stays what C does.
[[gnu::always_inline]] inline bindings::request *checked(bindings::request *raw)
{
	if (__builtin_constant_p(raw == nullptr) && raw == nullptr)
		request_used_after_end();
	return raw;
}

using kcxx::detail::kernel_field;

template <typename D> concept UsesRequestTimers = requires {
	{ D::request_timers } -> std::convertible_to<bool>;
} && D::request_timers;

/// A request's timer, when D uses complete_after(); nothing otherwise.
template <bool> struct RequestTimer {
	static constexpr bool present = false;
};
template <> struct RequestTimer<true> {
	static constexpr bool present = true;
	kcxx::detail::KernelStruct<bindings::hrtimer, KCXX_SIZEOF_hrtimer, KCXX_ALIGNOF_hrtimer> timer;
};

/// D opts in to mapping requests for DMA (request_dma.h) with
/// 'static constexpr unsigned short dma_segments = N;': each request gets
/// room for N scatterlist entries.
template <typename D> concept UsesRequestDma = requires {
	{ D::dma_segments } -> std::convertible_to<unsigned short>;
} && (D::dma_segments > 0);

template <typename D> constexpr unsigned short dma_segments_of()
{
	if constexpr (UsesRequestDma<D>)
		return D::dma_segments;
	else
		return 0;
}

/// A request's DMA mapping state (request_dma.h): a scatterlist of N
/// entries and what was mapped.  Nothing without DMA.
///
/// INVARIANT: mapped == 0, or entries 0..nents-1 of sgl are mapped for
/// 'device' in direction 'direction' (MappedRequest owns that).
template <unsigned short N> struct RequestDmaState {
	kcxx::detail::KernelStruct<bindings::scatterlist, KCXX_SIZEOF_scatterlist * N, KCXX_ALIGNOF_scatterlist> sgl;
	bindings::device *device = nullptr;
	unsigned int nents = 0;	 // entries mapped (for the unmap)
	unsigned int count = 0;	 // DMA segments
	u8 direction = 0;
	bool mapped = false;
	// Mapped without the scatterlist (one segment: dma_map_bvec()).
	bool single = false;
	unsigned int single_length = 0;
	u64 single_address = 0;
};
template <> struct RequestDmaState<0> {};

/// The driver data of every request of a tag set of D's (its 'PDU',
/// cmd_size bytes right after struct request): the timer first, so that
/// the timer callback finds the PDU at the timer's address.
///
/// INVARIANT: constructed in init_request, destroyed in exit_request
/// (see tag_set.h); in between, 'data' is a live D::RequestData.
template <typename D> struct Pdu {
	[[no_unique_address]] RequestTimer<UsesRequestTimers<D>> timer;
	[[no_unique_address]] RequestDmaState<dma_segments_of<D>()> dma;
	typename D::RequestData data;
};

template <typename D> [[gnu::always_inline]] inline Pdu<D> *pdu_of(bindings::request *rq)
{
	// SAFETY: blk_mq_rq_to_pdu(): the PDU follows struct request, which
	// blk-mq allocates with cmd_size = sizeof(Pdu<D>) extra bytes.
	return reinterpret_cast<Pdu<D> *>(reinterpret_cast<char *>(rq) + KCXX_SIZEOF_request);
}
template <typename D> [[gnu::always_inline]] inline bindings::request *request_of(Pdu<D> *pdu)
{
	// SAFETY: blk_mq_rq_from_pdu(): the inverse of pdu_of().
	return reinterpret_cast<bindings::request *>(reinterpret_cast<char *>(pdu) - KCXX_SIZEOF_request);
}

/// What every request view can read.  Base of Request and RequestRef.
class RequestFields {
public:
	/// The first sector (512 bytes), blk_rq_pos().
	[[nodiscard]] u64 sector() const
	{
		static_assert(KCXX_SIZEOF_request_sector == sizeof(u64));
		return kernel_field<u64>(checked(raw_), KCXX_OFFSETOF_request_sector);
	}
	/// The remaining length in bytes, blk_rq_bytes().
	[[nodiscard]] u32 bytes() const
	{
		static_assert(KCXX_SIZEOF_request_data_len == sizeof(u32));
		return kernel_field<u32>(checked(raw_), KCXX_OFFSETOF_request_data_len);
	}
	/// The remaining length in sectors, blk_rq_sectors().
	[[nodiscard]] u32 sectors() const { return bytes() >> KCXX_SECTOR_SHIFT; }
	[[nodiscard]] Op op() const
	{
		switch (cmd_flags() & KCXX_REQ_OP_MASK) {
		case KCXX_REQ_OP_READ:
			return Op::read;
		case KCXX_REQ_OP_WRITE:
			return Op::write;
		case KCXX_REQ_OP_FLUSH:
			return Op::flush;
		case KCXX_REQ_OP_DISCARD:
			return Op::discard;
		case KCXX_REQ_OP_WRITE_ZEROES:
			return Op::write_zeroes;
		default:
			return Op::other;
		}
	}
	/// The request's tag: unique among the requests in flight on its
	/// hardware queue, below the tag set's queue depth.
	[[nodiscard]] u32 tag() const
	{
		static_assert(KCXX_SIZEOF_request_tag == sizeof(int));
		return static_cast<u32>(kernel_field<int>(checked(raw_), KCXX_OFFSETOF_request_tag));
	}
	/// The request is being dispatched again after retry() (false on its
	/// first dispatch, and after a plain into_busy()).
	[[nodiscard]] bool is_retry() const
	{
		// RQF_DONTPREP, which retry() sets (kcxx_helper_blk_mq_requeue_retry()).
		static_assert(KCXX_SIZEOF_request_rq_flags == sizeof(u32));
		return (kernel_field<u32>(checked(raw_), KCXX_OFFSETOF_request_rq_flags) & KCXX_RQF_DONTPREP) != 0;
	}
	/// Forced unit access: the data must be on stable media when it ends.
	[[nodiscard]] bool is_fua() const { return (cmd_flags() & KCXX_REQ_FUA) != 0; }
	/// The index of the hardware queue the request was dispatched to
	/// (0 .. nr_hw_queues - 1: hctx->queue_num).
	[[nodiscard]] u32 hw_queue() const
	{
		static_assert(KCXX_SIZEOF_blk_mq_hw_ctx_queue_num == sizeof(unsigned int));
		auto *hctx = kernel_field<bindings::blk_mq_hw_ctx *>(checked(raw_), KCXX_OFFSETOF_request_mq_hctx);
		return kernel_field<unsigned int>(hctx, KCXX_OFFSETOF_blk_mq_hw_ctx_queue_num);
	}

protected:
	explicit RequestFields(bindings::request *raw) : raw_(raw) {}

	[[nodiscard]] u32 cmd_flags() const
	{
		static_assert(KCXX_SIZEOF_request_cmd_flags == sizeof(u32));
		return kernel_field<u32>(checked(raw_), KCXX_OFFSETOF_request_cmd_flags);
	}

	bindings::request *raw_;
};

template <typename D> struct Operations;
/// D gives each disk of its tag set data of its own ('using DiskData = ...;',
/// GenDiskBuilder::build(name, tags, Box<DiskData>)), which requests reach.
template <typename D> concept UsesDiskData = requires { typename D::DiskData; };
/// D opts in to poll queues (tag_set.h) with 'static constexpr bool poll_queues = true;'.
template <typename D> concept UsesPollQueues = requires {
	{ D::poll_queues } -> std::convertible_to<bool>;
} && D::poll_queues;
/// Parks a started request on its tag set's poll list (tag_set.h).
template <typename D> void park_polled(bindings::request *rq);

} // namespace detail

template <typename D> concept HasComplete = requires(Request<D> &&rq) {
	{ D::complete(std::move(rq)) } -> std::same_as<void>;
};

/// What queue_rq() tells blk-mq.  queued() once the request handle has been
/// consumed (ended, completed, on its timer); into_busy()/into_error() of
/// the Request otherwise.
class QueueStatus {
public:
	/// For queue_rq(): the request was taken (it is owned elsewhere now).
	[[nodiscard]] static constexpr QueueStatus queued() { return QueueStatus(KCXX_BLK_STS_OK); }
	/// The blk_status_t the kernel receives.
	[[nodiscard]] constexpr u8 raw() const { return value_; }

private:
	template <typename> friend class Request;
	explicit constexpr QueueStatus(u8 value) : value_(value) {}
	u8 value_;
};

/// A borrowed view of a request someone else owns (the timeout handler's):
/// it can be read and its driver data changed, not ended.
template <typename D> class RequestRef : public detail::RequestFields {
public:
	/// The request's driver data (D::RequestData).
	[[nodiscard]] typename D::RequestData &data() const { return detail::pdu_of<D>(raw_)->data; }

private:
	friend struct detail::Operations<D>;
	explicit RequestRef(bindings::request *raw) : RequestFields(raw) {}
};

/// A blk-mq request in flight, owned by whoever holds the handle (move-only),
/// for a driver type D; it must be ended (or retried) exactly once.
template <typename D> class Request : public detail::RequestFields {
public:
	/// Takes over other's request; other holds none.
	Request(Request &&other) : RequestFields(std::exchange(other.raw_, nullptr)) {}
	Request &operator=(Request &&) = delete;
	Request(const Request &) = delete;
	Request &operator=(const Request &) = delete;

	~Request()
	{
		if (raw_) [[unlikely]]
			abandoned();
	}

	/// @{
	/// The request's own driver data (D::RequestData): this handle's alone.
	[[nodiscard]] typename D::RequestData &data() { return detail::pdu_of<D>(detail::checked(raw_))->data; }
	[[nodiscard]] const typename D::RequestData &data() const
	{
		return detail::pdu_of<D>(detail::checked(raw_))->data;
	}
	/// @}

	/// Ends the request now (blk_mq_end_request()): any context.
	void end(Status status) &&
	{
		// SAFETY: raw_ is started and not ended, owned here (INVARIANT);
		// it is given up before blk-mq can reuse it.
		bindings::blk_mq_end_request(detail::checked(std::exchange(raw_, nullptr)), status.raw());
	}

	/// Gives a started request back to blk-mq to be dispatched again
	/// (blk_mq_requeue_request(), the requeue list kicked): for a request
	/// the device lost (a reset), with its data unmapped.  It returns to
	/// queue_rq() ahead of the I/O scheduler's requests, with is_retry()
	/// true; process or interrupt context.
	void retry() &&
	{
		// SAFETY: as for end(): owned and started; blk-mq owns it
		// again until it hands it to queue_rq().
		bindings::kcxx_helper_blk_mq_requeue_retry(detail::checked(std::exchange(raw_, nullptr)));
	}

	/// Completes the request through blk-mq (blk_mq_complete_request()):
	/// D::complete() gets it back, in softirq context or at once.
	void complete() &&
	{
		// static_asserts, not requires-clauses: clang 14 (Debian's
		// clangd) checks those while Request<D> is incomplete and
		// rejects every call.
		static_assert(HasComplete<D>, "kcxx: complete() needs D's 'static void "
					      "complete(kcxx::block::mq::Request<D>)' (HasComplete<D>)");
		// SAFETY: as for end(); blk-mq calls ->complete exactly once,
		// which builds a new handle from it (Operations::complete).
		bindings::blk_mq_complete_request(detail::checked(std::exchange(raw_, nullptr)));
	}

	/// Completes the request after 'delay', from a high-resolution timer
	/// in its own driver data: D::complete() gets it back then (in hard
	/// IRQ context).  D::request_timers must be true.
	void complete_after(Duration delay) &&
	{
		static_assert(HasComplete<D>, "kcxx: complete_after() needs D's 'static void "
					      "complete(kcxx::block::mq::Request<D>)' (HasComplete<D>)");
		static_assert(detail::UsesRequestTimers<D>,
			      "kcxx: complete_after() needs 'static constexpr bool request_timers = true;' in D");
		auto *pdu = detail::pdu_of<D>(detail::checked(std::exchange(raw_, nullptr)));
		// SAFETY: the timer was initialised in init_request and is
		// inactive: its previous expiry ended this request before
		// blk-mq could hand it out again; Operations::timer_expired
		// gives the request to D::complete().
		bindings::hrtimer_start_range_ns(pdu->timer.timer.get(), delay.as_ns(), 0,
						 static_cast<bindings::hrtimer_mode>(KCXX_HRTIMER_MODE_REL));
	}

	/// Submitted for polling (REQ_POLLED: io_uring IOPOLL, RWF_HIPRI): the
	/// request is on a poll queue, where only complete_on_poll() ends it
	/// when the poller asks (the others work too, but nobody polls then).
	[[nodiscard]] bool is_polled() const
	{
		// SAFETY: raw_ is a live request (INVARIANT).
		return bindings::kcxx_helper_rq_is_polled(detail::checked(raw_));
	}

	/// Hands the request to the poller: the tag set's ->poll gives it to
	/// D::complete() when blk-mq polls this disk (D::poll_queues).
	void complete_on_poll() &&
	{
		static_assert(HasComplete<D>, "kcxx: complete_on_poll() needs D's 'static void "
					      "complete(kcxx::block::mq::Request<D>)' (HasComplete<D>)");
		static_assert(detail::UsesPollQueues<D>,
			      "kcxx: complete_on_poll() needs 'static constexpr bool poll_queues = true;' in D");
		// SAFETY: as for end(): owned here, given to the poll list,
		// which hands it to D::complete() exactly once.
		detail::park_polled<D>(detail::checked(std::exchange(raw_, nullptr)));
	}

	/// For queue_rq(): give the request back to blk-mq to retry later
	/// (BLK_STS_RESOURCE), or to end with an error status.
	[[nodiscard]] QueueStatus into_busy() &&
	{
		(void)detail::checked(std::exchange(raw_, nullptr));
		return QueueStatus(KCXX_BLK_STS_RESOURCE);
	}
	/// For queue_rq(): end the request now with 'status', an error.
	[[nodiscard]] QueueStatus into_error(Status status) &&
	{
		(void)detail::checked(std::exchange(raw_, nullptr));
		return QueueStatus(status.is_ok() ? KCXX_BLK_STS_IOERR : status.raw());
	}

	/// Calls f(Span<u8>) for each single-page segment of the request's data,
	/// in order (rq_for_each_segment()); stops at the first error f returns.
	/// For a read, f fills the segment; for a write, it consumes it.
	template <typename F> Result<void> for_each_segment(F &&f)
	{
		static_assert(std::is_same_v<decltype(f(Span<u8>())), Result<void>>,
			      "kcxx: for_each_segment(f) needs f(kcxx::Span<kcxx::u8>) -> kcxx::Result<void>");
		constexpr unsigned int batch = 8;
		kcxx::detail::KernelStruct<bindings::req_iterator, KCXX_SIZEOF_req_iterator,
					   KCXX_ALIGNOF_req_iterator>
			iter;
		bindings::kcxx_segment segments[batch];
		// SAFETY: raw_ is in flight (INVARIANT): its bios stay put.
		bindings::kcxx_helper_rq_iter_init(detail::checked(raw_), iter.get());
		for (;;) {
			// SAFETY: iter was initialised for raw_ above.
			unsigned int n = bindings::kcxx_helper_rq_segments(iter.get(), segments, batch);
			if (n == 0)
				return {};
			for (unsigned int i = 0; i < n; ++i) {
				// SAFETY: a segment is len bytes of a mapped page
				// of the request's data, alive while it is in flight.
				u8 *data = static_cast<u8 *>(segments[i].data);
				TRY(f(kcxx::detail::SpanAccess::from_raw_parts(data, segments[i].len)));
			}
		}
	}

	/// The data of the disk the request is for (D::DiskData): the disk,
	/// and so its data, outlives every request on it (GenDisk).  A
	/// template, so that a D without DiskData (cnull) can still instantiate
	/// Request<D>: g++ 12 forms a member's return type with the class, even
	/// under a requires-clause.
	template <typename Self = D>
		requires detail::UsesDiskData<Self>
	[[nodiscard]] const typename Self::DiskData &disk() const
	{
		auto *queue = detail::kernel_field<void *>(detail::checked(raw_), KCXX_OFFSETOF_request_q);
		// SAFETY: every disk of a tag set of a D with DiskData is built
		// with one as its queuedata (GenDiskBuilder::build()).
		return *static_cast<const typename Self::DiskData *>(
			detail::kernel_field<void *>(queue, KCXX_OFFSETOF_request_queue_queuedata));
	}


private:
	friend struct detail::Operations<D>;
	template <typename> friend class TagSet;
	template <typename> friend class MappedRequest;
	explicit Request(bindings::request *raw) : RequestFields(raw) {}

	[[KCXX_COLD, gnu::noinline]] void abandoned()
	{
		warn("kcxx: a block request was dropped without being ended: ending it with BLK_STS_IOERR");
		std::move(*this).end(Status::ioerr());
	}
};

} // namespace kcxx::block::mq
