// SPDX-License-Identifier: GPL-2.0
// an rbtree insert without a reserved node (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/rbtree.h>

using namespace kcxx;

using Tree = RBTree<int, long>;

void add(Tree &tree)
{
	(void)tree.insert(1, 100L); // would have to allocate, maybe under a lock
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
