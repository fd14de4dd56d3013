// SPDX-License-Identifier: GPL-2.0
/// \file
/// PHY drivers as C++ types registered with phylib (Rust's net::phy::Driver,
/// DeviceId, Registration and module_phy_driver!).
///
///     struct PhyAX88772A {
///         static constexpr kcxx::net::phy::DriverInfo info{
///             .name = "Asix Electronics AX88772A",
///             .id = kcxx::net::phy::DeviceId::exact(0x003b1861),
///             .flags = kcxx::net::phy::flags::IS_INTERNAL,
///         };
///         // Operations: each optional, static, with exactly this signature.
///         static kcxx::Result<void> soft_reset(kcxx::net::phy::Device &dev);
///         static kcxx::Result<void> read_status(kcxx::net::phy::Device &dev);
///         static void link_change_notify(kcxx::net::phy::Device &dev);
///     };
///     class AsixPhys {
///     public:
///         static constexpr kcxx::ModuleInfo info{.name = "cphy_ax88796b", .license = "GPL", ...};
///         using Drivers = kcxx::net::phy::Drivers<PhyAX88772A, PhyAX88772C, PhyAX88796B>;
///     };
///     KCXX_MODULE_PHY_DRIVER(AsixPhys);
///
/// The operations (struct phy_driver's, same names): probe, soft_reset,
/// config_init, get_features, config_aneg, read_status, suspend, resume
/// (Result<void>(Device &)), aneg_done (Result<bool>(Device &): true when
/// done), link_change_notify (void(Device &)).  One left out is phylib's
/// default, as for a C driver that leaves the field NULL (genphy_read_status,
/// genphy_suspend when the PHY is suspended through the MAC, ...).  An
/// operation with a near-miss signature (an int return, a non-static member,
/// a const Device &) does not compile, instead of silently being "left out".
///
/// Like Rust's, a driver type has no per-device state: the operations are
/// static and get the Device (device.h).  phylib serialises them per device.
///
/// What the framework does:
///  - Every driver's DeviceId goes into one struct mdio_device_id table under
///    the name MODULE_DEVICE_TABLE(mdio, ...) gives it, so modpost writes the
///    mdio:... aliases and the module autoloads for a matching PHY.
///  - Registration<Ds...> fills in one struct phy_driver per type (in this
///    pinned object) and registers them all with phy_drivers_register(); its
///    destructor unregisters them (every bound PHY is unbound first).
///  - An operation's Error becomes its negative errno for phylib.
///
/// INVARIANT (Registration): while registered_, drivers_ holds sizeof...(Ds)
/// struct phy_driver registered with phylib, with these types' callbacks.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/driver/module.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/module.h>
#include <kcxx/net/phy/device.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::bindings {

/// struct mdio_device_id (include/linux/mod_devicetable.h), the same on 6.1
/// and 6.12: modpost reads it from the object.
struct mdio_device_id_layout {
	unsigned int phy_id;
	unsigned int phy_id_mask;
};
static_assert(sizeof(mdio_device_id_layout) == KCXX_SIZEOF_mdio_device_id);
static_assert(alignof(mdio_device_id_layout) == KCXX_ALIGNOF_mdio_device_id);
static_assert(__builtin_offsetof(mdio_device_id_layout, phy_id) == KCXX_OFFSETOF_mdio_device_id_phy_id);
static_assert(__builtin_offsetof(mdio_device_id_layout, phy_id_mask) == KCXX_OFFSETOF_mdio_device_id_phy_id_mask);

} // namespace kcxx::bindings

namespace kcxx::net::phy {

/// Driver flags (PHY_IS_INTERNAL, ...).
namespace flags {
/// PHY_IS_INTERNAL: the PHY is inside the MAC's chip.
inline constexpr u32 IS_INTERNAL = KCXX_PHY_IS_INTERNAL;
/// PHY_RST_AFTER_CLK_EN: reset the PHY after its clock is enabled.
inline constexpr u32 RST_AFTER_CLK_EN = KCXX_PHY_RST_AFTER_CLK_EN;
/// PHY_POLL_CABLE_TEST: poll for the end of a cable test.
inline constexpr u32 POLL_CABLE_TEST = KCXX_PHY_POLL_CABLE_TEST;
} // namespace flags

/// The PHY IDs a driver matches: the ID (PHYSID1 << 16 | PHYSID2) under a
/// mask (PHY_ID_MATCH_EXACT/MODEL/VENDOR, or any mask).
///
/// INVARIANT: none (match values; a zero mask matches nothing, as in C).
struct DeviceId {
	/// The PHY ID to match (registers 2 and 3).
	u32 id;
	/// The bits of the ID that must match.
	u32 mask;

	/// The whole ID, revision included (PHY_ID_MATCH_EXACT).
	static constexpr DeviceId exact(u32 id) { return {id, ~0u}; }
	/// Any revision of the model (PHY_ID_MATCH_MODEL): the low 4 bits free.
	static constexpr DeviceId model(u32 id) { return {id, ~0u << 4}; }
	/// Any model of the vendor (PHY_ID_MATCH_VENDOR): the OUI.
	static constexpr DeviceId vendor(u32 id) { return {id, ~0u << 10}; }
	/// Any ID and mask (PHY_ID_MATCH_... by hand).
	static constexpr DeviceId custom(u32 id, u32 mask) { return {id, mask}; }
};

/// What a driver type says about itself (struct phy_driver's name, phy_id,
/// phy_id_mask and flags).
struct DriverInfo {
	/// The driver's name (struct phy_driver's name), shown in the kernel log.
	const char *name;
	/// The PHY IDs the driver binds to.
	DeviceId id;
	/// The driver's flags (flags::...).
	u32 flags = 0;
};

template <typename... Ds> struct Drivers {};

namespace detail {

template <typename D> concept DriverType = requires {
	{ D::info } -> std::convertible_to<const DriverInfo &>;
};

using Op = Result<void> (*)(Device &);
using AnegDoneOp = Result<bool> (*)(Device &);
using NotifyOp = void (*)(Device &);

/// An operation the type names must have exactly the expected type (a
/// static function); "names it" catches the near misses.
#define KCXX_PHY_OP(op, type)                                                                   \
	template <typename D> concept Names_##op = requires { &D::op; };                         \
	template <typename D> concept Has_##op = requires {                                     \
		{ &D::op } -> std::same_as<type>;                                                \
	};
KCXX_PHY_OP(probe, Op)
KCXX_PHY_OP(soft_reset, Op)
KCXX_PHY_OP(config_init, Op)
KCXX_PHY_OP(get_features, Op)
KCXX_PHY_OP(config_aneg, Op)
KCXX_PHY_OP(read_status, Op)
KCXX_PHY_OP(suspend, Op)
KCXX_PHY_OP(resume, Op)
KCXX_PHY_OP(aneg_done, AnegDoneOp)
KCXX_PHY_OP(link_change_notify, NotifyOp)
#undef KCXX_PHY_OP

template <typename D> constexpr bool operations_well_formed =
	(!Names_probe<D> || Has_probe<D>) && (!Names_soft_reset<D> || Has_soft_reset<D>) &&
	(!Names_config_init<D> || Has_config_init<D>) && (!Names_get_features<D> || Has_get_features<D>) &&
	(!Names_config_aneg<D> || Has_config_aneg<D>) && (!Names_read_status<D> || Has_read_status<D>) &&
	(!Names_suspend<D> || Has_suspend<D>) && (!Names_resume<D> || Has_resume<D>) &&
	(!Names_aneg_done<D> || Has_aneg_done<D>) && (!Names_link_change_notify<D> || Has_link_change_notify<D>);

template <typename D> struct Callbacks {
	template <Op op> static int call(bindings::phy_device *phydev)
	{
		// SAFETY: phylib calls a driver's operations for a live
		// phy_device bound to it, serialised as Device requires.
		return op(Access::of(phydev)).to_errno();
	}
	static int aneg_done(bindings::phy_device *phydev)
	{
		// SAFETY: as call().
		Result<bool> done = D::aneg_done(Access::of(phydev));
		if (done.is_error())
			return done.error().to_errno();
		return *done ? 1 : 0;
	}
	static void link_change_notify(bindings::phy_device *phydev)
	{
		// SAFETY: as call().
		D::link_change_notify(Access::of(phydev));
	}
};

template <typename D> constexpr bindings::kcxx_phy_driver_ops make_ops()
{
	bindings::kcxx_phy_driver_ops ops{};
	if constexpr (Has_probe<D>)
		ops.probe = &Callbacks<D>::template call<&D::probe>;
	if constexpr (Has_soft_reset<D>)
		ops.soft_reset = &Callbacks<D>::template call<&D::soft_reset>;
	if constexpr (Has_config_init<D>)
		ops.config_init = &Callbacks<D>::template call<&D::config_init>;
	if constexpr (Has_get_features<D>)
		ops.get_features = &Callbacks<D>::template call<&D::get_features>;
	if constexpr (Has_config_aneg<D>)
		ops.config_aneg = &Callbacks<D>::template call<&D::config_aneg>;
	if constexpr (Has_read_status<D>)
		ops.read_status = &Callbacks<D>::template call<&D::read_status>;
	if constexpr (Has_suspend<D>)
		ops.suspend = &Callbacks<D>::template call<&D::suspend>;
	if constexpr (Has_resume<D>)
		ops.resume = &Callbacks<D>::template call<&D::resume>;
	if constexpr (Has_aneg_done<D>)
		ops.aneg_done = &Callbacks<D>::aneg_done;
	if constexpr (Has_link_change_notify<D>)
		ops.link_change_notify = &Callbacks<D>::link_change_notify;
	return ops;
}

template <typename D> inline constexpr bindings::kcxx_phy_driver_ops ops_of = make_ops<D>();

/// The module's table: every driver's ID, then the all-zero terminator.
template <typename... Ds> struct RawTable {
	bindings::mdio_device_id_layout entries[sizeof...(Ds) + 1];
};

template <typename... Ds> consteval RawTable<Ds...> make_table(Drivers<Ds...>)
{
	return RawTable<Ds...>{{{Ds::info.id.id, Ds::info.id.mask}..., {0, 0}}};
}

template <typename L> struct TableOf;
template <typename... Ds> struct TableOf<Drivers<Ds...>> {
	using type = RawTable<Ds...>;
};

/// Points to the table KCXX_PHY_DEVICE_TABLE(M) defines under the
/// MODULE_DEVICE_TABLE name; null (a compile error in Registration) without.
template <typename L> inline constexpr const typename TableOf<L>::type *device_table = nullptr;

} // namespace detail

/// The registered drivers.  Not movable (phylib links them): try_new()
/// builds it in a Box.
template <typename... Ds> class Registration {
	static_assert(sizeof...(Ds) > 0, "kcxx: a PHY driver module registers at least one driver");
	static_assert((detail::DriverType<Ds> && ...),
		      "kcxx: a PHY driver type needs 'static constexpr kcxx::net::phy::DriverInfo info' "
		      "(name, DeviceId, flags)");
	static_assert(((Ds::info.name != nullptr && Ds::info.id.mask != 0) && ...),
		      "kcxx: a PHY driver's info needs a name and a DeviceId (exact(), model(), vendor() or "
		      "custom() with a non-zero mask): without one it matches no PHY");
	static_assert((detail::operations_well_formed<Ds> && ...),
		      "kcxx: a PHY driver operation has the wrong signature: 'static kcxx::Result<void> "
		      "op(kcxx::net::phy::Device &)' (probe, soft_reset, config_init, get_features, "
		      "config_aneg, read_status, suspend, resume), 'static kcxx::Result<bool> "
		      "aneg_done(kcxx::net::phy::Device &)', 'static void "
		      "link_change_notify(kcxx::net::phy::Device &)'");
	struct Token {};
	static constexpr unsigned long count = sizeof...(Ds);

public:
	/// Registers the drivers Ds with phylib (phy_drivers_register());
	/// unregistered when destroyed.
	[[nodiscard]] static Result<Box<Registration>> try_new(Gfp gfp)
	{
		auto registration = TRY(Box<Registration>::try_new(gfp, Token{}));
		TRY(registration->register_drivers());
		return registration;
	}

	/// For Box::try_new() only: the private Token keeps everyone else out.
	explicit Registration(Token) {}
	Registration(const Registration &) = delete;
	Registration &operator=(const Registration &) = delete;

	~Registration()
	{
		if (registered_)
			// SAFETY: registered by register_drivers(); unbinds
			// every PHY bound to them before returning.
			bindings::phy_drivers_unregister(raw(0), count);
	}

private:
	bindings::phy_driver *raw(unsigned long i)
	{
		return reinterpret_cast<bindings::phy_driver *>(drivers_ + i * KCXX_SIZEOF_phy_driver);
	}

	Result<void> register_drivers()
	{
		unsigned long i = 0;
		// SAFETY: each slot is zeroed storage of the C size and
		// alignment in this pinned object; names and operations are
		// constants.
		(bindings::kcxx_helper_phy_driver_init(raw(i++), Ds::info.name, Ds::info.id.id, Ds::info.id.mask,
						       Ds::info.flags, &detail::ops_of<Ds>),
		 ...);
		// SAFETY: fully initialised, contiguous (an array's stride);
		// unregistered by the destructor.  On failure phylib has
		// unregistered those it registered.
		if (int err = bindings::phy_drivers_register(raw(0), count, ThisModule::get()))
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	alignas(KCXX_ALIGNOF_phy_driver) unsigned char drivers_[count * KCXX_SIZEOF_phy_driver] = {};
	bool registered_ = false;
};

namespace detail {
template <typename L> struct RegistrationOf;
template <typename... Ds> struct RegistrationOf<Drivers<Ds...>> {
	using type = Registration<Ds...>;
};
} // namespace detail

} // namespace kcxx::net::phy

/// The module's ID table under the name MODULE_DEVICE_TABLE(mdio, ...) gives
/// it (__mod_mdio__\<name\>_device_table), which modpost reads.  M must be a
/// plain identifier with 'using Drivers = kcxx::net::phy::Drivers<...>'.
#define KCXX_PHY_DEVICE_TABLE(M)                                                                \
	extern "C" [[gnu::used]] constinit const ::kcxx::net::phy::detail::TableOf<M::Drivers>::type \
		__mod_mdio__##M##_device_table = ::kcxx::net::phy::detail::make_table(M::Drivers{}); \
	template <>                                                                             \
	inline constexpr const ::kcxx::net::phy::detail::TableOf<M::Drivers>::type *            \
		::kcxx::net::phy::detail::device_table<M::Drivers> = &__mod_mdio__##M##_device_table

/// A module that registers M::Drivers with phylib at load and unregisters
/// them at unload (module_phy_driver()); its name, license and description
/// are M::info.
#define KCXX_MODULE_PHY_DRIVER(M)                                                               \
	KCXX_PHY_DEVICE_TABLE(M);                                                               \
	using KcxxPhyModule_##M =                                                               \
		::kcxx::detail::DriverModule<::kcxx::net::phy::detail::RegistrationOf<M::Drivers>::type, M>; \
	KCXX_MODULE(KcxxPhyModule_##M)
