// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// A function-local static initialized on first use, with no lock.
int compute(int x);
int compute(int x) { return x * 3; }
int cached(int x) { static int value = compute(x); return value; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
