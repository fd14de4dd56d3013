// SPDX-License-Identifier: GPL-2.0
// dereferencing a user pointer (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Copies the ioctl argument through a UserSlice: checked and fault-safe.
kcxx::Result<kcxx::u64> get_argument(unsigned long arg)
{
	kcxx::UserPtr<kcxx::u64> ptr(arg);
	return kcxx::UserSlice(ptr).reader().read<kcxx::u64>();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
