// SPDX-License-Identifier: GPL-2.0
// inserting an item the list owns (a reference) into a list (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/box.h>
#include <kcxx/list.h>

using namespace kcxx;

struct Item : ListLinks<> {
	int v;
};

void requeue(List<Item> &list)
{
	if (Item *first = list.front())
		list.push_back(*first); // already in the list: only the list owns it
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
