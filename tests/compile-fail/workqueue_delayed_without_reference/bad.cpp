// SPDX-License-Identifier: GPL-2.0
// a delayed work item queued without a reference that keeps it alive while
// its timer waits (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>
#include <kcxx/workqueue.h>

using namespace kcxx;

struct Poll : DelayedWork<Poll> {
	static void run(Arc<Poll>) {}
};

[[gnu::used]] static bool schedule(const Arc<Poll> &item)
{
	return queue_delayed_work(system_wq(), item, Duration::from_ms(100)); // an lvalue: not moved
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
