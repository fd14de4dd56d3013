// SPDX-License-Identifier: GPL-2.0
// kcxx::CondVar: waiting on data behind a Mutex or a SpinLock, with a
// second thread to notify.
#include <kcxx/sync/condvar.h>
#include <kcxx/sync/context.h>
#include <kcxx/time.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

struct Mailbox {
	bool ready = false;
	int message = 0;
	int readers = 0;
};

void notify_one_wakes_the_waiter(test::Context &t)
{
	Mutex<Mailbox> box(KCXX_LOCK_CLASS("test.mailbox"));
	CondVar changed(KCXX_LOCK_CLASS("test.mailbox_changed"));
	test::Thread sender([&] {
		test::sleep_ms(10); // let the receiver sleep first
		{
			auto guard = box.lock();
			guard->message = 42;
			guard->ready = true;
		}
		changed.notify_one();
	});
	KCXX_ASSERT_OK(t, sender.start("kcxx-sender"));
	auto guard = box.lock();
	changed.wait_until(guard, [](Mailbox &m) { return m.ready; });
	KCXX_EXPECT_EQ(t, guard->message, 42);
	KCXX_EXPECT(t, box.is_locked()); // the guard holds the lock again
}

void notify_all_wakes_every_waiter(test::Context &t)
{
	Mutex<Mailbox> box(KCXX_LOCK_CLASS());
	CondVar changed;
	auto reader = [&] {
		auto guard = box.lock();
		changed.wait_until(guard, [](Mailbox &m) { return m.ready; });
		guard->readers++;
	};
	test::Thread first(reader);
	test::Thread second(reader);
	KCXX_ASSERT_OK(t, first.start("kcxx-reader1"));
	KCXX_ASSERT_OK(t, second.start("kcxx-reader2"));
	test::sleep_ms(10);
	box.lock()->ready = true;
	changed.notify_all();
	first.join();
	second.join();
	KCXX_EXPECT_EQ(t, box.lock()->readers, 2);
}

// Expired means the timeout's jiffies passed (schedule_timeout()); a
// spurious wake-up returns the time left, and waiting on with it keeps the
// deadline.
void wait_timeout_expires_without_notification(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 0);
	CondVar never;
	auto guard = m.lock();
	Timeout timeout = Timeout::from_msecs(20);
	Jiffies start = Jiffies::now();
	Timeout left = never.wait_timeout(guard, timeout);
	while (!left.expired())
		left = never.wait_timeout(guard, left);
	KCXX_EXPECT(t, !Jiffies::now().before(start + Jiffies::from_raw(timeout.jiffies())));
	KCXX_EXPECT(t, m.is_locked());
	*guard = 1;
}

void wait_timeout_returns_time_left_when_notified(test::Context &t)
{
	Mutex<Mailbox> box(KCXX_LOCK_CLASS());
	CondVar changed;
	test::Thread sender([&] {
		box.lock()->ready = true;
		changed.notify_one();
	});
	auto guard = box.lock();
	KCXX_ASSERT_OK(t, sender.start("kcxx-sender"));
	Timeout left = Timeout::from_msecs(30000);
	while (!guard->ready && !left.expired())
		left = changed.wait_timeout(guard, left);
	KCXX_EXPECT(t, guard->ready);
	KCXX_EXPECT(t, !left.expired());
	KCXX_EXPECT(t, left.jiffies() <= Timeout::from_msecs(30000).jiffies());
}

void waits_with_a_spinlock_guard(test::Context &t)
{
	SpinLock<Mailbox> box(KCXX_LOCK_CLASS("test.spin_mailbox"));
	CondVar changed;
	test::Thread sender([&] {
		test::sleep_ms(5);
		{
			auto guard = box.lock();
			guard->message = 7;
			guard->ready = true;
		}
		changed.notify_one();
	});
	KCXX_ASSERT_OK(t, sender.start("kcxx-sender"));
	auto guard = box.lock();
	changed.wait_until(guard, [](Mailbox &m) { return m.ready; });
	KCXX_EXPECT(t, in_atomic() || !in_atomic_sees_locks()); // the spinlock is held again
	KCXX_EXPECT_EQ(t, guard->message, 7);
}

void waits_with_an_irqsave_guard(test::Context &t)
{
	SpinLock<Mailbox> box(KCXX_LOCK_CLASS("test.irq_mailbox"));
	CondVar changed;
	test::Thread sender([&] {
		test::sleep_ms(5);
		box.lock_irqsave()->ready = true;
		changed.notify_one();
	});
	KCXX_ASSERT_OK(t, sender.start("kcxx-sender"));
	{
		auto guard = box.lock_irqsave();
		changed.wait_until(guard, [](Mailbox &m) { return m.ready; });
		KCXX_EXPECT(t, irqs_disabled());
	}
	KCXX_EXPECT(t, !irqs_disabled());
}

void wait_interruptible_is_ok_when_notified(test::Context &t)
{
	Mutex<Mailbox> box(KCXX_LOCK_CLASS());
	CondVar changed;
	test::Thread sender([&] {
		test::sleep_ms(5);
		box.lock()->ready = true;
		changed.notify_all();
	});
	KCXX_ASSERT_OK(t, sender.start("kcxx-sender"));
	auto guard = box.lock();
	while (!guard->ready) {
		Result<void> r = changed.wait_interruptible(guard);
		KCXX_ASSERT(t, r.is_ok());
	}
}

void wait_interruptible_ends_on_signal(test::Context &t)
{
	Mutex<int> m(KCXX_LOCK_CLASS(), 0);
	CondVar never;
	test::PendingSignal signal;
	auto guard = m.lock();
	Result<void> r = never.wait_interruptible(guard);
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ERESTARTSYS);
	KCXX_EXPECT(t, m.is_locked());
}

// Two threads take turns, 1000 times each, through one mutex and two
// condition variables: no wake-up is lost.
void ping_pong(test::Context &t)
{
	struct Table {
		int turn = 0; // 0: ping, 1: pong
		int rounds = 0;
	};
	constexpr int rounds = 1000;
	Mutex<Table> table(KCXX_LOCK_CLASS("test.table"));
	CondVar ping_turn;
	CondVar pong_turn;
	test::Thread pong([&] {
		for (int i = 0; i < rounds; ++i) {
			auto guard = table.lock();
			pong_turn.wait_until(guard, [](Table &s) { return s.turn == 1; });
			guard->turn = 0;
			guard->rounds++;
			ping_turn.notify_one();
		}
	});
	KCXX_ASSERT_OK(t, pong.start("kcxx-pong"));
	for (int i = 0; i < rounds; ++i) {
		auto guard = table.lock();
		ping_turn.wait_until(guard, [](Table &s) { return s.turn == 0; });
		guard->turn = 1;
		guard->rounds++;
		pong_turn.notify_one();
	}
	pong.join();
	KCXX_EXPECT_EQ(t, table.lock()->rounds, 2 * rounds);
}

constexpr test::Case cases[] = {
	KCXX_CASE(notify_one_wakes_the_waiter),
	KCXX_CASE(notify_all_wakes_every_waiter),
	KCXX_CASE(wait_timeout_expires_without_notification),
	KCXX_CASE(wait_timeout_returns_time_left_when_notified),
	KCXX_CASE(waits_with_a_spinlock_guard),
	KCXX_CASE(waits_with_an_irqsave_guard),
	KCXX_CASE(wait_interruptible_is_ok_when_notified),
	KCXX_CASE(wait_interruptible_ends_on_signal),
	KCXX_CASE(ping_pong),
};

} // namespace

constinit const test::Suite condvar_suite{"kcxx_condvar", cases};
