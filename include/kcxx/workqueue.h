// SPDX-License-Identifier: GPL-2.0
/// \file
/// Workqueues: deferred work in process context whose item is kept alive
/// until it has run.
///
///     struct Flush : kcxx::Work<Flush> {               // the item embeds its work_struct
///         kcxx::Atomic<int> runs{0};
///         Flush() : Work(KCXX_LOCK_CLASS("mydev.flush")) {}
///         static void run(kcxx::Arc<Flush> self)       // process context, may sleep
///         {
///             self->runs.inc();
///         }                                            // the queued reference is dropped here
///     };
///
///     auto item = TRY(kcxx::Arc<Flush>::try_new(GFP_KERNEL));
///     auto wq = TRY(kcxx::WorkQueue::try_new("mydev", 0));
///     kcxx::queue_work(*wq, item.clone());             // or kcxx::system_wq()
///     item->flush();                                   // flush_work()
///     // ~WorkQueue: destroy_workqueue() drains it first
///
/// Design:
///  - Queueing takes an Arc<T> by value (moved or explicitly cloned): that
///    reference travels with the queued work_struct and is handed to
///    T::run(Arc<T>), which owns it; it is released when run() lets it go.
///    So an item cannot be freed while it is pending or running.  A plain
///    pointer or reference cannot be queued (a compile error that says
///    why): the workqueue would run a callback on memory nobody keeps
///    alive.  If the item is already pending, queue_work() returns false
///    and drops the extra reference (the pending one stays).
///  - T derives from Work<T> (CRTP), so the work_struct -> T conversion is
///    a compile-time static_cast; one Work per T.
///  - The work_struct is linked into the workqueue's list by address:
///    Work is neither copyable nor movable, and Arc<T> builds T in place.
///  - ~Work needs no cancel: while pending or running an Arc reference
///    keeps T alive, so the last reference can only go in run() itself
///    (the workqueue allows the item to be freed by its own function) or
///    when the item is idle.
///  - cancel() (cancel_work_sync()) gives back the queued reference if it
///    took the item off the queue; flush() waits for it to finish.  Neither
///    may be called from the item's own run() (it would wait for itself;
///    lockdep reports it).
///  - INIT_WORK's lockdep class: KCXX_LOCK_CLASS() per site, or one shared
///    class per T with the default constructor.
///  - WorkQueue owns an alloc_workqueue() queue; destroy_workqueue() in its
///    destructor drains it (waits until every queued item has run, and
///    items they queue on it).  Queue is the non-owning view that
///    queue_work() takes; system_wq() is the kernel's shared one.
///
/// INVARIANT (Work): work_ is an initialised work_struct whose function is
/// Work<T>::trampoline, at a fixed address, inside a T built by an Arc<T>
/// whenever it is pending; while pending or running, one reference of that
/// Arc (given up by into_raw()) belongs to the queued work and is handed to
/// T::run().
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/time.h>

namespace kcxx {

/// A workqueue, as a reference: 'Queue &' is the kernel's
/// struct workqueue_struct * (never built by C++, only reached through
/// WorkQueue::queue() or system_wq()).
///
/// INVARIANT: the address of a Queue is that of a live workqueue_struct.
class Queue {
public:
	Queue() = delete;
	Queue(const Queue &) = delete;
	Queue &operator=(const Queue &) = delete;

	/// The struct workqueue_struct, for framework code.
	[[nodiscard]] bindings::workqueue_struct *as_raw() const
	{
		return reinterpret_cast<bindings::workqueue_struct *>(const_cast<Queue *>(this));
	}

	/// Waits until every item queued so far has run (__flush_workqueue()).
	void flush() const
	{
		// SAFETY: a live workqueue (INVARIANT); sleeps.
		bindings::__flush_workqueue(as_raw());
	}

	/// A workqueue someone else owns (framework code): 'wq' must be live for as
	/// long as the reference is used.
	// SAFETY (for callers): 'wq' must be a live workqueue for as long as
	// the reference is used.
	[[nodiscard]] static Queue &from_raw(bindings::workqueue_struct *wq)
	{
		return *reinterpret_cast<Queue *>(wq);
	}
};

/// The kernel's system workqueue (system_wq; schedule_work() uses it).
[[nodiscard]] inline Queue &system_wq()
{
	// SAFETY: system_wq is created at boot and never destroyed.
	return Queue::from_raw(bindings::system_wq);
}

/// An owned workqueue (alloc_workqueue()), destroyed - after draining -
/// with the object.
///
/// INVARIANT: wq_ is null (moved from) or a workqueue this object created
/// and destroys exactly once.
class WorkQueue {
public:
	/// WQ_UNBOUND: workers not bound to a CPU.
	static constexpr unsigned int unbound = KCXX_WQ_UNBOUND;
	/// WQ_HIGHPRI: high-priority workers.
	static constexpr unsigned int highpri = KCXX_WQ_HIGHPRI;
	/// WQ_MEM_RECLAIM: a rescuer thread guarantees progress under memory pressure.
	static constexpr unsigned int mem_reclaim = KCXX_WQ_MEM_RECLAIM;
	/// WQ_FREEZABLE: frozen during system suspend.
	static constexpr unsigned int freezable = KCXX_WQ_FREEZABLE;

	/// A new workqueue named 'name' (copied by the kernel) with the
	/// WQ_* 'flags' above and at most 'max_active' items running per CPU
	/// (0: the default).  -ENOMEM if the kernel cannot allocate it.
	[[nodiscard]] static Result<WorkQueue> try_new(const char *name, unsigned int flags, int max_active = 0)
	{
		// SAFETY: "%s" with one string argument; the kernel copies
		// the formatted name into the workqueue.
		bindings::workqueue_struct *wq = bindings::alloc_workqueue("%s", flags, max_active, name);
		if (!wq)
			return code::ENOMEM;
		return WorkQueue(wq);
	}

	/// Takes over other's workqueue; other is left empty.
	WorkQueue(WorkQueue &&other) : wq_(std::exchange(other.wq_, nullptr)) {}
	WorkQueue &operator=(WorkQueue &&) = delete;
	WorkQueue(const WorkQueue &) = delete;
	WorkQueue &operator=(const WorkQueue &) = delete;

	~WorkQueue()
	{
		if (wq_)
			// SAFETY: ours (INVARIANT); destroy_workqueue() drains
			// the queue first, so every queued item has run (and
			// dropped its Arc reference) when it returns.
			bindings::destroy_workqueue(wq_);
	}

	/// The queue, to pass to queue_work().  Valid while this object lives.
	[[nodiscard]] Queue &queue() const { return Queue::from_raw(checked()); }
	/// The queue, to pass to queue_work().
	operator Queue &() const { return queue(); }

	/// Waits until every item queued so far has run.
	void flush() const { queue().flush(); }

	/// Waits until the queue is empty, including items that queued items
	/// queue on it (drain_workqueue()).
	void drain() const
	{
		// SAFETY: ours (INVARIANT); sleeps.
		bindings::drain_workqueue(checked());
	}

private:
	explicit WorkQueue(bindings::workqueue_struct *wq) : wq_(wq) {}

	bindings::workqueue_struct *checked() const
	{
		if (!wq_) [[unlikely]]
			panic("use of a moved-from WorkQueue");
		return wq_;
	}

	bindings::workqueue_struct *wq_;
};

template <typename T> class Work;

template <typename T> concept WorkItem = std::is_base_of_v<Work<T>, T> && requires(Arc<T> self) {
	{ T::run(std::move(self)) } -> std::same_as<void>;
};

/// A work item of type T, a member of an object that lives in an Arc:
/// queue_work() runs T::run() in process context with the reference it
/// was queued with (see kcxx/workqueue.h).
template <typename T> class Work {
public:
	/// One lockdep class for every T (as INIT_WORK() in one function).
	Work() : Work(LockClass::of_static_key<&default_key_>(default_name_)) {}
	/// One lockdep class per creation site (KCXX_LOCK_CLASS()).
	explicit Work(LockClass cls)
	{
		// SAFETY: work_ is storage for a work_struct at a fixed
		// address; trampoline has the kernel's work_func_t type; key
		// and name are static or unused (LockClass).
		bindings::kcxx_helper_init_work(work_.get(), &trampoline, cls.name(), cls.key());
	}
	Work(const Work &) = delete;
	Work &operator=(const Work &) = delete;
	Work(Work &&) = delete;
	Work &operator=(Work &&) = delete;

	/// Queued and not yet started (a snapshot).
	[[nodiscard]] bool is_pending() const
	{
		// SAFETY: work_ is initialised (INVARIANT).
		return bindings::kcxx_helper_work_pending(work_.get());
	}

	/// Waits until the item has finished its last queued run: true if it
	/// waited.  Not from the item's own run().
	bool flush() const
	{
		// SAFETY: work_ is initialised (INVARIANT); sleeps.
		return bindings::flush_work(work_.get());
	}

	/// Takes the item off its queue if it is pending (and releases the
	/// queued reference), and waits for a running run() to finish: true
	/// if it was pending.  Not from the item's own run().
	bool cancel() const
	{
		// SAFETY: work_ is initialised (INVARIANT); sleeps.
		if (!bindings::cancel_work_sync(work_.get()))
			return false;
		// It was pending and will not run: the reference queue_work()
		// gave up belongs to us now (INVARIANT).  The caller reached
		// 'this' through another reference, so this is never the last.
		Arc<T> queued = Arc<T>::from_raw(static_cast<const T *>(this));
		return true;
	}

private:
	template <typename U> friend bool queue_work(Queue &queue, Arc<U> &&item);

	static void trampoline(bindings::work_struct *raw)
	{
		static_assert(WorkItem<T>, "kcxx: a work item T derives from kcxx::Work<T> and has "
					   "'static void run(kcxx::Arc<T> self)'");
		// SAFETY: raw is the work_ of a Work<T> base of a T in an Arc
		// (only queue_work() queues it), the first member of this
		// class; the queued reference is ours to hand over
		// (INVARIANT).
		auto *work = reinterpret_cast<Work *>(reinterpret_cast<WorkNode *>(raw));
		T::run(Arc<T>::from_raw(static_cast<const T *>(work)));
	}

	using WorkNode = detail::KernelStruct<bindings::work_struct, KCXX_SIZEOF_work_struct, KCXX_ALIGNOF_work_struct>;

	static inline constinit detail::LockClassKey default_key_{};
	static constexpr char default_name_[] = "kcxx::Work";

	WorkNode work_;
};

/// Queues 'item' (an Arc moved in, or an explicit clone()) on 'queue'; the
/// reference is released after T::run() has run with it.  False if the
/// item was already pending: it will run once, and this reference is
/// dropped.
template <typename T> bool queue_work(Queue &queue, Arc<T> &&item)
{
	static_assert(WorkItem<T>, "kcxx: a work item T derives from kcxx::Work<T> and has "
				   "'static void run(kcxx::Arc<T> self)'");
	const T *raw = std::move(item).into_raw();
	const Work<T> *work = raw;
	// SAFETY: the work_struct is initialised and lives in the Arc's
	// allocation, kept alive by the reference given up above, which the
	// queued work owns (INVARIANT) until trampoline() hands it to run().
	if (bindings::queue_work_on(KCXX_WORK_CPU_UNBOUND, queue.as_raw(), work->work_.get()))
		return true;
	// Already pending: the queued work holds its own reference.
	Arc<T> back = Arc<T>::from_raw(raw);
	return false;
}

/// Delayed work: an item that runs on a workqueue after a delay (struct
/// delayed_work: a work_struct and the timer that queues it), with the
/// same ownership rules as Work.
///
///     struct Poll : kcxx::DelayedWork<Poll> {
///         Poll() : DelayedWork(KCXX_LOCK_CLASS("mydev.poll")) {}
///         static void run(kcxx::Arc<Poll> self)        // process context
///         {
///             ...
///             kcxx::queue_delayed_work(kcxx::system_wq(), std::move(self),
///                                      kcxx::Jiffies::from_msecs(100));  // again
///         }
///     };
///     kcxx::queue_delayed_work(kcxx::system_wq(), item.clone(), kcxx::Duration::from_ms(100));
///     item->cancel();     // cancel_delayed_work_sync(): stops a self-requeueing item too
///
/// INVARIANT (DelayedWork): as Work's, for dwork_'s work_struct (its first
/// member): while the item is pending (its timer armed or its work queued)
/// or running, one reference of its Arc belongs to the queued item.
template <typename T> class DelayedWork;

template <typename T> concept DelayedWorkItem = std::is_base_of_v<DelayedWork<T>, T> && requires(Arc<T> self) {
	{ T::run(std::move(self)) } -> std::same_as<void>;
};

template <typename T> class DelayedWork {
public:
	DelayedWork() : DelayedWork(LockClass::of_static_key<&default_key_>(default_name_)) {}
	/// One lockdep class per creation site (KCXX_LOCK_CLASS()).
	explicit DelayedWork(LockClass cls)
	{
		// SAFETY: dwork_ is storage for a delayed_work at a fixed
		// address; trampoline has the kernel's work_func_t type; key
		// and name are static or unused (LockClass).
		bindings::kcxx_helper_init_delayed_work(dwork_.get(), &trampoline, cls.name(), cls.key());
	}
	DelayedWork(const DelayedWork &) = delete;
	DelayedWork &operator=(const DelayedWork &) = delete;
	DelayedWork(DelayedWork &&) = delete;
	DelayedWork &operator=(DelayedWork &&) = delete;

	/// Waiting for its delay or queued, and not yet started (a snapshot).
	[[nodiscard]] bool is_pending() const
	{
		// SAFETY: dwork_ is initialised (INVARIANT); its work_struct
		// is its first member.
		return bindings::kcxx_helper_work_pending(reinterpret_cast<bindings::work_struct *>(dwork_.get()));
	}

	/// Runs a waiting item now (its delay cut short) and waits until it
	/// has finished: true if it still had to wait for the run at the end
	/// (not if the item was idle, nor if its run was already over).  Not
	/// from the item's own run().
	bool flush() const
	{
		// SAFETY: dwork_ is initialised (INVARIANT); sleeps.
		return bindings::flush_delayed_work(dwork_.get());
	}

	/// Takes a waiting or queued item back (releasing its reference) and
	/// waits for a running run(); an item that queues itself again from
	/// run() is stopped too.  True if it was pending.  Not from run().
	bool cancel() const
	{
		// SAFETY: dwork_ is initialised (INVARIANT); sleeps.
		if (!bindings::cancel_delayed_work_sync(dwork_.get()))
			return false;
		// It was pending and will not run: its reference is ours now
		// (INVARIANT); the caller holds another one.
		Arc<T> queued = Arc<T>::from_raw(static_cast<const T *>(this));
		return true;
	}

private:
	template <typename U> friend bool queue_delayed_work(Queue &queue, Arc<U> &&item, Jiffies delay);

	static void trampoline(bindings::work_struct *raw)
	{
		static_assert(DelayedWorkItem<T>, "kcxx: a delayed work item T derives from "
						  "kcxx::DelayedWork<T> and has 'static void run(kcxx::Arc<T> self)'");
		static_assert(KCXX_OFFSETOF_delayed_work_work == 0);
		// SAFETY: raw is the work_struct of dwork_ (at offset 0) of a
		// DelayedWork<T> base of a T in an Arc (only
		// queue_delayed_work() queues it), dwork_ being the first
		// member of this class; the queued reference is ours to hand
		// over (INVARIANT).
		auto *work = reinterpret_cast<DelayedWork *>(reinterpret_cast<DelayedWorkNode *>(raw));
		T::run(Arc<T>::from_raw(static_cast<const T *>(work)));
	}

	using DelayedWorkNode = detail::KernelStruct<bindings::delayed_work, KCXX_SIZEOF_delayed_work,
						     KCXX_ALIGNOF_delayed_work>;

	static inline constinit detail::LockClassKey default_key_{};
	static constexpr char default_name_[] = "kcxx::DelayedWork";

	DelayedWorkNode dwork_;
};

/// Queues 'item' on 'queue' after 'delay' (0: at once); the reference is
/// released after T::run() has run with it.  False if the item was
/// already pending (its delay is not changed): this reference is dropped.
template <typename T> bool queue_delayed_work(Queue &queue, Arc<T> &&item, Jiffies delay)
{
	static_assert(DelayedWorkItem<T>, "kcxx: a delayed work item T derives from kcxx::DelayedWork<T> "
					  "and has 'static void run(kcxx::Arc<T> self)'");
	const T *raw = std::move(item).into_raw();
	const DelayedWork<T> *work = raw;
	// SAFETY: the delayed_work is initialised and lives in the Arc's
	// allocation, kept alive by the reference given up above, which the
	// queued item owns (INVARIANT) until trampoline() hands it to run().
	if (bindings::queue_delayed_work_on(KCXX_WORK_CPU_UNBOUND, queue.as_raw(), work->dwork_.get(),
					    delay.raw()))
		return true;
	Arc<T> back = Arc<T>::from_raw(raw);
	return false;
}

/// The delay as a Duration: rounded down to whole ticks (nsecs_to_jiffies()).
template <typename T> bool queue_delayed_work(Queue &queue, Arc<T> &&item, Duration delay)
{
	return queue_delayed_work(queue, std::move(item), Jiffies::from_duration(delay));
}

/// Anything else - a pointer, a reference, an Arc that is not moved - does
/// not compile: the queued item must carry a reference that keeps it alive.
namespace detail {
template <typename> inline constexpr bool queue_work_rejects = false;
} // namespace detail

/// Rejects anything but an Arc<T> passed by value at compile time: the
/// queued reference must keep the item alive until it has run.
template <typename P> bool queue_work(Queue &, P &&)
{
	static_assert(detail::queue_work_rejects<P>,
		      "kcxx: queue_work() takes a kcxx::Arc<T> by value (std::move(item) or item.clone()): "
		      "the queued reference keeps the item alive until it has run");
	return false;
}

/// Rejects anything but an Arc<T> passed by value at compile time, as
/// queue_work().
template <typename P, typename D> bool queue_delayed_work(Queue &, P &&, D)
{
	static_assert(detail::queue_work_rejects<P>,
		      "kcxx: queue_delayed_work() takes a kcxx::Arc<T> by value (std::move(item) or "
		      "item.clone()): the queued reference keeps the item alive until it has run");
	return false;
}

} // namespace kcxx
