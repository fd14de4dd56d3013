// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>

namespace {
int one() { return 1; }

[[gnu::noinline]] void call_raw(int (*fn)())
{
	asm volatile("call *%0" : : "r"(fn) : "rax", "memory");
}

struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init()
	{
		call_raw(one);
		return RuleTest{};
	}
};
} // namespace
KCXX_MODULE(RuleTest);
