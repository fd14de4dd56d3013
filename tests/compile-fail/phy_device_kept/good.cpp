// SPDX-License-Identifier: GPL-2.0
// a PHY driver keeps the Device of a callback to reach the registers later
// (the correct twin: the registers are reached inside the callback, through
// the reference it gets)
#include <kcxx/module.h>
#include <kcxx/net/phy/driver.h>

namespace {
struct RuleTestPhy {
	static constexpr kcxx::net::phy::DriverInfo info{
		.name = "rule_test PHY",
		.id = kcxx::net::phy::DeviceId::exact(0x00badc0d),
	};
	static kcxx::Result<void> probe(kcxx::net::phy::Device &dev)
	{
		return dev.genphy_soft_reset();
	}
};
} // namespace
class RuleTest {
public:
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	using Drivers = kcxx::net::phy::Drivers<RuleTestPhy>;
};
KCXX_MODULE_PHY_DRIVER(RuleTest);
