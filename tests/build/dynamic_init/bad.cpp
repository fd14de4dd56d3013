// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// A global with a dynamic initializer: the module loader would never run it.
// (The volatile read keeps it dynamic: clang -O2 would fold a plain 42 into
// a constant initialization, which is allowed, and build.)
static volatile int base = 42;
int compute() { return base; }
int answer = compute();
int read_answer() { return answer; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
