// SPDX-License-Identifier: GPL-2.0
// an MMIO access at a constant offset beyond the register window (must not compile)
#include <kcxx/devres.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

// The device's registers: a window of 0x100 bytes.
using Registers = pci::Bar<0x100>;

[[gnu::used]] static Result<void> start(const Devres<Registers> &regs)
{
	auto guard = regs.try_access();
	if (!guard)
		return code::ENODEV;
	(*guard)->write32<0x100>(1); // one past the last register
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
