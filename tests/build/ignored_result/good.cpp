// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

kcxx::Result<int> may_fail(int x) { if (x) return kcxx::code::EIO; return 0; }
int caller() { auto r = may_fail(1); return r.is_ok() ? *r : r.error().to_errno(); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
