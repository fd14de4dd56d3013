// SPDX-License-Identifier: GPL-2.0
// a CStr from a plain pointer (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

using namespace kcxx;

Result<CStr> name_of(const char *p, unsigned long capacity)
{
	return CStr::from_bytes_until_nul(p, capacity); // checked: EINVAL without a NUL
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
