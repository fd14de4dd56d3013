// SPDX-License-Identifier: GPL-2.0
// vmalloc in atomic context (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/box.h>

using namespace kcxx;

struct Buffer { char bytes[1 << 20]; };

Result<VBox<Buffer>> in_interrupt()
{
	return VBox<Buffer>::try_new(GFP_ATOMIC); // vmalloc sleeps
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
