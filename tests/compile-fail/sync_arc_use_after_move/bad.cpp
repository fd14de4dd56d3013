// SPDX-License-Identifier: GPL-2.0
// use of an Arc after it was moved (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static int hand_over(Arc<Device> dev)
{
	Arc<Device> taken = std::move(dev);
	return taken->id + dev->id; // dev is empty
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
