// SPDX-License-Identifier: GPL-2.0
// vmalloc in atomic context (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/box.h>

using namespace kcxx;

struct Buffer { char bytes[1 << 20]; };

Result<VBox<Buffer>> in_process_context()
{
	return VBox<Buffer>::try_new(GFP_KERNEL);
}


namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
