// SPDX-License-Identifier: GPL-2.0
/// \file
/// PCI drivers as C++ types (Rust's pci::Driver, module_pci_driver!).
///
///     class Edu {
///     public:
///         struct IdInfo { unsigned int quirks; };          // per-ID data
///         static constexpr kcxx::pci::IdEntry<IdInfo> ids[] = {
///             {kcxx::pci::DeviceId::vendor_device(0x1234, 0x11e8), {0}},
///         };
///         static constexpr kcxx::ModuleInfo info{.name = "kcxx_edu", .license = "GPL", ...};
///
///         // Probe builds the whole driver object or fails leaving nothing.
///         static kcxx::Result<kcxx::Box<Edu>> probe(const kcxx::pci::CoreDevice &dev, const IdInfo &info);
///         ~Edu();                                           // remove
///         // optional: static constexpr kcxx::sysfs::Attribute<Edu> attributes[] = {...};
///         // optional, both or neither: system sleep
///         kcxx::Result<void> suspend(const kcxx::pci::BoundDevice &dev) const;
///         kcxx::Result<void> resume(const kcxx::pci::BoundDevice &dev) const;
///     };
///     KCXX_MODULE_PCI_DRIVER(Edu);
///
/// What the framework does:
///  - The ID table becomes the kernel's struct pci_device_id array, in the
///    module under the name MODULE_DEVICE_TABLE() gives it, so modpost
///    writes the pci:v...d... aliases and udev/modprobe load the module for
///    a matching device.  Each entry's driver_data is its index, and probe()
///    gets the typed IdInfo of the entry that matched.
///  - probe() runs with a CoreDevice (device lock held): the only place to
///    enable the device, map BARs, set the DMA mask, allocate vectors.  The
///    object it returns is owned by the framework (the device's driver
///    data) until remove, which destroys it: remove is the destructor.
///    Then the devres actions undo what probe set up (interrupts, mappings,
///    vectors, enable), in reverse order, whatever the destructor did.
///    Before the destructor (and once more after it), remove ends every
///    kcxx::BindingLock of the device, as a failed probe does before
///    returning: so a BindingLock's guard proves the binding's Devres alive
///    (binding_lock.h).
///  - A failed probe returns its error; everything its Devres and devres
///    actions own is released by the driver core right away.
///  - attributes, if the type has them, are the driver's dev_groups
///    (sysfs.h): shown with the driver object, const.
///  - suspend() and resume(), if the type has them, are its system sleep
///    callbacks (driver.pm as SET_SYSTEM_SLEEP_PM_OPS: suspend to idle or
///    RAM, and hibernation's freeze/poweroff and thaw/restore).  The PM core
///    calls them only while the driver is bound, with the device lock held
///    (never during probe or remove), and in the device's order (after its
///    children suspended, before they resume).  The PCI core saves and
///    restores config space and the power state around them.  They are
///    const: interrupts and other paths may run meanwhile, so what they
///    change is behind a lock or atomic as for those.  An error from
///    suspend() aborts the system's suspend (the devices already suspended
///    are resumed); resume()'s error is logged by the PM core.
///
/// INVARIANT (Registration): while registered_, driver_ is registered with
/// the PCI core with this type's table and callbacks; attribute storage
/// lives as long.
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
#include <kcxx/pci/device.h>
#include <kcxx/result.h>
#include <kcxx/sysfs.h>
#include <kcxx/types.h>

namespace kcxx::bindings {

/// struct pci_device_id (include/linux/mod_devicetable.h), the same on 6.1
/// and 6.12, mirrored field by field: modpost reads it from the object.
struct pci_device_id_layout {
	unsigned int vendor, device;
	unsigned int subvendor, subdevice;
	unsigned int class_code, class_mask;
	unsigned long driver_data;
	unsigned int override_only;
};
static_assert(sizeof(pci_device_id_layout) == KCXX_SIZEOF_pci_device_id);
static_assert(alignof(pci_device_id_layout) == KCXX_ALIGNOF_pci_device_id);
static_assert(__builtin_offsetof(pci_device_id_layout, vendor) == KCXX_OFFSETOF_pci_device_id_vendor);
static_assert(__builtin_offsetof(pci_device_id_layout, device) == KCXX_OFFSETOF_pci_device_id_device);
static_assert(__builtin_offsetof(pci_device_id_layout, subvendor) == KCXX_OFFSETOF_pci_device_id_subvendor);
static_assert(__builtin_offsetof(pci_device_id_layout, subdevice) == KCXX_OFFSETOF_pci_device_id_subdevice);
static_assert(__builtin_offsetof(pci_device_id_layout, class_code) == KCXX_OFFSETOF_pci_device_id_class);
static_assert(__builtin_offsetof(pci_device_id_layout, class_mask) == KCXX_OFFSETOF_pci_device_id_class_mask);
static_assert(__builtin_offsetof(pci_device_id_layout, driver_data) == KCXX_OFFSETOF_pci_device_id_driver_data);
static_assert(__builtin_offsetof(pci_device_id_layout, override_only) ==
	      KCXX_OFFSETOF_pci_device_id_override_only);

} // namespace kcxx::bindings

namespace kcxx::pci {

/// What a table entry matches: vendor/device (and subsystem) IDs, or a class.
///
/// INVARIANT: none (match values; PCI_ANY_ID is a wildcard).
struct DeviceId {
	/// The vendor ID to match (PCI_ANY_ID: any).
	u32 vendor = KCXX_PCI_ANY_ID;
	/// The device ID to match (PCI_ANY_ID: any).
	u32 device = KCXX_PCI_ANY_ID;
	/// The subsystem vendor ID to match (PCI_ANY_ID: any).
	u32 subvendor = KCXX_PCI_ANY_ID;
	/// The subsystem device ID to match (PCI_ANY_ID: any).
	u32 subdevice = KCXX_PCI_ANY_ID;
	/// The class code to match, under class_mask.
	u32 class_code = 0;
	/// The bits of the class code that must match (0: any class).
	u32 class_mask = 0;

	/// PCI_DEVICE(vendor, device).
	static constexpr DeviceId vendor_device(u16 vendor, u16 device)
	{
		return DeviceId{.vendor = vendor, .device = device};
	}
	/// PCI_DEVICE_SUB(vendor, device, subvendor, subdevice).
	static constexpr DeviceId vendor_device_sub(u16 vendor, u16 device, u16 subvendor, u16 subdevice)
	{
		return DeviceId{.vendor = vendor, .device = device, .subvendor = subvendor, .subdevice = subdevice};
	}
	/// PCI_DEVICE_CLASS(class, mask): any vendor, by class code.
	static constexpr DeviceId with_class(u32 class_code, u32 mask)
	{
		return DeviceId{.class_code = class_code, .class_mask = mask};
	}
};

/// One row of a driver's ID table: what to match, and the driver's own
/// information for devices that match (handed to probe()).
template <typename Info> struct IdEntry {
	/// What to match.
	DeviceId id;
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

/// Both hooks, with the exact signatures (a near miss must not compile to
/// "no hooks").
template <typename D> concept HasSleepHooks = requires(const D &driver, const BoundDevice &dev) {
	{ driver.suspend(dev) } -> std::same_as<Result<void>>;
	{ driver.resume(dev) } -> std::same_as<Result<void>>;
	{ &D::suspend } -> std::same_as<Result<void> (D::*)(const BoundDevice &) const>;
	{ &D::resume } -> std::same_as<Result<void> (D::*)(const BoundDevice &) const>;
};
template <typename D> concept NamesSleepHook = requires { &D::suspend; } || requires { &D::resume; };

/// The kernel's table for D: the entries, then the all-zero terminator.
template <typename D> struct RawTable {
	bindings::pci_device_id_layout entries[std::extent_v<decltype(D::ids)> + 1];
};

template <typename D> consteval RawTable<D> make_table()
{
	RawTable<D> table{};
	for (unsigned long i = 0; i < std::extent_v<decltype(D::ids)>; ++i) {
		const DeviceId &id = D::ids[i].id;
		table.entries[i] = {id.vendor, id.device, id.subvendor, id.subdevice,
				    id.class_code, id.class_mask, i, 0};
	}
	return table;
}

/// Points to the table KCXX_PCI_DEVICE_TABLE(D) defines under the
/// MODULE_DEVICE_TABLE name; null (a compile error in Registration) without.
template <typename D> inline constexpr const RawTable<D> *device_table = nullptr;

using kcxx::detail::driver_data;

template <typename D> struct Callbacks {
	static int probe(bindings::pci_dev *pdev, const bindings::pci_device_id *raw_id)
	{
		const auto *id = reinterpret_cast<const bindings::pci_device_id_layout *>(raw_id);
		// driver_data is the entry's index (make_table()); dynamic
		// IDs added through sysfs new_id carry 0, the first entry.
		unsigned long index = id->driver_data < std::extent_v<decltype(D::ids)> ? id->driver_data : 0;
		// SAFETY: the PCI core calls probe with the device lock held,
		// for a device not bound to any driver yet.
		const CoreDevice &dev = Access::core(pdev);
		Result<Box<D>> driver = D::probe(dev, D::ids[index].info);
		if (driver.is_error()) {
			// The binding ends here: every BindingLock of it says
			// so before the driver core releases what probe set
			// up (binding_lock.h).
			// SAFETY: the device of this callback; each entry
			// takes its lock, marks it unbound, drops a reference.
			bindings::kcxx_helper_devres_end_bindings(Access::device_of(pdev));
			return driver.error().to_errno();
		}
		driver_data(Access::device_of(pdev)) = std::move(driver).value().into_raw();
		return 0;
	}

	static void remove(bindings::pci_dev *pdev)
	{
		bindings::device *dev = Access::device_of(pdev);
		// The binding ends before the driver object goes (so that an
		// operation in flight under a BindingLock finishes while the
		// driver's interrupts are still registered) and before the
		// devres actions that follow remove (binding_lock.h).
		// SAFETY: the device of this callback; each entry takes its
		// lock, marks it unbound, drops a reference.
		bindings::kcxx_helper_devres_end_bindings(dev);
		void *&data = driver_data(dev);
		// SAFETY: probe succeeded (the core calls remove only then)
		// and stored the object's Box here.
		(void)Box<D>::from_raw(static_cast<D *>(data));
		data = nullptr;
		// A BindingLock made during remove ends now, still before the
		// devres actions.
		// SAFETY: as above.
		bindings::kcxx_helper_devres_end_bindings(dev);
	}

	/// The system sleep callbacks (driver.pm, only if HasSleepHooks<D>).
	template <Result<void> (D::*hook)(const BoundDevice &) const> static int sleep(bindings::device *dev)
	{
		// SAFETY: the PM core calls driver.pm only for a device bound
		// to this driver, with the device lock held (so not during
		// probe or remove): driver_data holds probe's object, and dev
		// is the struct device of a PCI device bound to D.
		const D *driver = static_cast<const D *>(driver_data(dev));
		Result<void> result = (driver->*hook)(Access::bound_of(dev));
		return result.is_error() ? result.error().to_errno() : 0;
	}
};

} // namespace detail

/// The registered driver.  Not movable (the PCI core links it): try_new()
/// builds it in a Box.
template <typename D> class Registration {
	static_assert(detail::DriverType<D>,
		      "kcxx: a PCI driver type needs 'using IdInfo', 'static constexpr IdEntry<IdInfo> ids[]', "
		      "'static constexpr kcxx::ModuleInfo info', 'static kcxx::Result<kcxx::Box<D>> "
		      "probe(const kcxx::pci::CoreDevice &, const IdInfo &)' and a destructor (remove)");
	static_assert(!detail::NamesSleepHook<D> || detail::HasSleepHooks<D>,
		      "kcxx: a PCI driver's system sleep hooks are both 'kcxx::Result<void> suspend(const "
		      "kcxx::pci::BoundDevice &) const' and 'kcxx::Result<void> resume(const "
		      "kcxx::pci::BoundDevice &) const'");
	static_assert(detail::device_table<D> != nullptr,
		      "kcxx: a PCI driver's ID table must be exported for modpost: KCXX_PCI_DEVICE_TABLE(D) "
		      "(or KCXX_MODULE_PCI_DRIVER(D)) before the registration is used");
	struct Token {};

public:
	/// Registers driver D with the PCI core (pci_register_driver()): probe()
	/// runs for each matching device from here on; unregistered when destroyed.
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
			bindings::pci_unregister_driver(raw());
	}

private:
	bindings::pci_driver *raw() { return reinterpret_cast<bindings::pci_driver *>(driver_); }

	Result<void> register_driver()
	{
		const bindings::attribute_group **groups = attributes_.init();
		const bindings::dev_pm_ops *pm = nullptr;
		if constexpr (detail::HasSleepHooks<D>) {
			auto *ops = reinterpret_cast<bindings::dev_pm_ops *>(pm_ops_);
			// SAFETY: pm_ops_ is zeroed storage of the C size and
			// alignment, alive as long as this pinned registration.
			bindings::kcxx_helper_dev_pm_ops_init_sleep(ops, &detail::Callbacks<D>::template sleep<&D::suspend>,
								    &detail::Callbacks<D>::template sleep<&D::resume>);
			pm = ops;
		}
		// SAFETY: driver_ is zeroed storage for a struct pci_driver
		// in this pinned object; the table is a constant.
		bindings::kcxx_helper_pci_driver_init(
			raw(), D::info.name,
			reinterpret_cast<const bindings::pci_device_id *>(detail::device_table<D>),
			&detail::Callbacks<D>::probe, &detail::Callbacks<D>::remove, groups, pm);
		// SAFETY: fully initialised; unregistered by the destructor.
		if (int err = bindings::__pci_register_driver(raw(), ThisModule::get(), D::info.name))
			return Error::from_errno(err);
		registered_ = true;
		return {};
	}

	alignas(KCXX_ALIGNOF_pci_driver) unsigned char driver_[KCXX_SIZEOF_pci_driver] = {};
	bool registered_ = false;
	kcxx::detail::DriverAttributes<D> attributes_;
	alignas(KCXX_ALIGNOF_dev_pm_ops) unsigned char pm_ops_[detail::HasSleepHooks<D> ? KCXX_SIZEOF_dev_pm_ops : 1] = {};
};

} // namespace kcxx::pci

/// The driver's ID table under the name MODULE_DEVICE_TABLE(pci, ...) gives
/// it (__mod_pci__\<name\>_device_table), which modpost reads.  D must be a
/// plain identifier.
#define KCXX_PCI_DEVICE_TABLE(D)                                                               \
	extern "C" [[gnu::used]] constinit const ::kcxx::pci::detail::RawTable<D>               \
		__mod_pci__##D##_device_table = ::kcxx::pci::detail::make_table<D>();          \
	template <>                                                                            \
	inline constexpr const ::kcxx::pci::detail::RawTable<D> *                              \
		::kcxx::pci::detail::device_table<D> = &__mod_pci__##D##_device_table

/// A module that registers PCI driver D at load and unregisters it at
/// unload; its name, license and description are D::info.
#define KCXX_MODULE_PCI_DRIVER(D)                                                              \
	KCXX_PCI_DEVICE_TABLE(D);                                                              \
	using KcxxPciModule_##D = ::kcxx::detail::DriverModule<::kcxx::pci::Registration<D>, D>; \
	KCXX_MODULE(KcxxPciModule_##D)
