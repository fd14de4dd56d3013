// SPDX-License-Identifier: GPL-2.0
#include <kcxx/box.h>
#include <kcxx/module.h>

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init()
	{
		auto box = TRY(kcxx::Box<int>::try_new(kcxx::GFP_KERNEL, 1));
		return RuleTest{};
	}
};
} // namespace
KCXX_MODULE(RuleTest);
