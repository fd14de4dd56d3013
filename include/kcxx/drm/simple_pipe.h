// SPDX-License-Identifier: GPL-2.0
/// \file
/// The simple display pipe (the kernel's drm_simple_kms_helper: one primary
/// plane, one CRTC, one encoder, one connector) and what a driver type
/// provides for it.  A driver D has
///
///     struct Data;                       // per DRM device (below)
///     static constexpr kcxx::drm::DriverInfo drm_info{...};        // drm/driver.h
///     static constexpr kcxx::drm::ModeConfig mode_config{...};     // drm/mode_config.h
///     static constexpr kcxx::u32 formats[] = {kcxx::drm::format::XRGB8888, ...};
///     static int get_modes(const Data &, kcxx::drm::Connector &);  // drm/connector.h
///     static void enable(const Data &, const kcxx::drm::Mode &, const kcxx::drm::PlaneState &);
///     static void disable(const Data &);
///     static void update(const Data &, const kcxx::drm::PlaneState &);
///     // optional: the EDID, read once when the device is set up
///     static kcxx::Result<void> read_edid_block(const Data &, kcxx::Span<kcxx::u8> buf, unsigned int block);
///
/// enable() sets the mode and shows the plane, disable() blanks, update()
/// shows a new framebuffer (a page flip, a panning) or a moved plane.
///
/// Data is the driver's state for the DRM device: built in drm-managed
/// memory by Registration::try_new() (drm/device.h), it lives until the DRM
/// device is released - after unbind if user space still holds the device
/// open - and the DRM core calls the callbacks until then.  So Data reaches
/// the hardware through Devres handles (revoked at unbind: a callback after
/// unbind finds no registers, instead of unmapped ones), and the callbacks
/// get it const: the connector's get_modes (under the mode config mutex)
/// and the pipe's commits (a commit worker) may run at the same time, so
/// what they change is behind an atomic or a lock.  A callback with another
/// signature - a mutable Data in particular - does not compile
/// (tests/compile-fail/drm_callback_mutable_data).
#pragma once

#include <concepts>
#include <type_traits>

#include <kcxx/bindings.h>
#include <kcxx/drm/connector.h>
#include <kcxx/drm/driver.h>
#include <kcxx/drm/mode.h>
#include <kcxx/drm/mode_config.h>
#include <kcxx/drm/plane.h>
#include <kcxx/result.h>
#include <kcxx/span.h>
#include <kcxx/types.h>

namespace kcxx::drm {

/// A driver type with the simple display pipe's callbacks, each on a
/// const Data (see above).
template <typename D> concept SimplePipeDriver =
	requires(const typename D::Data &data, Connector &connector, const Mode &mode, const PlaneState &plane) {
		{ D::get_modes(data, connector) } -> std::same_as<int>;
		{ D::enable(data, mode, plane) } -> std::same_as<void>;
		{ D::disable(data) } -> std::same_as<void>;
		{ D::update(data, plane) } -> std::same_as<void>;
	};

/// A driver type that reads its connector's EDID (optional).
template <typename D> concept ReadsEdid = requires(const typename D::Data &data, Span<u8> buf, unsigned int block) {
	{ D::read_edid_block(data, buf, block) } -> std::same_as<Result<void>>;
};

namespace detail {

// The C callbacks of kcxx_drm_kms_ops: 'data' is the D::Data that
// Registration::try_new() built and handed to the helpers.
template <typename D> struct SimplePipeCallbacks {
	using Data = typename D::Data;

	static const Data &data(void *p)
	{
		// SAFETY: the helpers pass back the Data pointer given to
		// kcxx_helper_drm_data_set(), alive until the DRM device's
		// release, which runs no callback any more.
		return *static_cast<const Data *>(p);
	}

	static int get_modes(void *p, bindings::drm_connector *connector)
	{
		return D::get_modes(data(p), Connector::from_raw(connector));
	}
	static void enable(void *p, const bindings::kcxx_drm_mode *mode, const bindings::kcxx_drm_plane_info *plane)
	{
		D::enable(data(p), Mode(*mode), PlaneState(*plane));
	}
	static void disable(void *p) { D::disable(data(p)); }
	static void update(void *p, const bindings::kcxx_drm_plane_info *plane)
	{
		D::update(data(p), PlaneState(*plane));
	}
	static int read_edid_block(void *p, unsigned char *buf, unsigned int block, unsigned long len)
	{
		if constexpr (ReadsEdid<D>) {
			// SAFETY: DRM hands over a buffer of len bytes for
			// this call.
			Result<void> r = D::read_edid_block(
				data(p), kcxx::detail::SpanAccess::from_raw_parts(buf, len), block);
			return r.is_ok() ? 0 : r.error().to_errno();
		} else {
			return code::ENODEV.to_errno(); // not in ops (below)
		}
	}
	static void destroy(void *p)
	{
		// SAFETY: called once, by the DRM device's release (or by a
		// failed kcxx_helper_drm_data_set()), on the Data built there.
		static_cast<Data *>(p)->~Data();
	}

	static constexpr bindings::kcxx_drm_kms_ops ops = {
		.get_modes = &get_modes,
		.enable = &enable,
		.disable = &disable,
		.update = &update,
		.read_edid_block = ReadsEdid<D> ? &read_edid_block : nullptr,
	};
};

} // namespace detail

} // namespace kcxx::drm
