// SPDX-License-Identifier: GPL-2.0
// kcxx::Mutex<T>: data behind the lock, guards, try_lock, lock_interruptible.
#include <kcxx/box.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/mutex.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

struct Counted {
	static inline int alive = 0;
	int value;
	explicit Counted(int v) : value(v) { ++alive; }
	~Counted() { --alive; }
};

struct Account {
	long balance;
	int operations;
};

void lock_gives_access_to_the_data(test::Context &t)
{
	Mutex<Account> account(KCXX_LOCK_CLASS("test.account"), 100L, 0);
	{
		auto guard = account.lock();
		guard->balance += 50;
		guard->operations++;
	}
	{
		auto guard = account.lock();
		KCXX_EXPECT_EQ(t, guard->balance, 150L);
		KCXX_EXPECT_EQ(t, (*guard).operations, 1);
	}
}

void guard_unlocks_at_end_of_scope(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 0);
	KCXX_EXPECT(t, !m.is_locked());
	{
		auto guard = m.lock();
		KCXX_EXPECT(t, m.is_locked());
		*guard = 1;
	}
	KCXX_EXPECT(t, !m.is_locked());
	// An early end of the critical section is a nested block.
	for (int i = 0; i < 3; ++i) {
		auto guard = m.lock();
		++*guard;
	}
	KCXX_EXPECT(t, !m.is_locked());
	KCXX_EXPECT_EQ(t, *m.lock(), 4);
}

void try_lock_fails_while_held(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 7);
	{
		auto guard = m.lock();
		auto second = m.try_lock();
		KCXX_EXPECT(t, !second);
		KCXX_EXPECT(t, !second.has_value());
	}
	auto again = m.try_lock();
	KCXX_ASSERT(t, again.has_value());
	KCXX_EXPECT_EQ(t, *again, 7);
	*again = 8;
	KCXX_EXPECT(t, m.is_locked());
}

void try_lock_guard_unlocks(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 0);
	if (auto guard = m.try_lock())
		*guard += 5;
	KCXX_EXPECT(t, !m.is_locked());
	KCXX_EXPECT_EQ(t, *m.lock(), 5);
}

void lock_interruptible_takes_a_free_lock(test::Context &t)
{
	Mutex<Account> m(KCXX_LOCK_CLASS(), 1L, 2);
	{
		auto guard = m.lock_interruptible();
		KCXX_ASSERT(t, guard.is_ok());
		guard->balance = 10;
		KCXX_EXPECT(t, m.is_locked());
	}
	KCXX_EXPECT(t, !m.is_locked());
	KCXX_EXPECT_EQ(t, m.lock()->balance, 10L);
}

// A second thread holds the mutex; with a signal pending, an interruptible
// lock gives up with -EINTR and does not hold the mutex.
void lock_interruptible_is_eintr_on_signal(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 0);
	Completion held;
	Completion release;
	test::Thread holder([&] {
		auto guard = m.lock();
		held.complete();
		release.wait();
		*guard = 1;
	});
	KCXX_ASSERT_OK(t, holder.start("kcxx-holder"));
	held.wait();
	{
		test::PendingSignal signal;
		auto guard = m.lock_interruptible();
		KCXX_EXPECT(t, guard.is_error());
		if (guard.is_error())
			KCXX_EXPECT(t, guard.error() == code::EINTR);
	}
	release.complete();
	holder.join();
	KCXX_EXPECT_EQ(t, *m.lock(), 1);
}

// A function that needs the lock held takes the guard.
void deposit(MutexGuard<Account> &locked, long amount)
{
	locked->balance += amount;
	locked->operations++;
}

void guard_parameter_states_the_lock_is_held(test::Context &t)
{
	Mutex<Account> account(KCXX_LOCK_CLASS(), 0L, 0);
	auto guard = account.lock();
	deposit(guard, 5);
	deposit(guard, 6);
	KCXX_EXPECT_EQ(t, guard->balance, 11L);
	KCXX_EXPECT_EQ(t, guard->operations, 2);
}

void lives_in_box_and_arc(test::Context &t)
{
	Counted::alive = 0;
	{
		auto boxed = KCXX_ASSERT_TRY(t, Box<Mutex<Counted>>::try_new(GFP_KERNEL, KCXX_LOCK_CLASS(), 3));
		auto shared = KCXX_ASSERT_TRY(t, Arc<Mutex<Counted>>::try_new(GFP_KERNEL, KCXX_LOCK_CLASS(), 4));
		auto other = shared.clone();
		boxed->lock()->value++;
		other->lock()->value++;
		KCXX_EXPECT_EQ(t, boxed->lock()->value, 4);
		KCXX_EXPECT_EQ(t, shared->lock()->value, 5);
		KCXX_EXPECT_EQ(t, Counted::alive, 2);
	}
	KCXX_EXPECT_EQ(t, Counted::alive, 0);
}

void layout_is_the_kernel_struct_then_the_data(test::Context &t)
{
	KCXX_EXPECT(t, sizeof(Mutex<char>) >= KCXX_SIZEOF_mutex + 1);
	KCXX_EXPECT(t, sizeof(Mutex<char>) <= KCXX_SIZEOF_mutex + KCXX_ALIGNOF_mutex);
	KCXX_EXPECT_EQ(t, alignof(Mutex<char>), static_cast<unsigned long>(KCXX_ALIGNOF_mutex));
	Mutex<long> m(KCXX_LOCK_CLASS(), 5L);
	auto guard = m.lock();
	auto data = reinterpret_cast<unsigned long>(&*guard);
	auto lock = reinterpret_cast<unsigned long>(&m);
	KCXX_EXPECT(t, data >= lock + KCXX_SIZEOF_mutex);
	KCXX_EXPECT(t, data + sizeof(long) <= lock + sizeof(m));
}

constexpr test::Case cases[] = {
	KCXX_CASE(lock_gives_access_to_the_data),
	KCXX_CASE(guard_unlocks_at_end_of_scope),
	KCXX_CASE(try_lock_fails_while_held),
	KCXX_CASE(try_lock_guard_unlocks),
	KCXX_CASE(lock_interruptible_takes_a_free_lock),
	KCXX_CASE(lock_interruptible_is_eintr_on_signal),
	KCXX_CASE(guard_parameter_states_the_lock_is_held),
	KCXX_CASE(lives_in_box_and_arc),
	KCXX_CASE(layout_is_the_kernel_struct_then_the_data),
};

} // namespace

constinit const test::Suite mutex_suite{"kcxx_mutex", cases};
