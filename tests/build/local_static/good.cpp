// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// The twin: a constant-initialized local static.
int cached(int x);
int cached(int x) { static constinit int value = 3; return value + x; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
