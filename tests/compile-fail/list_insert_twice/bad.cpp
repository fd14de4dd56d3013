// SPDX-License-Identifier: GPL-2.0
// inserting an item into a list it is already in (its Box was consumed) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/box.h>
#include <kcxx/list.h>

using namespace kcxx;

struct Item : ListLinks<> {
	int v;
	explicit Item(int x) : v(x) {}
};

Result<void> enqueue(List<Item> &list)
{
	auto item = TRY(Box<Item>::try_new(GFP_KERNEL, 1));
	list.push_back(std::move(item));
	list.push_back(std::move(item)); // the same item again
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
