// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// C++ runtime support the kernel does not have.
extern "C" int __cxa_guard_acquire(long long *guard);
long long guard;
int acquire() { return __cxa_guard_acquire(&guard); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
