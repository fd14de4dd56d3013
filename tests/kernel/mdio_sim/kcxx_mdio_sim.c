// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx_mdio_sim: a software MDIO bus for testing PHY drivers without the
 * hardware (QEMU emulates no ASIX adapter).
 *
 * At load it registers a platform device (bound to an empty driver of its
 * own: phylib pins the module of the network device's parent's driver), an mii_bus "kcxx-sim" on it with
 * three PHYs, and a network device per PHY for phylib to attach them to:
 *
 *   kcxx-sim:01  AX88772A  ID 0x003b1861
 *   kcxx-sim:02  AX88772C  ID 0x003b1881
 *   kcxx-sim:03  AX88796B  ID 0x003b1843 (revision 3: the C driver matches
 *                          the model, any revision)
 *
 * Each PHY has a clause 22 register file that behaves as a 10/100 PHY does:
 * BMCR's reset and restart bits clear themselves (reset restores BMCR and
 * ADVERTISE), BMSR's link bit is latched low, autonegotiation completes as
 * soon as it is enabled with the link up, LPA holds the link partner's
 * advertisement (with LPACK) then, power-down drops the link.
 *
 * The PHYs have no interrupt line and phylib does not poll them
 * (irq = PHY_MAC_INTERRUPT): the state machine runs only when the test says
 * ("kick"), so the register accesses of a test are the same every run.
 *
 * debugfs kcxx_mdio_sim/:
 *   ctl    commands, one per write ("CMD ADDR [ARGS]"; an error is the
 *          write's errno):
 *            attach A | detach A      phy_connect_direct() to its netdev,
 *                                     phy_disconnect()
 *            start A | stop A         phy_start(), phy_stop() (then the
 *                                     state machine has run); -EBADFD
 *                                     from a state phylib would WARN in
 *            kick A                   phy_mac_interrupt() and wait for the
 *                                     state machine to finish
 *            settle A                 wait for a state machine run someone
 *                                     else queued (system resume) to finish
 *            aneg A | force A SPEED DUPLEX(full|half)
 *                                     ethtool's link settings: autoneg on,
 *                                     or off with this speed and duplex
 *            suspend A | resume A     phy_suspend(), phy_resume()
 *            link A 0|1               the cable
 *            partner A ADV            the link partner's advertisement (LPA
 *                                     bits, default 0x05e1)
 *            lpa_zero A 0|1           the partner leaves LPA 0 (the old
 *                                     switches of the AX88772A quirk)
 *            fail A REG COUNT [SKIP]  the next COUNT reads of REG (32: any)
 *                                     at A fail with -EIO, after SKIP more
 *                                     (default 0) that do not
 *            mark TEXT                a line "# TEXT" in the trace
 *   trace  every bus access since the last clear, one per line:
 *          "R A REG VALUE", "W A REG VALUE", "E A REG -EIO" (hex), and the
 *          marks and link adjustments ("# adjust_link A link=.."); any write
 *          clears it
 *   state  per PHY: the driver bound (driver core), phylib's driver, state, link, speed, duplex,
 *          autoneg, autoneg_complete, suspended, attached, the carrier
 */
#include <linux/debugfs.h>
#include <linux/etherdevice.h>
#include <linux/ethtool.h>
#include <linux/mii.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/phy.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

#define NPHY 3
#define TRACE_MAX 16384
#define MARK_LEN 96

struct sim_phy {
	int addr;
	u32 id;
	u16 bmcr;
	u16 advertise;
	u16 regs[32];		/* the other registers: read as written */
	bool link;		/* the cable */
	bool latched_down;	/* BMSR_LSTATUS latched low since the last read */
	u16 partner;
	bool lpa_zero;
	int fail_reg;
	int fail_count;
	int fail_skip;
	struct net_device *ndev;
	struct phy_device *phydev;	/* attached (phy_connect_direct) */
};

struct trace_entry {
	char op;		/* R W E or # */
	u8 addr;
	u8 reg;
	u16 val;
	char mark[MARK_LEN];
};

static struct sim_phy phys[NPHY] = {
	{ .addr = 1, .id = 0x003b1861 },
	{ .addr = 2, .id = 0x003b1881 },
	{ .addr = 3, .id = 0x003b1843 },
};

static DEFINE_SPINLOCK(trace_lock);
static struct trace_entry *trace;
static unsigned int trace_len, trace_dropped;
static DEFINE_MUTEX(ctl_lock);
static struct platform_device *pdev;
static struct mii_bus *bus;
static struct dentry *dir;

static void trace_add(char op, int addr, int reg, u16 val, const char *mark)
{
	unsigned long flags;

	spin_lock_irqsave(&trace_lock, flags);
	if (trace_len < TRACE_MAX) {
		struct trace_entry *e = &trace[trace_len++];

		e->op = op;
		e->addr = addr;
		e->reg = reg;
		e->val = val;
		if (mark)
			strscpy(e->mark, mark, sizeof(e->mark));
	} else {
		trace_dropped++;
	}
	spin_unlock_irqrestore(&trace_lock, flags);
}

static void trace_mark(const char *fmt, ...)
{
	char buf[MARK_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	trace_add('#', 0, 0, 0, buf);
}

static struct sim_phy *sim_find(int addr)
{
	int i;

	for (i = 0; i < NPHY; i++)
		if (phys[i].addr == addr)
			return &phys[i];
	return NULL;
}

static void sim_reset(struct sim_phy *p)
{
	p->bmcr = BMCR_ANENABLE | BMCR_SPEED100 | BMCR_FULLDPLX;
	p->advertise = ADVERTISE_CSMA | ADVERTISE_ALL;
}

/* The link as the PHY sees it: the cable, and the PHY not powered down. */
static bool sim_link(const struct sim_phy *p)
{
	return p->link && !(p->bmcr & (BMCR_PDOWN | BMCR_ISOLATE));
}

static bool sim_aneg_complete(const struct sim_phy *p)
{
	return (p->bmcr & BMCR_ANENABLE) && sim_link(p);
}

static void sim_set_link(struct sim_phy *p, bool up)
{
	if (p->link && !up)
		p->latched_down = true;
	p->link = up;
}

static u16 sim_read_reg(struct sim_phy *p, int reg)
{
	u16 v;

	switch (reg) {
	case MII_BMCR:
		return p->bmcr;
	case MII_BMSR:
		v = BMSR_100FULL | BMSR_100HALF | BMSR_10FULL | BMSR_10HALF | BMSR_ANEGCAPABLE |
		    BMSR_ERCAP;
		if (sim_link(p) && !p->latched_down)
			v |= BMSR_LSTATUS;
		p->latched_down = false;
		if (sim_aneg_complete(p))
			v |= BMSR_ANEGCOMPLETE;
		return v;
	case MII_PHYSID1:
		return p->id >> 16;
	case MII_PHYSID2:
		return p->id & 0xffff;
	case MII_ADVERTISE:
		return p->advertise;
	case MII_LPA:
		if (!sim_aneg_complete(p) || p->lpa_zero)
			return 0;
		return p->partner | LPA_LPACK;
	case MII_EXPANSION:
		return sim_aneg_complete(p) ? EXPANSION_NWAY : 0;
	default:
		return p->regs[reg];
	}
}

static void sim_write_reg(struct sim_phy *p, int reg, u16 val)
{
	switch (reg) {
	case MII_BMCR:
		if (val & BMCR_RESET) {
			bool was_down = !sim_link(p);

			sim_reset(p);
			if (!was_down)
				p->latched_down = true;	/* a reset drops the link */
			return;
		}
		if ((val & (BMCR_PDOWN | BMCR_ISOLATE)) && sim_link(p))
			p->latched_down = true;
		if ((val & BMCR_ANRESTART) && sim_link(p))
			p->latched_down = true;		/* renegotiation drops it briefly */
		p->bmcr = val & ~(BMCR_RESET | BMCR_ANRESTART);
		return;
	case MII_BMSR:
	case MII_PHYSID1:
	case MII_PHYSID2:
	case MII_LPA:
	case MII_EXPANSION:
		return;		/* read-only */
	case MII_ADVERTISE:
		p->advertise = val;
		return;
	default:
		p->regs[reg] = val;
	}
}

static int sim_mdio_read(struct mii_bus *b, int addr, int reg)
{
	struct sim_phy *p = sim_find(addr);
	u16 v;

	if (!p)
		return 0xffff;
	if (p->fail_count > 0 && (p->fail_reg == 32 || p->fail_reg == reg) &&
	    p->fail_skip-- <= 0) {
		p->fail_count--;
		trace_add('E', addr, reg, 0, NULL);
		return -EIO;
	}
	v = sim_read_reg(p, reg);
	trace_add('R', addr, reg, v, NULL);
	return v;
}

static int sim_mdio_write(struct mii_bus *b, int addr, int reg, u16 val)
{
	struct sim_phy *p = sim_find(addr);

	if (!p)
		return 0;
	trace_add('W', addr, reg, val, NULL);
	sim_write_reg(p, reg, val);
	return 0;
}

static void sim_adjust_link(struct net_device *ndev)
{
	struct phy_device *phydev = ndev->phydev;

	trace_mark("adjust_link %d link=%d speed=%d duplex=%d", phydev->mdio.addr, phydev->link,
		   phydev->speed, phydev->duplex);
}

static netdev_tx_t sim_xmit(struct sk_buff *skb, struct net_device *ndev)
{
	dev_kfree_skb_any(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops sim_netdev_ops = {
	.ndo_start_xmit = sim_xmit,
};

static struct phy_device *sim_phydev(struct sim_phy *p)
{
	return mdiobus_get_phy(bus, p->addr);
}

static void sim_kick(struct phy_device *phydev)
{
	phy_mac_interrupt(phydev);
	flush_delayed_work(&phydev->state_queue);
}

static int sim_ksettings(struct sim_phy *p, int autoneg, int speed, int duplex)
{
	struct ethtool_link_ksettings cmd = {};
	int ret;

	if (!p->phydev)
		return -ENOTCONN;
	phy_ethtool_ksettings_get(p->phydev, &cmd);
	cmd.base.autoneg = autoneg;
	if (!autoneg) {
		cmd.base.speed = speed;
		cmd.base.duplex = duplex;
	}
	ret = phy_ethtool_ksettings_set(p->phydev, &cmd);
	if (ret)
		return ret;
	flush_delayed_work(&p->phydev->state_queue);
	return 0;
}

static int sim_command(char *line)
{
	char cmd[16], arg[16];
	int addr, a, b, c = 0, n, ret = 0;
	struct sim_phy *p;
	struct phy_device *phydev;

	n = sscanf(line, "%15s %i %i %i %i", cmd, &addr, &a, &b, &c);
	if (n < 1)
		return -EINVAL;
	if (!strcmp(cmd, "mark")) {
		trace_mark("%s", strim(line + 4));
		return 0;
	}
	if (n < 2)
		return -EINVAL;
	p = sim_find(addr);
	if (!p)
		return -ENODEV;
	phydev = sim_phydev(p);
	if (!strcmp(cmd, "link") && n == 3) {
		mutex_lock(&bus->mdio_lock);
		sim_set_link(p, a);
		mutex_unlock(&bus->mdio_lock);
	} else if (!strcmp(cmd, "partner") && n == 3) {
		p->partner = a;
	} else if (!strcmp(cmd, "lpa_zero") && n == 3) {
		p->lpa_zero = a;
	} else if (!strcmp(cmd, "fail") && (n == 4 || n == 5)) {
		mutex_lock(&bus->mdio_lock);
		p->fail_reg = a;
		p->fail_count = b;
		p->fail_skip = c;
		mutex_unlock(&bus->mdio_lock);
	} else if (!strcmp(cmd, "attach") && n == 2) {
		if (!phydev)
			return -ENODEV;
		if (p->phydev)
			return -EBUSY;
		ret = phy_connect_direct(p->ndev, phydev, sim_adjust_link, PHY_INTERFACE_MODE_MII);
		if (!ret)
			p->phydev = phydev;
	} else if (!strcmp(cmd, "detach") && n == 2) {
		if (!p->phydev)
			return -ENOTCONN;
		phy_disconnect(p->phydev);
		p->phydev = NULL;
	} else if (!strcmp(cmd, "start") && n == 2) {
		if (!p->phydev)
			return -ENOTCONN;
		/* phylib WARNs when started from another state. */
		if (p->phydev->state != PHY_READY && p->phydev->state != PHY_HALTED)
			return -EBADFD;
		phy_start(p->phydev);
		flush_delayed_work(&p->phydev->state_queue);
	} else if (!strcmp(cmd, "stop") && n == 2) {
		if (!p->phydev)
			return -ENOTCONN;
		if (!phy_is_started(p->phydev))
			return -EBADFD;
		phy_stop(p->phydev);
	} else if (!strcmp(cmd, "kick") && n == 2) {
		if (!p->phydev)
			return -ENOTCONN;
		sim_kick(p->phydev);
	} else if (!strcmp(cmd, "settle") && n == 2) {
		if (!p->phydev)
			return -ENOTCONN;
		flush_delayed_work(&p->phydev->state_queue);
	} else if (!strcmp(cmd, "aneg") && n == 2) {
		ret = sim_ksettings(p, AUTONEG_ENABLE, 0, 0);
	} else if (!strcmp(cmd, "force") && n >= 3) {
		if (sscanf(line, "%15s %d %d %15s", cmd, &addr, &a, arg) != 4)
			return -EINVAL;
		ret = sim_ksettings(p, AUTONEG_DISABLE, a,
				    !strcmp(arg, "full") ? DUPLEX_FULL : DUPLEX_HALF);
	} else if (!strcmp(cmd, "suspend") && n == 2) {
		if (!phydev)
			return -ENODEV;
		ret = phy_suspend(phydev);
	} else if (!strcmp(cmd, "resume") && n == 2) {
		if (!phydev)
			return -ENODEV;
		ret = phy_resume(phydev);
	} else {
		return -EINVAL;
	}
	return ret;
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf, size_t len, loff_t *ppos)
{
	char buf[128];
	int ret;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	mutex_lock(&ctl_lock);
	ret = sim_command(buf);
	mutex_unlock(&ctl_lock);
	return ret < 0 ? ret : len;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = ctl_write,
	.llseek = noop_llseek,
};

static int trace_show(struct seq_file *m, void *v)
{
	unsigned int i;

	/* Under ctl_lock: no command runs meanwhile (bus accesses may). */
	mutex_lock(&ctl_lock);
	for (i = 0; i < READ_ONCE(trace_len); i++) {
		const struct trace_entry *e = &trace[i];

		if (e->op == '#')
			seq_printf(m, "# %s\n", e->mark);
		else if (e->op == 'E')
			seq_printf(m, "E %x %02x -EIO\n", e->addr, e->reg);
		else
			seq_printf(m, "%c %x %02x %04x\n", e->op, e->addr, e->reg, e->val);
	}
	if (trace_dropped)
		seq_printf(m, "# dropped %u\n", trace_dropped);
	mutex_unlock(&ctl_lock);
	return 0;
}

static int trace_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, trace_show, NULL, TRACE_MAX * 24);
}

static ssize_t trace_write(struct file *file, const char __user *ubuf, size_t len, loff_t *ppos)
{
	unsigned long flags;

	spin_lock_irqsave(&trace_lock, flags);
	trace_len = 0;
	trace_dropped = 0;
	spin_unlock_irqrestore(&trace_lock, flags);
	return len;
}

static const struct file_operations trace_fops = {
	.owner = THIS_MODULE,
	.open = trace_open,
	.read = seq_read,
	.write = trace_write,
	.llseek = seq_lseek,
	.release = single_release,
};

static const char *state_name(enum phy_state state)
{
	switch (state) {
	case PHY_DOWN: return "DOWN";
	case PHY_READY: return "READY";
	case PHY_HALTED: return "HALTED";
	case PHY_UP: return "UP";
	case PHY_RUNNING: return "RUNNING";
	case PHY_NOLINK: return "NOLINK";
	case PHY_CABLETEST: return "CABLETEST";
	default: return "ERROR";	/* PHY_ERROR, 6.12 */
	}
}

static int state_show(struct seq_file *m, void *v)
{
	int i;

	mutex_lock(&ctl_lock);
	for (i = 0; i < NPHY; i++) {
		struct sim_phy *p = &phys[i];
		struct phy_device *phydev = sim_phydev(p);

		if (!phydev) {
			seq_printf(m, "%d none\n", p->addr);
			continue;
		}
		/* bound: the driver core's binding; driver: phylib's (kept after a failed probe) */
		seq_printf(m, "%d bound=\"%s\" driver=\"%s\" state=%s link=%d speed=%d duplex=%d "
			   "autoneg=%d aneg_complete=%d suspended=%d attached=%d carrier=%d\n",
			   p->addr, phydev->mdio.dev.driver ? phydev->mdio.dev.driver->name : "none",
			   phydev->drv ? phydev->drv->name : "none",
			   state_name(phydev->state), phydev->link, phydev->speed,
			   phydev->duplex, phydev->autoneg, phydev->autoneg_complete,
			   phydev->suspended, p->phydev != NULL, netif_carrier_ok(p->ndev));
	}
	mutex_unlock(&ctl_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

static void sim_destroy_netdevs(void)
{
	int i;

	for (i = 0; i < NPHY; i++) {
		if (phys[i].phydev) {
			phy_disconnect(phys[i].phydev);
			phys[i].phydev = NULL;
		}
		if (phys[i].ndev) {
			unregister_netdev(phys[i].ndev);
			free_netdev(phys[i].ndev);
			phys[i].ndev = NULL;
		}
	}
}

/*
 * phylib takes a reference on the module of the network device's parent's
 * driver at attach: the platform device is bound to this (empty) driver.
 */
static int sim_pdev_probe(struct platform_device *pdev)
{
	return 0;
}

static struct platform_driver sim_pdrv = {
	.probe = sim_pdev_probe,
	.driver = { .name = "kcxx-mdio-sim" },
};

static int __init sim_init(void)
{
	int i, ret;

	trace = vzalloc(array_size(TRACE_MAX, sizeof(*trace)));
	if (!trace)
		return -ENOMEM;
	for (i = 0; i < NPHY; i++) {
		sim_reset(&phys[i]);
		phys[i].partner = ADVERTISE_CSMA | ADVERTISE_ALL | ADVERTISE_PAUSE_CAP;
		phys[i].link = true;
	}
	ret = platform_driver_register(&sim_pdrv);
	if (ret)
		goto free_trace;
	pdev = platform_device_register_simple("kcxx-mdio-sim", -1, NULL, 0);
	if (IS_ERR(pdev)) {
		ret = PTR_ERR(pdev);
		goto unregister_pdrv;
	}
	if (!pdev->dev.driver) {
		ret = -ENODEV;
		goto unregister_pdev;
	}
	bus = mdiobus_alloc();
	if (!bus) {
		ret = -ENOMEM;
		goto unregister_pdev;
	}
	bus->name = "kcxx MDIO simulator";
	snprintf(bus->id, MII_BUS_ID_SIZE, "kcxx-sim");
	bus->read = sim_mdio_read;
	bus->write = sim_mdio_write;
	bus->parent = &pdev->dev;
	bus->phy_mask = ~0u;
	for (i = 0; i < NPHY; i++) {
		bus->phy_mask &= ~BIT(phys[i].addr);
		bus->irq[phys[i].addr] = PHY_MAC_INTERRUPT;
	}
	for (i = 0; i < NPHY; i++) {
		struct net_device *ndev = alloc_etherdev(0);

		if (!ndev) {
			ret = -ENOMEM;
			goto free_netdevs;
		}
		ndev->netdev_ops = &sim_netdev_ops;
		eth_hw_addr_random(ndev);
		SET_NETDEV_DEV(ndev, &pdev->dev);
		ret = register_netdev(ndev);
		if (ret) {
			free_netdev(ndev);
			goto free_netdevs;
		}
		phys[i].ndev = ndev;
	}
	ret = mdiobus_register(bus);
	if (ret)
		goto free_netdevs;
	dir = debugfs_create_dir("kcxx_mdio_sim", NULL);
	debugfs_create_file("ctl", 0200, dir, NULL, &ctl_fops);
	debugfs_create_file("trace", 0600, dir, NULL, &trace_fops);
	debugfs_create_file("state", 0400, dir, NULL, &state_fops);
	return 0;

free_netdevs:
	sim_destroy_netdevs();
	mdiobus_free(bus);
unregister_pdev:
	platform_device_unregister(pdev);
unregister_pdrv:
	platform_driver_unregister(&sim_pdrv);
free_trace:
	vfree(trace);
	return ret;
}

static void __exit sim_exit(void)
{
	debugfs_remove_recursive(dir);
	sim_destroy_netdevs();
	mdiobus_unregister(bus);
	mdiobus_free(bus);
	platform_device_unregister(pdev);
	platform_driver_unregister(&sim_pdrv);
	vfree(trace);
}

module_init(sim_init);
module_exit(sim_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("kcxx: a software MDIO bus with ASIX PHYs, for testing PHY drivers");
