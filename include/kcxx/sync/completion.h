// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Completion: a one-shot (or counted) "it is done" event, the
/// kernel's struct completion.
///
///     kcxx::Completion done;
///     // worker:                        // waiter:
///     ...; done.complete();             done.wait();
///                                       if (!done.wait_timeout(Timeout::from_msecs(50))) ...
///
/// complete() lets one waiter through (or the next wait() if none waits
/// yet); complete_all() lets every present and future waiter through until
/// reinit().  The struct completion is embedded by value: a Completion is
/// built in place and can be neither copied nor moved.  Its operations are
/// 'const' (shared through an Arc) except reinit(), which needs the
/// completion to itself: no waiter may be using it.
///
/// INVARIANT: done_ is an initialised struct completion at a fixed address
/// from the end of the constructor to the destructor.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/sync/kernel_struct.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/sync/timeout.h>

namespace kcxx {

/// A one-shot (or counted) "it is done" event, the kernel's struct completion
/// (see kcxx/sync/completion.h).
class Completion {
public:
	/// A completion whose wait queue lock is in the class shared by every
	/// Completion built this way (as init_completion() shares one per C
	/// file): it is a leaf lock.
	Completion() : Completion(LockClass::of_static_key<&default_key_>(default_name_)) {}

	/// A completion whose wait queue lock is in class 'cls'.
	explicit Completion(LockClass cls)
	{
		// SAFETY: done_ is storage for a struct completion at a fixed
		// address; key and name are static or unused (LockClass).
		bindings::kcxx_helper_init_completion(done_.get(), cls.name(), cls.key());
	}

	Completion(const Completion &) = delete;
	Completion &operator=(const Completion &) = delete;
	Completion(Completion &&) = delete;
	Completion &operator=(Completion &&) = delete;

	/// Lets one waiter through.
	void complete() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		bindings::complete(done_.get());
	}

	/// Lets every waiter through, now and until reinit().
	void complete_all() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		bindings::complete_all(done_.get());
	}

	/// Sleeps (uninterruptibly) until completed.
	void wait() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		bindings::wait_for_completion(done_.get());
	}

	/// Sleeps until completed or 'timeout' ran out: true if completed.
	[[nodiscard]] bool wait_timeout(Timeout timeout) const
	{
		// SAFETY: done_ is initialised; the timeout is in
		// [0, MAX_SCHEDULE_TIMEOUT] (Timeout INVARIANT).
		return bindings::wait_for_completion_timeout(done_.get(),
							     static_cast<unsigned long>(timeout.jiffies())) != 0;
	}

	/// Sleeps until completed or a signal arrives (-ERESTARTSYS).
	[[nodiscard]] Result<void> wait_interruptible() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		int ret = bindings::wait_for_completion_interruptible(done_.get());
		if (ret)
			return Error::from_errno(ret);
		return {};
	}

	/// Consumes a completion if one is available, without sleeping.
	[[nodiscard]] bool try_wait() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		return bindings::try_wait_for_completion(done_.get());
	}

	/// Whether a wait() would return at once (nobody consumes anything).
	[[nodiscard]] bool is_done() const
	{
		// SAFETY: done_ is initialised (INVARIANT).
		return bindings::completion_done(done_.get());
	}

	/// Back to "not done" (reinit_completion()), for reuse once no thread
	/// waits on it any more.
	void reinit()
	{
		// SAFETY: done_ is initialised.  reinit_completion() only
		// resets the count; not racing it with waiters is the kernel's
		// rule, and being non-const keeps it away from code that
		// shares the completion through an Arc (which gives const
		// access only).
		bindings::kcxx_helper_reinit_completion(done_.get());
	}

	/// Back to "not done" while completers may still run, for the one
	/// waiter of an operation that its own lock serialises (a driver's
	/// "start the device, wait for its interrupt"): reinit_completion()
	/// under the driver's lock, as C does it.  A complete() that races
	/// with the reset is lost, so the waiter must look at the state it
	/// waits for itself (the device's register, an Atomic the handler
	/// set), never rely on the count alone.  One store, no call.
	void reinit_for_waiter() const
	{
		// SAFETY: done_ is initialised; 'done' is the struct's
		// unsigned int count at the C compiler's offset, which
		// reinit_completion() sets with a plain store as well.
		__atomic_store_n(reinterpret_cast<unsigned int *>(reinterpret_cast<char *>(done_.get()) +
								  KCXX_OFFSETOF_completion_done),
				 0u, __ATOMIC_RELAXED);
	}

private:
	static inline constinit detail::LockClassKey default_key_{};
	static constexpr char default_name_[] = "kcxx::Completion"; // one pointer for the key

	detail::KernelStruct<bindings::completion, KCXX_SIZEOF_completion, KCXX_ALIGNOF_completion> done_;
};

} // namespace kcxx
