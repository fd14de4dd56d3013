// SPDX-License-Identifier: GPL-2.0
// a borrowed reference to an Arc that is gone at the end of the statement
// (the object freed while the borrow is used) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static Result<int> peek()
{
	// The temporary Arc drops the only reference at the ';'.
	ArcBorrow<Device> dev = TRY(Arc<Device>::try_new(GFP_KERNEL, 1)).borrow();
	return dev->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
