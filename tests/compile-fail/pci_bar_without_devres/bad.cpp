// SPDX-License-Identifier: GPL-2.0
// a BAR mapped outside a Devres (registers reachable after unbind) (must not compile)
#include <kcxx/devres.h>
#include <kcxx/io/mmio.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;

// A Bar built by hand, outside a Devres: nothing stops an access after
// unbind (nor revokes the mapping then).
[[gnu::used]] static Result<u32> probe(const pci::CoreDevice &pdev)
{
	Registers regs({}, pdev.as_raw(), 0, "rule_test");
	return regs.read32<0x00>();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
