// SPDX-License-Identifier: GPL-2.0
// reading the same user bytes twice (double fetch) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Fetches the length once and uses the copy it validated.
kcxx::Result<kcxx::u32> get_length(unsigned long arg)
{
	kcxx::UserSlice slice{kcxx::UserPtr<kcxx::u32>(arg)};
	kcxx::u32 checked = TRY(std::move(slice).reader().read<kcxx::u32>());
	if (checked > 4096)
		return kcxx::code::EINVAL;
	return checked;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
