// SPDX-License-Identifier: GPL-2.0
// kcxx::SpinLock<T>, SpinLockIrq<T>: data behind the lock, preemption and
// interrupt state while a guard lives.
#include <kcxx/sync/context.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/sync/spinlock_irq.h>

#include "suites.h"

using namespace kcxx;

namespace {

struct Stats {
	unsigned long packets;
	unsigned long bytes;
};

void lock_gives_access_to_the_data(test::Context &t)
{
	SpinLock<Stats> stats(KCXX_LOCK_CLASS("test.stats"), 0UL, 0UL);
	{
		auto guard = stats.lock();
		guard->packets++;
		guard->bytes += 1500;
	}
	auto guard = stats.lock();
	KCXX_EXPECT_EQ(t, guard->packets, 1UL);
	KCXX_EXPECT_EQ(t, guard->bytes, 1500UL);
}

void guard_disables_preemption(test::Context &t)
{
	SpinLock<int> lock(KCXX_LOCK_CLASS(), 0);
	KCXX_EXPECT(t, !in_atomic());
	{
		auto guard = lock.lock();
		KCXX_EXPECT(t, in_atomic() || !in_atomic_sees_locks());
		KCXX_EXPECT(t, lock.is_locked());
	}
	KCXX_EXPECT(t, !in_atomic());
	KCXX_EXPECT(t, !lock.is_locked());
}

void try_lock_fails_while_held(test::Context &t)
{
	SpinLock<int> lock(KCXX_LOCK_CLASS(), 3);
	{
		auto guard = lock.lock();
		KCXX_EXPECT(t, !lock.try_lock());
	}
	{
		auto again = lock.try_lock();
		KCXX_ASSERT(t, again.has_value());
		KCXX_EXPECT_EQ(t, *again, 3);
	}
	KCXX_EXPECT(t, !lock.is_locked());
}

void irqsave_guard_restores_interrupt_state(test::Context &t)
{
	SpinLock<int> lock(KCXX_LOCK_CLASS(), 0);
	KCXX_ASSERT(t, !irqs_disabled());
	{
		auto guard = lock.lock_irqsave();
		KCXX_EXPECT(t, irqs_disabled());
		++*guard;
	}
	KCXX_EXPECT(t, !irqs_disabled());
	KCXX_EXPECT_EQ(t, *lock.lock(), 1);
}

// An inner irqsave guard taken with interrupts already off leaves them off;
// the outer one turns them back on: guards restore in reverse order.
void nested_irqsave_guards_restore_in_order(test::Context &t)
{
	SpinLock<int> outer(KCXX_LOCK_CLASS("test.outer"), 0);
	SpinLock<int> inner(KCXX_LOCK_CLASS("test.inner"), 0);
	{
		auto a = outer.lock_irqsave();
		{
			auto b = inner.lock_irqsave();
			KCXX_EXPECT(t, irqs_disabled());
		}
		KCXX_EXPECT(t, irqs_disabled());
	}
	KCXX_EXPECT(t, !irqs_disabled());
}

void try_lock_irqsave_leaves_interrupts_on_failure(test::Context &t)
{
	SpinLock<int> lock(KCXX_LOCK_CLASS(), 0);
	{
		auto guard = lock.lock();
		bool was_disabled = irqs_disabled();
		auto attempt = lock.try_lock_irqsave();
		KCXX_EXPECT(t, !attempt.has_value());
		KCXX_EXPECT_EQ(t, irqs_disabled(), was_disabled);
	}
	{
		auto attempt = lock.try_lock_irqsave();
		KCXX_ASSERT(t, attempt.has_value());
		KCXX_EXPECT(t, irqs_disabled());
	}
	KCXX_EXPECT(t, !irqs_disabled());
}

void spinlock_irq_always_disables_interrupts(test::Context &t)
{
	SpinLockIrq<Stats> ring(KCXX_LOCK_CLASS("test.ring"), 0UL, 0UL);
	{
		auto guard = ring.lock();
		KCXX_EXPECT(t, irqs_disabled());
		KCXX_EXPECT(t, ring.is_locked());
		guard->packets = 9;
	}
	KCXX_EXPECT(t, !irqs_disabled());
	if (auto guard = ring.try_lock()) {
		KCXX_EXPECT(t, irqs_disabled());
		KCXX_EXPECT_EQ(t, guard->packets, 9UL);
	} else {
		KCXX_EXPECT(t, false && "try_lock of a free SpinLockIrq failed");
	}
	KCXX_EXPECT(t, !irqs_disabled());
}

void layout_is_the_kernel_struct_then_the_data(test::Context &t)
{
	KCXX_EXPECT(t, sizeof(SpinLock<char>) >= KCXX_SIZEOF_spinlock + 1);
	KCXX_EXPECT(t, sizeof(SpinLock<char>) <= KCXX_SIZEOF_spinlock + KCXX_ALIGNOF_spinlock);
	KCXX_EXPECT_EQ(t, sizeof(SpinLockIrq<int>), sizeof(SpinLock<int>));
}

constexpr test::Case cases[] = {
	KCXX_CASE(lock_gives_access_to_the_data),
	KCXX_CASE(guard_disables_preemption),
	KCXX_CASE(try_lock_fails_while_held),
	KCXX_CASE(irqsave_guard_restores_interrupt_state),
	KCXX_CASE(nested_irqsave_guards_restore_in_order),
	KCXX_CASE(try_lock_irqsave_leaves_interrupts_on_failure),
	KCXX_CASE(spinlock_irq_always_disables_interrupts),
	KCXX_CASE(layout_is_the_kernel_struct_then_the_data),
};

} // namespace

constinit const test::Suite spinlock_suite{"kcxx_spinlock", cases};
