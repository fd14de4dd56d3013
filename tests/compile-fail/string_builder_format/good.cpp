// SPDX-License-Identifier: GPL-2.0
// a StringBuilder format that does not match its arguments (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/string_builder.h>

using namespace kcxx;

Result<void> describe(StringBuilder<32> &sb, unsigned long bytes)
{
	return sb.appendf<"%lu bytes">(bytes);
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
