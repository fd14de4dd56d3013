// SPDX-License-Identifier: GPL-2.0
// kcxx::Revocable: the counted guard (try_access()) and access inside a
// caller's rcu::ReadLock (try_access_with()) reach the T until revoke();
// revoke() waits for both kinds before it destroys the T.
#include <kcxx/revocable.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/barrier.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/rcu.h>
#include <kcxx/topology.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

// A value that records its destruction.
struct Tracked {
	const Atomic<int> *destroyed;
	int value;
	Tracked(const Atomic<int> *d, int v) : destroyed(d), value(v) {}
	~Tracked() { destroyed->store(1, order::Release{}); }
};

void guards_reach_the_value_until_revoked(test::Context &t)
{
	Atomic<int> destroyed{0};
	Revocable<Tracked> r(&destroyed, 42);
	{
		const rcu::ReadLock lock; // several accesses, one section
		Option<const Tracked *> first = r.try_access_with(lock);
		Option<const Tracked *> second = r.try_access_with(lock);
		KCXX_ASSERT(t, first && second);
		KCXX_EXPECT(t, *first == *second && (*first)->value == 42);
		auto counted = r.try_access(); // both kinds at once
		KCXX_ASSERT(t, static_cast<bool>(counted));
		KCXX_EXPECT(t, &**counted == *first);
		const rcu::ReadLock nested; // RCU sections nest
		KCXX_EXPECT(t, static_cast<bool>(r.try_access_with(nested)));
	}
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
	{
		const rcu::ReadLock lock;
		KCXX_EXPECT(t, !r.try_access_with(lock));
	}
	KCXX_EXPECT(t, !r.try_access());
	KCXX_EXPECT(t, !r.revoke()); // the second revoke() destroys nothing
}

// revoke() on one CPU while another reads the T in an RCU read-side
// section: the T stays alive until that section ends, and revoke() returns
// only after it does.  The reader holds on until it sees revoke() begin (a
// new access is refused), then checks the T a while longer; without the
// grace period in revoke() the T would be destroyed under it.  An order of
// events, no time window.
void revoke_waits_for_rcu_readers(test::Context &t)
{
	if (kcxx::nr_cpu_ids() < 2) {
		t.skip("needs a second CPU (the reader spins until revoke() begins)");
		return;
	}
	Atomic<int> destroyed{0};
	Revocable<Tracked> r(&destroyed, 1);
	Completion holding;
	Atomic<int> saw_revoke{0}, destroyed_under_section{0}, released{0};
	test::Thread reader([&] {
		const rcu::ReadLock lock;
		Option<const Tracked *> value = r.try_access_with(lock);
		holding.complete();
		if (!value)
			return; // released stays 0: the case fails
		// Bounded only as a safety net: revoke() begins as soon as
		// the other CPU runs the test again.
		for (unsigned long i = 0; i < (1ul << 32) && r.try_access_with(lock); ++i)
			kcxx::cpu_relax();
		saw_revoke.store(!r.try_access_with(lock) ? 1 : 0);
		for (int i = 0; i < 10000; ++i) {
			if (destroyed.load(order::Acquire{}) || (*value)->value != 1)
				destroyed_under_section.store(1);
			kcxx::cpu_relax();
		}
		released.store(1, order::Release{}); // the section ends right after
	});
	KCXX_ASSERT_OK(t, reader.start("kcxx-rcu-reader"));
	holding.wait();
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, released.load(order::Acquire{}), 1); // revoke() waited for the section
	reader.join();
	KCXX_EXPECT_EQ(t, saw_revoke.load(), 1);
	KCXX_EXPECT_EQ(t, destroyed_under_section.load(), 0);
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
}

// The same with the counted guard, which may sleep while it is held.
void revoke_waits_for_counted_guards(test::Context &t)
{
	Atomic<int> destroyed{0};
	Revocable<Tracked> r(&destroyed, 1);
	Completion holding;
	Atomic<int> destroyed_under_guard{0}, released{0};
	test::Thread holder([&] {
		auto guard = r.try_access();
		holding.complete();
		if (!guard)
			return; // released stays 0: the case fails
		while (r.try_access()) // revoke() has not begun
			test::sleep_ms(1);
		test::sleep_ms(20); // a sleep with the guard held: allowed
		if (destroyed.load(order::Acquire{}) || (*guard)->value != 1)
			destroyed_under_guard.store(1);
		released.store(1, order::Release{});
	});
	KCXX_ASSERT_OK(t, holder.start("kcxx-holder"));
	holding.wait();
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, released.load(order::Acquire{}), 1);
	holder.join();
	KCXX_EXPECT_EQ(t, destroyed_under_guard.load(), 0);
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
}

constexpr test::Case cases[] = {
	KCXX_CASE(guards_reach_the_value_until_revoked),
	KCXX_CASE(revoke_waits_for_rcu_readers),
	KCXX_CASE(revoke_waits_for_counted_guards),
};

} // namespace

constinit const test::Suite revocable_suite{"kcxx_revocable", cases};
