// SPDX-License-Identifier: GPL-2.0
//
// kcxx::block::mq::TagSet<D>: a blk-mq tag set (struct blk_mq_tag_set)
// whose operations are the members of a driver type D, bound at compile time.
//
//   class Dev {
//   public:
//       struct RequestData { ... };                  // per request (the PDU)
//       static constexpr bool request_timers = true; // optional: complete_after()
//
//       QueueStatus queue_rq(Request<Dev> rq, bool last) const;  // required
//       void commit_rqs() const;                                 // optional
//       static void complete(Request<Dev> rq);                   // optional: complete()
//       TimeoutAction timeout(RequestRef<Dev> rq) const;         // optional
//   };
//   auto tags = TRY(TagSet<Dev>::try_new(GFP_KERNEL, {.nr_hw_queues = 2, .queue_depth = 64}, dev));
//
// - The struct blk_mq_ops is a constant in .rodata built at compile time at
//   the offsets of this kernel build; blk-mq calls the trampolines below
//   directly, and they call D's members directly (inlined): no indirect call
//   beyond blk-mq's own ->queue_rq().  Optional operations that D does not
//   define are left null, so blk-mq takes its default path.
// - Batches: ->queue_rqs (a plugged list of requests, used when no I/O
//   scheduler is attached) is always provided; it feeds each request to
//   D::queue_rq, inlined, so a driver writes one submission path.
// - The D a tag set serves is reached from the hardware context's
//   driver_data (set in init_hctx), as a C driver does: one load.
// - Every request's driver data is a detail::Pdu<D>: D::RequestData (built
//   in init_request, destroyed in exit_request: once per tag, not per I/O)
//   and, with request_timers, an hrtimer initialised once per tag as well.
// - queue_rq and commit_rqs run concurrently on different hardware queues:
//   they get D as const (shared state behind a lock or atomics);
//   queue_rq may sleep only when the tag set is 'blocking'.
//
// INVARIANT: set_ is a struct blk_mq_tag_set allocated by
// blk_mq_alloc_tag_set() with ops = detail::ops_table<D> and driver_data =
// the D given to try_new(), which outlives the TagSet (the driver's device
// owns its tag set); it is freed (blk_mq_free_tag_set()) by the destructor,
// after every disk on it is gone (GenDisk is destroyed first).
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/block/request.h>
#include <kcxx/block/status.h>
#include <kcxx/box.h>
#include <kcxx/bug.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>
#include <kcxx/sync/kernel_struct.h>

namespace kcxx::block::mq {

// What the timeout handler asks blk-mq to do.
enum class TimeoutAction : u8 {
	done,        // BLK_EH_DONE: the request's owner ends it
	reset_timer, // BLK_EH_RESET_TIMER: wait another timeout period
};

template <typename D> concept Driver = requires(const D &d, Request<D> &&rq, bool last) {
	typename D::RequestData;
	{ d.queue_rq(std::move(rq), last) } -> std::same_as<QueueStatus>;
} && std::is_default_constructible_v<typename D::RequestData>;

template <typename D> concept HasCommitRqs = requires(const D &d) {
	{ d.commit_rqs() } -> std::same_as<void>;
};
template <typename D> concept HasTimeout = requires(const D &d, RequestRef<D> rq) {
	{ d.timeout(rq) } -> std::same_as<TimeoutAction>;
};

// How a tag set is shaped (struct blk_mq_tag_set).
struct TagSetOptions {
	unsigned int nr_hw_queues = 1;
	unsigned int queue_depth = 64;
	int numa_node = KCXX_NUMA_NO_NODE;
	// Request timeout in jiffies; 0: the block layer's default (30 s).
	unsigned int timeout_jiffies = 0;
	bool should_merge = true; // BLK_MQ_F_SHOULD_MERGE
	bool blocking = false;    // BLK_MQ_F_BLOCKING: queue_rq may sleep
	bool no_sched = false;    // BLK_MQ_F_NO_SCHED
	// BLK_MQ_F_NO_SCHED_BY_DEFAULT: no I/O scheduler unless user space
	// picks one (blk-mq otherwise gives a single-queue disk mq-deadline).
	bool no_sched_by_default = false;
};

namespace detail {

// One pointer-sized slot of struct blk_mq_ops (kcxx/kernel_layout.h).
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
};
using OpsTable = kcxx::detail::OpsTable<OpsSlot, KCXX_SIZEOF_blk_mq_ops, KCXX_ALIGNOF_blk_mq_ops>;
static_assert(sizeof(OpsTable) == KCXX_SIZEOF_blk_mq_ops);

// The C-ABI entry points blk-mq calls for a tag set of D's.
//
// INVARIANT: none of its own; each relies on blk-mq's contract: init_hctx
// before any queue_rq on that context, init_request before a request is
// first used and exit_request after its last use, queue_rq with a request
// that is not started, complete once per blk_mq_complete_request().
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

	static void commit_rqs(bindings::blk_mq_hw_ctx *hctx) { device(hctx).commit_rqs(); }

	// ->queue_rqs: a plugged batch, which blk-mq hands over as a list
	// when no I/O scheduler is attached.  Each request goes through
	// D::queue_rq (inlined) like a single one; one the driver gives back
	// busy is requeued (blk_mq_requeue_request()) and one it fails is
	// ended, so the list comes back empty: nothing started is left in it.
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
			// SAFETY: as in queue_rq: a request blk-mq hands us,
			// not started; ours until ended.
			bindings::blk_mq_start_request(rq);
			const u8 status = device(hctx).queue_rq(Request<D>(rq), false).raw();
			if (status != KCXX_BLK_STS_OK) [[unlikely]]
				give_back(rq, status);
			rq = next;
		}
	}

	[[gnu::cold]] static void give_back(bindings::request *rq, u8 status)
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
		return t;
	}
};

template <typename D> inline constexpr OpsTable ops_table = Operations<D>::make_table();

} // namespace detail

template <typename D> class TagSet {
	static_assert(Driver<D>, "kcxx: TagSet<D> needs 'using RequestData = ...;' (default constructible) and "
				 "'kcxx::block::mq::QueueStatus queue_rq(kcxx::block::mq::Request<D>, bool) const'");
	struct Token {};

public:
	// Allocates the tag set for 'device', which must outlive it (make the
	// TagSet a member of the device).  The kernel's errors as they are
	// (-ENOMEM, -EINVAL for a zero queue count or depth).
	[[nodiscard]] static Result<Box<TagSet>> try_new(Gfp flags, const TagSetOptions &options, const D &device)
	{
		auto set = TRY(Box<TagSet>::try_new(flags, Token{}));
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

	// Changes the number of hardware queues of every disk on the set
	// (blk_mq_update_nr_hw_queues(): freezes their queues, may sleep).
	// -ENOMEM if blk-mq could not switch (it keeps the old number).
	[[nodiscard]] Result<void> update_nr_hw_queues(unsigned int count) const
	{
		// SAFETY: allocated (INVARIANT); blk-mq serialises updates
		// with its tag-list lock and quiesces the queues itself.
		bindings::blk_mq_update_nr_hw_queues(set_.get(), static_cast<int>(count));
		if (nr_hw_queues() != count)
			return code::ENOMEM;
		return {};
	}
	[[nodiscard]] unsigned int nr_hw_queues() const
	{
		return kcxx::detail::kernel_field<unsigned int>(set_.get(), KCXX_OFFSETOF_blk_mq_tag_set_nr_hw_queues);
	}

	// For GenDisk (kcxx/block/gen_disk.h).
	[[nodiscard]] bindings::blk_mq_tag_set *raw() const { return set_.get(); }

private:
	kcxx::detail::KernelStruct<bindings::blk_mq_tag_set, KCXX_SIZEOF_blk_mq_tag_set, KCXX_ALIGNOF_blk_mq_tag_set> set_;
	bool allocated_ = false;
};

} // namespace kcxx::block::mq
