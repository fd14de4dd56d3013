// SPDX-License-Identifier: GPL-2.0
// Vec growth without GFP flags (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/vec.h>

using namespace kcxx;

Result<void> fill(Vec<int> &v)
{
	return v.try_push(1); // may allocate: which GFP flags?
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
