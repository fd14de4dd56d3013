// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::block::mq::TagSet<D>: a blk-mq tag set (struct blk_mq_tag_set)
/// whose operations are the members of a driver type D, bound at compile time.
///
///     class Dev {
///     public:
///         struct RequestData { ... };                  // per request (the PDU)
///         static constexpr bool request_timers = true; // optional: complete_after()
///
///         QueueStatus queue_rq(Request<Dev> rq, bool last) const;  // required
///         void commit_rqs(u32 hw_queue) const;                     // optional
///         static void complete(Request<Dev> rq);                   // optional: complete()
///         TimeoutAction timeout(RequestRef<Dev> rq) const;         // optional
///         static constexpr bool poll_queues = true;    // optional: complete_on_poll()
///     };
///     auto tags = TRY(TagSet<Dev>::try_new(GFP_KERNEL, {.nr_hw_queues = 2, .queue_depth = 64}, dev));
///
/// - The struct blk_mq_ops is a constant in .rodata built at compile time at
///   the offsets of this kernel build; blk-mq calls the trampolines below
///   directly, and they call D's members directly (inlined): no indirect call
///   beyond blk-mq's own ->queue_rq().  Optional operations that D does not
///   define are left null, so blk-mq takes its default path.
/// - Batches: ->queue_rqs (a plugged list of requests, used when no I/O
///   scheduler is attached) is always provided; it feeds each request to
///   D::queue_rq, inlined, so a driver writes one submission path.
/// - The D a tag set serves is reached from the hardware context's
///   driver_data (set in init_hctx), as a C driver does: one load.
/// - Every request's driver data is a detail::Pdu<D>: D::RequestData (built
///   in init_request, destroyed in exit_request: once per tag, not per I/O)
///   and, with request_timers, an hrtimer initialised once per tag as well.
/// - queue_rq and commit_rqs run concurrently on different hardware queues:
///   they get D as const (shared state behind a lock or atomics);
///   queue_rq may sleep only when the tag set is 'blocking'.
/// - Poll queues (D::poll_queues, TagSetOptions::nr_poll_queues): requests
///   submitted for polling (io_uring IOPOLL, RWF_HIPRI) go to hardware
///   queues of their own (HCTX_TYPE_POLL) after the default ones; the set
///   gets ->map_queues (default queues, then poll queues) and ->poll.
///   A driver gives such a request to the poller with
///   Request::complete_on_poll(): it is parked on the set's lock-free list
///   (linked through the request's own rq_next) and ->poll hands it to
///   D::complete().  The disk shows io_poll=1.  A disk with more than one
///   hardware queue is also what lets blk-mq complete a request on the
///   submitting CPU directly; with one hardware queue shared by several
///   CPUs, blk_mq_complete_request() raises BLOCK_SOFTIRQ instead (from
///   task context: a ksoftirqd wake-up per request).
///
/// INVARIANT: set_ is a struct blk_mq_tag_set allocated by
/// blk_mq_alloc_tag_set() with ops = detail::ops_table<D> and driver_data =
/// the D given to try_new(), which outlives the TagSet (the driver's device
/// owns its tag set); it is freed (blk_mq_free_tag_set()) by the destructor,
/// after every disk on it is gone (GenDisk is destroyed first).  set_ is the
/// first member (at offset 0), so the TagSet is found from the kernel's
/// pointer to its set.  polled_ is a list of started requests owned by the
/// set, each to be handed to D::complete() by ->poll.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/block/request.h>
#include <kcxx/block/status.h>
#include <kcxx/box.h>
#include <kcxx/device.h>
#include <kcxx/bug.h>
#include <kcxx/compiler.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/kernel_struct.h>

namespace kcxx::block::mq {

/// What the timeout handler asks blk-mq to do.
enum class TimeoutAction : u8 {
	done,        // BLK_EH_DONE: the request's owner ends it
	reset_timer, // BLK_EH_RESET_TIMER: wait another timeout period
};

template <typename D> concept Driver = requires(const D &d, Request<D> &&rq, bool last) {
	typename D::RequestData;
	{ d.queue_rq(std::move(rq), last) } -> std::same_as<QueueStatus>;
} && std::is_default_constructible_v<typename D::RequestData>;

/// commit_rqs(hw_queue): requests were given to queue_rq() with last ==
/// false and the batch ended without a last one (blk-mq stopped early): the
/// driver tells the hardware now (an NVMe doorbell).
template <typename D> concept HasCommitRqs = requires(const D &d) {
	{ d.commit_rqs(0u) } -> std::same_as<void>;
};
template <typename D> concept HasTimeout = requires(const D &d, RequestRef<D> rq) {
	{ d.timeout(rq) } -> std::same_as<TimeoutAction>;
};
/// Hardware queues with interrupt vectors of their own: D says which vector
/// of its DMA device serves hardware queue 0 ('unsigned int
/// first_queue_vector() const': 1 when vector 0 is, say, the admin queue's;
/// 0 when every queue shares one vector), the next queues the next vectors,
/// spread over the CPUs (pci::CoreDevice::alloc_irq_vectors_spread()).
/// Each CPU then submits to the queue whose interrupt it takes
/// (->map_queues).
template <typename D> concept UsesQueueVectors = requires(const D &d) {
	{ d.first_queue_vector() } -> std::convertible_to<unsigned int>;
	{ d.dma_device() } -> std::same_as<const DeviceRef &>;
};

template <typename D> class TagSet;

/// How a tag set is shaped (struct blk_mq_tag_set).
struct TagSetOptions {
	/// Hardware queues for submission (the default map).
	unsigned int nr_hw_queues = 1;
	/// Requests per hardware queue (tags).
	unsigned int queue_depth = 64;
	/// The NUMA node of the set's memory (NUMA_NO_NODE: any).
	int numa_node = KCXX_NUMA_NO_NODE;
	/// Request timeout in jiffies; 0: the block layer's default (30 s).
	unsigned int timeout_jiffies = 0;
	/// Whether blk-mq may merge adjacent bios into one request (BLK_MQ_F_SHOULD_MERGE).
	bool should_merge = true; // BLK_MQ_F_SHOULD_MERGE
	/// Whether queue_rq() may sleep (BLK_MQ_F_BLOCKING).
	bool blocking = false;    // BLK_MQ_F_BLOCKING: queue_rq may sleep
	/// No I/O scheduler (BLK_MQ_F_NO_SCHED).
	bool no_sched = false;    // BLK_MQ_F_NO_SCHED
	/// BLK_MQ_F_NO_SCHED_BY_DEFAULT: no I/O scheduler unless user space
	/// picks one (blk-mq otherwise gives a single-queue disk mq-deadline).
	bool no_sched_by_default = false;
	/// Hardware queues for polled I/O (HCTX_TYPE_POLL), after the
	/// nr_hw_queues default ones.  Needs D::poll_queues; a set made with
	/// none cannot get any later (it has one map).
	unsigned int nr_poll_queues = 0;
};

namespace detail {

/// One pointer-sized slot of struct blk_mq_ops (kcxx/kernel_layout.h).
union OpsSlot {
	const void *unused;
	bindings::kcxx_blk_status_t (*queue_rq)(bindings::blk_mq_hw_ctx *, const void *);
	void (*commit_rqs)(bindings::blk_mq_hw_ctx *);
	void (*queue_rqs)(void *); // struct request ** (6.1) or struct rq_list * (6.12)
	unsigned int (*timeout)(bindings::request *); // enum blk_eh_timer_return
	void (*complete)(bindings::request *);
	int (*init_hctx)(bindings::blk_mq_hw_ctx *, void *, unsigned int);
	int (*init_request)(bindings::blk_mq_tag_set *, bindings::request *, unsigned int, unsigned int);
	void (*exit_request)(bindings::blk_mq_tag_set *, bindings::request *, unsigned int);
	int (*poll)(bindings::blk_mq_hw_ctx *, void *); // struct io_comp_batch *
	void (*map_queues)(bindings::blk_mq_tag_set *);
};
using OpsTable = kcxx::detail::OpsTable<OpsSlot, KCXX_SIZEOF_blk_mq_ops, KCXX_ALIGNOF_blk_mq_ops>;
static_assert(sizeof(OpsTable) == KCXX_SIZEOF_blk_mq_ops);
/// ->poll sits right before ->complete, ->map_queues three slots after
/// ->exit_request (cleanup_rq, busy, map_queues) on 6.1 and 6.12; checked
/// against each kernel's struct blk_mq_ops by static_asserts in
/// bindings/helpers/block.c.
inline constexpr unsigned long offsetof_blk_mq_ops_poll = KCXX_OFFSETOF_blk_mq_ops_complete - sizeof(void *);
inline constexpr unsigned long offsetof_blk_mq_ops_map_queues =
	KCXX_OFFSETOF_blk_mq_ops_exit_request + 3 * sizeof(void *);

/// The C-ABI entry points blk-mq calls for a tag set of D's.
///
/// INVARIANT: none of its own; each relies on blk-mq's contract: init_hctx
/// before any queue_rq on that context, init_request before a request is
/// first used and exit_request after its last use, queue_rq with a request
/// that is not started, complete once per blk_mq_complete_request().
template <typename D> struct Operations {
	using PduType = Pdu<D>;

	[[gnu::always_inline]] static const D &device(bindings::blk_mq_hw_ctx *hctx)
	{
		// SAFETY: init_hctx stored the tag set's driver_data, a D
		// that outlives the tag set (TagSet INVARIANT).
		return *static_cast<const D *>(kernel_field<void *>(hctx, KCXX_OFFSETOF_blk_mq_hw_ctx_driver_data));
	}

	static bindings::kcxx_blk_status_t queue_rq(bindings::blk_mq_hw_ctx *hctx, const void *bd)
	{
		auto *queue_data = const_cast<void *>(bd);
		bindings::request *rq = kernel_field<bindings::request *>(queue_data, KCXX_OFFSETOF_blk_mq_queue_data_rq);
		const bool last = kernel_field<bool>(queue_data, KCXX_OFFSETOF_blk_mq_queue_data_last);
		// SAFETY: blk-mq hands us a request that is not started; it is
		// ours until ended (the Request handle's INVARIANT).
		bindings::blk_mq_start_request(rq);
		return device(hctx).queue_rq(Request<D>(rq), last).raw();
	}

	static void commit_rqs(bindings::blk_mq_hw_ctx *hctx)
	{
		device(hctx).commit_rqs(kernel_field<unsigned int>(hctx, KCXX_OFFSETOF_blk_mq_hw_ctx_queue_num));
	}

	/// ->queue_rqs: a plugged batch, which blk-mq hands over as a list
	/// when no I/O scheduler is attached.  Each request goes through
	/// D::queue_rq (inlined) like a single one, 'last' true for the last of
	/// each run of requests on one hardware queue (so a driver tells the
	/// hardware once per run: one doorbell, as nvme_queue_rqs()); one the
	/// driver gives back busy is requeued (blk_mq_requeue_request()) and one
	/// it fails is ended, so the list comes back empty: nothing started is
	/// left in it.  A run whose last request was given back gets
	/// D::commit_rqs(), as blk-mq's own dispatch does.
	static void queue_rqs(void *list)
	{
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 12, 0)
		// struct rq_list { struct request *head, *tail; }
		auto **ends = static_cast<bindings::request **>(list);
		bindings::request *rq = ends[0];
		ends[0] = nullptr;
		ends[1] = nullptr;
#else
		auto **head = static_cast<bindings::request **>(list);
		bindings::request *rq = *head;
		*head = nullptr;
#endif
		while (rq) {
			bindings::request *&link = kernel_field<bindings::request *>(rq, KCXX_OFFSETOF_request_rq_next);
			bindings::request *next = link;
			link = nullptr;
			bindings::blk_mq_hw_ctx *hctx =
				kernel_field<bindings::blk_mq_hw_ctx *>(rq, KCXX_OFFSETOF_request_mq_hctx);
			const bool last =
				!next || kernel_field<bindings::blk_mq_hw_ctx *>(next, KCXX_OFFSETOF_request_mq_hctx) != hctx;
			// SAFETY: as in queue_rq: a request blk-mq hands us,
			// not started; ours until ended.
			bindings::blk_mq_start_request(rq);
			const u8 status = device(hctx).queue_rq(Request<D>(rq), last).raw();
			if (status != KCXX_BLK_STS_OK) [[unlikely]] {
				give_back(rq, status);
				if constexpr (HasCommitRqs<D>)
					if (last)
						commit_rqs(hctx);
			}
			rq = next;
		}
	}

	[[KCXX_COLD]] static void give_back(bindings::request *rq, u8 status)
	{
		// SAFETY: the driver gave the started request back
		// (into_busy()/into_error()): requeue or end it here, as
		// blk-mq's single-request path would.
		if (status == KCXX_BLK_STS_RESOURCE || status == KCXX_BLK_STS_DEV_RESOURCE)
			bindings::blk_mq_requeue_request(rq, true);
		else
			bindings::blk_mq_end_request(rq, status);
	}

	static void complete(bindings::request *rq)
	{
		// blk_mq_complete_request() gave the request to blk-mq, which
		// hands it back here exactly once.
		D::complete(Request<D>(rq));
	}

	static unsigned int timeout(bindings::request *rq)
	{
		bindings::blk_mq_hw_ctx *hctx = kernel_field<bindings::blk_mq_hw_ctx *>(rq, KCXX_OFFSETOF_request_mq_hctx);
		TimeoutAction action = device(hctx).timeout(RequestRef<D>(rq));
		return action == TimeoutAction::done ? KCXX_BLK_EH_DONE : KCXX_BLK_EH_RESET_TIMER;
	}

	static int init_hctx(bindings::blk_mq_hw_ctx *hctx, void *driver_data, unsigned int)
	{
		kernel_field<void *>(hctx, KCXX_OFFSETOF_blk_mq_hw_ctx_driver_data) = driver_data;
		return 0;
	}

	static bindings::hrtimer_restart timer_expired(bindings::hrtimer *timer)
	{
		// SAFETY: the timer is at the start of a Pdu<D> (checked in
		// init_request), started by Request::complete_after(), which
		// gave the request's ownership to the timer.
		auto *pdu = reinterpret_cast<PduType *>(timer);
		if constexpr (HasComplete<D>)
			D::complete(Request<D>(request_of<D>(pdu)));
		return static_cast<bindings::hrtimer_restart>(KCXX_HRTIMER_NORESTART);
	}

	static int init_request(bindings::blk_mq_tag_set *, bindings::request *rq, unsigned int, unsigned int)
	{
		PduType *pdu = pdu_of<D>(rq);
		// SAFETY: cmd_size bytes of raw storage after the request,
		// not yet constructed (first call for this request).
		::new (static_cast<void *>(pdu)) PduType();
		if constexpr (UsesRequestTimers<D>) {
			// timer_expired() finds the PDU at its timer's address.
			if (static_cast<void *>(pdu->timer.timer.get()) != static_cast<void *>(pdu))
				panic("kcxx: the request timer is not at the start of the PDU");
			// SAFETY: the timer's storage in a request that blk-mq
			// keeps at a fixed address until exit_request.
			bindings::kcxx_helper_hrtimer_setup(pdu->timer.timer.get(), &timer_expired,
							    KCXX_CLOCK_MONOTONIC, KCXX_HRTIMER_MODE_REL);
		}
		return 0;
	}

	static void exit_request(bindings::blk_mq_tag_set *, bindings::request *rq, unsigned int)
	{
		// SAFETY: built in init_request; no I/O is in flight on a tag
		// set being freed, so no timer is active.
		pdu_of<D>(rq)->~PduType();
	}

	/// ->poll: hands the requests parked by Request::complete_on_poll()
	/// to D::complete(); how many.
	static int poll(bindings::blk_mq_hw_ctx *hctx, void *)
	{
		return TagSet<D>::from_raw(bindings::kcxx_helper_hctx_tag_set(hctx))->complete_polled();
	}

	static void map_queues(bindings::blk_mq_tag_set *set) { TagSet<D>::from_raw(set)->map_queues(); }

	/// ->map_queues by interrupt affinity (UsesQueueVectors).
	static void map_queues_by_vector(bindings::blk_mq_tag_set *set)
	{
		// SAFETY: a set of D's: its driver_data is the D (outlives the
		// set), whose DMA device outlives D's DeviceRef.
		const D &d = *static_cast<const D *>(kernel_field<void *>(set, KCXX_OFFSETOF_blk_mq_tag_set_driver_data));
		bindings::kcxx_helper_blk_mq_map_queues_irq(set, d.dma_device().get().as_raw(), d.first_queue_vector());
	}

	static consteval OpsTable make_table()
	{
		OpsTable t{};
		t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_queue_rq)].queue_rq = &queue_rq;
		t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_queue_rqs)].queue_rqs = &queue_rqs;
		if constexpr (HasCommitRqs<D>)
			t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_commit_rqs)].commit_rqs = &commit_rqs;
		if constexpr (HasComplete<D>)
			t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_complete)].complete = &complete;
		if constexpr (HasTimeout<D>)
			t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_timeout)].timeout = &timeout;
		t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_init_hctx)].init_hctx = &init_hctx;
		t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_init_request)].init_request = &init_request;
		t.slots[OpsTable::slot(KCXX_OFFSETOF_blk_mq_ops_exit_request)].exit_request = &exit_request;
		static_assert(!(UsesPollQueues<D> && UsesQueueVectors<D>),
			      "kcxx: poll queues and queues mapped by interrupt vector are not combined yet");
		if constexpr (UsesPollQueues<D> && HasComplete<D>) {
			t.slots[OpsTable::slot(offsetof_blk_mq_ops_poll)].poll = &poll;
			t.slots[OpsTable::slot(offsetof_blk_mq_ops_map_queues)].map_queues = &map_queues;
		}
		if constexpr (UsesQueueVectors<D>)
			t.slots[OpsTable::slot(offsetof_blk_mq_ops_map_queues)].map_queues = &map_queues_by_vector;
		return t;
	}
};

template <typename D> inline constexpr OpsTable ops_table = Operations<D>::make_table();

} // namespace detail

/// A blk-mq tag set whose operations are the members of a driver type D,
/// bound at compile time; freed when destroyed, after every disk on it.
template <typename D> class TagSet {
	static_assert(Driver<D>, "kcxx: TagSet<D> needs 'using RequestData = ...;' (default constructible) and "
				 "'kcxx::block::mq::QueueStatus queue_rq(kcxx::block::mq::Request<D>, bool) const'");
	struct Token {};

public:
	/// Allocates the tag set for 'device', which must outlive it (make the
	/// TagSet a member of the device).  The kernel's errors as they are
	/// (-ENOMEM, -EINVAL for a zero queue count or depth).
	[[nodiscard]] static Result<Box<TagSet>> try_new(Gfp flags, const TagSetOptions &options, const D &device)
	{
		static_assert(std::is_standard_layout_v<TagSet> && __builtin_offsetof(TagSet, set_) == 0,
			      "kcxx: from_raw() finds the TagSet at its struct blk_mq_tag_set");
		if (options.nr_poll_queues && !(detail::UsesPollQueues<D> && HasComplete<D>))
			return code::EINVAL; // no ->poll to complete them
		auto set = TRY(Box<TagSet>::try_new(flags, Token{}));
		// Read by map_queues(), which blk_mq_alloc_tag_set() calls.
		set->submit_queues_ = set->prev_submit_queues_ = options.nr_hw_queues;
		set->poll_queues_ = set->prev_poll_queues_ = options.nr_poll_queues;
		set->poll_maps_ = options.nr_poll_queues != 0;
		const bindings::kcxx_tag_set_params params = {
			.ops = reinterpret_cast<const bindings::blk_mq_ops *>(&detail::ops_table<D>),
			.driver_data = const_cast<D *>(&device),
			.nr_hw_queues = options.nr_hw_queues,
			.queue_depth = options.queue_depth,
			.cmd_size = sizeof(detail::Pdu<D>),
			.numa_node = options.numa_node,
			.timeout_jiffies = options.timeout_jiffies,
			.should_merge = options.should_merge,
			.blocking = options.blocking,
			.no_sched = options.no_sched,
			.no_sched_by_default = options.no_sched_by_default,
			.nr_poll_queues = options.nr_poll_queues,
		};
		// SAFETY: set_ is storage for a struct blk_mq_tag_set at a
		// fixed address (in the Box, not movable); the ops table is a
		// constant; device outlives the set (caller's contract).
		int err = bindings::kcxx_helper_blk_mq_alloc_tag_set(set->set_.get(), &params);
		if (err)
			return Error::from_errno(err);
		set->allocated_ = true;
		return set;
	}

	/// For Box::try_new() only: the private Token keeps everyone else out.
	explicit TagSet(Token) {}
	TagSet(const TagSet &) = delete;
	TagSet &operator=(const TagSet &) = delete;
	TagSet(TagSet &&) = delete;
	TagSet &operator=(TagSet &&) = delete;

	~TagSet()
	{
		if (allocated_) {
			// SAFETY: allocated in try_new; every disk on it is gone.
			bindings::blk_mq_free_tag_set(set_.get());
		}
	}

	/// Stops dispatch on every disk of the set and waits until no
	/// queue_rq() of D runs (blk_mq_quiesce_tagset()): requests queue up
	/// in blk-mq meanwhile.  For a device reset; unquiesce() restarts
	/// dispatch.  Process context (sleeps); not nested.
	void quiesce() const
	{
		// SAFETY: allocated (INVARIANT); the helper takes the set's
		// tag-list lock.
		bindings::kcxx_helper_blk_mq_quiesce_tagset(set_.get());
	}
	/// Restarts dispatch after quiesce() (blk_mq_unquiesce_tagset()).
	void unquiesce() const
	{
		// SAFETY: as quiesce().
		bindings::kcxx_helper_blk_mq_unquiesce_tagset(set_.get());
	}

	/// Changes the number of default and poll hardware queues of every
	/// disk on the set (blk_mq_update_nr_hw_queues(): freezes their
	/// queues, waits for their I/O, may sleep).  -EINVAL for poll queues on
	/// a set made without any; -ENOMEM if blk-mq could not switch (it keeps
	/// the old numbers).  Callers serialise updates (not thread-safe).
	[[nodiscard]] Result<void> update_nr_hw_queues(unsigned int submit, unsigned int poll)
	{
		if (poll && !poll_maps_)
			return code::EINVAL;
		// map_queues() picks whichever pair matches the count that
		// blk-mq ends up with (the new one, or the old on failure).
		prev_submit_queues_ = submit_queues_;
		prev_poll_queues_ = poll_queues_;
		submit_queues_ = submit;
		poll_queues_ = poll;
		// SAFETY: allocated (INVARIANT); blk-mq serialises updates
		// with its tag-list lock and quiesces the queues itself.
		bindings::blk_mq_update_nr_hw_queues(set_.get(), static_cast<int>(submit + poll));
		if (nr_hw_queues() != submit + poll) {
			submit_queues_ = prev_submit_queues_;
			poll_queues_ = prev_poll_queues_;
			return code::ENOMEM;
		}
		return {};
	}
	/// The poll hardware queues (0 without any).
	[[nodiscard]] unsigned int nr_poll_queues() const { return poll_queues_; }
	/// The hardware queues: the default ones and the poll ones.
	[[nodiscard]] unsigned int nr_hw_queues() const
	{
		return kcxx::detail::kernel_field<unsigned int>(set_.get(), KCXX_OFFSETOF_blk_mq_tag_set_nr_hw_queues);
	}

	/// For GenDisk (kcxx/block/gen_disk.h).
	[[nodiscard]] bindings::blk_mq_tag_set *raw() const { return set_.get(); }

private:
	friend struct detail::Operations<D>;
	friend void detail::park_polled<D>(bindings::request *);

	/// The TagSet whose struct blk_mq_tag_set is 'set' (one of D's).
	static TagSet *from_raw(bindings::blk_mq_tag_set *set)
	{
		// SAFETY: set_ is at offset 0 (static_assert in try_new),
		// and blk-mq passes only sets made by try_new to D's ops.
		return reinterpret_cast<TagSet *>(set);
	}

	/// ->map_queues: default queues, then poll queues.
	void map_queues() const
	{
		unsigned int submit = submit_queues_, poll = poll_queues_;
		const unsigned int total = nr_hw_queues();
		if (total != submit + poll) {
			// blk-mq could not switch: it went back to the old count.
			submit = prev_submit_queues_;
			poll = prev_poll_queues_;
			if (total != submit + poll) {
				submit = total;
				poll = 0;
			}
		}
		// SAFETY: blk-mq calls ->map_queues with the maps allocated.
		bindings::kcxx_helper_blk_mq_map_queues(set_.get(), submit, poll);
	}

	/// Parks a started request for ->poll (Request::complete_on_poll()).
	static void park(bindings::request *rq)
	{
		// SAFETY: rq is a started request of one of D's sets
		// (Request INVARIANT); its rq_next link is the driver's while
		// it is in flight (blk-mq uses it only before dispatch).
		const TagSet *set = from_raw(bindings::kcxx_helper_rq_tag_set(rq));
		bindings::request *&link = kcxx::detail::kernel_field<bindings::request *>(rq, KCXX_OFFSETOF_request_rq_next);
		bindings::request *head = set->polled_.load();
		do {
			link = head;
		} while (!set->polled_.compare_exchange(head, rq, order::release));
	}

	/// Takes every parked request (one exchange: no ABA) and hands each,
	/// in submission order, to D::complete().
	int complete_polled() const
	{
		bindings::request *rq = polled_.exchange(nullptr, order::acquire);
		bindings::request *fifo = nullptr;
		while (rq) {
			bindings::request *&link = kcxx::detail::kernel_field<bindings::request *>(rq, KCXX_OFFSETOF_request_rq_next);
			bindings::request *next = link;
			link = fifo;
			fifo = rq;
			rq = next;
		}
		int n = 0;
		while (fifo) {
			bindings::request *&link = kcxx::detail::kernel_field<bindings::request *>(fifo, KCXX_OFFSETOF_request_rq_next);
			bindings::request *next = link;
			link = nullptr;
			// SAFETY: parked by park(), which took the ownership
			// from a Request handle; the list held it since.
			D::complete(Request<D>(fifo));
			fifo = next;
			++n;
		}
		return n;
	}

	kcxx::detail::KernelStruct<bindings::blk_mq_tag_set, KCXX_SIZEOF_blk_mq_tag_set, KCXX_ALIGNOF_blk_mq_tag_set> set_;
	bool allocated_ = false;
	bool poll_maps_ = false; // made with poll queues: three maps
	/// The split map_queues() uses, and the one before the last update.
	unsigned int submit_queues_ = 1, poll_queues_ = 0;
	unsigned int prev_submit_queues_ = 1, prev_poll_queues_ = 0;
	Atomic<bindings::request *> polled_{nullptr};
};

template <typename D> inline void detail::park_polled(bindings::request *rq) { TagSet<D>::park(rq); }

} // namespace kcxx::block::mq
