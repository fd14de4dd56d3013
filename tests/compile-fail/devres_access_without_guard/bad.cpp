// SPDX-License-Identifier: GPL-2.0
// registers reached through a Devres without try_access()/access(dev) (must not compile)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// A work item or an ioctl after unbind: the Devres handle is still there,
// the registers may not be.
[[gnu::used]] static void kick(const Devres<Registers> &regs)
{
	regs->write32<0x04>(1);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
