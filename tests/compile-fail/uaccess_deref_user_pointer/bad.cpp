// SPDX-License-Identifier: GPL-2.0
// dereferencing a user pointer (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Reads an ioctl argument by dereferencing the user pointer: with SMAP an
// oops, without it a read of whatever the address names - possibly kernel
// memory that user space chose.
kcxx::Result<kcxx::u64> get_argument(unsigned long arg)
{
	kcxx::UserPtr<kcxx::u64> ptr(arg);
	return *ptr;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
