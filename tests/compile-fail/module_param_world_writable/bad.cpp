// SPDX-License-Identifier: GPL-2.0
// a world-writable module parameter (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/module_param.h>

using namespace kcxx;

KCXX_MODULE_PARAM(debug, int, 0, 0666, "Debug level");


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
