// SPDX-License-Identifier: GPL-2.0
// a module parameter whose default breaks its own range (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/module_param.h>

using namespace kcxx;

KCXX_MODULE_PARAM_RANGE(depth, unsigned int, 0, 1, 4096, 0444, "Queue depth (1-4096)");


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
