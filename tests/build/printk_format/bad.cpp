// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

#include <kcxx/print.h>
void report(long sectors) { pr_info("%d sectors\n", sectors); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
