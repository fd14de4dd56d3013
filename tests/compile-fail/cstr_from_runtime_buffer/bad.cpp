// SPDX-License-Identifier: GPL-2.0
// a CStr from a runtime buffer without a check (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

using namespace kcxx;

unsigned long length(char (&buffer)[16])
{
	CStr s = buffer; // a runtime buffer: its NUL is not known at compile time
	return s.size();
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
