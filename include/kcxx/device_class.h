// SPDX-License-Identifier: GPL-2.0
/// \file
/// Device classes (/sys/class/\<name\>) and devices of a class with
/// read-only attributes shown by a C++ type, bound at compile time; links
/// between devices in sysfs.
///
///     if (!kcxx::DeviceClass::name_taken("widget")) {
///         auto cls = TRY(kcxx::DeviceClass::try_new("widget"));    // /sys/class/widget
///         auto dev = TRY(kcxx::ClassDevice<Info>::try_new(cls, &pdev.device(), name, info.clone()));
///         // /sys/class/widget/<name> -> /sys/devices/.../<pci>/widget/<name>, with
///         // Info::attributes in it, until 'dev' is destroyed
///     }
///
///     struct Info {                       // shared with the driver: Arc<Info>
///         kcxx::Result<void> show_serial(kcxx::sysfs::Buffer &out) const;
///         static constexpr kcxx::sysfs::Attribute<Info> attributes[] = {
///             {"serial", &Info::show_serial},
///         };
///     };
///
/// What the framework guarantees:
///  - A class is registered while its DeviceClass lives and its name is
///    a string literal.  Registering a name another module holds fails
///    with -EEXIST and a sysfs duplicate warning with a stack dump:
///    name_taken() asks first (sysfs, /sys/class/\<name\>; a module that
///    registers the name between the two still wins the race).  Every
///    ClassDevice of a class is destroyed before the class (the driver's
///    ownership: the module object holds the class, its devices go at
///    unbind, before module exit).
///  - A ClassDevice is a device of the class with no dev_t (no /dev node),
///    a child of 'parent' (or, without one, in /sys/devices/virtual/\<class\>),
///    with T's attributes: they appear with the device and are removed by
///    device_unregister(), which waits for a show() in progress, before the
///    destructor drops its Arc<T>; so a show() always sees a live T.  show()
///    is const: it runs concurrently with everything else.
///  - A DeviceLink is a symbolic link in a ClassDevice's directory to
///    another device's, removed when the link is destroyed (it holds a
///    reference to the directory's device; the target's directory may go
///    first: the link then points nowhere, never to freed memory).
///
/// INVARIANT (DeviceClass): cls_ is a class registered by try_new(), or
/// null (moved from).  (ClassDevice): dev_ is a device registered by
/// try_new() with groups_'s attributes and data_'s object as its drvdata,
/// or null (moved from).  (DeviceLink): dev_ holds the device in whose
/// directory the link 'name_' exists, or is empty (moved from).
#pragma once

#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/box.h>
#include <kcxx/device.h>
#include <kcxx/error.h>
#include <kcxx/gfp.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/result.h>
#include <kcxx/str.h>
#include <kcxx/string_builder.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sysfs.h>

namespace kcxx {

/// A device class, /sys/class/\<name\>, registered while the object lives.
class DeviceClass {
public:
	/// Whether a class named 'name' is registered now (by anyone).
	template <unsigned long N> [[nodiscard]] static bool name_taken(const char (&name)[N])
	{
		static_assert(N >= 2, "kcxx: a class name is not empty");
		// SAFETY: a NUL-terminated string; the helper only looks it up.
		return bindings::kcxx_helper_class_name_taken(name);
	}

	/// Registers class 'name' (a string literal).
	template <unsigned long N> [[nodiscard]] static Result<DeviceClass> try_new(const char (&name)[N])
	{
		static_assert(N >= 2, "kcxx: a class name is not empty");
		// SAFETY: a NUL-terminated string of static storage; the
		// driver core keeps its own copy (the class's kobject name).
		bindings::kcxx_class *cls = bindings::kcxx_helper_class_create(name);
		long value = reinterpret_cast<long>(cls);
		if (value >= -KCXX_MAX_ERRNO && value < 0)
			return Error::from_errno(static_cast<int>(value));
		return DeviceClass(cls);
	}

	/// Takes over other's class; other is left empty.
	DeviceClass(DeviceClass &&other) : cls_(std::exchange(other.cls_, nullptr)) {}
	DeviceClass &operator=(DeviceClass &&) = delete;
	DeviceClass(const DeviceClass &) = delete;
	DeviceClass &operator=(const DeviceClass &) = delete;
	~DeviceClass()
	{
		if (cls_)
			// SAFETY: registered by try_new() (INVARIANT); its
			// devices are gone (the owner's order, see above).
			bindings::kcxx_helper_class_destroy(cls_);
	}

	/// The class, for framework code.
	[[nodiscard]] bindings::kcxx_class *as_raw() const { return cls_; }

private:
	explicit DeviceClass(bindings::kcxx_class *cls) : cls_(cls) {}
	bindings::kcxx_class *cls_;
};

namespace detail {

/// A device attribute in kmalloc'ed storage, and the index of its show().
struct ClassAttributeSlot {
	alignas(KCXX_ALIGNOF_device_attribute) unsigned char raw[KCXX_SIZEOF_device_attribute];
	unsigned long index;
};

/// The attribute group of one ClassDevice<T>: T::attributes as device
/// attributes, kept as long as the device.
template <typename T> struct ClassAttributes {
	static constexpr unsigned long count = std::extent_v<decltype(T::attributes)>;
	ClassAttributeSlot slots[count] = {};
	bindings::attribute *attrs[count + 1] = {};
	alignas(KCXX_ALIGNOF_attribute_group) unsigned char group[KCXX_SIZEOF_attribute_group] = {};
	const bindings::attribute_group *groups[2] = {};

	static long show(bindings::device *dev, bindings::device_attribute *attr, char *page)
	{
		// SAFETY: the attribute is the 'raw' of a ClassAttributeSlot
		// (its first member); the driver core shows it only while the
		// device is registered, and drvdata (set before registration)
		// is the T the ClassDevice holds a reference to until after
		// device_unregister() (ClassDevice INVARIANT).
		const auto *slot = reinterpret_cast<const ClassAttributeSlot *>(attr);
		const T *data = *reinterpret_cast<T *const *>(reinterpret_cast<const char *>(dev) +
							       KCXX_OFFSETOF_device_driver_data);
		sysfs::Buffer buffer(page);
		Result<void> result = (data->*T::attributes[slot->index].show)(buffer);
		if (result.is_error())
			return result.error().to_errno();
		return buffer.length();
	}

	void init()
	{
		for (unsigned long i = 0; i < count; ++i) {
			slots[i].index = i;
			// SAFETY: storage of the C size and alignment, alive
			// as long as the device (ClassDevice owns it).
			attrs[i] = bindings::kcxx_helper_device_attribute_init(
				reinterpret_cast<bindings::device_attribute *>(slots[i].raw), T::attributes[i].name,
				0444, &show);
		}
		attrs[count] = nullptr;
		// SAFETY: zeroed storage of the C size and alignment; attrs is
		// NULL-terminated and lives as long.
		bindings::kcxx_helper_attribute_group_init(reinterpret_cast<bindings::attribute_group *>(group), attrs);
		groups[0] = reinterpret_cast<const bindings::attribute_group *>(group);
		groups[1] = nullptr;
	}
};

template <typename T> concept HasClassAttributes = requires {
	{ std::extent_v<decltype(T::attributes)> } -> std::convertible_to<unsigned long>;
	requires std::is_same_v<std::remove_cvref_t<decltype(T::attributes[0])>, sysfs::Attribute<T>>;
};

} // namespace detail

/// A device of a DeviceClass, with T's attributes, registered while the
/// object lives (see the file comment).
template <typename T> class ClassDevice {
	static_assert(detail::HasClassAttributes<T>,
		      "kcxx: a class device's type has 'static constexpr kcxx::sysfs::Attribute<T> attributes[]'");

public:
	/// Registers device 'name' of 'cls' as a child of 'parent' (null: a
	/// virtual device), showing 'data's attributes.
	[[nodiscard]] static Result<ClassDevice> try_new(const DeviceClass &cls, const Device *parent, CStr name,
							 Arc<T> data, Gfp gfp = GFP_KERNEL)
	{
		auto attributes = TRY(Box<detail::ClassAttributes<T>>::try_new(gfp));
		attributes->init();
		// SAFETY: the class is registered (DeviceClass INVARIANT) and
		// outlives its devices; the parent is a live device (Device
		// INVARIANT; the driver core takes its own reference); the
		// groups and the drvdata live until after device_unregister()
		// (this object owns them); the name is copied.
		bindings::device *dev = bindings::kcxx_helper_device_create(
			cls.as_raw(), parent ? parent->as_raw() : nullptr, const_cast<T *>(&*data),
			attributes->groups, name.c_str());
		long value = reinterpret_cast<long>(dev);
		if (value >= -KCXX_MAX_ERRNO && value < 0)
			return Error::from_errno(static_cast<int>(value));
		return ClassDevice(dev, std::move(attributes), std::move(data));
	}

	/// Takes over other's device; other is left empty.
	ClassDevice(ClassDevice &&other)
		: dev_(std::exchange(other.dev_, nullptr)), attributes_(std::move(other.attributes_)),
		  data_(std::move(other.data_))
	{
	}
	ClassDevice &operator=(ClassDevice &&) = delete;
	ClassDevice(const ClassDevice &) = delete;
	ClassDevice &operator=(const ClassDevice &) = delete;
	~ClassDevice()
	{
		if (dev_)
			// SAFETY: registered by try_new() (INVARIANT); removes
			// the attributes, waiting for a show() in progress,
			// before the members (groups, data) go.
			bindings::device_unregister(dev_);
	}

	/// The device (its name: device().name()).
	[[nodiscard]] const Device &device() const { return Device::from_raw(dev_); }

private:
	ClassDevice(bindings::device *dev, Box<detail::ClassAttributes<T>> attributes, Arc<T> data)
		: dev_(dev), attributes_(std::move(attributes)), data_(std::move(data))
	{
	}
	bindings::device *dev_;
	Box<detail::ClassAttributes<T>> attributes_;
	Arc<T> data_;
};

/// A symbolic link in one device's sysfs directory to another's, removed
/// when destroyed.
class DeviceLink {
public:
	/// Links \<from's directory\>/\<name\> to target's directory.
	[[nodiscard]] static Result<DeviceLink> try_new(const Device &from, CStr name, const Device &target,
							Gfp gfp = GFP_KERNEL)
	{
		auto copy = TRY(Box<StringBuilder<64>>::try_new(gfp));
		TRY(copy->append(name));
		// SAFETY: both are live devices (Device INVARIANT); the name
		// is NUL-terminated; sysfs copies it.
		int err = bindings::kcxx_helper_device_create_link(from.as_raw(), target.as_raw(),
								   copy->as_cstr().c_str());
		if (err)
			return Error::from_errno(err);
		return DeviceLink(DeviceRef(from), std::move(copy));
	}

	/// Takes over other's link; other is left empty.
	DeviceLink(DeviceLink &&other) = default;
	DeviceLink &operator=(DeviceLink &&) = delete;
	DeviceLink(const DeviceLink &) = delete;
	DeviceLink &operator=(const DeviceLink &) = delete;
	~DeviceLink()
	{
		if (!name_.is_empty())
			// SAFETY: the link exists in the directory of the
			// device dev_ holds (INVARIANT); removing a link whose
			// directory is gone already does nothing (the helper
			// checks).
			bindings::kcxx_helper_device_remove_link(dev_->as_raw(), name_->as_cstr().c_str());
	}

private:
	DeviceLink(DeviceRef dev, Box<StringBuilder<64>> name) : dev_(std::move(dev)), name_(std::move(name)) {}
	DeviceRef dev_;
	Box<StringBuilder<64>> name_;
};

} // namespace kcxx
