// SPDX-License-Identifier: GPL-2.0
// a borrowed Arc reference made from a plain pointer (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static Result<int> peek()
{
	// Only an Arc (borrow()) or a framework holding its into_raw()
	// pointer makes a borrow.
	auto arc = TRY(Arc<Device>::try_new(GFP_KERNEL, 1));
	ArcBorrow<Device> dev = arc.borrow();
	Arc<Device> kept = dev.clone();
	return kept->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
