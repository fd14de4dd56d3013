// SPDX-License-Identifier: GPL-2.0
// one reserved rbtree node used for two inserts (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rbtree.h>

using namespace kcxx;

using Tree = RBTree<int, long>;

Result<void> add(Tree &tree)
{
	auto a = TRY(Tree::try_reserve_node(GFP_KERNEL));
	auto b = TRY(Tree::try_reserve_node(GFP_KERNEL));
	(void)tree.insert(std::move(a), 1, 100L);
	(void)tree.insert(std::move(b), 2, 200L);
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
