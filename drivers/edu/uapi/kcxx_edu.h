/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The user-space interface of the drivers for QEMU's "edu" PCI device
 * (1234:11e8, docs/specs/edu.rst in QEMU): drivers/edu (C++, module
 * kcxx_edu) and its C reference drivers/edu/reference (module edu_ref).
 * Both drivers implement exactly this ABI; tests/userspace/edu_test.c runs
 * against either.
 *
 * Each bound device gets a misc device /dev/<module>-<pci name>, for
 * example /dev/kcxx_edu-0000:00:04.0 or /dev/edu_ref-0000:00:04.0, and two
 * read-only sysfs attributes on the PCI device
 * (/sys/bus/pci/devices/<pci name>/): "card_id" (the identification
 * register, "0x010000ed\n") and "interrupts" (decimal count of the
 * interrupts handled for it since probe).
 *
 * Module parameter (both drivers): use_msi (bool, default Y): complete by
 * MSI if the device offers it, else by the legacy INTx line.
 *
 * The device does one thing at a time: the drivers serialise the
 * factorial unit and the DMA engine per device, so many processes may use
 * one device concurrently.  Every wait for the device is uninterruptible
 * and bounded (ETIMEDOUT after 10 s without the interrupt): a DMA the
 * device has started cannot be called back.
 *
 * After the device is unbound (sysfs unbind, hot unplug), every ioctl on a
 * file opened before fails with ENODEV, before any other check (also an
 * unknown command or a bad pointer), and nothing touches the hardware.
 * Unbinding waits at most for the operation in progress, never for the
 * files to be closed.  An open file keeps the module loaded.
 *
 * Errors common to every command: ENOTTY for an unknown command; EFAULT
 * for a bad user pointer; EINVAL for a non-zero reserved field or flag
 * bit that is not defined.  A command whose result cannot be written back
 * (EFAULT) may have been carried out, and counted in the statistics.
 * The structures have the same layout for 32-bit
 * processes (compat_ioctl).  read() and write() are not supported (EINVAL).
 */
#ifndef KCXX_EDU_UAPI_H
#define KCXX_EDU_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KCXX_EDU_IOC_TYPE 'E'

/*
 * The part of the device's DMA buffer that transfers may use.  The device
 * has 4096 bytes at device address 0x40000, but QEMU 7.2 (Debian 12's)
 * aborts with "hw_error: EDU: DMA range ... out of bounds" on any transfer
 * that reaches the last byte (edu_check_range() wants the end address
 * strictly inside the buffer), so offset + length may be at most 4095.
 */
#define KCXX_EDU_BUFFER_SIZE 4095

/* How the driver is told that the device finished. */
#define KCXX_EDU_IRQ_INTX 0
#define KCXX_EDU_IRQ_MSI 1

struct kcxx_edu_info {
	__u32 card_id;		/* register 0x00: 0xRRrr00ed */
	__u32 irq_mode;		/* KCXX_EDU_IRQ_INTX or KCXX_EDU_IRQ_MSI */
	__u32 buffer_size;	/* KCXX_EDU_BUFFER_SIZE */
	__u32 dma_mask_bits;	/* the DMA mask the driver set: 28 */
};
#define KCXX_EDU_GET_INFO _IOR(KCXX_EDU_IOC_TYPE, 1, struct kcxx_edu_info)

/* Writes 'value' to the liveness register (0x04) and reads back ~value. */
#define KCXX_EDU_LIVENESS _IOWR(KCXX_EDU_IOC_TYPE, 2, __u32)

/*
 * Computes input! (modulo 2^32) on the device.  With KCXX_EDU_FACT_IRQ the
 * driver asks the device for an interrupt when it is done and sleeps until
 * it arrives; without, it polls the status register.  The device multiplies
 * 'input' times (in a QEMU thread, about a second per 10^9 on the host), so
 * a huge input may end in ETIMEDOUT; the next command waits (bounded) until
 * the device is idle again.
 */
#define KCXX_EDU_FACT_IRQ 0x1
struct kcxx_edu_factorial {
	__u32 input;
	__u32 flags;		/* KCXX_EDU_FACT_*; other bits: EINVAL */
	__u32 result;		/* out */
	__u32 reserved;		/* must be 0 */
};
#define KCXX_EDU_FACTORIAL _IOWR(KCXX_EDU_IOC_TYPE, 3, struct kcxx_edu_factorial)

/*
 * DMA between user memory and the device's buffer, bounced through a
 * coherent buffer the driver owns: KCXX_EDU_DMA_TO_DEVICE copies 'length'
 * bytes from 'user_address' to device buffer offset 'offset';
 * KCXX_EDU_DMA_FROM_DEVICE the other way.  Completion by interrupt.
 * EINVAL for length 0, or offset + length beyond KCXX_EDU_BUFFER_SIZE
 * (the device would abort QEMU), computed without overflow.  EFAULT for a
 * bad 'user_address'; with KCXX_EDU_DMA_FROM_DEVICE the transfer may have
 * happened (and counts in the statistics) before the copy to user memory
 * failed.
 */
struct kcxx_edu_dma {
	__u64 user_address;
	__u32 offset;
	__u32 length;
};
#define KCXX_EDU_DMA_TO_DEVICE _IOW(KCXX_EDU_IOC_TYPE, 4, struct kcxx_edu_dma)
#define KCXX_EDU_DMA_FROM_DEVICE _IOW(KCXX_EDU_IOC_TYPE, 5, struct kcxx_edu_dma)

/*
 * Raises an interrupt with the given status bits (register 0x60) and waits
 * until the driver's handler has acknowledged it.  EINVAL for 0 and for the
 * bits the device itself uses (0x1 factorial, 0x100 DMA).
 */
#define KCXX_EDU_RAISE_IRQ _IOW(KCXX_EDU_IOC_TYPE, 6, __u32)

struct kcxx_edu_stats {
	__u64 interrupts;	/* handled for this device since probe */
	__u64 factorials;
	__u64 dma_to_device;	/* completed transfers */
	__u64 dma_from_device;
	__u64 dma_bytes;
};
#define KCXX_EDU_GET_STATS _IOR(KCXX_EDU_IOC_TYPE, 7, struct kcxx_edu_stats)

#endif /* KCXX_EDU_UAPI_H */
