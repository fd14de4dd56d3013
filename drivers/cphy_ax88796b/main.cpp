// SPDX-License-Identifier: GPL-2.0
//
// cphy_ax88796b: the ASIX PHYs of drivers/net/phy/ax88796b.c (Debian's C
// module ax88796b) in C++, as Rust-for-Linux's ax88796b_rust.rs does it in
// Rust: the same three drivers, IDs, flags and quirks.
//
//  - AX88796B (any revision): its reset bit does not reset unless it
//    toggles, so soft_reset writes BMCR = 0 before genphy_soft_reset().
//  - AX88772C: the same reset; genphy suspend and resume.
//  - AX88772A: the same, and two workarounds for old switches: read_status
//    takes speed and duplex from BMCR before the link partner's
//    advertisement (some partners leave LPA 0 after autonegotiation), and
//    when the link goes down the PHY is reset and autonegotiation restarted
//    (otherwise LPA shows stale information).
#include <kcxx/module.h>
#include <kcxx/net/phy/device.h>
#include <kcxx/net/phy/driver.h>
#include <kcxx/net/phy/reg.h>

namespace {

using kcxx::Result;
using kcxx::u16;
using kcxx::net::phy::C22;
using kcxx::net::phy::Device;
using kcxx::net::phy::DeviceId;
using kcxx::net::phy::DeviceState;
using kcxx::net::phy::DriverInfo;
using kcxx::net::phy::Duplex;
namespace mii = kcxx::net::phy::mii;
namespace flags = kcxx::net::phy::flags;

// Performs a software reset through BMCR_RESET and polls for the bit to
// clear; writes BMCR = 0 first, since the AX88796B (the Individual
// Computers X-Surf 100 Zorro card's) does not reset unless the bit toggles.
Result<void> asix_soft_reset(Device &dev)
{
	TRY(dev.write(C22::BMCR, 0));
	return dev.genphy_soft_reset();
}

struct PhyAX88772A {
	static constexpr DriverInfo info{
		.name = "Asix Electronics AX88772A",
		.id = DeviceId::exact(0x003b1861),
		.flags = flags::IS_INTERNAL,
	};

	// The AX88772A does not work properly with some old switches
	// (NETGEAR EN 108TP): after autonegotiation, with the link reported
	// up, LPA is 0.  The AX88772C does not have this problem.
	static Result<void> read_status(Device &dev)
	{
		TRY(dev.genphy_update_link());
		if (!dev.is_link_up())
			return {};
		// With LPA 0, phy_resolve_aneg_linkmode() cannot resolve the
		// link mode: BMCR gives the defaults.
		u16 bmcr = TRY(dev.read(C22::BMCR));
		dev.set_speed(bmcr & mii::BMCR_SPEED100 ? kcxx::net::phy::SPEED_100 : kcxx::net::phy::SPEED_10);
		dev.set_duplex(bmcr & mii::BMCR_FULLDPLX ? Duplex::Full : Duplex::Half);
		TRY(dev.genphy_read_lpa());
		if (dev.is_autoneg_enabled() && dev.is_autoneg_completed())
			dev.resolve_aneg_linkmode();
		return {};
	}

	static Result<void> suspend(Device &dev) { return dev.genphy_suspend(); }
	static Result<void> resume(Device &dev) { return dev.genphy_resume(); }
	static Result<void> soft_reset(Device &dev) { return asix_soft_reset(dev); }

	// Reset the PHY when the link goes down, or LPA keeps stale
	// information (seen only with some link partners).  Errors are
	// ignored, as in C: the callback returns nothing.
	static void link_change_notify(Device &dev)
	{
		if (dev.state() == DeviceState::NoLink) {
			(void)dev.init_hw();
			(void)dev.start_aneg();
		}
	}
};

struct PhyAX88772C {
	static constexpr DriverInfo info{
		.name = "Asix Electronics AX88772C",
		.id = DeviceId::exact(0x003b1881),
		.flags = flags::IS_INTERNAL,
	};

	static Result<void> suspend(Device &dev) { return dev.genphy_suspend(); }
	static Result<void> resume(Device &dev) { return dev.genphy_resume(); }
	static Result<void> soft_reset(Device &dev) { return asix_soft_reset(dev); }
};

struct PhyAX88796B {
	// PHY_BASIC_FEATURES, read from BMSR by phylib.
	static constexpr DriverInfo info{
		.name = "Asix Electronics AX88796B",
		.id = DeviceId::model(0x003b1841),
	};

	static Result<void> soft_reset(Device &dev) { return asix_soft_reset(dev); }
};

} // namespace

class AsixPhys {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "cphy_ax88796b",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "ASIX AX88772A/AX88772C/AX88796B PHYs in C++ (ax88796b)",
	};
	using Drivers = kcxx::net::phy::Drivers<PhyAX88772A, PhyAX88772C, PhyAX88796B>;
};

KCXX_MODULE_PHY_DRIVER(AsixPhys);
