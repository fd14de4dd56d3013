// SPDX-License-Identifier: GPL-2.0
// writing to user memory through a reader (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// Writing needs a writer: the intent is explicit.
kcxx::Result<void> handler(unsigned long arg)
{
	kcxx::UserSliceWriter out = kcxx::UserSlice(kcxx::UserPtr<kcxx::u32>(arg)).writer();
	return out.write(kcxx::u32{0});
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
