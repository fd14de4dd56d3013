// SPDX-License-Identifier: GPL-2.0
// a pointer that is not reference counted adopted as an Arc (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static int adopt()
{
	Device local{1};
	Arc<Device> dev(&local); // would kfree a stack object at the last drop
	return dev->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
