// SPDX-License-Identifier: GPL-2.0
/// \file
/// The execution context: may the current code sleep?
///
///     kcxx::might_sleep();          // annotate a function that may block
///     if (kcxx::in_atomic()) ...    // for assertions and tests
///
/// Sleeping in atomic context - under a SpinLock guard, with interrupts
/// disabled, in an interrupt handler - is a classic kernel bug: the CPU
/// schedules away while it holds a spinlock, and the next task that spins on
/// it deadlocks.
///
/// Why this is not a compile-time error in kcxx.  A sound check needs the
/// type system to know, at every call of a blocking operation, whether a
/// spinlock guard is alive anywhere up the call chain.  The candidate
/// designs, and where each breaks:
///
///  - a 'Sleepable' context token that blocking operations require and that
///    a spinlock guard takes away: C++ has no way to take a value away.  A
///    guard can borrow the token, but the caller still names the token (or
///    any reference to it) and calls a blocking function with it while the
///    guard lives; a moved-from token still compiles (there is no
///    use-after-move error).  It would also put a parameter on every
///    function of every driver that may sleep, without catching anything
///    that a shadowing trick could not dodge;
///  - a macro that opens the guard and shadows a context name: holds only
///    inside one lexical block, not for the functions called from it;
///  - stateful metaprogramming (friend injection counters): counts
///    instantiations in a translation unit, not guards alive at run time.
///
/// What kcxx does instead:
///  - the blocking operations go straight to the kernel's functions, which
///    already check: mutex_lock(), wait_for_completion() and the wait
///    queue's schedule() call might_sleep()/schedule_debug(), so a debug
///    kernel (CONFIG_DEBUG_ATOMIC_SLEEP) reports "BUG: sleeping function
///    called from invalid context" at every call and every kernel reports
///    "scheduling while atomic" when the call really sleeps.  Adding kcxx::might_sleep() in front of them would be
///    a second check and, on Debian's voluntary-preemption kernels, a second
///    cond_resched() call: not free;
///  - the type-level checks C++ can make are made: CondVar waits take the
///    guard they release while sleeping (sleeping with another lock's guard
///    in hand is what the kernel catches), and SpinLockIrq<T> has no
///    interrupt-enabling lock().
///  - kcxx::might_sleep() is there for kcxx code that may block without
///    going through such a kernel function.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// might_sleep(): on a debug kernel, reports a call from atomic context; on
/// any kernel a voluntary preemption point.
inline void might_sleep()
{
	// SAFETY: the helper only runs the kernel's might_sleep().
	bindings::kcxx_helper_might_sleep();
}

/// in_atomic(): preemption is disabled (a spinlock is held, or IRQ/softirq
/// context) - sleeping now is a bug.
[[nodiscard]] inline bool in_atomic()
{
	// SAFETY: reads the current CPU's preempt count.
	return bindings::kcxx_helper_in_atomic() != 0;
}

/// Whether in_atomic() sees a held spinlock: the kernel counts
/// preemption-disabling sections (CONFIG_PREEMPT_COUNT; Debian's x86
/// kernels do, PREEMPT_DYNAMIC).  Without the count (Debian's arm64 kernel,
/// voluntary preemption) preempt_disable() is only a compiler barrier, and
/// in_atomic() is true only in interrupt context: the kernel's own
/// limitation, not a kcxx one.
[[nodiscard]] constexpr bool in_atomic_sees_locks()
{
	return KCXX_CONFIG_PREEMPT_COUNT != 0;
}

/// irqs_disabled(): local interrupts are disabled.
[[nodiscard]] inline bool irqs_disabled()
{
	// SAFETY: reads the current CPU's interrupt flag.
	return bindings::kcxx_helper_irqs_disabled() != 0;
}

/// signal_pending(current): the current task has a signal to handle.
[[nodiscard]] inline bool signal_pending()
{
	// SAFETY: reads the current task's thread flags.
	return bindings::kcxx_helper_signal_pending() != 0;
}

} // namespace kcxx
