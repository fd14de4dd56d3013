// SPDX-License-Identifier: GPL-2.0
// waiting on a condition variable without holding its lock (lost wake-up) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/condvar.h>

using namespace kcxx;

struct Queue {
	bool ready;
};

[[gnu::used]] static void consume(const Mutex<Queue> &queue, const CondVar &changed)
{
	auto guard = queue.lock();
	changed.wait_until(guard, [](Queue &q) { return q.ready; });
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
