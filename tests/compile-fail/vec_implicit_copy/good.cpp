// SPDX-License-Identifier: GPL-2.0
// implicit copy of a Vec (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/vec.h>

using namespace kcxx;

unsigned long count(const Vec<int> &v) { return v.size(); }

Result<Vec<int>> caller(Vec<int> &v)
{
	if (count(v) == 0)
		return code::ENODATA;
	return v.try_clone(GFP_KERNEL); // an explicit, fallible copy
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
