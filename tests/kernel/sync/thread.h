// SPDX-License-Identifier: GPL-2.0
// A second thread for the sync tests: runs a callable in a kernel thread.
//
//     test::Thread worker([&] { ... });
//     KCXX_ASSERT_OK(t, worker.start("kcxx-worker"));
//     ...
//     worker.join();      // or let the destructor do it
//
// join() returns once the callable has returned and the kthread has
// exited (it holds a reference to the task, so stopping a thread that has
// already finished is safe).
//
// INVARIANT: task_ is null or a started kthread of ours, with a reference
// held; done_ completes when fn_ has returned.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/result.h>
#include <kcxx/sync/barrier.h>
#include <kcxx/sync/completion.h>

namespace kcxx::test {

template <typename F> class Thread {
public:
	explicit Thread(F fn) : fn_(fn) {}
	Thread(const Thread &) = delete;
	Thread &operator=(const Thread &) = delete;

	~Thread() { join(); }

	[[nodiscard]] Result<void> start(const char *name)
	{
		// SAFETY: this object outlives the thread (join() in the
		// destructor waits for it); trampoline matches the kthread
		// function type.
		int ret = bindings::kcxx_helper_kthread_run(&task_, &trampoline, this, name);
		if (ret)
			return Error::from_errno(ret);
		return {};
	}

	void join()
	{
		if (!task_)
			return;
		// kthread_stop() before the thread ran would skip fn_: wait
		// for fn_ to return first.
		done_.wait();
		// SAFETY: task_ is ours with a reference held (INVARIANT).
		(void)bindings::kcxx_helper_kthread_stop_put(task_);
		task_ = nullptr;
	}

private:
	static int trampoline(void *self)
	{
		auto *thread = static_cast<Thread *>(self);
		thread->fn_();
		thread->done_.complete();
		return 0;
	}

	F fn_;
	Completion done_;
	bindings::task_struct *task_ = nullptr;
};

// Makes signal_pending() true for the current task (the insmod process)
// for the life of the object, as a signal would, so interruptible waits
// give up at once.  It sets TIF_NOTIFY_SIGNAL (what kthread_stop() uses to
// interrupt a wait) instead of sending a real signal: a fatal one would
// start the exit of insmod's thread group.
//
// INVARIANT: TIF_NOTIFY_SIGNAL of the current task is set for the life of
// the object, and the object does not leave the task that made it.
class PendingSignal {
public:
	// SAFETY: only the current task's flag; the destructor clears it
	// before insmod returns to user space.
	PendingSignal() { bindings::kcxx_helper_set_notify_signal(); }
	~PendingSignal() { bindings::kcxx_helper_clear_notify_signal(); }
	PendingSignal(const PendingSignal &) = delete;
	PendingSignal &operator=(const PendingSignal &) = delete;
};

// Nanoseconds since boot, for the benchmark cases.
inline long long now_ns()
{
	// SAFETY: ktime_get() reads the monotonic clock.
	return bindings::ktime_get();
}

// In a busy-wait loop: let the other thread run (it may share the CPU).
inline void relax()
{
	cpu_relax();
	// SAFETY: a voluntary preemption point; process context only.
	bindings::kcxx_helper_cond_resched();
}

inline void sleep_ms(unsigned int ms)
{
	// SAFETY: sleeps; called from process context only.
	bindings::msleep(ms);
}

} // namespace kcxx::test
