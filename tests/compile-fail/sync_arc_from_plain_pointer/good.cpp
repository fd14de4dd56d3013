// SPDX-License-Identifier: GPL-2.0
// a pointer that is not reference counted adopted as an Arc (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>

using namespace kcxx;

struct Device {
	int id;
};

[[gnu::used]] static int adopt()
{
	auto dev = Arc<Device>::try_new(GFP_KERNEL, 1);
	if (dev.is_error())
		return dev.error().to_errno();
	return (*dev)->id;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
