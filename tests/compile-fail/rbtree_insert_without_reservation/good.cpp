// SPDX-License-Identifier: GPL-2.0
// an rbtree insert without a reserved node (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rbtree.h>

using namespace kcxx;

using Tree = RBTree<int, long>;

Result<void> add(Tree &tree)
{
	auto slot = TRY(Tree::try_reserve_node(GFP_KERNEL));
	(void)tree.insert(std::move(slot), 1, 100L);
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
