/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: phylib (include/linux/phy.h), for include/kcxx/net/phy/.
 *
 * phylib is a module on Debian's kernels (libphy.ko), and bindings/helpers.c
 * is linked into every kcxx module: so the helpers here only read and write
 * fields (no call into libphy), and C++ calls libphy's exported functions
 * directly, so that only a module that uses phylib imports from libphy.
 *
 * struct phy_driver differs between 6.1 and 6.12 (fields added, moved): C++
 * owns storage of its size (bindings/layout.c) and a helper fills it in.
 * struct phy_device's integer fields (phy_id, state, speed, duplex, the MDIO
 * bus and address of phy_read()) are read at the offsets the C compiler
 * computed; its bit fields (link, autoneg, autoneg_complete) through helpers.
 * struct mdio_device_id is mirrored in C++ (modpost reads the ID table from
 * the object file).
 *
 * 6.1 and 6.12 differ in one call a driver makes: 6.12 calls a driver's
 * link_change_notify() with phydev->lock held, and a driver restarts
 * autonegotiation there with _phy_start_aneg() (the lock held); 6.1 calls
 * it without the lock and has only phy_start_aneg() (takes it):
 * kcxx_phy_start_aneg_from_callback() is the one or the other.  (The gate
 * is 6.12: the kernels between are not targeted.)
 */
#ifndef KCXX_BINDINGS_PHY_H
#define KCXX_BINDINGS_PHY_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(phy_device);
KCXX_OPAQUE_STRUCT(phy_driver);
KCXX_OPAQUE_STRUCT(mii_bus);

/*
 * A PHY driver's operations as kcxx fills them in (NULL: phylib's default,
 * as for a C driver that leaves the field out).
 */
struct kcxx_phy_driver_ops {
	int (*probe)(struct phy_device *phydev);
	int (*soft_reset)(struct phy_device *phydev);
	int (*config_init)(struct phy_device *phydev);
	int (*get_features)(struct phy_device *phydev);
	int (*config_aneg)(struct phy_device *phydev);
	int (*aneg_done)(struct phy_device *phydev);
	int (*read_status)(struct phy_device *phydev);
	int (*suspend)(struct phy_device *phydev);
	int (*resume)(struct phy_device *phydev);
	void (*link_change_notify)(struct phy_device *phydev);
};

/* Fills in a zeroed struct phy_driver: name, ID and mask, flags, operations. */
void kcxx_helper_phy_driver_init(struct phy_driver *drv, const char *name,
				 unsigned int phy_id, unsigned int phy_id_mask,
				 unsigned int flags, const struct kcxx_phy_driver_ops *ops);

/* The bit fields of struct phy_device. */
int kcxx_helper_phy_link(const struct phy_device *phydev);
int kcxx_helper_phy_autoneg(const struct phy_device *phydev);
int kcxx_helper_phy_autoneg_complete(const struct phy_device *phydev);

/* drivers/net/phy/phy_device.c, exported (libphy). */
int phy_drivers_register(struct phy_driver *new_driver, int n, struct module *owner);
void phy_drivers_unregister(struct phy_driver *drv, int n);
int phy_init_hw(struct phy_device *phydev);
int genphy_soft_reset(struct phy_device *phydev);
int genphy_update_link(struct phy_device *phydev);
int genphy_read_lpa(struct phy_device *phydev);
int genphy_read_status(struct phy_device *phydev);
int genphy_read_abilities(struct phy_device *phydev);
int genphy_restart_aneg(struct phy_device *phydev);
int genphy_aneg_done(struct phy_device *phydev);
int __genphy_config_aneg(struct phy_device *phydev, bool changed);
int genphy_suspend(struct phy_device *phydev);
int genphy_resume(struct phy_device *phydev);

/* drivers/net/phy/phy-core.c, exported (libphy). */
void phy_resolve_aneg_linkmode(struct phy_device *phydev);
int phy_modify(struct phy_device *phydev, unsigned int regnum, unsigned short mask,
	       unsigned short set);

/* drivers/net/phy/phy.c, exported (libphy); see above for the two kernels. */
int phy_start_aneg(struct phy_device *phydev);
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 12, 0)
int _phy_start_aneg(struct phy_device *phydev);
/* Restart autonegotiation from a driver's callback: phydev->lock is held. */
#define kcxx_phy_start_aneg_from_callback _phy_start_aneg
#else
/* Restart autonegotiation from a driver's callback: phydev->lock is free. */
#define kcxx_phy_start_aneg_from_callback phy_start_aneg
#endif

/*
 * drivers/net/phy/mdio_bus.c, exported (libphy): phy_read() and phy_write()
 * are static inlines around these, with the PHY's bus and address.
 */
int mdiobus_read(struct mii_bus *bus, int addr, unsigned int regnum);
int mdiobus_write(struct mii_bus *bus, int addr, unsigned int regnum, unsigned short val);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_PHY_H */
