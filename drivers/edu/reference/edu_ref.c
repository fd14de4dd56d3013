// SPDX-License-Identifier: GPL-2.0
/*
 * edu_ref: a C driver for QEMU's "edu" PCI device (1234:11e8), the
 * reference (oracle) for the C++ driver kcxx_edu.  It implements the user
 * ABI of drivers/edu/uapi/kcxx_edu.h: a misc device /dev/edu_ref-<pci name>
 * with typed ioctls, the sysfs attributes card_id and interrupts, and
 * system sleep callbacks (counted in the attributes suspends and resumes).
 *
 * Lifetime: the per-device state is reference counted; the PCI binding
 * holds one reference and every open file one more.  remove() deregisters
 * the misc device, waits for the operation in progress (bounded by the
 * 10 s device timeout), marks the state gone under the device lock, frees
 * the interrupt, turns bus mastering off (a DMA that timed out can no
 * longer reach memory) and frees the DMA buffer.  After that, every ioctl
 * on a file that is still open fails with ENODEV without touching the
 * hardware; the last close frees the state.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/kref.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kcxx_edu.h"

#define DRV_NAME "edu_ref"

#ifndef PCI_IRQ_INTX			/* 6.1 */
#define PCI_IRQ_INTX PCI_IRQ_LEGACY
#endif

/* Registers: QEMU docs/specs/edu.rst. */
#define EDU_ID			0x00
#define EDU_LIVENESS		0x04
#define EDU_FACTORIAL		0x08
#define EDU_STATUS		0x20
#define  EDU_STATUS_COMPUTING	0x01
#define  EDU_STATUS_IRQFACT	0x80
#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define  EDU_DMA_RUN		0x1
#define  EDU_DMA_TO_RAM		0x2
#define  EDU_DMA_IRQ		0x4
#define EDU_REGS_END		0xa0

/* Interrupt status bits the device raises itself. */
#define EDU_IRQ_FACT		0x1
#define EDU_IRQ_DMA		0x100

#define EDU_DEVICE_BUFFER	0x40000	/* device address of its buffer */
#define EDU_BUFFER_BYTES	4096	/* its size; DMA may use KCXX_EDU_BUFFER_SIZE */
#define EDU_DMA_BITS		28
#define EDU_TIMEOUT		(10 * HZ)

static bool use_msi = true;
module_param(use_msi, bool, 0444);
MODULE_PARM_DESC(use_msi, "Complete by MSI if the device offers it, else by INTx (default Y)");

struct edu_dev {
	struct kref ref;
	/* Serialises device use; protects gone and the counters. */
	struct mutex lock;
	bool gone;		/* unbound: no hardware access any more */
	struct device *dev;	/* while bound */
	void __iomem *regs;
	void *buf;		/* coherent bounce buffer, EDU_BUFFER_BYTES */
	dma_addr_t buf_dma;
	struct completion fact_done;
	struct completion dma_done;
	struct completion raise_done;
	atomic_t raised;	/* status bits of RAISE_IRQ the handler saw */
	atomic64_t interrupts;
	atomic64_t suspends;	/* system sleep cycles (sysfs) */
	atomic64_t resumes;
	u64 factorials;
	u64 dma_to_device;
	u64 dma_from_device;
	u64 dma_bytes;
	u32 card_id;
	int irq;
	bool msi;
	struct miscdevice misc;
	char name[48];
};

static void edu_release(struct kref *ref)
{
	kfree(container_of(ref, struct edu_dev, ref));
}

static irqreturn_t edu_irq(int irq, void *data)
{
	struct edu_dev *edu = data;
	u32 status = readl(edu->regs + EDU_IRQ_STATUS);
	u32 raised = status & ~(EDU_IRQ_FACT | EDU_IRQ_DMA);

	if (!status)
		return IRQ_NONE;	/* a shared INTx line: not ours */
	/* The device wants the bits written back, with MSI too. */
	writel(status, edu->regs + EDU_IRQ_ACK);
	atomic64_inc(&edu->interrupts);
	if (status & EDU_IRQ_FACT)
		complete(&edu->fact_done);
	if (status & EDU_IRQ_DMA)
		complete(&edu->dma_done);
	if (raised) {
		atomic_or(raised, &edu->raised);
		complete(&edu->raise_done);
	}
	return IRQ_HANDLED;
}

/* Says what the device looked like when it did not answer in time. */
static int edu_timed_out(struct edu_dev *edu, const char *what)
{
	dev_warn(edu->dev, "%s: no answer in %u s (status 0x%x, irq status 0x%x, dma cmd 0x%llx)\n",
		 what, EDU_TIMEOUT / HZ, readl(edu->regs + EDU_STATUS),
		 readl(edu->regs + EDU_IRQ_STATUS), readq(edu->regs + EDU_DMA_CMD));
	return -ETIMEDOUT;
}

/*
 * Waits until 'bit' of the register at 'reg' is clear: the device is idle.
 * An earlier operation that timed out may still be running; a command
 * written meanwhile would be ignored by the device.
 */
static int edu_wait_clear(struct edu_dev *edu, unsigned int reg, u32 bit, const char *what)
{
	u32 val;

	if (readl_poll_timeout(edu->regs + reg, val, !(val & bit), 20,
			       jiffies_to_usecs(EDU_TIMEOUT)))
		return edu_timed_out(edu, what);
	return 0;
}

/*
 * Waits for the interrupt that ends an operation, at most EDU_TIMEOUT, so
 * that its handler has run (and counted it) when the ioctl returns.  A
 * completion left over from an earlier operation that timed out is told
 * apart by 'done()', the device's own idea of whether it finished.
 */
static int edu_wait_irq(struct edu_dev *edu, struct completion *c,
			bool (*done)(struct edu_dev *edu), const char *what)
{
	unsigned long deadline = jiffies + EDU_TIMEOUT;

	for (;;) {
		long left = (long)(deadline - jiffies);

		if (left <= 0 || !wait_for_completion_timeout(c, left))
			return edu_timed_out(edu, what);
		if (done(edu))
			return 0;
	}
}

static bool edu_fact_done(struct edu_dev *edu)
{
	return !(readl(edu->regs + EDU_STATUS) & EDU_STATUS_COMPUTING);
}

static bool edu_dma_done(struct edu_dev *edu)
{
	return !(readq(edu->regs + EDU_DMA_CMD) & EDU_DMA_RUN);
}

/* Locks the device for one operation: ENODEV once it is unbound. */
static int edu_lock(struct edu_dev *edu)
{
	mutex_lock(&edu->lock);
	if (edu->gone) {
		mutex_unlock(&edu->lock);
		return -ENODEV;
	}
	return 0;
}

static long edu_factorial(struct edu_dev *edu, void __user *argp)
{
	struct kcxx_edu_factorial f;
	bool irq;
	int ret;

	if (copy_from_user(&f, argp, sizeof(f)))
		return -EFAULT;
	if (f.flags & ~KCXX_EDU_FACT_IRQ || f.reserved)
		return -EINVAL;
	irq = f.flags & KCXX_EDU_FACT_IRQ;
	ret = edu_lock(edu);
	if (ret)
		return ret;
	ret = edu_wait_clear(edu, EDU_STATUS, EDU_STATUS_COMPUTING, "factorial unit busy");
	if (ret)
		goto out;
	writel(irq ? EDU_STATUS_IRQFACT : 0, edu->regs + EDU_STATUS);
	reinit_completion(&edu->fact_done);
	writel(f.input, edu->regs + EDU_FACTORIAL);
	if (irq)
		ret = edu_wait_irq(edu, &edu->fact_done, edu_fact_done, "factorial interrupt");
	else
		ret = edu_wait_clear(edu, EDU_STATUS, EDU_STATUS_COMPUTING, "factorial");
	if (ret)
		goto out;
	f.result = readl(edu->regs + EDU_FACTORIAL);
	edu->factorials++;
out:
	mutex_unlock(&edu->lock);
	if (ret)
		return ret;
	return copy_to_user(argp, &f, sizeof(f)) ? -EFAULT : 0;
}

static long edu_dma(struct edu_dev *edu, void __user *argp, bool to_device)
{
	struct kcxx_edu_dma d;
	void __user *uptr;
	dma_addr_t ram, dev;
	void *bounce;
	int ret;

	if (copy_from_user(&d, argp, sizeof(d)))
		return -EFAULT;
	if (!d.length || (u64)d.offset + d.length > KCXX_EDU_BUFFER_SIZE)
		return -EINVAL;
	uptr = u64_to_user_ptr(d.user_address);
	if (!access_ok(uptr, d.length))
		return -EFAULT;
	/*
	 * User memory is copied outside the device lock: a fault there
	 * (userfaultfd, FUSE) must not hold up other users or unbind.
	 */
	bounce = kmalloc(d.length, GFP_KERNEL);
	if (!bounce)
		return -ENOMEM;
	if (to_device && copy_from_user(bounce, uptr, d.length)) {
		ret = -EFAULT;
		goto free;
	}
	ret = edu_lock(edu);
	if (ret)
		goto free;
	ret = edu_wait_clear(edu, EDU_DMA_CMD, EDU_DMA_RUN, "DMA engine busy");
	if (ret)
		goto unlock;
	ram = edu->buf_dma + d.offset;
	dev = EDU_DEVICE_BUFFER + d.offset;
	if (to_device)
		memcpy(edu->buf + d.offset, bounce, d.length);
	reinit_completion(&edu->dma_done);
	writeq(to_device ? ram : dev, edu->regs + EDU_DMA_SRC);
	writeq(to_device ? dev : ram, edu->regs + EDU_DMA_DST);
	writeq(d.length, edu->regs + EDU_DMA_COUNT);
	writeq(EDU_DMA_RUN | EDU_DMA_IRQ | (to_device ? 0 : EDU_DMA_TO_RAM),
	       edu->regs + EDU_DMA_CMD);
	/*
	 * On a timeout the transfer may still happen later: the buffer
	 * stays allocated until remove(), which turns bus mastering off
	 * first, and the next DMA waits for the device to be idle.
	 */
	ret = edu_wait_irq(edu, &edu->dma_done, edu_dma_done, "DMA interrupt");
	if (ret)
		goto unlock;
	if (to_device) {
		edu->dma_to_device++;
	} else {
		memcpy(bounce, edu->buf + d.offset, d.length);
		edu->dma_from_device++;
	}
	edu->dma_bytes += d.length;
unlock:
	mutex_unlock(&edu->lock);
	if (!ret && !to_device && copy_to_user(uptr, bounce, d.length))
		ret = -EFAULT;
free:
	kfree(bounce);
	return ret;
}

static bool edu_raised(struct edu_dev *edu, u32 bits)
{
	return (atomic_read(&edu->raised) & bits) == bits;
}

static long edu_raise_irq(struct edu_dev *edu, u32 __user *argp)
{
	unsigned long deadline = jiffies + EDU_TIMEOUT;
	u32 bits;
	int ret;

	if (get_user(bits, argp))
		return -EFAULT;
	if (!bits || bits & (EDU_IRQ_FACT | EDU_IRQ_DMA))
		return -EINVAL;
	ret = edu_lock(edu);
	if (ret)
		return ret;
	atomic_set(&edu->raised, 0);
	reinit_completion(&edu->raise_done);
	writel(bits, edu->regs + EDU_IRQ_RAISE);
	while (!edu_raised(edu, bits)) {
		long left = (long)(deadline - jiffies);

		if (left <= 0 || !wait_for_completion_timeout(&edu->raise_done, left)) {
			if (!edu_raised(edu, bits))
				ret = edu_timed_out(edu, "raised interrupt");
			break;
		}
	}
	mutex_unlock(&edu->lock);
	return ret;
}

static long edu_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct edu_dev *edu = file->private_data;
	void __user *argp = (void __user *)arg;
	int ret;

	/* Unbound: every command fails alike (checked again under the lock). */
	if (READ_ONCE(edu->gone))
		return -ENODEV;

	switch (cmd) {
	case KCXX_EDU_GET_INFO: {
		struct kcxx_edu_info info = {
			.card_id = edu->card_id,
			.irq_mode = edu->msi ? KCXX_EDU_IRQ_MSI : KCXX_EDU_IRQ_INTX,
			.buffer_size = KCXX_EDU_BUFFER_SIZE,
			.dma_mask_bits = EDU_DMA_BITS,
		};

		return copy_to_user(argp, &info, sizeof(info)) ? -EFAULT : 0;
	}
	case KCXX_EDU_LIVENESS: {
		u32 v;

		if (get_user(v, (u32 __user *)argp))
			return -EFAULT;
		ret = edu_lock(edu);
		if (ret)
			return ret;
		writel(v, edu->regs + EDU_LIVENESS);
		v = readl(edu->regs + EDU_LIVENESS);
		mutex_unlock(&edu->lock);
		return put_user(v, (u32 __user *)argp);
	}
	case KCXX_EDU_FACTORIAL:
		return edu_factorial(edu, argp);
	case KCXX_EDU_DMA_TO_DEVICE:
		return edu_dma(edu, argp, true);
	case KCXX_EDU_DMA_FROM_DEVICE:
		return edu_dma(edu, argp, false);
	case KCXX_EDU_RAISE_IRQ:
		return edu_raise_irq(edu, argp);
	case KCXX_EDU_GET_STATS: {
		struct kcxx_edu_stats s;

		ret = edu_lock(edu);
		if (ret)
			return ret;
		s.interrupts = atomic64_read(&edu->interrupts);
		s.factorials = edu->factorials;
		s.dma_to_device = edu->dma_to_device;
		s.dma_from_device = edu->dma_from_device;
		s.dma_bytes = edu->dma_bytes;
		mutex_unlock(&edu->lock);
		return copy_to_user(argp, &s, sizeof(s)) ? -EFAULT : 0;
	}
	default:
		return -ENOTTY;
	}
}

static int edu_open(struct inode *inode, struct file *file)
{
	/*
	 * misc_open() calls us under misc_mtx, which misc_deregister() in
	 * remove() takes before the binding drops its reference.
	 */
	struct edu_dev *edu = container_of(file->private_data, struct edu_dev, misc);

	kref_get(&edu->ref);
	file->private_data = edu;
	return 0;
}

static int edu_release_file(struct inode *inode, struct file *file)
{
	struct edu_dev *edu = file->private_data;

	kref_put(&edu->ref, edu_release);
	return 0;
}

static const struct file_operations edu_fops = {
	.owner = THIS_MODULE,
	.open = edu_open,
	.release = edu_release_file,
	.unlocked_ioctl = edu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.llseek = noop_llseek,
};

static ssize_t card_id_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct edu_dev *edu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "0x%08x\n", edu->card_id);
}
static DEVICE_ATTR_RO(card_id);

static ssize_t interrupts_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct edu_dev *edu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", (unsigned long long)atomic64_read(&edu->interrupts));
}
static DEVICE_ATTR_RO(interrupts);

static ssize_t suspends_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct edu_dev *edu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", (unsigned long long)atomic64_read(&edu->suspends));
}
static DEVICE_ATTR_RO(suspends);

static ssize_t resumes_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct edu_dev *edu = dev_get_drvdata(dev);

	return sysfs_emit(buf, "%llu\n", (unsigned long long)atomic64_read(&edu->resumes));
}
static DEVICE_ATTR_RO(resumes);

static struct attribute *edu_attrs[] = {
	&dev_attr_card_id.attr,
	&dev_attr_interrupts.attr,
	&dev_attr_suspends.attr,
	&dev_attr_resumes.attr,
	NULL,
};
ATTRIBUTE_GROUPS(edu);

static int edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct edu_dev *edu;
	int ret;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	if (!(pci_resource_flags(pdev, 0) & IORESOURCE_MEM) ||
	    pci_resource_len(pdev, 0) < EDU_REGS_END)
		return -ENODEV;
	ret = pcim_iomap_regions(pdev, BIT(0), DRV_NAME);
	if (ret)
		return ret;
	ret = dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(EDU_DMA_BITS));
	if (ret)
		return ret;
	pci_set_master(pdev);

	edu = kzalloc(sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	kref_init(&edu->ref);
	mutex_init(&edu->lock);
	init_completion(&edu->fact_done);
	init_completion(&edu->dma_done);
	init_completion(&edu->raise_done);
	edu->dev = &pdev->dev;
	edu->regs = pcim_iomap_table(pdev)[0];
	edu->card_id = readl(edu->regs + EDU_ID);
	snprintf(edu->name, sizeof(edu->name), DRV_NAME "-%s", pci_name(pdev));

	edu->buf = dma_alloc_coherent(&pdev->dev, EDU_BUFFER_BYTES, &edu->buf_dma,
				      GFP_KERNEL);
	if (!edu->buf) {
		ret = -ENOMEM;
		goto err_free;
	}

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_INTX | (use_msi ? PCI_IRQ_MSI : 0));
	if (ret < 0)
		goto err_buf;
	edu->msi = pdev->msi_enabled;
	edu->irq = pci_irq_vector(pdev, 0);
	/* Nothing is pending: acknowledge whatever an earlier user left. */
	writel(readl(edu->regs + EDU_IRQ_STATUS), edu->regs + EDU_IRQ_ACK);
	ret = request_irq(edu->irq, edu_irq, edu->msi ? 0 : IRQF_SHARED, edu->name, edu);
	if (ret)
		goto err_vectors;

	pci_set_drvdata(pdev, edu);
	edu->misc.minor = MISC_DYNAMIC_MINOR;
	edu->misc.name = edu->name;
	edu->misc.fops = &edu_fops;
	edu->misc.parent = &pdev->dev;
	ret = misc_register(&edu->misc);
	if (ret)
		goto err_irq;
	dev_info(&pdev->dev, "card 0x%08x, %s, /dev/%s\n", edu->card_id,
		 edu->msi ? "MSI" : "INTx", edu->name);
	return 0;

err_irq:
	free_irq(edu->irq, edu);
err_vectors:
	pci_free_irq_vectors(pdev);
err_buf:
	dma_free_coherent(&pdev->dev, EDU_BUFFER_BYTES, edu->buf, edu->buf_dma);
err_free:
	kref_put(&edu->ref, edu_release);
	pci_clear_master(pdev);
	return ret;
}

static void edu_remove(struct pci_dev *pdev)
{
	struct edu_dev *edu = pci_get_drvdata(pdev);

	misc_deregister(&edu->misc);	/* no new opens */
	/* Waits for the operation in progress (at most EDU_TIMEOUT). */
	mutex_lock(&edu->lock);
	WRITE_ONCE(edu->gone, true);
	mutex_unlock(&edu->lock);
	free_irq(edu->irq, edu);
	pci_free_irq_vectors(pdev);
	/* A DMA that timed out can no longer write the buffer. */
	pci_clear_master(pdev);
	dma_free_coherent(&pdev->dev, EDU_BUFFER_BYTES, edu->buf, edu->buf_dma);
	kref_put(&edu->ref, edu_release);
}

/*
 * System sleep.  Suspend waits for the operation in flight (the lock) and
 * refuses (-EBUSY, the system stays awake) while the device still computes
 * or transfers (an operation that timed out).  Resume checks that the
 * device answers; the PCI core restored its config space and MSI.
 */
static int edu_suspend(struct device *dev)
{
	struct edu_dev *edu = dev_get_drvdata(dev);
	int err = 0;

	mutex_lock(&edu->lock);
	if (!edu_fact_done(edu) || !edu_dma_done(edu))
		err = -EBUSY;
	else
		atomic64_inc(&edu->suspends);
	mutex_unlock(&edu->lock);
	return err;
}

static int edu_resume(struct device *dev)
{
	struct edu_dev *edu = dev_get_drvdata(dev);
	int err = 0;

	mutex_lock(&edu->lock);
	writel(0x5a5aa5a5, edu->regs + EDU_LIVENESS);
	if (readl(edu->regs + EDU_LIVENESS) != ~0x5a5aa5a5u)
		err = -EIO;
	else
		atomic64_inc(&edu->resumes);
	mutex_unlock(&edu->lock);
	return err;
}

static DEFINE_SIMPLE_DEV_PM_OPS(edu_pm_ops, edu_suspend, edu_resume);

static const struct pci_device_id edu_ids[] = {
	{ PCI_DEVICE(0x1234, 0x11e8) },
	{ }
};
MODULE_DEVICE_TABLE(pci, edu_ids);

static struct pci_driver edu_driver = {
	.name = DRV_NAME,
	.id_table = edu_ids,
	.probe = edu_probe,
	.remove = edu_remove,
	.dev_groups = edu_groups,
	.driver.pm = pm_sleep_ptr(&edu_pm_ops),
};
module_pci_driver(edu_driver);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The kcxx authors");
MODULE_DESCRIPTION("C reference driver for QEMU's edu PCI device (oracle of kcxx_edu)");
