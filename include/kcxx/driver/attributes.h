// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::detail::DriverAttributes<D>: a driver type's sysfs attributes
/// (D::attributes, kcxx/sysfs.h) as the attribute group the driver core
/// creates on every device it binds to the driver (struct
/// device_driver.dev_groups), and the show() trampoline that reaches the
/// bound driver object.  For the bus layers (pci, platform): a bus's
/// Registration keeps one beside its C driver struct and passes groups()
/// to it.
///
/// INVARIANT: after init(), for each i < count, slots_[i].raw is an
/// initialised struct device_attribute named D::attributes[i].name whose
/// show is show(), slots_[i].index == i, attrs_ lists them NULL-terminated,
/// group_ is a struct attribute_group of attrs_, and group_list_ is
/// {group_, NULL}; the object does not move while the driver is registered.
#pragma once

#include <type_traits>

#include <kcxx/bindings.h>
#include <kcxx/driver/data.h>
#include <kcxx/kernel_layout.h>
#include <kcxx/result.h>
#include <kcxx/sysfs.h>

namespace kcxx::detail {

/// Whether driver type D declares sysfs attributes.
template <typename D> concept HasDriverAttributes = requires { D::attributes; };

/// The attribute group of driver type D's devices (none if D declares no
/// attributes: groups() is then nullptr and the storage one byte each).
template <typename D> class DriverAttributes {
public:
	/// How many attributes D declares.
	static constexpr unsigned long count = [] {
		if constexpr (HasDriverAttributes<D>)
			return std::extent_v<decltype(D::attributes)>;
		else
			return 0UL;
	}();

	/// Fills in the attributes and the group, once, before the driver is
	/// registered; from then on this object must stay where it is for as
	/// long as the driver (a member of the bus's pinned Registration).
	/// Returns the group list for dev_groups: nullptr without attributes.
	const bindings::attribute_group **init()
	{
		if constexpr (count == 0) {
			return nullptr;
		} else {
			for (unsigned long i = 0; i < count; ++i) {
				slots_[i].index = i;
				// SAFETY: storage of the right size and
				// alignment, alive as long as the driver.
				attrs_[i] = bindings::kcxx_helper_device_attribute_init(
					reinterpret_cast<bindings::device_attribute *>(slots_[i].raw),
					D::attributes[i].name, 0444, &show);
			}
			attrs_[count] = nullptr;
			// SAFETY: group_ is zeroed storage of the C size and
			// alignment; attrs_ is NULL-terminated; both live as
			// long as this pinned object.
			bindings::kcxx_helper_attribute_group_init(reinterpret_cast<bindings::attribute_group *>(group_),
								   attrs_);
			group_list_[0] = reinterpret_cast<const bindings::attribute_group *>(group_);
			group_list_[1] = nullptr;
			return group_list_;
		}
	}

private:
	/// A device attribute, and the index of its show() in D::attributes.
	struct Slot {
		alignas(KCXX_ALIGNOF_device_attribute) unsigned char raw[KCXX_SIZEOF_device_attribute];
		unsigned long index;
	};

	/// device_attribute.show of every attribute of D's devices.
	static long show(bindings::device *dev, bindings::device_attribute *attr, char *page)
	{
		if constexpr (count > 0) {
			// SAFETY: the attribute is the 'raw' of a Slot (first
			// member) that init() set up; the driver core shows
			// dev_groups only while the driver is bound, so
			// driver_data holds the live object probe made.
			const auto *slot = reinterpret_cast<const Slot *>(attr);
			const D *driver = static_cast<const D *>(driver_data(dev));
			sysfs::Buffer buffer(page);
			Result<void> result = (driver->*D::attributes[slot->index].show)(buffer);
			if (result.is_error())
				return result.error().to_errno();
			return buffer.length();
		} else {
			return code::EIO.to_errno();
		}
	}

	Slot slots_[count > 0 ? count : 1] = {};
	bindings::attribute *attrs_[count + 1] = {};
	alignas(KCXX_ALIGNOF_attribute_group) unsigned char group_[count > 0 ? KCXX_SIZEOF_attribute_group : 1] = {};
	const bindings::attribute_group *group_list_[count > 0 ? 2 : 1] = {};
};

} // namespace kcxx::detail
