// SPDX-License-Identifier: GPL-2.0
// Two threads hammer one lock or one reference count 100000 times each:
// the totals must be exact (run with two CPUs: tests/vm/suites).
#include <kcxx/sync/arc.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/sync/spinlock_irq.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

constexpr int rounds = 100000;

// Runs work() in two threads at once and waits for both.
template <typename F> bool in_two_threads(test::Context &t, F work)
{
	test::Thread a(work);
	test::Thread b(work);
	if (a.start("kcxx-stress-a").is_error() || b.start("kcxx-stress-b").is_error()) {
		t.fail(__FILE__, __LINE__, "two threads start");
		return false;
	}
	return true;
}

struct Counter {
	// Two fields updated non-atomically: a torn critical section shows.
	long value;
	long shadow;
};

void mutex_counter(test::Context &t)
{
	Mutex<Counter> counter(KCXX_LOCK_CLASS("stress.mutex"), 0L, 0L);
	if (!in_two_threads(t, [&] {
		    for (int i = 0; i < rounds; ++i) {
			    auto guard = counter.lock();
			    guard->value++;
			    guard->shadow = guard->value;
		    }
	    }))
		return;
	auto guard = counter.lock();
	KCXX_EXPECT_EQ(t, guard->value, 2L * rounds);
	KCXX_EXPECT_EQ(t, guard->shadow, 2L * rounds);
}

void spinlock_counter(test::Context &t)
{
	SpinLock<Counter> counter(KCXX_LOCK_CLASS("stress.spin"), 0L, 0L);
	if (!in_two_threads(t, [&] {
		    for (int i = 0; i < rounds; ++i) {
			    auto guard = counter.lock();
			    guard->value++;
			    guard->shadow = guard->value;
		    }
	    }))
		return;
	auto guard = counter.lock();
	KCXX_EXPECT_EQ(t, guard->value, 2L * rounds);
	KCXX_EXPECT_EQ(t, guard->shadow, 2L * rounds);
}

void spinlock_irq_counter(test::Context &t)
{
	SpinLockIrq<Counter> counter(KCXX_LOCK_CLASS("stress.spin_irq"), 0L, 0L);
	if (!in_two_threads(t, [&] {
		    for (int i = 0; i < rounds; ++i) {
			    auto guard = counter.lock();
			    guard->value++;
			    guard->shadow = guard->value;
		    }
	    }))
		return;
	auto guard = counter.lock();
	KCXX_EXPECT_EQ(t, guard->value, 2L * rounds);
}

void try_lock_counter(test::Context &t)
{
	Mutex<Counter> counter(KCXX_LOCK_CLASS("stress.trylock"), 0L, 0L);
	if (!in_two_threads(t, [&] {
		    for (int i = 0; i < rounds / 10;) {
			    if (auto guard = counter.try_lock()) {
				    guard->value++;
				    ++i;
			    } else {
				    test::relax();
			    }
		    }
	    }))
		return;
	KCXX_EXPECT_EQ(t, counter.lock()->value, 2L * (rounds / 10));
}

void arc_clone_and_drop(test::Context &t)
{
	auto shared = KCXX_ASSERT_TRY(t, Arc<Counter>::try_new(GFP_KERNEL, 1L, 2L));
	if (!in_two_threads(t, [&] {
		    for (int i = 0; i < rounds; ++i) {
			    Arc<Counter> mine = shared.clone();
			    if (mine->value != 1)
				    break;
		    }
	    }))
		return;
	KCXX_EXPECT_EQ(t, shared.strong_count(), 1);
}

constexpr test::Case cases[] = {
	KCXX_CASE(mutex_counter),
	KCXX_CASE(spinlock_counter),
	KCXX_CASE(spinlock_irq_counter),
	KCXX_CASE(try_lock_counter),
	KCXX_CASE(arc_clone_and_drop),
};

} // namespace

constinit const test::Suite stress_suite{"kcxx_stress", cases};
