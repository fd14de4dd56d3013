// SPDX-License-Identifier: GPL-2.0
// kcxx::HrTimer: fires once, restarts, cancel on destroy while pending and
// while the callback runs, contexts.
#include <kcxx/box.h>
#include <kcxx/hrtimer.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/context.h>
#include <kcxx/workqueue.h>

#include "suites.h"
#include "util.h"

using namespace kcxx;

namespace {

// What the test sees of a timer's data, outliving it.
struct Probe {
	Atomic<int> fired{0};
	Atomic<int> in_callback{0};
	Atomic<int> finished{0};
	Atomic<int> destroyed{0};
	Atomic<int> destroyed_while_running{0};
	Atomic<int> fired_after_destroy{0};
	Atomic<int> atomic_context{0};
	Completion done;
};

struct OneShot {
	Probe *probe;
	explicit OneShot(Probe *p) : probe(p) {}
	~OneShot()
	{
		if (probe->in_callback.load())
			probe->destroyed_while_running.inc();
		probe->destroyed.inc();
	}
	HrTimerRestart on_timer() const
	{
		if (probe->destroyed.load())
			probe->fired_after_destroy.inc();
		if (in_atomic())
			probe->atomic_context.inc();
		probe->fired.inc();
		probe->done.complete();
		return HrTimerRestart::stop();
	}
};

void fires_once(test::Context &t)
{
	Probe probe;
	{
		auto timer = KCXX_ASSERT_TRY(t, (Box<HrTimer<OneShot>>::try_new(GFP_KERNEL, &probe)));
		KCXX_EXPECT(t, !timer->is_active());
		Ktime start = now();
		timer->start(Duration::from_ms(5));
		// Pending - unless a vCPU stall let it fire already.
		KCXX_EXPECT(t, timer->is_active() || probe.fired.load() == 1);
		KCXX_ASSERT(t, probe.done.wait_timeout(Timeout::from_msecs(30000)));
		// Same clock as the timer's (CLOCK_MONOTONIC): never early.
		KCXX_EXPECT(t, now() - start >= Duration::from_ms(5));
		// complete() is not the callback's last step: wait for it to return.
		KCXX_EXPECT(t, test::spin_until([&] { return !timer->is_active(); }, Duration::from_secs(30)));
		test::msleep(20);
		KCXX_EXPECT_EQ(t, probe.fired.load(), 1);
		KCXX_EXPECT(t, !timer->is_active());
		KCXX_EXPECT(t, !timer->cancel()); // nothing left to cancel
		KCXX_EXPECT_EQ(t, timer->data().probe, &probe);
	}
	KCXX_EXPECT_EQ(t, probe.atomic_context.load(), 1); // hard IRQ
	KCXX_EXPECT_EQ(t, probe.destroyed.load(), 1);
}

void fires_in_softirq_context(test::Context &t)
{
	Probe probe;
	HrTimer<OneShot> timer(HrTimerContext::softirq, &probe);
	timer.start(Duration::from_ms(1));
	KCXX_ASSERT(t, probe.done.wait_timeout(Timeout::from_msecs(30000)));
	KCXX_EXPECT_EQ(t, probe.fired.load(), 1);
	KCXX_EXPECT_EQ(t, probe.atomic_context.load(), 1);
}

struct Periodic {
	Probe *probe;
	int limit;
	Periodic(Probe *p, int n) : probe(p), limit(n) {}
	HrTimerRestart on_timer() const
	{
		if (probe->fired.add_return(1) < limit)
			return HrTimerRestart::after(Duration::from_ms(1));
		probe->done.complete();
		return HrTimerRestart::stop();
	}
};

void restarts_n_times_from_the_callback(test::Context &t)
{
	Probe probe;
	HrTimer<Periodic> timer(&probe, 10);
	Ktime start = now();
	timer.start(Duration::from_ms(1));
	KCXX_ASSERT(t, probe.done.wait_timeout(Timeout::from_msecs(30000)));
	// Each restart is forwarded by whole intervals from the first expiry.
	KCXX_EXPECT(t, now() - start >= Duration::from_ms(10));
	KCXX_EXPECT(t, test::spin_until([&] { return !timer.is_active(); }, Duration::from_secs(30)));
	test::msleep(20);
	KCXX_EXPECT_EQ(t, probe.fired.load(), 10);
	KCXX_EXPECT(t, !timer.is_active());
}

void cancel_stops_a_periodic_timer(test::Context &t)
{
	Probe probe;
	HrTimer<Periodic> timer(&probe, 1 << 30);
	timer.start(Duration::from_ms(1));
	KCXX_EXPECT(t, test::spin_until([&] { return probe.fired.load() >= 3; }, Duration::from_secs(30)));
	KCXX_EXPECT(t, timer.cancel());
	int fired = probe.fired.load();
	test::msleep(20);
	KCXX_EXPECT_EQ(t, probe.fired.load(), fired);
	KCXX_EXPECT(t, !timer.is_active());
}

void start_replaces_a_pending_expiry(test::Context &t)
{
	Probe probe;
	HrTimer<OneShot> timer(&probe);
	timer.start(Duration::from_secs(100));
	timer.start(Duration::from_ms(2));
	KCXX_ASSERT(t, probe.done.wait_timeout(Timeout::from_msecs(30000)));
	KCXX_EXPECT(t, test::spin_until([&] { return !timer.is_active(); }, Duration::from_secs(30)));
	test::msleep(10);
	KCXX_EXPECT_EQ(t, probe.fired.load(), 1);
	KCXX_EXPECT_EQ(t, timer.try_cancel(), 0); // inactive
}

void destroy_while_pending_cancels(test::Context &t)
{
	Probe probe;
	{
		auto timer = KCXX_ASSERT_TRY(t, (Box<HrTimer<OneShot>>::try_new(GFP_KERNEL, &probe)));
		timer->start(Duration::from_ms(30));
		KCXX_EXPECT(t, timer->is_active() || probe.fired.load() == 1);
	} // hrtimer_cancel(), then ~OneShot, then kfree
	test::msleep(60);
	// A vCPU stall may let it fire before the destruction, never after.
	KCXX_EXPECT_EQ(t, probe.fired_after_destroy.load(), 0);
	KCXX_EXPECT_EQ(t, probe.destroyed.load(), 1);
}

// A callback that stays in its callback for a while, so that the test
// destroys the timer while it runs (on the other CPU with --smp 2).
struct Slow {
	Probe *probe;
	Atomic<int> scribble{0}; // written after the wait: a use after free if freed early
	explicit Slow(Probe *p) : probe(p) {}
	~Slow()
	{
		if (probe->in_callback.load())
			probe->destroyed_while_running.inc();
		probe->destroyed.inc();
	}
	HrTimerRestart on_timer() const
	{
		probe->in_callback.store(1);
		probe->fired.inc();
		Ktime end = now() + Duration::from_ms(3);
		while (now() < end)
			kcxx::cpu_relax();
		scribble.inc();
		probe->finished.inc();
		probe->in_callback.store(0);
		return HrTimerRestart::stop();
	}
};

// Starts a timer from a worker, so that it fires on the worker's CPU and
// the test (busy on its own CPU) can destroy it while the callback runs.
struct Starter : Work<Starter> {
	const HrTimer<Slow> *timer;
	explicit Starter(const HrTimer<Slow> *t) : Work(KCXX_LOCK_CLASS("kcxx_test.starter")), timer(t) {}
	static void run(Arc<Starter> self)
	{
		// The last access to the timer: the test waits for the
		// callback to start, which is after start() queued it.
		self->timer->start(Duration::from_us(100));
	}
};

void destroy_while_running_waits_for_the_callback(test::Context &t)
{
	int overlapped = 0;
	auto wq = KCXX_ASSERT_TRY(t, WorkQueue::try_new("kcxx_test_timer", WorkQueue::unbound));
	for (int round = 0; round < 5; ++round) {
		Probe p;
		{
			auto timer = KCXX_ASSERT_TRY(t, (Box<HrTimer<Slow>>::try_new(GFP_KERNEL,
										     HrTimerContext::hardirq, &p)));
			auto starter = KCXX_ASSERT_TRY(t, Arc<Starter>::try_new(GFP_KERNEL, &*timer));
			KCXX_EXPECT(t, queue_work(wq, std::move(starter)));
			KCXX_ASSERT(t, test::spin_until([&] { return p.fired.load() > 0; }, Duration::from_secs(30)));
			if (p.in_callback.load())
				++overlapped;
		} // ~HrTimer: hrtimer_cancel() waits for on_timer() to return
		KCXX_EXPECT_EQ(t, p.finished.load(), 1);
		KCXX_EXPECT_EQ(t, p.destroyed_while_running.load(), 0);
		KCXX_EXPECT_EQ(t, p.destroyed.load(), 1);
	}
	// On one CPU the callback may finish before the test sees it start.
	pr_info("hrtimer: destroyed while the callback ran in %d of 5 rounds\n", overlapped);
}

constexpr test::Case cases[] = {
	KCXX_CASE(fires_once),
	KCXX_CASE(fires_in_softirq_context),
	KCXX_CASE(restarts_n_times_from_the_callback),
	KCXX_CASE(cancel_stops_a_periodic_timer),
	KCXX_CASE(start_replaces_a_pending_expiry),
	KCXX_CASE(destroy_while_pending_cancels),
	KCXX_CASE(destroy_while_running_waits_for_the_callback),
};

} // namespace

constinit const test::Suite hrtimer_suite{"kcxx_hrtimer", cases};
