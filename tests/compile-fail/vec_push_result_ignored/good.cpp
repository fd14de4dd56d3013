// SPDX-License-Identifier: GPL-2.0
// Vec push whose Result is ignored (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/vec.h>

using namespace kcxx;

Result<void> fill(Vec<int> &v)
{
	TRY(v.try_push(1, GFP_KERNEL));
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
