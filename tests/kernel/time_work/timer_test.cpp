// SPDX-License-Identifier: GPL-2.0
// kcxx::Timer (timer_list) and kcxx::DelayedWork: fire after their delay
// (counted in jiffies), periodic until stopped, cancel takes a pending one
// back, the destructor stops a self-rearming timer, a delayed item keeps
// its Arc alive and gives the reference back when cancelled or flushed.
#include <kcxx/box.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/context.h>
#include <kcxx/time.h>
#include <kcxx/timer.h>
#include <kcxx/workqueue.h>

#include "suites.h"
#include "util.h"

using namespace kcxx;

namespace {

// What the test sees of timers and items, outliving them.
struct Probe {
	Atomic<int> fired{0};
	Atomic<int> in_softirq{0};
	Atomic<int> could_sleep{0};
	Atomic<int> live{0};
	Atomic<unsigned long> first_jiffies{0};
	int stop_after = 1; // fires this many times (Timer), runs (DelayedWork)
	Completion done;
	Completion gone;
};

// Fires 'stop_after' times, one jiffy apart, then stops.
struct Counter {
	Probe *probe;
	explicit Counter(Probe *p) : probe(p) {}
	TimerRestart on_timer() const
	{
		int n = probe->fired.add_return(1);
		if (n == 1)
			probe->first_jiffies.store(Jiffies::now().raw());
		if (in_atomic()) // softirq context
			probe->in_softirq.inc();
		if (n == probe->stop_after)
			probe->done.complete();
		if (probe->stop_after > 0 && n >= probe->stop_after)
			return TimerRestart::stop();
		return TimerRestart::after(Jiffies::from_raw(1));
	}
};

Timeout safety_net() { return Timeout::from_msecs(30000); }

void timer_fires_once_after_its_delay(test::Context &t)
{
	Probe probe;
	auto timer = KCXX_ASSERT_TRY(t, Box<Timer<Counter>>::try_new(GFP_KERNEL, &probe));
	KCXX_EXPECT(t, !timer->is_pending());
	const Jiffies delay = Jiffies::from_msecs(20);
	const Jiffies started = Jiffies::now();
	timer->start(delay);
	KCXX_EXPECT(t, timer->is_pending() || probe.fired.load() == 1);
	KCXX_ASSERT(t, probe.done.wait_timeout(safety_net()));
	// Never before its expiry, counted in jiffies.
	KCXX_EXPECT(t, !Jiffies::from_raw(probe.first_jiffies.load()).before(started + delay));
	KCXX_EXPECT_EQ(t, probe.in_softirq.load(), 1);
	test::msleep(20);
	KCXX_EXPECT_EQ(t, probe.fired.load(), 1);
	KCXX_EXPECT(t, !timer->is_pending());
}

void timer_periodic_until_destroyed(test::Context &t)
{
	Probe probe;
	probe.stop_after = 5;
	{
		auto timer = KCXX_ASSERT_TRY(t, Box<Timer<Counter>>::try_new(GFP_KERNEL, &probe));
		probe.stop_after = -5; // never stops by itself; 'done' at the 5th
		timer->start(Jiffies::from_raw(1));
		// n == stop_after never holds for -5: wait for 5 fires instead.
		KCXX_EXPECT(t, test::spin_until([&] { return probe.fired.load() >= 5; }, Duration::from_secs(30)));
	} // ~Timer: del_timer_sync() stops the self-rearming timer
	int after_destruction = probe.fired.load();
	test::msleep(30);
	KCXX_EXPECT_EQ(t, probe.fired.load(), after_destruction);
}

void timer_cancel_takes_a_pending_one_back(test::Context &t)
{
	Probe probe;
	auto timer = KCXX_ASSERT_TRY(t, Box<Timer<Counter>>::try_new(GFP_KERNEL, KCXX_LOCK_CLASS("kcxx_test.timer"),
									&probe));
	timer->start(Duration::from_secs(10));
	KCXX_EXPECT(t, timer->is_pending());
	KCXX_EXPECT(t, timer->cancel());
	KCXX_EXPECT(t, !timer->is_pending());
	KCXX_EXPECT(t, !timer->cancel()); // nothing pending any more
	KCXX_EXPECT_EQ(t, probe.fired.load(), 0);
	// Started again after a cancel, it fires.
	timer->start(Jiffies::from_raw(1));
	KCXX_EXPECT(t, probe.done.wait_timeout(safety_net()));
}

void timer_on_the_stack(test::Context &t)
{
	Probe probe;
	Timer<Counter> timer(&probe); // debugobjects: an on-stack timer
	timer.start(Jiffies::from_raw(1));
	KCXX_EXPECT(t, probe.done.wait_timeout(safety_net()));
}

// A delayed item: counts its runs, requeues itself 'stop_after' - 1 times.
struct Delayed : DelayedWork<Delayed> {
	Probe *probe;
	explicit Delayed(Probe *p) : DelayedWork(KCXX_LOCK_CLASS("kcxx_test.delayed")), probe(p) { probe->live.inc(); }
	~Delayed()
	{
		if (probe->live.sub_return(1) == 0)
			probe->gone.complete();
	}
	static void run(Arc<Delayed> self)
	{
		Probe *probe = self->probe;
		int n = probe->fired.add_return(1);
		if (n == 1)
			probe->first_jiffies.store(Jiffies::now().raw());
		if (!in_atomic())
			probe->could_sleep.inc();
		if (probe->stop_after < 0 || n < probe->stop_after) {
			(void)queue_delayed_work(system_wq(), std::move(self), Jiffies::from_raw(1));
			return;
		}
		probe->done.complete();
	}
};

void delayed_work_runs_after_its_delay(test::Context &t)
{
	Probe probe;
	{
		auto item = KCXX_ASSERT_TRY(t, Arc<Delayed>::try_new(GFP_KERNEL, &probe));
		const Jiffies delay = Jiffies::from_msecs(20);
		const Jiffies queued = Jiffies::now();
		KCXX_EXPECT(t, queue_delayed_work(system_wq(), item.clone(), delay));
		// Already pending (unless it ran already): refused, the extra
		// reference dropped.
		bool again = queue_delayed_work(system_wq(), item.clone(), delay);
		KCXX_EXPECT(t, !again || probe.fired.load() == 1);
		KCXX_ASSERT(t, probe.done.wait_timeout(safety_net()));
		KCXX_EXPECT(t, !Jiffies::from_raw(probe.first_jiffies.load()).before(queued + delay));
		KCXX_EXPECT_EQ(t, probe.could_sleep.load(), probe.fired.load());
		item->flush();
	}
	// Every reference given back: the item is freed with the last one.
	KCXX_EXPECT(t, probe.gone.wait_timeout(safety_net()));
	KCXX_EXPECT_EQ(t, probe.live.load(), 0);
}

void delayed_work_cancel_gives_the_reference_back(test::Context &t)
{
	Probe probe;
	{
		auto item = KCXX_ASSERT_TRY(t, Arc<Delayed>::try_new(GFP_KERNEL, &probe));
		KCXX_EXPECT(t, queue_delayed_work(system_wq(), item.clone(), Duration::from_secs(10)));
		KCXX_EXPECT(t, item->is_pending());
		KCXX_EXPECT(t, item->cancel());
		KCXX_EXPECT(t, !item->is_pending());
		KCXX_EXPECT(t, !item->cancel());
	}
	KCXX_EXPECT_EQ(t, probe.live.load(), 0); // freed at the end of the block
	KCXX_EXPECT_EQ(t, probe.fired.load(), 0);
}

void delayed_work_flush_runs_it_now(test::Context &t)
{
	Probe probe;
	auto item = KCXX_ASSERT_TRY(t, Arc<Delayed>::try_new(GFP_KERNEL, &probe));
	KCXX_EXPECT(t, queue_delayed_work(system_wq(), item.clone(), Duration::from_secs(10)));
	// The delay cut short and the run waited for (flush()'s result says
	// whether it still had to wait: the run may have been quicker).
	item->flush();
	KCXX_EXPECT_EQ(t, probe.fired.load(), 1);
	KCXX_EXPECT(t, !item->is_pending());
}

void delayed_work_cancel_stops_a_requeueing_item(test::Context &t)
{
	Probe probe;
	probe.stop_after = -1; // requeues forever
	{
		auto item = KCXX_ASSERT_TRY(t, Arc<Delayed>::try_new(GFP_KERNEL, &probe));
		KCXX_EXPECT(t, queue_delayed_work(system_wq(), item.clone(), Jiffies::from_raw(1)));
		KCXX_EXPECT(t, test::spin_until([&] { return probe.fired.load() >= 3; }, Duration::from_secs(30)));
		item->cancel();
		int runs = probe.fired.load();
		test::msleep(30);
		KCXX_EXPECT_EQ(t, probe.fired.load(), runs);
	}
	KCXX_EXPECT_EQ(t, probe.live.load(), 0);
}

constexpr test::Case cases[] = {
	KCXX_CASE(timer_fires_once_after_its_delay),
	KCXX_CASE(timer_periodic_until_destroyed),
	KCXX_CASE(timer_cancel_takes_a_pending_one_back),
	KCXX_CASE(timer_on_the_stack),
	KCXX_CASE(delayed_work_runs_after_its_delay),
	KCXX_CASE(delayed_work_cancel_gives_the_reference_back),
	KCXX_CASE(delayed_work_flush_runs_it_now),
	KCXX_CASE(delayed_work_cancel_stops_a_requeueing_item),
};

} // namespace

constinit const test::Suite timer_suite{"kcxx_timer", cases};
