// SPDX-License-Identifier: GPL-2.0
// registers reached after unbind through a copy of the window (must not compile)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// The driver keeps "the registers" for later (an ioctl, a work item): a
// copy of the window, which still points at the mapping after unbind has
// unmapped it.
struct State {
	io::Mmio<0x100> regs;
};

[[gnu::used]] static Result<void> probe(const pci::CoreDevice &pdev, State *state)
{
	auto bar = TRY(Registers::map(pdev, 0, "rule_test"));
	::new (state) State{*TRY(bar.access(pdev.device()))};
	return {};
}

[[gnu::used]] static void later(const State &state) { state.regs.write32<0x04>(1); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
