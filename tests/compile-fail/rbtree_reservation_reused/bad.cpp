// SPDX-License-Identifier: GPL-2.0
// one reserved rbtree node used for two inserts (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rbtree.h>

using namespace kcxx;

using Tree = RBTree<int, long>;

Result<void> add(Tree &tree)
{
	auto slot = TRY(Tree::try_reserve_node(GFP_KERNEL));
	(void)tree.insert(std::move(slot), 1, 100L);
	(void)tree.insert(std::move(slot), 2, 200L); // the node is in the tree
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
