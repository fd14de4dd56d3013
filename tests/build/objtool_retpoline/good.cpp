// SPDX-License-Identifier: GPL-2.0
// The twin: an ordinary indirect call, which the compiler routes through
// the kernel's retpoline thunk.
#include <kcxx/module.h>

namespace {
int one() { return 1; }

[[gnu::noinline]] int call(int (*volatile fn)())
{
	return fn();
}

struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init()
	{
		(void)call(one);
		return RuleTest{};
	}
};
} // namespace
KCXX_MODULE(RuleTest);
