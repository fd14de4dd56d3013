// SPDX-License-Identifier: GPL-2.0
// a timer callback that changes its data without synchronisation: it runs
// in softirq context concurrently with the timer's owner (must not compile)
#include <kcxx/box.h>
#include <kcxx/module.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/timer.h>

using namespace kcxx;

struct Ticker {
	int ticks = 0;
	TimerRestart on_timer()
	{
		ticks++; // a data race with the owner reading it
		return TimerRestart::stop();
	}
};

[[gnu::used]] static auto make() { return Box<Timer<Ticker>>::try_new(GFP_KERNEL); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
