// SPDX-License-Identifier: GPL-2.0
// a probe-only operation (mapping a BAR) outside probe (the correct twin)
#include <kcxx/devres.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// Mapping happens in probe, which has the CoreDevice (device lock held).
[[gnu::used]] static Result<Devres<Registers>> probe_map(const pci::CoreDevice &pdev)
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
