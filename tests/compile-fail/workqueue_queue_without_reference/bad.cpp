// SPDX-License-Identifier: GPL-2.0
// a work item queued without a reference that keeps it alive (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>
#include <kcxx/workqueue.h>

using namespace kcxx;

struct Flush : Work<Flush> {
	static void run(Arc<Flush>) {}
};

[[gnu::used]] static bool schedule(const Arc<Flush> &item)
{
	return queue_work(system_wq(), item.get()); // freed while queued if the last Arc goes
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
