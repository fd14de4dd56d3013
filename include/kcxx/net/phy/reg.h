// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::net::phy::C22: the clause 22 MII registers (include/uapi/linux/mii.h)
/// as a type, so a register access names a register, not an int (Rust's
/// net::phy::reg::C22).  The 16 standard registers have names; the vendor
/// range 0x10-0x1f is C22::vendor\<N\>(), checked at compile time.  The bits of
/// BMCR, BMSR and the advertisement registers are constants in mii::.
///
/// INVARIANT: a C22 holds a register number in [0, 31].
#pragma once

#include <kcxx/types.h>

namespace kcxx::net::phy {

/// A clause 22 MII register: a register number in [0, 31], by name (the
/// 16 standard registers) or vendor\<N\>() (checked at compile time).
class C22 {
public:
	/// @{
	/// The standard registers (MII_BMCR, MII_BMSR, ... of mii.h).
	static const C22 BMCR, BMSR, PHYSID1, PHYSID2, ADVERTISE, LPA, EXPANSION, CTRL1000, STAT1000,
		MMD_CTRL, MMD_DATA, ESTATUS;
	/// @}

	/// A vendor-specific register, 0x10 to 0x1f.
	template <unsigned int N> static constexpr C22 vendor()
	{
		static_assert(N >= 0x10 && N <= 0x1f, "kcxx: clause 22 vendor registers are 0x10-0x1f");
		return C22(N);
	}

	/// The register number, as mdiobus_read() takes it.
	[[nodiscard]] constexpr unsigned int number() const { return number_; }
	/// Equal when the numbers are.
	friend constexpr bool operator==(C22, C22) = default;

private:
	explicit constexpr C22(unsigned int number) : number_(number) {}
	unsigned int number_;
};

// The standard registers' numbers (include/uapi/linux/mii.h).
inline constexpr C22 C22::BMCR{0x00};
inline constexpr C22 C22::BMSR{0x01};
inline constexpr C22 C22::PHYSID1{0x02};
inline constexpr C22 C22::PHYSID2{0x03};
inline constexpr C22 C22::ADVERTISE{0x04};
inline constexpr C22 C22::LPA{0x05};
inline constexpr C22 C22::EXPANSION{0x06};
inline constexpr C22 C22::CTRL1000{0x09};
inline constexpr C22 C22::STAT1000{0x0a};
inline constexpr C22 C22::MMD_CTRL{0x0d};
inline constexpr C22 C22::MMD_DATA{0x0e};
inline constexpr C22 C22::ESTATUS{0x0f};

/// Register bits (include/uapi/linux/mii.h: user ABI, the same on every
/// kernel).
namespace mii {
/// @{
/// Basic mode control register (BMCR) bits.
inline constexpr u16 BMCR_SPEED1000 = 0x0040;
inline constexpr u16 BMCR_CTST = 0x0080;
inline constexpr u16 BMCR_FULLDPLX = 0x0100;
inline constexpr u16 BMCR_ANRESTART = 0x0200;
inline constexpr u16 BMCR_ISOLATE = 0x0400;
inline constexpr u16 BMCR_PDOWN = 0x0800;
inline constexpr u16 BMCR_ANENABLE = 0x1000;
inline constexpr u16 BMCR_SPEED100 = 0x2000;
inline constexpr u16 BMCR_LOOPBACK = 0x4000;
inline constexpr u16 BMCR_RESET = 0x8000;
/// @}

/// @{
/// Basic mode status register (BMSR) bits.
inline constexpr u16 BMSR_ERCAP = 0x0001;
inline constexpr u16 BMSR_JCD = 0x0002;
inline constexpr u16 BMSR_LSTATUS = 0x0004;
inline constexpr u16 BMSR_ANEGCAPABLE = 0x0008;
inline constexpr u16 BMSR_RFAULT = 0x0010;
inline constexpr u16 BMSR_ANEGCOMPLETE = 0x0020;
inline constexpr u16 BMSR_ESTATEN = 0x0100;
inline constexpr u16 BMSR_10HALF = 0x0800;
inline constexpr u16 BMSR_10FULL = 0x1000;
inline constexpr u16 BMSR_100HALF = 0x2000;
inline constexpr u16 BMSR_100FULL = 0x4000;
/// @}

/// @{
/// Advertisement register (ADVERTISE) bits: what the PHY offers in
/// autonegotiation.
inline constexpr u16 ADVERTISE_CSMA = 0x0001;
inline constexpr u16 ADVERTISE_10HALF = 0x0020;
inline constexpr u16 ADVERTISE_10FULL = 0x0040;
inline constexpr u16 ADVERTISE_100HALF = 0x0080;
inline constexpr u16 ADVERTISE_100FULL = 0x0100;
inline constexpr u16 ADVERTISE_PAUSE_CAP = 0x0400;
inline constexpr u16 ADVERTISE_PAUSE_ASYM = 0x0800;
/// @}
/// Link partner ability register (LPA): the partner acknowledged our
/// advertisement.
inline constexpr u16 LPA_LPACK = 0x4000;
} // namespace mii

} // namespace kcxx::net::phy
