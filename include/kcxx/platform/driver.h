// SPDX-License-Identifier: GPL-2.0
/// \file
/// Platform drivers as C++ types (Rust's platform::Driver,
/// module_platform_driver!, of_device_table!, acpi_device_table!).
///
///     class Demo {
///     public:
///         struct IdInfo { unsigned int variant; };              // per-ID data
///         // Any of the three tables, or none (a driver bound by name or
///         // driver_override only):
///         static constexpr kcxx::platform::OfId<IdInfo> of_ids[] = {{"vendor,demo", {1}}};
///         static constexpr kcxx::platform::AcpiId<IdInfo> acpi_ids[] = {{"DEMO0001", {1}}};
///         static constexpr kcxx::platform::NameId<IdInfo> ids[] = {{"demo", {0}}};
///         static constexpr kcxx::ModuleInfo info{.name = "demo", .license = "GPL", ...};
///
///         // info: the entry that matched; null if none did (the device
///         // has the driver's name, or driver_override named it).
///         static kcxx::Result<kcxx::Box<Demo>> probe(const kcxx::platform::CoreDevice &dev,
///                                                    const IdInfo *info);
///         ~Demo();                                               // remove
///     };
///     KCXX_MODULE_PLATFORM_DRIVER(Demo);
///
/// What the framework does, as for PCI (pci/driver.h):
///  - Each table becomes the kernel's of_device_id / acpi_device_id /
///    platform_device_id array, exported under the name MODULE_DEVICE_TABLE()
///    gives it, so modpost writes the of:, acpi: and platform: aliases and
///    udev loads the module for a matching device.  The platform core
///    matches the device against them (driver_override first, then OF,
///    ACPI, the ID table, the driver's name); probe() gets the typed info of
///    the entry that matched, found again by its place in the table.
///  - probe() runs with a CoreDevice (device lock held): the only place to
///    map resources (CoreDevice::iomap()).  The object it returns is owned
///    by the framework until remove, which destroys it.  Then the devres
///    actions undo what probe set up.  remove ends every kcxx::BindingLock
///    of the device first (and once more after), as a failed probe does
///    before returning (binding_lock.h).
///  - attributes, if the type has them, are the driver's dev_groups.
///
/// INVARIANT (Registration): while registered_, driver_ is registered with
/// the platform core with this type's tables and callbacks.
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/driver/attributes.h>
#include <kcxx/driver/data.h>
#include <kcxx/driver/module.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/module.h>
#include <kcxx/platform/device.h>
#include <kcxx/result.h>
#include <kcxx/sysfs.h>
#include <kcxx/types.h>

namespace kcxx::bindings {

/// struct of_device_id, acpi_device_id, platform_device_id
/// (include/linux/mod_devicetable.h), mirrored field by field: modpost reads
/// them from the object.
struct of_device_id_layout {
	char name[32];
	char type[32];
	char compatible[128];
	const void *data;
};
static_assert(sizeof(of_device_id_layout) == KCXX_SIZEOF_of_device_id);
static_assert(alignof(of_device_id_layout) == KCXX_ALIGNOF_of_device_id);
static_assert(sizeof(of_device_id_layout::name) == KCXX_SIZEOF_of_device_id_name);
static_assert(sizeof(of_device_id_layout::type) == KCXX_SIZEOF_of_device_id_type);
static_assert(sizeof(of_device_id_layout::compatible) == KCXX_SIZEOF_of_device_id_compatible);
static_assert(__builtin_offsetof(of_device_id_layout, compatible) == KCXX_OFFSETOF_of_device_id_compatible);
static_assert(__builtin_offsetof(of_device_id_layout, data) == KCXX_OFFSETOF_of_device_id_data);

struct acpi_device_id_layout {
	unsigned char id[16];
	unsigned long driver_data;
	unsigned int cls;
	unsigned int cls_msk;
};
static_assert(sizeof(acpi_device_id_layout) == KCXX_SIZEOF_acpi_device_id);
static_assert(alignof(acpi_device_id_layout) == KCXX_ALIGNOF_acpi_device_id);
static_assert(sizeof(acpi_device_id_layout::id) == KCXX_SIZEOF_acpi_device_id_id);
static_assert(__builtin_offsetof(acpi_device_id_layout, driver_data) == KCXX_OFFSETOF_acpi_device_id_driver_data);
static_assert(__builtin_offsetof(acpi_device_id_layout, cls) == KCXX_OFFSETOF_acpi_device_id_cls);
static_assert(__builtin_offsetof(acpi_device_id_layout, cls_msk) == KCXX_OFFSETOF_acpi_device_id_cls_msk);

struct platform_device_id_layout {
	char name[20];
	unsigned long driver_data;
};
static_assert(sizeof(platform_device_id_layout) == KCXX_SIZEOF_platform_device_id);
static_assert(alignof(platform_device_id_layout) == KCXX_ALIGNOF_platform_device_id);
static_assert(sizeof(platform_device_id_layout::name) == KCXX_SIZEOF_platform_device_id_name);
static_assert(__builtin_offsetof(platform_device_id_layout, driver_data) ==
	      KCXX_OFFSETOF_platform_device_id_driver_data);

} // namespace kcxx::bindings

namespace kcxx::platform {

/// A device tree match: the node's "compatible" string.
template <typename Info> struct OfId {
	/// The "compatible" string to match (at most 127 characters).
	const char *compatible;
	/// The driver's information for a device that matches.
	Info info;
};
/// An ACPI match: the _HID (or _CID), e.g. "LNRO0001".
template <typename Info> struct AcpiId {
	/// The ACPI ID to match (at most 15 characters).
	const char *hid;
	/// The driver's information for a device that matches.
	Info info;
};
/// A platform device ID table match: the device's name.
template <typename Info> struct NameId {
	/// The device name to match (at most 19 characters).
	const char *name;
	/// The driver's information for a device that matches.
	Info info;
};

namespace detail {

template <typename D> concept HasOf = requires { D::of_ids; };
template <typename D> concept HasAcpi = requires { D::acpi_ids; };
template <typename D> concept HasNames = requires { D::ids; };

template <typename D> concept DriverType = requires {
	typename D::IdInfo;
	{ D::info } -> std::convertible_to<const ModuleInfo &>;
	{ D::probe(std::declval<const CoreDevice &>(), std::declval<const typename D::IdInfo *>()) }
		-> std::same_as<Result<Box<D>>>;
} && std::is_nothrow_destructible_v<D>;

template <typename D> constexpr unsigned long of_count()
{
	if constexpr (HasOf<D>)
		return std::extent_v<decltype(D::of_ids)>;
	else
		return 0;
}
template <typename D> constexpr unsigned long acpi_count()
{
	if constexpr (HasAcpi<D>)
		return std::extent_v<decltype(D::acpi_ids)>;
	else
		return 0;
}
template <typename D> constexpr unsigned long name_count()
{
	if constexpr (HasNames<D>)
		return std::extent_v<decltype(D::ids)>;
	else
		return 0;
}

/// Not constexpr: a consteval table builder that calls it does not
/// compile, naming it.
void id_string_too_long_for_the_kernel_table();

template <unsigned long N, typename C> consteval void copy_id(C (&dst)[N], const char *src)
{
	unsigned long i = 0;
	for (; src[i]; ++i) {
		if (i + 1 >= N)
			id_string_too_long_for_the_kernel_table();
		dst[i] = static_cast<C>(src[i]);
	}
	dst[i] = 0;
}

/// The kernel's tables for D: the entries, then the all-zero terminator.
template <typename D> struct OfTable {
	bindings::of_device_id_layout entries[of_count<D>() + 1];
};
template <typename D> struct AcpiTable {
	bindings::acpi_device_id_layout entries[acpi_count<D>() + 1];
};
template <typename D> struct NameTable {
	bindings::platform_device_id_layout entries[name_count<D>() + 1];
};

template <typename D> consteval OfTable<D> make_of_table()
{
	OfTable<D> table{};
	if constexpr (HasOf<D>)
		for (unsigned long i = 0; i < of_count<D>(); ++i)
			copy_id(table.entries[i].compatible, D::of_ids[i].compatible);
	return table;
}
template <typename D> consteval AcpiTable<D> make_acpi_table()
{
	AcpiTable<D> table{};
	if constexpr (HasAcpi<D>)
		for (unsigned long i = 0; i < acpi_count<D>(); ++i) {
			copy_id(table.entries[i].id, D::acpi_ids[i].hid);
			table.entries[i].driver_data = i;
		}
	return table;
}
template <typename D> consteval NameTable<D> make_name_table()
{
	NameTable<D> table{};
	if constexpr (HasNames<D>)
		for (unsigned long i = 0; i < name_count<D>(); ++i) {
			copy_id(table.entries[i].name, D::ids[i].name);
			table.entries[i].driver_data = i;
		}
	return table;
}

/// Point to the tables KCXX_PLATFORM_DEVICE_TABLES(D) defines under the
/// MODULE_DEVICE_TABLE names; null (a compile error in Registration) without.
template <typename D> inline constexpr const OfTable<D> *of_table = nullptr;
template <typename D> inline constexpr const AcpiTable<D> *acpi_table = nullptr;
template <typename D> inline constexpr const NameTable<D> *name_table = nullptr;

using kcxx::detail::driver_data;

/// The typed info of the entry that matched pdev, or null.
template <typename D> const typename D::IdInfo *match_info(bindings::platform_device *pdev)
{
	if constexpr (HasOf<D>) {
		const auto *table = of_table<D>->entries;
		// SAFETY: a device being probed; the table is D's, terminated.
		const auto *hit = reinterpret_cast<const bindings::of_device_id_layout *>(
			bindings::kcxx_helper_platform_of_match(
				pdev, reinterpret_cast<const bindings::of_device_id *>(table)));
		if (hit && hit >= table && hit < table + of_count<D>())
			return &D::of_ids[hit - table].info;
	}
	if constexpr (HasAcpi<D>) {
		const auto *table = acpi_table<D>->entries;
		// SAFETY: as above.
		const auto *hit = reinterpret_cast<const bindings::acpi_device_id_layout *>(
			bindings::kcxx_helper_platform_acpi_match(
				pdev, reinterpret_cast<const bindings::acpi_device_id *>(table)));
		if (hit && hit >= table && hit < table + acpi_count<D>())
			return &D::acpi_ids[hit - table].info;
	}
	if constexpr (HasNames<D>) {
		const auto *table = name_table<D>->entries;
		// SAFETY: pdev->id_entry, set by the platform core's match
		// from the table it was given (ours) or null.
		const auto *hit = reinterpret_cast<const bindings::platform_device_id_layout *>(
			bindings::kcxx_helper_platform_id_match(pdev));
		if (hit && hit >= table && hit < table + name_count<D>())
			return &D::ids[hit - table].info;
	}
	return nullptr;
}

template <typename D> struct Callbacks {
	static int probe(bindings::platform_device *pdev)
	{
		// SAFETY: the platform core calls probe with the device lock
		// held, for a device not bound to any driver yet.
		const CoreDevice &dev = Access::core(pdev);
		Result<Box<D>> driver = D::probe(dev, match_info<D>(pdev));
		if (driver.is_error()) {
			// SAFETY: the device of this callback; the binding
			// ends before the driver core releases what probe set
			// up (binding_lock.h).
			bindings::kcxx_helper_devres_end_bindings(Access::device_of(pdev));
			return driver.error().to_errno();
		}
		driver_data(Access::device_of(pdev)) = std::move(driver).value().into_raw();
		return 0;
	}

	static void remove_void(bindings::platform_device *pdev)
	{
		bindings::device *dev = Access::device_of(pdev);
		// SAFETY: the device of this callback (see pci/driver.h).
		bindings::kcxx_helper_devres_end_bindings(dev);
		void *&data = driver_data(dev);
		// SAFETY: probe succeeded (the core calls remove only then)
		// and stored the object's Box here.
		(void)Box<D>::from_raw(static_cast<D *>(data));
		data = nullptr;
		// SAFETY: as above.
		bindings::kcxx_helper_devres_end_bindings(dev);
	}

	/// platform_driver.remove: void from 6.11 on, int before.
	static bindings::kcxx_platform_remove_t remove(bindings::platform_device *pdev)
	{
		remove_void(pdev);
		return static_cast<bindings::kcxx_platform_remove_t>(0);
	}
};

} // namespace detail

/// The registered driver.  Not movable (the platform core links it):
/// try_new() builds it in a Box.
template <typename D> class Registration {
	static_assert(detail::DriverType<D>,
		      "kcxx: a platform driver type needs 'using IdInfo', 'static constexpr kcxx::ModuleInfo "
		      "info', 'static kcxx::Result<kcxx::Box<D>> probe(const kcxx::platform::CoreDevice &, "
		      "const IdInfo *)' and a destructor (remove)");
	static_assert(detail::of_table<D> != nullptr && detail::acpi_table<D> != nullptr &&
			      detail::name_table<D> != nullptr,
		      "kcxx: a platform driver's match tables must be exported for modpost: "
		      "KCXX_PLATFORM_DEVICE_TABLES(D) (or KCXX_MODULE_PLATFORM_DRIVER(D)) before the "
		      "registration is used");
	struct Token {};

public:
	/// Registers driver D with the platform core: probe() runs for each
	/// matching device from here on; unregistered when destroyed.
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
			bindings::platform_driver_unregister(raw());
	}

private:
	bindings::platform_driver *raw() { return reinterpret_cast<bindings::platform_driver *>(driver_); }

	Result<void> register_driver()
	{
		const bindings::attribute_group **groups = attributes_.init();
		const auto *of = detail::of_count<D>() ? reinterpret_cast<const bindings::of_device_id *>(
								 detail::of_table<D>->entries)
						       : nullptr;
		const auto *acpi = detail::acpi_count<D>() ? reinterpret_cast<const bindings::acpi_device_id *>(
								     detail::acpi_table<D>->entries)
							   : nullptr;
		const auto *names = detail::name_count<D>() ? reinterpret_cast<const bindings::platform_device_id *>(
								      detail::name_table<D>->entries)
							    : nullptr;
		// SAFETY: driver_ is zeroed storage for a struct
		// platform_driver in this pinned object; the tables are
		// constants.
		bindings::kcxx_helper_platform_driver_init(raw(), D::info.name, of, acpi, names,
							   &detail::Callbacks<D>::probe,
							   &detail::Callbacks<D>::remove, groups);
		// SAFETY: fully initialised; unregistered by the destructor.
		if (int err = bindings::__platform_driver_register(raw(), ThisModule::get()))
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	alignas(KCXX_ALIGNOF_platform_driver) unsigned char driver_[KCXX_SIZEOF_platform_driver] = {};
	bool registered_ = false;
	kcxx::detail::DriverAttributes<D> attributes_;
};

} // namespace kcxx::platform

/// The driver's three match tables under the names MODULE_DEVICE_TABLE(of,
/// ...), (acpi, ...) and (platform, ...) give them, which modpost reads (a
/// table the driver has not is only its terminator: no alias).  D must be a
/// plain identifier.
#define KCXX_PLATFORM_DEVICE_TABLES(D)                                                         \
	extern "C" [[gnu::used]] constinit const ::kcxx::platform::detail::OfTable<D>            \
		__mod_of__##D##_device_table = ::kcxx::platform::detail::make_of_table<D>();     \
	extern "C" [[gnu::used]] constinit const ::kcxx::platform::detail::AcpiTable<D>          \
		__mod_acpi__##D##_device_table = ::kcxx::platform::detail::make_acpi_table<D>(); \
	extern "C" [[gnu::used]] constinit const ::kcxx::platform::detail::NameTable<D>          \
		__mod_platform__##D##_device_table = ::kcxx::platform::detail::make_name_table<D>(); \
	template <>                                                                            \
	inline constexpr const ::kcxx::platform::detail::OfTable<D> *                           \
		::kcxx::platform::detail::of_table<D> = &__mod_of__##D##_device_table;          \
	template <>                                                                            \
	inline constexpr const ::kcxx::platform::detail::AcpiTable<D> *                         \
		::kcxx::platform::detail::acpi_table<D> = &__mod_acpi__##D##_device_table;      \
	template <>                                                                            \
	inline constexpr const ::kcxx::platform::detail::NameTable<D> *                         \
		::kcxx::platform::detail::name_table<D> = &__mod_platform__##D##_device_table

/// A module that registers platform driver D at load and unregisters it at
/// unload; its name, license and description are D::info.
#define KCXX_MODULE_PLATFORM_DRIVER(D)                                                         \
	KCXX_PLATFORM_DEVICE_TABLES(D);                                                        \
	using KcxxPlatformModule_##D = ::kcxx::detail::DriverModule<::kcxx::platform::Registration<D>, D>; \
	KCXX_MODULE(KcxxPlatformModule_##D)
