// SPDX-License-Identifier: GPL-2.0
/// \file
/// AMBA (ARM PrimeCell) drivers as C++ types (Rust-for-Linux has an amba
/// abstraction out of tree; this follows its platform::Driver).
///
///     class Pl031 {
///     public:
///         struct IdInfo { ... };
///         static constexpr kcxx::amba::IdEntry<IdInfo> ids[] = {
///             {{.id = 0x00041031, .mask = 0x000fffff}, {...}},
///         };
///         static constexpr kcxx::ModuleInfo info{.name = "cpl031", ...};
///         static kcxx::Result<kcxx::Box<Pl031>> probe(const kcxx::amba::CoreDevice &dev,
///                                                     const IdInfo &info);
///         ~Pl031();                                               // remove
///     };
///     KCXX_MODULE_AMBA_DRIVER(Pl031);
///
/// The bus matches a device's peripheral ID against each entry ((periphid
/// & mask) == id), or the device's driver_override against the driver's
/// name; probe() gets the typed info of the entry that matched.  The
/// table is exported under the name MODULE_DEVICE_TABLE(amba, ...) gives
/// it (modpost writes the amba:d... aliases).  Probe, remove, the binding
/// locks and the devres release are as for PCI and platform drivers
/// (pci/driver.h).
///
/// INVARIANT (Registration): while registered_, driver_ is registered with
/// the AMBA bus with this type's table and callbacks.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/amba/device.h>
#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/driver/data.h>
#include <kcxx/driver/module.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

namespace kcxx::bindings {

/// struct amba_id (include/linux/mod_devicetable.h), mirrored field by
/// field: modpost reads it from the object.
struct amba_id_layout {
	unsigned int id;
	unsigned int mask;
	const void *data;
};
static_assert(sizeof(amba_id_layout) == KCXX_SIZEOF_amba_id);
static_assert(alignof(amba_id_layout) == KCXX_ALIGNOF_amba_id);
static_assert(__builtin_offsetof(amba_id_layout, id) == KCXX_OFFSETOF_amba_id_id);
static_assert(__builtin_offsetof(amba_id_layout, mask) == KCXX_OFFSETOF_amba_id_mask);
static_assert(__builtin_offsetof(amba_id_layout, data) == KCXX_OFFSETOF_amba_id_data);

} // namespace kcxx::bindings

namespace kcxx::amba {

/// What a table entry matches: (periphid & mask) == id.
struct Id {
	/// The peripheral ID bits to match.
	u32 id;
	/// The bits of the peripheral ID that must match.
	u32 mask;
};

/// One row of a driver's ID table, and the driver's information for it.
template <typename Info> struct IdEntry {
	/// What to match.
	Id id;
	/// The driver's information for a device that matches.
	Info info;
};

namespace detail {

template <typename D> concept DriverType = requires {
	typename D::IdInfo;
	{ D::info } -> std::convertible_to<const ModuleInfo &>;
	{ D::probe(std::declval<const CoreDevice &>(), std::declval<const typename D::IdInfo &>()) }
		-> std::same_as<Result<Box<D>>>;
	{ std::extent_v<decltype(D::ids)> } -> std::convertible_to<unsigned long>;
} && std::is_nothrow_destructible_v<D>;

template <typename D> struct RawTable {
	bindings::amba_id_layout entries[std::extent_v<decltype(D::ids)> + 1];
};

template <typename D> consteval RawTable<D> make_table()
{
	RawTable<D> table{};
	for (unsigned long i = 0; i < std::extent_v<decltype(D::ids)>; ++i)
		table.entries[i] = {D::ids[i].id.id, D::ids[i].id.mask, nullptr};
	return table;
}

/// Points to the table KCXX_AMBA_DEVICE_TABLE(D) defines; null (a compile
/// error in Registration) without.
template <typename D> inline constexpr const RawTable<D> *device_table = nullptr;

using kcxx::detail::driver_data;

template <typename D> struct Callbacks {
	static int probe(bindings::amba_device *adev, const bindings::amba_id *raw_id)
	{
		const auto *table = device_table<D>->entries;
		const auto *id = reinterpret_cast<const bindings::amba_id_layout *>(raw_id);
		// The bus hands back an entry of our table (or, for a device
		// bound by driver_override that matches no entry, refuses
		// before probe); anything else takes the first entry.
		unsigned long index = id >= table && id < table + std::extent_v<decltype(D::ids)>
					      ? static_cast<unsigned long>(id - table)
					      : 0;
		// SAFETY: the bus calls probe with the device lock held, for
		// a device not bound to any driver yet.
		const CoreDevice &dev = Access::core(adev);
		Result<Box<D>> driver = D::probe(dev, D::ids[index].info);
		if (driver.is_error()) {
			// SAFETY: the device of this callback (pci/driver.h).
			bindings::kcxx_helper_devres_end_bindings(Access::device_of(adev));
			return driver.error().to_errno();
		}
		driver_data(Access::device_of(adev)) = std::move(driver).value().into_raw();
		return 0;
	}

	static void remove(bindings::amba_device *adev)
	{
		bindings::device *dev = Access::device_of(adev);
		// SAFETY: the device of this callback (pci/driver.h).
		bindings::kcxx_helper_devres_end_bindings(dev);
		void *&data = driver_data(dev);
		// SAFETY: probe succeeded (the bus calls remove only then)
		// and stored the object's Box here.
		(void)Box<D>::from_raw(static_cast<D *>(data));
		data = nullptr;
		// SAFETY: as above.
		bindings::kcxx_helper_devres_end_bindings(dev);
	}
};

} // namespace detail

/// The registered driver.  Not movable (the bus links it): try_new() builds
/// it in a Box.
template <typename D> class Registration {
	static_assert(detail::DriverType<D>,
		      "kcxx: an AMBA driver type needs 'using IdInfo', 'static constexpr "
		      "kcxx::amba::IdEntry<IdInfo> ids[]', 'static constexpr kcxx::ModuleInfo info', 'static "
		      "kcxx::Result<kcxx::Box<D>> probe(const kcxx::amba::CoreDevice &, const IdInfo &)' and a "
		      "destructor (remove)");
	static_assert(detail::device_table<D> != nullptr,
		      "kcxx: an AMBA driver's ID table must be exported for modpost: KCXX_AMBA_DEVICE_TABLE(D) "
		      "(or KCXX_MODULE_AMBA_DRIVER(D)) before the registration is used");
	struct Token {};

public:
	/// Registers driver D with the AMBA bus: probe() runs for each
	/// matching device from here on; unregistered when destroyed.
	/// -EINVAL where the kernel has no AMBA bus (x86).
	[[nodiscard]] static Result<Box<Registration>> try_new(Gfp gfp)
	{
		auto registration = TRY(Box<Registration>::try_new(gfp, Token{}));
		TRY(registration->register_driver());
		return registration;
	}

	/// For Box::try_new() only: the private Token keeps everyone else out.
	explicit Registration(Token) {}
	Registration(const Registration &) = delete;
	Registration &operator=(const Registration &) = delete;

	~Registration()
	{
		if (registered_)
			// SAFETY: registered by register_driver(); unbinds every
			// device (remove) before returning.
			bindings::kcxx_helper_amba_driver_unregister(raw());
	}

private:
	bindings::amba_driver *raw() { return reinterpret_cast<bindings::amba_driver *>(driver_); }

	Result<void> register_driver()
	{
		// SAFETY: driver_ is zeroed storage for a struct amba_driver
		// in this pinned object; the table is a constant.
		bindings::kcxx_helper_amba_driver_init(
			raw(), D::info.name, reinterpret_cast<const bindings::amba_id *>(detail::device_table<D>),
			&detail::Callbacks<D>::probe, &detail::Callbacks<D>::remove, nullptr);
		// SAFETY: fully initialised; unregistered by the destructor.
		if (int err = bindings::kcxx_helper_amba_driver_register(raw(), ThisModule::get()))
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	alignas(KCXX_ALIGNOF_amba_driver) unsigned char driver_[KCXX_SIZEOF_amba_driver] = {};
	bool registered_ = false;
};

} // namespace kcxx::amba

/// The driver's ID table under the name MODULE_DEVICE_TABLE(amba, ...) gives
/// it (__mod_amba__\<name\>_device_table), which modpost reads.
#define KCXX_AMBA_DEVICE_TABLE(D)                                                              \
	extern "C" [[gnu::used]] constinit const ::kcxx::amba::detail::RawTable<D>               \
		__mod_amba__##D##_device_table = ::kcxx::amba::detail::make_table<D>();        \
	template <>                                                                            \
	inline constexpr const ::kcxx::amba::detail::RawTable<D> *                             \
		::kcxx::amba::detail::device_table<D> = &__mod_amba__##D##_device_table

/// A module that registers AMBA driver D at load and unregisters it at
/// unload; its name, license and description are D::info.
#define KCXX_MODULE_AMBA_DRIVER(D)                                                             \
	KCXX_AMBA_DEVICE_TABLE(D);                                                             \
	using KcxxAmbaModule_##D = ::kcxx::detail::DriverModule<::kcxx::amba::Registration<D>, D>; \
	KCXX_MODULE(KcxxAmbaModule_##D)
