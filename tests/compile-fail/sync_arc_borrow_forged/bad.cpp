// SPDX-License-Identifier: GPL-2.0
// a borrowed Arc reference made from a plain pointer (clone() would count
// and one day kfree an object no Arc owns) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static Result<int> peek()
{
	Device local{1};
	ArcBorrow<Device> dev(&local);
	Arc<Device> kept = dev.clone(); // would kfree a stack object at the last drop
	return kept->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
