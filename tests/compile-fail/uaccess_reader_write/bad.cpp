// SPDX-License-Identifier: GPL-2.0
// writing to user memory through a reader (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// A handler that only had to read the argument writes to it.
kcxx::Result<void> handler(unsigned long arg)
{
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<kcxx::u32>(arg)).reader();
	in.write(kcxx::u32{0});
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
