// SPDX-License-Identifier: GPL-2.0
// a misaligned constant MMIO access (the correct twin)
#include <kcxx/devres.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

// The device's registers: a window of 0x100 bytes.
using Registers = pci::Bar<0x100>;

[[gnu::used]] static Result<u32> status(const Devres<Registers> &regs)
{
	auto guard = regs.try_access();
	if (!guard)
		return code::ENODEV;
	return (*guard)->read32<0x0>(); // aligned to its width
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
