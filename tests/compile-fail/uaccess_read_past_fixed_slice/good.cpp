// SPDX-License-Identifier: GPL-2.0
// reading past the end of a fixed-size user slice (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Reads exactly the u32 the argument holds.
kcxx::Result<kcxx::u64> get_argument(unsigned long arg)
{
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<kcxx::u32>(arg)).reader();
	return kcxx::u64(TRY(in.read<kcxx::u32>()));
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
