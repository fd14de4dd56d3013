// SPDX-License-Identifier: GPL-2.0
// kcxx::Completion: complete, complete_all, waits with timeout and signals.
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/time.h>

#include "suites.h"
#include "thread.h"

using namespace kcxx;

namespace {

void complete_before_wait_does_not_block(test::Context &t)
{
	Completion done;
	KCXX_EXPECT(t, !done.is_done());
	done.complete();
	KCXX_EXPECT(t, done.is_done());
	done.wait();
	KCXX_EXPECT(t, !done.is_done()); // wait() consumed it
}

void complete_from_another_thread(test::Context &t)
{
	Completion done(KCXX_LOCK_CLASS("test.done"));
	int result = 0;
	test::Thread worker([&] {
		test::sleep_ms(10);
		result = 99;
		done.complete();
	});
	KCXX_ASSERT_OK(t, worker.start("kcxx-worker"));
	done.wait();
	KCXX_EXPECT_EQ(t, result, 99); // complete() orders the write before the wake-up
}

// wait_for_completion_timeout() gives up only once jiffies passed their
// value at entry plus the timeout (schedule_timeout()): that much elapsed
// on the jiffies clock.  Not necessarily on ktime: a vCPU the host stalled
// catches up on the ticks it missed in a burst.
void wait_timeout_times_out(test::Context &t)
{
	Completion never;
	Timeout timeout = Timeout::from_msecs(30);
	Jiffies start = Jiffies::now();
	KCXX_EXPECT(t, !never.wait_timeout(timeout));
	KCXX_EXPECT(t, !Jiffies::now().before(start + Jiffies::from_raw(timeout.jiffies())));
	KCXX_EXPECT(t, !never.wait_timeout(Timeout::from_jiffies(0)));
}

void wait_timeout_succeeds_when_completed(test::Context &t)
{
	Completion done;
	test::Thread worker([&] { done.complete(); });
	KCXX_ASSERT_OK(t, worker.start("kcxx-worker"));
	KCXX_EXPECT(t, done.wait_timeout(Timeout::from_msecs(30000)));
}

void complete_all_releases_every_waiter(test::Context &t)
{
	Completion go;
	Atomic<int> through{0};
	auto waiter = [&] {
		go.wait();
		through.inc();
	};
	test::Thread a(waiter);
	test::Thread b(waiter);
	KCXX_ASSERT_OK(t, a.start("kcxx-waiter-a"));
	KCXX_ASSERT_OK(t, b.start("kcxx-waiter-b"));
	test::sleep_ms(10);
	KCXX_EXPECT_EQ(t, through.load(), 0);
	go.complete_all();
	a.join();
	b.join();
	KCXX_EXPECT_EQ(t, through.load(), 2);
	go.wait(); // complete_all() stays done
	KCXX_EXPECT(t, go.is_done());
}

void try_wait_consumes_one_completion(test::Context &t)
{
	Completion done;
	KCXX_EXPECT(t, !done.try_wait());
	done.complete();
	done.complete();
	KCXX_EXPECT(t, done.try_wait());
	KCXX_EXPECT(t, done.try_wait());
	KCXX_EXPECT(t, !done.try_wait());
}

void reinit_makes_it_not_done(test::Context &t)
{
	Completion done;
	done.complete_all();
	KCXX_EXPECT(t, done.is_done());
	done.reinit();
	KCXX_EXPECT(t, !done.is_done());
	KCXX_EXPECT(t, !done.try_wait());
}

void wait_interruptible(test::Context &t)
{
	Completion done;
	done.complete();
	KCXX_EXPECT(t, done.wait_interruptible().is_ok());
	test::PendingSignal signal;
	Result<void> r = done.wait_interruptible();
	KCXX_ASSERT(t, r.is_error());
	KCXX_EXPECT(t, r.error() == code::ERESTARTSYS);
}

// A completion shared through an Arc: the thread holds its own reference.
void shared_through_arc(test::Context &t)
{
	auto done = KCXX_ASSERT_TRY(t, Arc<Completion>::try_new(GFP_KERNEL));
	auto theirs = done.clone();
	KCXX_EXPECT_EQ(t, done.strong_count(), 2);
	test::Thread worker([&] {
		Arc<Completion> mine = static_cast<Arc<Completion> &&>(theirs);
		mine->complete();
	});
	KCXX_ASSERT_OK(t, worker.start("kcxx-worker"));
	done->wait();
	worker.join();
	KCXX_EXPECT_EQ(t, done.strong_count(), 1);
}

constexpr test::Case cases[] = {
	KCXX_CASE(complete_before_wait_does_not_block),
	KCXX_CASE(complete_from_another_thread),
	KCXX_CASE(wait_timeout_times_out),
	KCXX_CASE(wait_timeout_succeeds_when_completed),
	KCXX_CASE(complete_all_releases_every_waiter),
	KCXX_CASE(try_wait_consumes_one_completion),
	KCXX_CASE(reinit_makes_it_not_done),
	KCXX_CASE(wait_interruptible),
	KCXX_CASE(shared_through_arc),
};

} // namespace

constinit const test::Suite completion_suite{"kcxx_completion", cases};
