// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::Registration<D>: a DRM device registered from a bound PCI
/// device, unplugged when the Registration goes (remove).
///
///     // in probe, after mapping the registers:
///     auto drm = TRY(kcxx::drm::Registration<Cbochs>::try_new(
///             pdev, kcxx::drm::VramBar{.bar = 0, .min_size = 4 << 20}, std::move(mmio)));
///     kcxx::drm::fbdev::setup(drm, 32);          // the console (drm/fbdev.h)
///     return Box<Cbochs>::try_new(GFP_KERNEL, std::move(drm));
///
/// try_new() removes firmware framebuffers on the device's BARs, allocates
/// the DRM device (the module's struct drm_driver from D::drm_info: GEM VRAM
/// objects, atomic KMS), hands the VRAM BAR to the VRAM manager, builds
/// D::Data in drm-managed memory from (Vram, args...) (drm/simple_pipe.h),
/// sets up the mode configuration (D::mode_config, D::formats), the
/// connector (with its EDID if D reads one) and the simple display pipe, and
/// registers the device (/dev/dri/cardN).  On any error everything it made
/// is released again (drm_dev_put() runs the drm-managed releases, the
/// Data's destructor among them) and the error is returned.
///
/// The destructor (remove) unplugs the device - drm_dev_unplug(): user
/// space's ioctls fail with -ENODEV from then on, the fbdev console goes -,
/// shuts the pipe down (drm_atomic_helper_shutdown(), the driver's disable
/// while the device is still bound) and drops the reference: the DRM device
/// and D::Data live on while user space holds files or mappings, without
/// hardware (their Devres handles are revoked by the unbind right after).
///
/// INVARIANT: dev_ is null (moved from) or a drm_device we hold a reference
/// to, whose dev_private is the KMS state of the helpers with data_ (a live
/// D::Data) as the callbacks' data; registered_ says whether
/// drm_dev_register() succeeded on it.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include <kcxx/bindings.h>
#include <kcxx/drm/driver.h>
#include <kcxx/drm/gem_vram.h>
#include <kcxx/drm/mode_config.h>
#include <kcxx/drm/simple_pipe.h>
#include <kcxx/error.h>
#include <kcxx/pci/device.h>
#include <kcxx/result.h>

namespace kcxx::drm {

namespace detail {
struct RegistrationAccess;
}

/// A registered DRM device of driver type D (see the top of this file).
template <typename D> class Registration {
public:
	/// The driver's per-device data (drm/simple_pipe.h).
	using Data = typename D::Data;

	/// Sets the DRM device up on a PCI device in probe and registers it;
	/// D::Data is built from (Vram, args...).  Any error releases
	/// everything made so far and is returned.
	template <typename... Args>
	[[nodiscard]] static Result<Registration> try_new(const pci::CoreDevice &pdev, const VramBar &vram,
							   Args &&...args)
	{
		static_assert(SimplePipeDriver<D>,
			      "kcxx: a DRM driver has static int get_modes(const Data &, kcxx::drm::Connector &), "
			      "static void enable(const Data &, const kcxx::drm::Mode &, const kcxx::drm::PlaneState &), "
			      "static void disable(const Data &) and static void update(const Data &, const "
			      "kcxx::drm::PlaneState &): the callbacks run concurrently and after unbind, so Data is const");
		static_assert(std::is_constructible_v<Data, Vram, Args...>,
			      "kcxx: D::Data is built from (kcxx::drm::Vram, the further arguments of try_new())");
		static_assert(alignof(Data) <= 8, "kcxx: drm-managed memory is 8-byte aligned");
		static_assert(sizeof(D::formats) / sizeof(D::formats[0]) > 0, "kcxx: a plane has pixel formats");

		static constexpr bindings::kcxx_drm_driver_info info = detail::to_raw(D::drm_info);
		bindings::drm_device *dev = nullptr;
		// SAFETY: in probe (a CoreDevice); info and the callbacks are
		// constants of this module, which the DRM device's files pin.
		if (int err = bindings::kcxx_helper_drm_dev_alloc(pdev.as_raw(), &info,
								   &detail::SimplePipeCallbacks<D>::ops, &dev))
			return Error::from_errno(err);
		Registration reg(dev); // drm_dev_put() on every error below

		unsigned long long base = 0, size = 0;
		// SAFETY: our drm_device, in probe of its parent.
		if (int err = bindings::kcxx_helper_drm_vram_init_pci(dev, pdev.as_raw(), vram.bar, vram.min_size,
								       vram.max_size, &base, &size))
			return Error::from_errno(err);

		// SAFETY: drm-managed memory of sizeof(Data), 8-byte aligned
		// (static_assert above), freed at the device's release.
		void *mem = bindings::kcxx_helper_drm_data_alloc(dev, sizeof(Data));
		if (!mem)
			return code::ENOMEM;
		Data *data = ::new (mem) Data(Vram{base, size}, std::forward<Args>(args)...);
		// SAFETY: destroy() runs the destructor once, at the release
		// (or now, if this fails: the Data is gone either way).
		if (int err = bindings::kcxx_helper_drm_data_set(dev, data, &detail::SimplePipeCallbacks<D>::destroy))
			return Error::from_errno(err);
		reg.data_ = data;

		static constexpr bindings::kcxx_drm_kms_config config = {
			.min_width = D::mode_config.min_width,
			.min_height = D::mode_config.min_height,
			.max_width = D::mode_config.max_width,
			.max_height = D::mode_config.max_height,
			.preferred_depth = D::mode_config.preferred_depth,
			.prefer_host_byte_order = D::mode_config.prefer_host_byte_order,
			.connector_type = static_cast<int>(D::mode_config.connector_type),
			.formats = D::formats,
			.format_count = sizeof(D::formats) / sizeof(D::formats[0]),
		};
		// SAFETY: the data is set; the config is a constant.
		if (int err = bindings::kcxx_helper_drm_kms_init(dev, &config))
			return Error::from_errno(err);

		// SAFETY: fully set up; unregistered by the unplug.
		if (int err = bindings::drm_dev_register(dev, 0))
			return Error::from_errno(err);
		reg.registered_ = true;
		return reg;
	}

	/// Moves the reference (the source is left empty).
	Registration(Registration &&other)
		: dev_(std::exchange(other.dev_, nullptr)), data_(std::exchange(other.data_, nullptr)),
		  registered_(std::exchange(other.registered_, false))
	{
	}
	Registration(const Registration &) = delete;
	Registration &operator=(const Registration &) = delete;
	Registration &operator=(Registration &&) = delete;

	/// Unplugs the device (if registered), shuts the pipe down, drops the
	/// reference.
	~Registration()
	{
		if (!dev_)
			return;
		// SAFETY: our reference (INVARIANT); in remove (or a failed
		// probe), where the parent is still bound.
		if (registered_)
			bindings::kcxx_helper_drm_dev_unplug(dev_);
		bindings::drm_dev_put(dev_);
	}

	/// The driver's data, as the callbacks see it.
	[[nodiscard]] const Data &data() const { return *data_; }

private:
	friend struct detail::RegistrationAccess;

	explicit Registration(bindings::drm_device *dev) : dev_(dev) {}

	bindings::drm_device *dev_;
	Data *data_ = nullptr;
	bool registered_ = false;
};

namespace detail {
// For the library's other DRM headers (fbdev.h).
struct RegistrationAccess {
	template <typename D> static bindings::drm_device *dev(const Registration<D> &reg) { return reg.dev_; }
	template <typename D> static bool registered(const Registration<D> &reg) { return reg.registered_; }
};
} // namespace detail

} // namespace kcxx::drm
