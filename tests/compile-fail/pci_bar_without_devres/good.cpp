// SPDX-License-Identifier: GPL-2.0
// a BAR mapped outside a Devres (registers reachable after unbind) (the correct twin)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// Bar::map() is the only way to a Bar, and it returns it inside a Devres.
[[gnu::used]] static Result<u32> probe(const pci::CoreDevice &pdev)
{
	auto regs = TRY(Registers::map(pdev, 0, "rule_test"));
	return TRY(regs.access(pdev.device()))->read32<0x00>();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
