// SPDX-License-Identifier: GPL-2.0
// use of a Box after it was moved (must not compile)
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
	Box<Node> b = std::move(a);
	return b->v + a->v; // a is empty
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
