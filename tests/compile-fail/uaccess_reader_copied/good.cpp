// SPDX-License-Identifier: GPL-2.0
// a second reader over the same user bytes (double fetch) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Reads once and uses the value twice.
kcxx::Result<kcxx::u32> get_twice(unsigned long arg)
{
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<kcxx::u32>(arg)).reader();
	kcxx::u32 first = TRY(in.read<kcxx::u32>());
	return first + first;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
