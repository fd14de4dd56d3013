// SPDX-License-Identifier: GPL-2.0
// inserting an item into a list it is already in (its Box was consumed) (the correct twin)
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
	auto first = TRY(Box<Item>::try_new(GFP_KERNEL, 1));
	auto second = TRY(Box<Item>::try_new(GFP_KERNEL, 2));
	list.push_back(std::move(first));
	list.push_back(std::move(second));
	return {};
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
