// SPDX-License-Identifier: GPL-2.0
// a CStr from a plain pointer (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

using namespace kcxx;

CStr name_of(const char *p)
{
	return p; // length and termination unknown
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
