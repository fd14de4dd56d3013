// SPDX-License-Identifier: GPL-2.0
// a dev_* format that does not match its arguments (the correct twin)
#include <kcxx/dev_print.h>
#include <kcxx/device.h>
#include <kcxx/module.h>
#include <kcxx/result.h>

[[gnu::used]] static void report(kcxx::Device &dev, long queued)
{
	dev_info(dev, "queued %ld items\n", queued);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
