// SPDX-License-Identifier: GPL-2.0
// registers reached after unbind through a copy of the window (the correct twin)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// The driver keeps the Devres: every later access goes through a guard,
// which fails once unbind has revoked the registers.
struct State {
	Devres<Registers> regs;
};

[[gnu::used]] static Result<void> probe(const pci::CoreDevice &pdev, State *state)
{
	auto bar = TRY(Registers::map(pdev, 0, "rule_test"));
	::new (state) State{std::move(bar)};
	return {};
}

[[gnu::used]] static Result<void> later(const State &state)
{
	auto regs = state.regs.try_access();
	if (!regs)
		return code::ENODEV; // unbound
	(*regs)->write32<0x04>(1);
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
