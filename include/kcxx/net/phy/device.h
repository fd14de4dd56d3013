// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::net::phy::Device: a struct phy_device as a PHY driver's callbacks see
/// it (Rust's net::phy::Device).
///
/// A driver never makes one: phylib calls the driver type's operations
/// (driver.h) and the framework hands each a Device & for the duration of
/// the call.  It cannot be constructed, copied or moved, so register access
/// happens inside the callbacks, where phylib serialises the device: most
/// operations run with phydev->lock held; probe, suspend and resume run
/// where nothing else touches the device (the state machine is stopped or
/// not started).
///
/// Register access returns Results: read(C22::BMSR) is a Result<u16> holding
/// the register or the bus's errno (phy_read()'s negative int, split in two);
/// write() and modify() a Result<void>.  The genphy_*() helpers are phylib's
/// generic implementations, for a driver to call from its own operations
/// (the AX88772A's read_status is genphy_update_link() plus its own reads).
///
/// INVARIANT: 'this' is the address of a live struct phy_device whose
/// driver's callback is running on this thread, in a context where phylib
/// allows every method below (the device lock or exclusive access); the
/// struct device at KCXX_OFFSETOF_phy_device_mdio_dev is its own.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/net/phy/reg.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::net::phy {

namespace detail {
struct Access;
}

/// The phylib state machine's states (enum phy_state).
enum class DeviceState {
	Down,
	Ready,
	Halted,
	Error,
	Up,
	Running,
	NoLink,
	CableTest,
};

/// Duplex of the link (DUPLEX_*).
enum class Duplex {
	Half,
	Full,
	Unknown,
};

/// Link speeds in Mb/s (SPEED_*).
inline constexpr int SPEED_10 = KCXX_SPEED_10;
/// SPEED_100: 100 Mb/s.
inline constexpr int SPEED_100 = KCXX_SPEED_100;
/// SPEED_1000: 1000 Mb/s.
inline constexpr int SPEED_1000 = KCXX_SPEED_1000;
/// SPEED_UNKNOWN: not known (no link).
inline constexpr int SPEED_UNKNOWN = KCXX_SPEED_UNKNOWN;

/// A struct phy_device as a PHY driver's callbacks see it: only phylib
/// hands it out, by reference, for the call (see kcxx/net/phy/device.h).
class Device {
public:
	Device() = delete;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;

	/// The ID read from PHYSID1/PHYSID2 at probe.
	[[nodiscard]] u32 phy_id() const { return field<u32>(KCXX_OFFSETOF_phy_device_phy_id); }

	/// phylib's state machine state (PHY_UP, PHY_RUNNING, PHY_NOLINK, ...).
	[[nodiscard]] DeviceState state() const
	{
		static_assert(KCXX_SIZEOF_phy_device_state == sizeof(int));
		switch (field<int>(KCXX_OFFSETOF_phy_device_state)) {
		case KCXX_PHY_DOWN: return DeviceState::Down;
		case KCXX_PHY_READY: return DeviceState::Ready;
		case KCXX_PHY_HALTED: return DeviceState::Halted;
		case KCXX_PHY_UP: return DeviceState::Up;
		case KCXX_PHY_RUNNING: return DeviceState::Running;
		case KCXX_PHY_NOLINK: return DeviceState::NoLink;
		case KCXX_PHY_CABLETEST: return DeviceState::CableTest;
		// PHY_ERROR (6.12; 6.1 has no such state).
		default: return DeviceState::Error;
		}
	}

	/// Whether the link is up (phydev->link).
	[[nodiscard]] bool is_link_up() const
	{
		// SAFETY: a live phy_device (INVARIANT); reads a bit field.
		return bindings::kcxx_helper_phy_link(raw()) != 0;
	}
	/// Whether autonegotiation is enabled (phydev->autoneg).
	[[nodiscard]] bool is_autoneg_enabled() const
	{
		// SAFETY: as is_link_up().
		return bindings::kcxx_helper_phy_autoneg(raw()) == KCXX_AUTONEG_ENABLE;
	}
	/// Whether autonegotiation has completed (BMSR's ANEGCOMPLETE).
	[[nodiscard]] bool is_autoneg_completed() const
	{
		// SAFETY: as is_link_up().
		return bindings::kcxx_helper_phy_autoneg_complete(raw()) != 0;
	}

	/// The link speed (SPEED_10, SPEED_100, ...; SPEED_UNKNOWN without link).
	[[nodiscard]] int speed() const { return field<int>(KCXX_OFFSETOF_phy_device_speed); }
	/// The duplex of the link.
	[[nodiscard]] Duplex duplex() const
	{
		int duplex = field<int>(KCXX_OFFSETOF_phy_device_duplex);
		return duplex == KCXX_DUPLEX_FULL ? Duplex::Full
		       : duplex == KCXX_DUPLEX_HALF ? Duplex::Half
						    : Duplex::Unknown;
	}
	/// What read_status() found (SPEED_10, SPEED_100, ...).
	void set_speed(int speed) { field<int>(KCXX_OFFSETOF_phy_device_speed) = speed; }
	/// What read_status() found: the duplex.
	void set_duplex(Duplex duplex)
	{
		field<int>(KCXX_OFFSETOF_phy_device_duplex) = duplex == Duplex::Full   ? KCXX_DUPLEX_FULL
							      : duplex == Duplex::Half ? KCXX_DUPLEX_HALF
										   : KCXX_DUPLEX_UNKNOWN;
	}

	/// phy_read(): the register, or the bus's error.
	[[nodiscard]] Result<u16> read(C22 reg)
	{
		// SAFETY: the PHY's own bus and address (INVARIANT); the bus
		// lock is taken inside; the register number is in [0, 31]
		// (C22's invariant).
		int ret = bindings::mdiobus_read(bus(), addr(), reg.number());
		if (ret < 0)
			return Error::from_errno(ret);
		return static_cast<u16>(ret);
	}
	/// phy_write().
	[[nodiscard]] Result<void> write(C22 reg, u16 value)
	{
		// SAFETY: as read().
		return to_result(bindings::mdiobus_write(bus(), addr(), reg.number(), value));
	}
	/// phy_modify(): read, clear 'mask', set 'set', write if it changed.
	[[nodiscard]] Result<void> modify(C22 reg, u16 mask, u16 set)
	{
		// SAFETY: a live phy_device (INVARIANT); takes the bus lock.
		return to_result(bindings::phy_modify(raw(), reg.number(), mask, set));
	}
	/// phy_resolve_aneg_linkmode(): speed, duplex and pause from the
	/// advertisements after autonegotiation completed.
	void resolve_aneg_linkmode()
	{
		// SAFETY: a live phy_device (INVARIANT); no locking inside.
		bindings::phy_resolve_aneg_linkmode(raw());
	}

	/// phy_init_hw(): soft reset, config_init, interrupts.
	[[nodiscard]] Result<void> init_hw()
	{
		// SAFETY: a live phy_device (INVARIANT).
		return to_result(bindings::phy_init_hw(raw()));
	}

	/// Restart autonegotiation (or force the link) as the state machine
	/// does, from a callback: with the device lock held on 6.12
	/// (_phy_start_aneg()); on 6.1, which calls link_change_notify()
	/// without it, phy_start_aneg() takes it (the bindings choose:
	/// kcxx_bindings/phy.h).
	[[nodiscard]] Result<void> start_aneg()
	{
		// SAFETY: a live phy_device in one of its driver's callbacks
		// (INVARIANT); the binding is the call that matches how this
		// kernel calls them (with or without phydev->lock).
		return to_result(bindings::kcxx_phy_start_aneg_from_callback(raw()));
	}

	/// phylib's generic operations (the genphy_* of phy_device.c).
	/// @{
	/// SAFETY (each): a live phy_device in one of its driver's callbacks
	/// (INVARIANT), the context the genphy_* functions expect.
	[[nodiscard]] Result<void> genphy_soft_reset() { return to_result(bindings::genphy_soft_reset(raw())); }
	[[nodiscard]] Result<void> genphy_update_link() { return to_result(bindings::genphy_update_link(raw())); }
	[[nodiscard]] Result<void> genphy_read_lpa() { return to_result(bindings::genphy_read_lpa(raw())); }
	[[nodiscard]] Result<void> genphy_read_status() { return to_result(bindings::genphy_read_status(raw())); }
	[[nodiscard]] Result<void> genphy_read_abilities() { return to_result(bindings::genphy_read_abilities(raw())); }
	[[nodiscard]] Result<void> genphy_restart_aneg() { return to_result(bindings::genphy_restart_aneg(raw())); }
	[[nodiscard]] Result<void> genphy_config_aneg() { return to_result(bindings::__genphy_config_aneg(raw(), false)); }
	[[nodiscard]] Result<void> genphy_suspend() { return to_result(bindings::genphy_suspend(raw())); }
	[[nodiscard]] Result<void> genphy_resume() { return to_result(bindings::genphy_resume(raw())); }
	/// @}
	/// genphy_aneg_done(): true when BMSR says autonegotiation completed.
	[[nodiscard]] Result<bool> genphy_aneg_done()
	{
		// SAFETY: as the genphy_* above.
		int ret = bindings::genphy_aneg_done(raw());
		if (ret < 0)
			return Error::from_errno(ret);
		return ret != 0;
	}

	/// The generic device (its name; dev_info() and friends).
	[[nodiscard]] const kcxx::Device &device() const
	{
		// SAFETY: &phydev->mdio.dev (INVARIANT).
		return kcxx::Device::from_raw(reinterpret_cast<bindings::device *>(
			reinterpret_cast<char *>(raw()) + KCXX_OFFSETOF_phy_device_mdio_dev));
	}

private:
	friend struct detail::Access;

	static Result<void> to_result(int ret)
	{
		if (ret < 0)
			return Error::from_errno(ret);
		return {};
	}
	bindings::phy_device *raw() const
	{
		return reinterpret_cast<bindings::phy_device *>(const_cast<Device *>(this));
	}
	template <typename U> U &field(unsigned long offset) const
	{
		// SAFETY: a live struct phy_device (INVARIANT); the offsets
		// are the C compiler's for these fields, of these types.
		return *reinterpret_cast<U *>(reinterpret_cast<char *>(raw()) + offset);
	}
	bindings::mii_bus *bus() const { return field<bindings::mii_bus *>(KCXX_OFFSETOF_phy_device_mdio_bus); }
	int addr() const { return field<int>(KCXX_OFFSETOF_phy_device_mdio_addr); }
};

namespace detail {
/// For driver.h only: the Device of a callback.
struct Access {
	static Device &of(bindings::phy_device *phydev) { return *reinterpret_cast<Device *>(phydev); }
};
} // namespace detail

} // namespace kcxx::net::phy
