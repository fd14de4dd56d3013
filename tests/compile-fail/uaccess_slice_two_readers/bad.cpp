// SPDX-License-Identifier: GPL-2.0
// reading the same user bytes twice (double fetch) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Validates a length from user memory, then fetches it again to use it:
// user space can change it in between (TOCTOU).
kcxx::Result<kcxx::u32> get_length(unsigned long arg)
{
	kcxx::UserSlice slice{kcxx::UserPtr<kcxx::u32>(arg)};
	kcxx::u32 checked = TRY(slice.reader().read<kcxx::u32>());
	if (checked > 4096)
		return kcxx::code::EINVAL;
	return slice.reader().read<kcxx::u32>(); // the second fetch
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
