// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

#include <kcxx/box.h>
struct Node { int v; };
kcxx::Result<kcxx::Box<Node>> make_node() { return kcxx::Box<Node>::try_new(kcxx::GFP_KERNEL, 1); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
