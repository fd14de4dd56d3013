// SPDX-License-Identifier: GPL-2.0
// a probe-only operation (mapping a BAR) outside probe (must not compile)
#include <kcxx/devres.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// A reset path (a sysfs store, a work item) with only a bound device: it
// maps the BAR again, without the device lock, racing remove.
[[gnu::used]] static Result<Devres<Registers>> remap(const pci::BoundDevice &pdev)
{
	return Registers::map(pdev, 0, "rule_test");
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
