// SPDX-License-Identifier: GPL-2.0
// a PHY driver without a PHY ID (must not compile: a zero mask matches no
// PHY, the driver would register and never bind)
#include <kcxx/module.h>
#include <kcxx/net/phy/driver.h>

namespace {
struct RuleTestPhy {
	static constexpr kcxx::net::phy::DriverInfo info{
		.name = "rule_test PHY",
	};
	static kcxx::Result<void> soft_reset(kcxx::net::phy::Device &dev) { return dev.genphy_soft_reset(); }
};
} // namespace
class RuleTest {
public:
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	using Drivers = kcxx::net::phy::Drivers<RuleTestPhy>;
};
KCXX_MODULE_PHY_DRIVER(RuleTest);
