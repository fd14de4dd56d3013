// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// A global whose destructor would have to run at unload.
struct Noisy { int v = 1; ~Noisy() { v = 0; } };
Noisy noisy;
int read_noisy() { return noisy.v; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
