// SPDX-License-Identifier: GPL-2.0
// implicit copy of a Vec (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/vec.h>

using namespace kcxx;

unsigned long count(Vec<int> v) { return v.size(); }

unsigned long caller(Vec<int> &v)
{
	return count(v); // a hidden allocation (and a hidden failure)
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
