// SPDX-License-Identifier: GPL-2.0
// a CStr from a runtime buffer without a check (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

using namespace kcxx;

Result<unsigned long> length(char (&buffer)[16])
{
	CStr s = TRY(CStr::from_bytes_until_nul(buffer, sizeof(buffer)));
	return s.size();
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
