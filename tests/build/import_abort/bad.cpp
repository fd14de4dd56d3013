// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

// The C library abort() (under another C++ name, so GCC does not treat it as
// the noreturn builtin and objtool stays quiet: the import check is tested).
extern "C" void c_abort() asm("abort");
int must_be_positive(int x) { if (x <= 0) c_abort(); return x; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
