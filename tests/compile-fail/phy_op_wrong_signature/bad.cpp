// SPDX-License-Identifier: GPL-2.0
// a PHY driver operation with C's signature (must not compile: an int
// return would be taken for "no read_status" or pass a positive value to
// phylib; the operation must return a Result)
#include <kcxx/module.h>
#include <kcxx/net/phy/driver.h>

namespace {
struct RuleTestPhy {
	static constexpr kcxx::net::phy::DriverInfo info{
		.name = "rule_test PHY",
		.id = kcxx::net::phy::DeviceId::exact(0x00badc0d),
	};
	static int read_status(kcxx::net::phy::Device &dev)
	{
		return dev.genphy_read_status().is_ok() ? 0 : -5;
	}
};
} // namespace
class RuleTest {
public:
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	using Drivers = kcxx::net::phy::Drivers<RuleTestPhy>;
};
KCXX_MODULE_PHY_DRIVER(RuleTest);
