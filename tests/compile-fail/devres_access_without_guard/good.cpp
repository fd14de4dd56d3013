// SPDX-License-Identifier: GPL-2.0
// registers reached through a Devres without try_access()/access(dev) (the correct twin)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// A work item or an ioctl after unbind: the guard says whether the
// registers are still there, and keeps them there while it exists.
[[gnu::used]] static Result<void> kick(const Devres<Registers> &regs)
{
	auto guard = regs.try_access();
	if (!guard)
		return code::ENODEV;
	(*guard)->write32<0x04>(1);
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
