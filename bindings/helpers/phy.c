// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx bindings: helpers for phylib (kcxx_bindings/phy.h).  Field access
 * only: these are linked into every kcxx module, and libphy is a module.
 */

void kcxx_helper_phy_driver_init(struct phy_driver *drv, const char *name,
				 unsigned int phy_id, unsigned int phy_id_mask,
				 unsigned int flags, const struct kcxx_phy_driver_ops *ops)
{
	/* char *name in struct phy_driver; phylib only reads it. */
	drv->name = (char *)name;
	drv->phy_id = phy_id;
	drv->phy_id_mask = phy_id_mask;
	drv->flags = flags;
	drv->probe = ops->probe;
	drv->soft_reset = ops->soft_reset;
	drv->config_init = ops->config_init;
	drv->get_features = ops->get_features;
	drv->config_aneg = ops->config_aneg;
	drv->aneg_done = ops->aneg_done;
	drv->read_status = ops->read_status;
	drv->suspend = ops->suspend;
	drv->resume = ops->resume;
	drv->link_change_notify = ops->link_change_notify;
}

int kcxx_helper_phy_link(const struct phy_device *phydev)
{
	return phydev->link;
}

int kcxx_helper_phy_autoneg(const struct phy_device *phydev)
{
	return phydev->autoneg;
}

int kcxx_helper_phy_autoneg_complete(const struct phy_device *phydev)
{
	return phydev->autoneg_complete;
}
