// SPDX-License-Identifier: GPL-2.0
// a copy from user space larger than the kernel buffer (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

struct Window {
	kcxx::u8 *ptr;
	unsigned long count;
	kcxx::u8 *data() const { return ptr; }
	unsigned long size() const { return count; }
};

kcxx::Result<kcxx::u8> first_byte(unsigned long arg)
{
	kcxx::u8 small[8];
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserAddress(arg), 64).reader();
	TRY(in.read_slice(Window{small, sizeof(small)}));
	return small[0];
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
