// SPDX-License-Identifier: GPL-2.0
// kcxx::Revocable: the counted guard (try_access()), the RCU guard
// (try_access_rcu()) and access inside a caller's rcu::ReadLock
// (try_access_with()) reach the T until revoke(); revoke() waits for every
// kind before it destroys the T.
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
		auto rcu = r.try_access_rcu();
		KCXX_ASSERT(t, static_cast<bool>(rcu));
		KCXX_EXPECT_EQ(t, (*rcu)->value, 42);
		auto counted = r.try_access(); // both kinds at once
		KCXX_ASSERT(t, static_cast<bool>(counted));
		KCXX_EXPECT(t, &**counted == &**rcu);
		auto nested = r.try_access_rcu(); // RCU sections nest
		KCXX_EXPECT(t, static_cast<bool>(nested));
	}
	{
		const rcu::ReadLock lock; // several accesses, one section
		Option<const Tracked *> first = r.try_access_with(lock);
		Option<const Tracked *> second = r.try_access_with(lock);
		KCXX_ASSERT(t, first && second);
		KCXX_EXPECT(t, *first == *second && (*first)->value == 42);
	}
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
	KCXX_EXPECT(t, !r.try_access_rcu());
	{
		const rcu::ReadLock lock;
		KCXX_EXPECT(t, !r.try_access_with(lock));
	}
	KCXX_EXPECT(t, !r.try_access());
	KCXX_EXPECT(t, !r.revoke()); // the second revoke() destroys nothing
}

// A moved RcuGuard holds the read lock once: the moved-from one gives
// nothing back (an unbalanced rcu_read_unlock() would warn, or end the
// section of the one it moved to early).
void rcu_guard_moves(test::Context &t)
{
	Atomic<int> destroyed{0};
	Revocable<Tracked> r(&destroyed, 7);
	{
		auto first = r.try_access_rcu();
		KCXX_ASSERT(t, static_cast<bool>(first));
		auto moved = std::move(*first);
		KCXX_EXPECT_EQ(t, moved->value, 7);
	}
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
}

// How the reader below reaches the T: its own RCU guard, or a read lock
// and try_access_with().
enum class RcuAccess { guard, with_lock };

// revoke() on one CPU while another reads the T in an RCU read-side
// section: the T stays alive until that section ends, and revoke() returns
// only after it does.  The reader holds on until it sees revoke() begin (a
// new access is refused), then checks the T a while longer; without the
// grace period in revoke() the T would be destroyed under it.  An order of
// events, no time window.
template <RcuAccess Access> void revoke_waits_for_rcu_readers(test::Context &t)
{
	if (kcxx::nr_cpu_ids() < 2) {
		t.skip("needs a second CPU (the reader spins until revoke() begins)");
		return;
	}
	Atomic<int> destroyed{0};
	Revocable<Tracked> r(&destroyed, 1);
	Completion holding;
	Atomic<int> saw_revoke{0}, destroyed_under_guard{0}, released{0};
	// The reader, inside its section, with the T it reached.
	auto hold = [&](const Tracked *value) {
		holding.complete();
		// Bounded only as a safety net: revoke() begins as soon as
		// the other CPU runs the test again.
		for (unsigned long i = 0; i < (1ul << 32) && r.try_access_rcu(); ++i)
			kcxx::cpu_relax();
		saw_revoke.store(!r.try_access_rcu() ? 1 : 0);
		for (int i = 0; i < 10000; ++i) {
			if (destroyed.load(order::Acquire{}) || value->value != 1)
				destroyed_under_guard.store(1);
			kcxx::cpu_relax();
		}
		released.store(1, order::Release{}); // the section ends right after
	};
	test::Thread reader([&] {
		if constexpr (Access == RcuAccess::guard) {
			if (auto guard = r.try_access_rcu())
				hold(&**guard);
		} else {
			const rcu::ReadLock lock;
			if (Option<const Tracked *> value = r.try_access_with(lock))
				hold(*value);
		}
	});
	KCXX_ASSERT_OK(t, reader.start("kcxx-rcu-reader"));
	holding.wait();
	KCXX_EXPECT(t, r.revoke());
	KCXX_EXPECT_EQ(t, released.load(order::Acquire{}), 1); // revoke() waited for the guard
	reader.join();
	KCXX_EXPECT_EQ(t, saw_revoke.load(), 1);
	KCXX_EXPECT_EQ(t, destroyed_under_guard.load(), 0);
	KCXX_EXPECT_EQ(t, destroyed.load(), 1);
}

void revoke_waits_for_rcu_guards(test::Context &t)
{
	revoke_waits_for_rcu_readers<RcuAccess::guard>(t);
}

void revoke_waits_for_rcu_read_locks(test::Context &t)
{
	revoke_waits_for_rcu_readers<RcuAccess::with_lock>(t);
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
		if (!guard)
			return;
		holding.complete();
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
	KCXX_CASE(rcu_guard_moves),
	KCXX_CASE(revoke_waits_for_rcu_guards),
	KCXX_CASE(revoke_waits_for_rcu_read_locks),
	KCXX_CASE(revoke_waits_for_counted_guards),
};

} // namespace

constinit const test::Suite revocable_suite{"kcxx_revocable", cases};
