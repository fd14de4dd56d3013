// SPDX-License-Identifier: GPL-2.0
// kcxx::Work, queue_work, WorkQueue: runs once, keeps its Arc alive,
// flush/cancel, destroying a queue drains it.
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/context.h>
#include <kcxx/workqueue.h>

#include "suites.h"
#include "util.h"

using namespace kcxx;

namespace {

// What the test sees of items, outliving them.
struct Probe {
	Atomic<int> runs{0};
	Atomic<int> live{0};
	Atomic<int> freed_before_run_returned{0};
	Atomic<int> started{0};
	Atomic<int> in_run{0};
	Atomic<int> could_sleep{0};
	Completion gone;
};

struct Item : Work<Item> {
	Probe *probe;
	unsigned int sleep_ms;
	Atomic<int> running{0};
	Item(Probe *p, unsigned int ms) : Work(KCXX_LOCK_CLASS("kcxx_test.item")), probe(p), sleep_ms(ms)
	{
		probe->live.inc();
	}
	~Item()
	{
		if (running.load())
			probe->freed_before_run_returned.inc();
		if (probe->live.sub_return(1) == 0)
			probe->gone.complete();
	}
	static void run(Arc<Item> self)
	{
		self->running.store(1);
		self->probe->started.inc();
		self->probe->in_run.inc();
		if (!in_atomic())
			self->probe->could_sleep.inc();
		if (self->sleep_ms)
			test::msleep(self->sleep_ms);
		self->probe->runs.inc();
		self->probe->in_run.dec();
		self->running.store(0);
	} // the queued reference goes here
};

void runs_exactly_once(test::Context &t)
{
	Probe probe;
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 0u));
	KCXX_EXPECT(t, queue_work(system_wq(), item.clone()));
	item->flush();
	test::msleep(10);
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	KCXX_EXPECT_EQ(t, probe.could_sleep.load(), 1);
	KCXX_EXPECT_EQ(t, item.strong_count(), 1); // the queued reference was released
	KCXX_EXPECT(t, !item->is_pending());
}

// Keeps an ordered queue busy until released.
struct Blocker : Work<Blocker> {
	Completion started;
	Completion release;
	static void run(Arc<Blocker> self)
	{
		self->started.complete();
		self->release.wait();
	}
};

// The item waits behind a blocker: it cannot have run when the test looks.
void keeps_the_item_alive_until_it_has_run(test::Context &t)
{
	Probe probe;
	auto wq = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_wq0", WorkQueue::unbound, 1));
	auto blocker = KCXX_ASSERT_TRY(t, Arc<Blocker>::try_new(GFP_KERNEL));
	KCXX_EXPECT(t, queue_work(wq, blocker.clone()));
	blocker->started.wait();
	{
		auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 20u));
		KCXX_EXPECT(t, queue_work(wq, std::move(item)));
	} // our reference is gone; the queued one keeps the item
	KCXX_EXPECT_EQ(t, probe.live.load(), 1);
	blocker->release.complete();
	KCXX_ASSERT(t, probe.gone.wait_timeout(Timeout::from_msecs(30000)));
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	KCXX_EXPECT_EQ(t, probe.live.load(), 0);
	KCXX_EXPECT_EQ(t, probe.freed_before_run_returned.load(), 0);
}

void queueing_a_pending_item_again_is_refused(test::Context &t)
{
	Probe probe;
	auto wq = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_wq1", WorkQueue::unbound, 1));
	auto blocker = KCXX_ASSERT_TRY(t, Arc<Blocker>::try_new(GFP_KERNEL));
	KCXX_EXPECT(t, queue_work(wq, blocker.clone()));
	blocker->started.wait();
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 0u));
	KCXX_EXPECT(t, queue_work(wq, item.clone()));
	KCXX_EXPECT(t, item->is_pending());
	KCXX_EXPECT_EQ(t, item.strong_count(), 2);
	KCXX_EXPECT(t, !queue_work(wq, item.clone())); // pending: refused, reference dropped
	KCXX_EXPECT_EQ(t, item.strong_count(), 2);
	blocker->release.complete();
	wq.flush();
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	KCXX_EXPECT_EQ(t, item.strong_count(), 1);
	KCXX_EXPECT_EQ(t, blocker.strong_count(), 1);
}

void cancel_takes_a_pending_item_back(test::Context &t)
{
	Probe probe;
	auto wq = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_wq2", WorkQueue::unbound, 1));
	auto blocker = KCXX_ASSERT_TRY(t, Arc<Blocker>::try_new(GFP_KERNEL));
	KCXX_EXPECT(t, queue_work(wq, blocker.clone()));
	blocker->started.wait();
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 0u));
	KCXX_EXPECT(t, queue_work(wq, item.clone()));
	KCXX_EXPECT(t, item->cancel());
	KCXX_EXPECT_EQ(t, item.strong_count(), 1); // the queued reference came back and was dropped
	KCXX_EXPECT(t, !item->cancel());
	blocker->release.complete();
	wq.flush();
	KCXX_EXPECT_EQ(t, probe.runs.load(), 0);
}

void flush_waits_for_a_running_item(test::Context &t)
{
	Probe probe;
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 30u));
	KCXX_EXPECT(t, queue_work(system_wq(), item.clone()));
	KCXX_EXPECT(t, test::spin_until([&] { return probe.started.load() == 1; }, Duration::from_secs(30)));
	// Normally still in its 30 ms sleep; a vCPU stalled longer lets it
	// finish first, and flush() finds it idle (false).  Either way it has
	// returned once flush() has.
	bool waited = item->flush();
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	KCXX_EXPECT_EQ(t, probe.in_run.load(), 0);
	KCXX_EXPECT(t, !item->flush()); // idle: nothing to wait for
	pr_info("workqueue: flush() found the item running: %s\n", waited ? "yes" : "no");
}

void cancel_waits_for_a_running_item(test::Context &t)
{
	Probe probe;
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 30u));
	KCXX_EXPECT(t, queue_work(system_wq(), item.clone()));
	KCXX_EXPECT(t, test::spin_until([&] { return probe.started.load() == 1; }, Duration::from_secs(30)));
	KCXX_EXPECT(t, !item->cancel()); // running (or, after a vCPU stall, done), not pending
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	KCXX_EXPECT_EQ(t, probe.in_run.load(), 0);
}

void destroying_a_queue_drains_it(test::Context &t)
{
	Probe probe;
	int left = 0;
	{
		auto wq = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_wq3", 0));
		for (int i = 0; i < 8; ++i) {
			auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 5u));
			KCXX_EXPECT(t, queue_work(wq, std::move(item)));
		}
		left = probe.live.load();
	} // destroy_workqueue()
	KCXX_EXPECT_EQ(t, probe.runs.load(), 8);
	KCXX_EXPECT_EQ(t, probe.live.load(), 0);
	KCXX_EXPECT_EQ(t, probe.freed_before_run_returned.load(), 0);
	// Normally all 8 (5 ms each); a vCPU stall may let some finish first.
	pr_info("workqueue: %d of 8 items left to drain\n", left);
}

// An item that queues itself again from run(), with the reference it got.
struct Requeue : Work<Requeue> {
	Atomic<int> runs{0};
	Completion done;
	static void run(Arc<Requeue> self)
	{
		if (self->runs.add_return(1) < 5) {
			const Requeue *raw = self.get();
			if (!queue_work(system_wq(), std::move(self)))
				raw->done.complete(); // cannot happen: not pending while it runs
			return;
		}
		self->done.complete();
	}
};

void an_item_requeues_itself(test::Context &t)
{
	auto item = KCXX_ASSERT_TRY(t, Arc<Requeue>::try_new(GFP_KERNEL));
	KCXX_EXPECT(t, queue_work(system_wq(), item.clone()));
	KCXX_ASSERT(t, item->done.wait_timeout(Timeout::from_msecs(30000)));
	item->flush();
	KCXX_EXPECT_EQ(t, item->runs.load(), 5);
	KCXX_EXPECT_EQ(t, item.strong_count(), 1);
}

void workqueue_moves_and_drain(test::Context &t)
{
	Probe probe;
	auto made = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_wq4", WorkQueue::highpri));
	WorkQueue wq(std::move(made));
	auto item = KCXX_ASSERT_TRY(t, Arc<Item>::try_new(GFP_KERNEL, &probe, 1u));
	KCXX_EXPECT(t, queue_work(wq.queue(), item.clone()));
	wq.drain();
	KCXX_EXPECT_EQ(t, probe.runs.load(), 1);
	system_wq().flush();
}

constexpr test::Case cases[] = {
	KCXX_CASE(runs_exactly_once),
	KCXX_CASE(keeps_the_item_alive_until_it_has_run),
	KCXX_CASE(queueing_a_pending_item_again_is_refused),
	KCXX_CASE(cancel_takes_a_pending_item_back),
	KCXX_CASE(flush_waits_for_a_running_item),
	KCXX_CASE(cancel_waits_for_a_running_item),
	KCXX_CASE(destroying_a_queue_drains_it),
	KCXX_CASE(an_item_requeues_itself),
	KCXX_CASE(workqueue_moves_and_drain),
};

} // namespace

constinit const test::Suite workqueue_suite{"kcxx_workqueue", cases};
