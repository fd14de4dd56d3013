// SPDX-License-Identifier: GPL-2.0
// an Arc copied implicitly (a hidden reference count increment) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static int share(const Arc<Device> &dev)
{
	Arc<Device> other = dev; // copies are explicit
	return other->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
