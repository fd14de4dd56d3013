// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::drm::Connector: the connector a driver's get_modes() fills in.
///
///     static int get_modes(const Data &data, kcxx::drm::Connector &connector)
///     {
///         int count = connector.add_edid_modes();        // from the EDID read at init
///         if (!count) {
///             count = connector.add_modes_noedid(8192, 8192);
///             connector.set_preferred_mode(1024, 768);
///         }
///         return count;
///     }
///
/// A Connector is only ever a reference handed to get_modes() (no copies, no
/// construction): the DRM core calls it with the mode configuration's mutex
/// held, which is what its operations need.
///
/// INVARIANT: 'this' is the struct drm_connector of a kcxx simple KMS device
/// whose get_modes callback is running.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/drm/driver.h>

namespace kcxx::drm {

/// The connector's type (DRM_MODE_CONNECTOR_*, checked against the uapi
/// header when the helpers compile).
enum class ConnectorType : int {
	/// A virtual display (QEMU's, a VM's): "Virtual-N".
	Virtual = KCXX_DRM_MODE_CONNECTOR_VIRTUAL,
};

/// The connector, as get_modes() gets it (a reference that only the DRM
/// core's call makes).
class Connector {
public:
	Connector() = delete;
	Connector(const Connector &) = delete;
	Connector &operator=(const Connector &) = delete;

	/// The modes of the connector's EDID (read when the device was set
	/// up, if the driver reads one); 0 without an EDID.
	int add_edid_modes()
	{
		// SAFETY: a connector inside get_modes (INVARIANT), the mode
		// config mutex held by the caller.
		return bindings::kcxx_helper_drm_connector_add_edid_modes(as_raw());
	}

	/// The standard (DMT) modes up to hdisplay x vdisplay
	/// (drm_add_modes_noedid()); how many.
	int add_modes_noedid(int hdisplay, int vdisplay)
	{
		// SAFETY: as above.
		return bindings::drm_add_modes_noedid(as_raw(), hdisplay, vdisplay);
	}

	/// Marks the probed mode of that size preferred (drm_set_preferred_mode()).
	void set_preferred_mode(int hdisplay, int vdisplay)
	{
		// SAFETY: as above.
		bindings::drm_set_preferred_mode(as_raw(), hdisplay, vdisplay);
	}

	/// For the library's callback: the connector the DRM core passed.
	static Connector &from_raw(bindings::drm_connector *connector)
	{
		return *reinterpret_cast<Connector *>(connector);
	}

private:
	bindings::drm_connector *as_raw() { return reinterpret_cast<bindings::drm_connector *>(this); }
};

} // namespace kcxx::drm
