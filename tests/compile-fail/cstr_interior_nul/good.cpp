// SPDX-License-Identifier: GPL-2.0
// a string literal with a NUL inside as a CStr (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/str.h>

using namespace kcxx;

constexpr CStr name = "eth0";


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
