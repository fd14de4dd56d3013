// SPDX-License-Identifier: GPL-2.0
// a Box copied: two owners, double free (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/box.h>

using namespace kcxx;

struct Node { int v; };

int caller()
{
	auto r = Box<Node>::try_new(GFP_KERNEL, 1);
	if (r.is_error())
		return r.error().to_errno();
	Box<Node> a = std::move(r).value();
	Box<Node> b = std::move(a); // ownership moves; one free
	return b->v;
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
