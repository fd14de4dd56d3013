// SPDX-License-Identifier: GPL-2.0
// reading past the end of a fixed-size user slice (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// The argument is declared as a u32 (4 bytes), but the driver reads a
// u64: 4 bytes past what user space passed.
kcxx::Result<kcxx::u64> get_argument(unsigned long arg)
{
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<kcxx::u32>(arg)).reader();
	return in.read<kcxx::u64>();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
