// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx bindings: kernel constants and struct layouts for C++, asm-offsets
 * style.
 *
 * kcxx.mk compiles this file to assembly with the target kernel's headers
 * and flags and turns each DEFINE() into a line of kcxx_layout.h, so C++
 * sees the values of this very kernel build: the size and alignment of every
 * struct it embeds by value, GFP flags (their bits differ between 6.1 and
 * 6.12), errno values and the kernel version.
 */
#include <linux/blk-mq.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/mod_devicetable.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/amba/bus.h>
#include <linux/rtc.h>
#include <linux/phy.h>
#include <linux/sysfs.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/configfs.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/ioctl.h>
#include <linux/kbuild.h>
#include <linux/kmsg_dump.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/miscdevice.h>
#include <linux/mman.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/version.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <linux/zlib.h>

#define LAYOUT(name, type)                                  \
	DEFINE(KCXX_SIZEOF_##name, sizeof(type));           \
	DEFINE(KCXX_ALIGNOF_##name, __alignof__(type))

#define CONSTANT(name) DEFINE(KCXX_##name, name)

int main(void);
int main(void)
{
	DEFINE(KCXX_LINUX_VERSION_CODE, LINUX_VERSION_CODE);
	DEFINE(KCXX_CONFIG_KUNIT, IS_ENABLED(CONFIG_KUNIT));
	/* in_atomic() sees held spinlocks (not on Debian's arm64). */
	DEFINE(KCXX_CONFIG_PREEMPT_COUNT, IS_ENABLED(CONFIG_PREEMPT_COUNT));
	/* rcu_read_lock() is the exported __rcu_read_lock() (sync.h). */
	DEFINE(KCXX_PREEMPT_RCU, IS_ENABLED(CONFIG_PREEMPT_RCU));
	/*
	 * spin_lock() and friends inlined, nothing exported (arm64): sync.h.
	 * spin_unlock() is inlined unless UNINLINE_SPIN_UNLOCK (which
	 * PREEMPTION selects: a kernel without preemption, as the riscv64 one
	 * of tools/arch/riscv64, inlines it even where the architecture does not).
	 */
	DEFINE(KCXX_INLINE_SPINLOCKS, IS_ENABLED(CONFIG_INLINE_SPIN_LOCK) ||
	       IS_ENABLED(CONFIG_INLINE_SPIN_UNLOCK) || !IS_ENABLED(CONFIG_UNINLINE_SPIN_UNLOCK) ||
	       IS_ENABLED(CONFIG_INLINE_SPIN_TRYLOCK) ||
	       IS_ENABLED(CONFIG_INLINE_SPIN_LOCK_IRQSAVE) ||
	       IS_ENABLED(CONFIG_INLINE_SPIN_UNLOCK_IRQRESTORE));
#ifdef CONFIG_ARM64
	/*
	 * The cpucap of the device-load-acquire erratum workaround that
	 * readX() carries as an alternative (asm/io.h), and the shape of the
	 * .altinstructions entry: kcxx/arch/arm64/mmio.h.
	 */
	CONSTANT(ARM64_WORKAROUND_DEVICE_LOAD_ACQUIRE);
	DEFINE(KCXX_SIZEOF_alt_instr, sizeof(struct alt_instr));
	OFFSET(KCXX_OFFSETOF_alt_instr_orig_offset, alt_instr, orig_offset);
	OFFSET(KCXX_OFFSETOF_alt_instr_alt_offset, alt_instr, alt_offset);
	OFFSET(KCXX_OFFSETOF_alt_instr_orig_len, alt_instr, orig_len);
	OFFSET(KCXX_OFFSETOF_alt_instr_alt_len, alt_instr, alt_len);
#endif
	BLANK();

	/* Allocation flags (include/linux/gfp_types.h). */
	CONSTANT(GFP_KERNEL);
	CONSTANT(GFP_KERNEL_ACCOUNT);
	CONSTANT(GFP_ATOMIC);
	CONSTANT(GFP_NOWAIT);
	CONSTANT(GFP_NOIO);
	CONSTANT(GFP_NOFS);
	CONSTANT(__GFP_ZERO);
	CONSTANT(__GFP_NOWARN);
	CONSTANT(__GFP_NORETRY);
	CONSTANT(__GFP_RETRY_MAYFAIL);
	CONSTANT(__GFP_NOFAIL);
	CONSTANT(__GFP_DIRECT_RECLAIM);
	BLANK();

	/* Allocator limits. */
	CONSTANT(KMALLOC_MAX_SIZE);
	CONSTANT(ARCH_KMALLOC_MINALIGN);
	CONSTANT(PAGE_SIZE);
	BLANK();

	/* Errno values (uapi asm-generic/errno*.h, linux/errno.h). */
	CONSTANT(MAX_ERRNO);
#define KCXX_ERRNO(name) DEFINE(KCXX_##name, name);
#include "kcxx_errno_list.h"
#undef KCXX_ERRNO
	BLANK();

	/* uaccess, ioctl, files, misc devices (kcxx/uaccess.h, ioctl.h, file.h, miscdevice.h). */
	DEFINE(KCXX_CONFIG_HARDENED_USERCOPY, IS_ENABLED(CONFIG_HARDENED_USERCOPY));
	/*
	 * copy_{from,to}_user() inlined by the architecture (arm64), nothing
	 * exported: C++ calls kcxx_helper_copy_{from,to}_user() instead
	 * (kcxx_bindings/uaccess.h).
	 */
#if defined(INLINE_COPY_FROM_USER) != defined(INLINE_COPY_TO_USER)
#error "kcxx: copy_from_user() and copy_to_user() are not inlined alike"
#endif
#ifdef INLINE_COPY_FROM_USER
	DEFINE(KCXX_INLINE_COPY_USER, 1);
#else
	DEFINE(KCXX_INLINE_COPY_USER, 0);
#endif
	CONSTANT(_IOC_NRBITS);
	CONSTANT(_IOC_TYPEBITS);
	CONSTANT(_IOC_SIZEBITS);
	CONSTANT(_IOC_DIRBITS);
	CONSTANT(_IOC_NRSHIFT);
	CONSTANT(_IOC_TYPESHIFT);
	CONSTANT(_IOC_SIZESHIFT);
	CONSTANT(_IOC_DIRSHIFT);
	CONSTANT(_IOC_NONE);
	CONSTANT(_IOC_WRITE);
	CONSTANT(_IOC_READ);
	DEFINE(KCXX_IOC_EXAMPLE_IOR_K_1_U64, _IOR('k', 1, u64));
	DEFINE(KCXX_IOC_EXAMPLE_IOW_K_2_U32, _IOW('k', 2, u32));
	DEFINE(KCXX_IOC_EXAMPLE_IOWR_K_3_24, _IOWR('k', 3, char[24]));
	DEFINE(KCXX_IOC_EXAMPLE_IO_K_4, _IO('k', 4));
	CONSTANT(O_NONBLOCK);
	CONSTANT(SEEK_SET);
	CONSTANT(SEEK_CUR);
	CONSTANT(SEEK_END);
	CONSTANT(SEEK_DATA);
	CONSTANT(SEEK_HOLE);
	CONSTANT(EPOLLIN);
	CONSTANT(EPOLLPRI);
	CONSTANT(EPOLLOUT);
	CONSTANT(EPOLLERR);
	CONSTANT(EPOLLHUP);
	CONSTANT(EPOLLRDNORM);
	CONSTANT(EPOLLWRNORM);
	CONSTANT(MISC_DYNAMIC_MINOR);
	CONSTANT(PROT_NONE);
	CONSTANT(PROT_READ);
	CONSTANT(PROT_WRITE);
	CONSTANT(MAP_PRIVATE);
	CONSTANT(MAP_ANONYMOUS);
	LAYOUT(file_operations, struct file_operations);
	OFFSET(KCXX_OFFSETOF_fops_owner, file_operations, owner);
	OFFSET(KCXX_OFFSETOF_fops_llseek, file_operations, llseek);
	OFFSET(KCXX_OFFSETOF_fops_read, file_operations, read);
	OFFSET(KCXX_OFFSETOF_fops_write, file_operations, write);
	OFFSET(KCXX_OFFSETOF_fops_poll, file_operations, poll);
	OFFSET(KCXX_OFFSETOF_fops_unlocked_ioctl, file_operations, unlocked_ioctl);
	OFFSET(KCXX_OFFSETOF_fops_compat_ioctl, file_operations, compat_ioctl);
	OFFSET(KCXX_OFFSETOF_fops_open, file_operations, open);
	OFFSET(KCXX_OFFSETOF_fops_release, file_operations, release);
	LAYOUT(miscdevice, struct miscdevice);
	OFFSET(KCXX_OFFSETOF_miscdevice_minor, miscdevice, minor);
	OFFSET(KCXX_OFFSETOF_miscdevice_name, miscdevice, name);
	OFFSET(KCXX_OFFSETOF_miscdevice_fops, miscdevice, fops);
	OFFSET(KCXX_OFFSETOF_miscdevice_list, miscdevice, list);
	OFFSET(KCXX_OFFSETOF_miscdevice_parent, miscdevice, parent);
	OFFSET(KCXX_OFFSETOF_miscdevice_this_device, miscdevice, this_device);
	OFFSET(KCXX_OFFSETOF_miscdevice_groups, miscdevice, groups);
	OFFSET(KCXX_OFFSETOF_miscdevice_nodename, miscdevice, nodename);
	OFFSET(KCXX_OFFSETOF_miscdevice_mode, miscdevice, mode);
	OFFSET(KCXX_OFFSETOF_file_private_data, file, private_data);
	OFFSET(KCXX_OFFSETOF_file_f_flags, file, f_flags);
	DEFINE(KCXX_SIZEOF_file_f_flags, sizeof_field(struct file, f_flags));
	OFFSET(KCXX_OFFSETOF_file_f_mode, file, f_mode);
	DEFINE(KCXX_SIZEOF_file_f_mode, sizeof_field(struct file, f_mode));
	DEFINE(KCXX_FMODE_READ, (__force unsigned int)FMODE_READ);
	DEFINE(KCXX_FMODE_WRITE, (__force unsigned int)FMODE_WRITE);
	BLANK();

	/* kmsg_dump, zlib deflate, memremap (kcxx/kmsg_dump.h, zlib.h, firmware_fb.h). */
	LAYOUT(kmsg_dump_iter, struct kmsg_dump_iter);
	CONSTANT(KMSG_DUMP_PANIC);
	CONSTANT(KMSG_DUMP_OOPS);
	CONSTANT(KMSG_DUMP_EMERG);
	CONSTANT(KMSG_DUMP_SHUTDOWN);
	LAYOUT(z_stream, struct z_stream_s);
	OFFSET(KCXX_OFFSETOF_z_stream_next_in, z_stream_s, next_in);
	OFFSET(KCXX_OFFSETOF_z_stream_avail_in, z_stream_s, avail_in);
	OFFSET(KCXX_OFFSETOF_z_stream_next_out, z_stream_s, next_out);
	OFFSET(KCXX_OFFSETOF_z_stream_avail_out, z_stream_s, avail_out);
	OFFSET(KCXX_OFFSETOF_z_stream_total_out, z_stream_s, total_out);
	OFFSET(KCXX_OFFSETOF_z_stream_workspace, z_stream_s, workspace);
	CONSTANT(Z_OK);
	CONSTANT(Z_STREAM_END);
	CONSTANT(Z_FINISH);
	CONSTANT(Z_DEFLATED);
	CONSTANT(Z_DEFAULT_STRATEGY);
	CONSTANT(MEMREMAP_WC);
	BLANK();

	/* Structs that C++ embeds by value. */
	LAYOUT(list_head, struct list_head);
	LAYOUT(lock_class_key, struct lock_class_key);
	LAYOUT(mutex, struct mutex);
	LAYOUT(spinlock, spinlock_t);
	LAYOUT(completion, struct completion);
	OFFSET(KCXX_OFFSETOF_completion_done, completion, done);
	LAYOUT(wait_queue_head, struct wait_queue_head);
	LAYOUT(refcount, refcount_t);
	LAYOUT(wait_queue_entry, struct wait_queue_entry);
	/* kcxx/sync: task states, timeouts, refcount_t saturation reports. */
	CONSTANT(TASK_INTERRUPTIBLE);
	CONSTANT(TASK_UNINTERRUPTIBLE);
	CONSTANT(TASK_NORMAL);
	CONSTANT(MAX_SCHEDULE_TIMEOUT);
	CONSTANT(REFCOUNT_ADD_OVF);
	CONSTANT(REFCOUNT_ADD_UAF);
	CONSTANT(REFCOUNT_SUB_UAF);
	LAYOUT(rb_node, struct rb_node);
	LAYOUT(rb_root, struct rb_root);
	LAYOUT(kernel_param, struct kernel_param);
	LAYOUT(kernel_param_ops, struct kernel_param_ops);
	OFFSET(KCXX_OFFSETOF_kernel_param_perm, kernel_param, perm);
	OFFSET(KCXX_OFFSETOF_kernel_param_arg, kernel_param, arg);
	CONSTANT(KERNEL_PARAM_OPS_FL_NOARG);
	/* kcxx/time.h, hrtimer.h, workqueue.h. */
	CONSTANT(HZ);
	CONSTANT(MAX_JIFFY_OFFSET);
	CONSTANT(KTIME_MAX);
	CONSTANT(CLOCK_MONOTONIC);
	CONSTANT(HRTIMER_MODE_REL);
	CONSTANT(HRTIMER_MODE_REL_SOFT);
	CONSTANT(HRTIMER_NORESTART);
	CONSTANT(HRTIMER_RESTART);
	LAYOUT(hrtimer, struct hrtimer);
	LAYOUT(work_struct, struct work_struct);
	LAYOUT(delayed_work, struct delayed_work);
	OFFSET(KCXX_OFFSETOF_delayed_work_work, delayed_work, work);
	LAYOUT(timer_list, struct timer_list);
	CONSTANT(WORK_CPU_UNBOUND);
	CONSTANT(WQ_UNBOUND);
	CONSTANT(WQ_HIGHPRI);
	CONSTANT(WQ_MEM_RECLAIM);
	CONSTANT(WQ_FREEZABLE);
	/* kcxx/block: requests, hardware contexts, blk-mq ops, status codes. */
	LAYOUT(request, struct request);
	OFFSET(KCXX_OFFSETOF_request_mq_hctx, request, mq_hctx);
	OFFSET(KCXX_OFFSETOF_request_cmd_flags, request, cmd_flags);
	OFFSET(KCXX_OFFSETOF_request_rq_flags, request, rq_flags);
	DEFINE(KCXX_SIZEOF_request_rq_flags, sizeof_field(struct request, rq_flags));
	DEFINE(KCXX_RQF_DONTPREP, (__force unsigned int)RQF_DONTPREP);
	OFFSET(KCXX_OFFSETOF_request_sector, request, __sector);
	OFFSET(KCXX_OFFSETOF_request_data_len, request, __data_len);
	OFFSET(KCXX_OFFSETOF_request_rq_next, request, rq_next);
	OFFSET(KCXX_OFFSETOF_request_tag, request, tag);
	OFFSET(KCXX_OFFSETOF_request_q, request, q);
	OFFSET(KCXX_OFFSETOF_request_queue_queuedata, request_queue, queuedata);
	OFFSET(KCXX_OFFSETOF_blk_mq_hw_ctx_queue_num, blk_mq_hw_ctx, queue_num);
	DEFINE(KCXX_SIZEOF_blk_mq_hw_ctx_queue_num, sizeof_field(struct blk_mq_hw_ctx, queue_num));
	DEFINE(KCXX_SIZEOF_request_tag, sizeof_field(struct request, tag));
	/* A request's data mapped for DMA (kcxx/block/request_dma.h). */
	LAYOUT(scatterlist, struct scatterlist);
	OFFSET(KCXX_OFFSETOF_scatterlist_dma_address, scatterlist, dma_address);
#ifdef CONFIG_NEED_SG_DMA_LENGTH
	OFFSET(KCXX_OFFSETOF_scatterlist_dma_length, scatterlist, dma_length);
#else
	OFFSET(KCXX_OFFSETOF_scatterlist_dma_length, scatterlist, length);
#endif
	DEFINE(KCXX_SIZEOF_request_cmd_flags, sizeof_field(struct request, cmd_flags));
	DEFINE(KCXX_SIZEOF_request_sector, sizeof_field(struct request, __sector));
	DEFINE(KCXX_SIZEOF_request_data_len, sizeof_field(struct request, __data_len));
	OFFSET(KCXX_OFFSETOF_blk_mq_hw_ctx_driver_data, blk_mq_hw_ctx, driver_data);
	OFFSET(KCXX_OFFSETOF_blk_mq_queue_data_rq, blk_mq_queue_data, rq);
	OFFSET(KCXX_OFFSETOF_blk_mq_queue_data_last, blk_mq_queue_data, last);
	LAYOUT(blk_mq_ops, struct blk_mq_ops);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_queue_rq, blk_mq_ops, queue_rq);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_commit_rqs, blk_mq_ops, commit_rqs);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_queue_rqs, blk_mq_ops, queue_rqs);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_timeout, blk_mq_ops, timeout);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_complete, blk_mq_ops, complete);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_init_hctx, blk_mq_ops, init_hctx);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_init_request, blk_mq_ops, init_request);
	OFFSET(KCXX_OFFSETOF_blk_mq_ops_exit_request, blk_mq_ops, exit_request);
	LAYOUT(blk_mq_tag_set, struct blk_mq_tag_set);
	OFFSET(KCXX_OFFSETOF_blk_mq_tag_set_nr_hw_queues, blk_mq_tag_set, nr_hw_queues);
	OFFSET(KCXX_OFFSETOF_blk_mq_tag_set_driver_data, blk_mq_tag_set, driver_data);
	LAYOUT(io_comp_batch, struct io_comp_batch);
	LAYOUT(req_iterator, struct req_iterator);
	CONSTANT(REQ_OP_MASK);
	CONSTANT(REQ_OP_READ);
	CONSTANT(REQ_OP_WRITE);
	CONSTANT(REQ_OP_FLUSH);
	CONSTANT(REQ_OP_DISCARD);
	CONSTANT(REQ_OP_WRITE_ZEROES);
	CONSTANT(REQ_FUA);
	CONSTANT(BLK_STS_OK);
	CONSTANT(BLK_STS_NOTSUPP);
	CONSTANT(BLK_STS_TIMEOUT);
	CONSTANT(BLK_STS_NOSPC);
	CONSTANT(BLK_STS_RESOURCE);
	CONSTANT(BLK_STS_IOERR);
	CONSTANT(BLK_STS_DEV_RESOURCE);
	CONSTANT(BLK_EH_DONE);
	CONSTANT(BLK_EH_RESET_TIMER);
	CONSTANT(SECTOR_SHIFT);
	CONSTANT(DISK_NAME_LEN);
	CONSTANT(NUMA_NO_NODE);
	/* kcxx/xarray.h. */
	LAYOUT(xarray, struct xarray);
	CONSTANT(XA_PRESENT);
	/* configfs (kcxx/configfs.h): the structs C++ builds as constants. */
	CONSTANT(CONFIGFS_ITEM_NAME_LEN);
	LAYOUT(config_item, struct config_item);
	LAYOUT(config_group, struct config_group);
	OFFSET(KCXX_OFFSETOF_config_group_cg_item, config_group, cg_item);
	LAYOUT(configfs_subsystem, struct configfs_subsystem);
	OFFSET(KCXX_OFFSETOF_configfs_subsystem_su_group, configfs_subsystem, su_group);
	OFFSET(KCXX_OFFSETOF_configfs_subsystem_su_mutex, configfs_subsystem, su_mutex);
	LAYOUT(configfs_attribute, struct configfs_attribute);
	OFFSET(KCXX_OFFSETOF_configfs_attribute_ca_name, configfs_attribute, ca_name);
	OFFSET(KCXX_OFFSETOF_configfs_attribute_ca_owner, configfs_attribute, ca_owner);
	OFFSET(KCXX_OFFSETOF_configfs_attribute_ca_mode, configfs_attribute, ca_mode);
	OFFSET(KCXX_OFFSETOF_configfs_attribute_show, configfs_attribute, show);
	OFFSET(KCXX_OFFSETOF_configfs_attribute_store, configfs_attribute, store);
	LAYOUT(config_item_type, struct config_item_type);
	OFFSET(KCXX_OFFSETOF_config_item_type_ct_owner, config_item_type, ct_owner);
	OFFSET(KCXX_OFFSETOF_config_item_type_ct_item_ops, config_item_type, ct_item_ops);
	OFFSET(KCXX_OFFSETOF_config_item_type_ct_group_ops, config_item_type, ct_group_ops);
	OFFSET(KCXX_OFFSETOF_config_item_type_ct_attrs, config_item_type, ct_attrs);
	OFFSET(KCXX_OFFSETOF_config_item_type_ct_bin_attrs, config_item_type, ct_bin_attrs);
	LAYOUT(configfs_item_operations, struct configfs_item_operations);
	OFFSET(KCXX_OFFSETOF_configfs_item_operations_release, configfs_item_operations, release);
	OFFSET(KCXX_OFFSETOF_configfs_item_operations_allow_link, configfs_item_operations, allow_link);
	OFFSET(KCXX_OFFSETOF_configfs_item_operations_drop_link, configfs_item_operations, drop_link);
	LAYOUT(configfs_group_operations, struct configfs_group_operations);
	OFFSET(KCXX_OFFSETOF_configfs_group_operations_make_group, configfs_group_operations, make_group);
	OFFSET(KCXX_OFFSETOF_configfs_group_operations_drop_item, configfs_group_operations, drop_item);
	BLANK();
	/* The device model: devres, PCI, interrupts, DMA (kcxx/device.h, pci/, irq/, dma/). */
	OFFSET(KCXX_OFFSETOF_device_driver_data, device, driver_data);
	LAYOUT(device_attribute, struct device_attribute);
	OFFSET(KCXX_OFFSETOF_device_attribute_attr, device_attribute, attr);
	OFFSET(KCXX_OFFSETOF_device_attribute_show, device_attribute, show);
	OFFSET(KCXX_OFFSETOF_device_attribute_store, device_attribute, store);
	LAYOUT(attribute, struct attribute);
	OFFSET(KCXX_OFFSETOF_attribute_name, attribute, name);
	OFFSET(KCXX_OFFSETOF_attribute_mode, attribute, mode);
	LAYOUT(attribute_group, struct attribute_group);
	OFFSET(KCXX_OFFSETOF_attribute_group_attrs, attribute_group, attrs);
	LAYOUT(pci_driver, struct pci_driver);
	LAYOUT(dev_pm_ops, struct dev_pm_ops);
	LAYOUT(pci_device_id, struct pci_device_id);
	OFFSET(KCXX_OFFSETOF_pci_device_id_vendor, pci_device_id, vendor);
	OFFSET(KCXX_OFFSETOF_pci_device_id_device, pci_device_id, device);
	OFFSET(KCXX_OFFSETOF_pci_device_id_subvendor, pci_device_id, subvendor);
	OFFSET(KCXX_OFFSETOF_pci_device_id_subdevice, pci_device_id, subdevice);
	OFFSET(KCXX_OFFSETOF_pci_device_id_class, pci_device_id, class);
	OFFSET(KCXX_OFFSETOF_pci_device_id_class_mask, pci_device_id, class_mask);
	OFFSET(KCXX_OFFSETOF_pci_device_id_driver_data, pci_device_id, driver_data);
	OFFSET(KCXX_OFFSETOF_pci_device_id_override_only, pci_device_id, override_only);
	CONSTANT(PCI_ANY_ID);
	OFFSET(KCXX_OFFSETOF_pci_dev_dev, pci_dev, dev);
	OFFSET(KCXX_OFFSETOF_pci_dev_vendor, pci_dev, vendor);
	OFFSET(KCXX_OFFSETOF_pci_dev_device, pci_dev, device);
	OFFSET(KCXX_OFFSETOF_pci_dev_subsystem_vendor, pci_dev, subsystem_vendor);
	OFFSET(KCXX_OFFSETOF_pci_dev_subsystem_device, pci_dev, subsystem_device);
	OFFSET(KCXX_OFFSETOF_pci_dev_class, pci_dev, class);
	OFFSET(KCXX_OFFSETOF_pci_dev_revision, pci_dev, revision);
	CONSTANT(PCI_STD_NUM_BARS);
#ifdef PCI_IRQ_INTX
	DEFINE(KCXX_PCI_IRQ_INTX, PCI_IRQ_INTX);
#else
	DEFINE(KCXX_PCI_IRQ_INTX, PCI_IRQ_LEGACY);
#endif
	CONSTANT(PCI_IRQ_MSI);
	CONSTANT(PCI_IRQ_MSIX);
	CONSTANT(IORESOURCE_IO);
	CONSTANT(IORESOURCE_MEM);
	CONSTANT(IRQF_SHARED);
	CONSTANT(IRQF_ONESHOT);
	CONSTANT(IRQ_NONE);
	CONSTANT(IRQ_HANDLED);
	CONSTANT(IRQ_WAKE_THREAD);
	CONSTANT(DMA_BIDIRECTIONAL);
	CONSTANT(DMA_TO_DEVICE);
	CONSTANT(DMA_FROM_DEVICE);
	BLANK();
	/* Platform and AMBA drivers, RTCs (kcxx/platform/, kcxx/amba/, kcxx/rtc/). */
	LAYOUT(platform_driver, struct platform_driver);
	LAYOUT(amba_driver, struct amba_driver);
	LAYOUT(of_device_id, struct of_device_id);
	OFFSET(KCXX_OFFSETOF_of_device_id_compatible, of_device_id, compatible);
	OFFSET(KCXX_OFFSETOF_of_device_id_data, of_device_id, data);
	DEFINE(KCXX_SIZEOF_of_device_id_name, sizeof(((struct of_device_id *)0)->name));
	DEFINE(KCXX_SIZEOF_of_device_id_type, sizeof(((struct of_device_id *)0)->type));
	DEFINE(KCXX_SIZEOF_of_device_id_compatible, sizeof(((struct of_device_id *)0)->compatible));
	LAYOUT(acpi_device_id, struct acpi_device_id);
	OFFSET(KCXX_OFFSETOF_acpi_device_id_driver_data, acpi_device_id, driver_data);
	OFFSET(KCXX_OFFSETOF_acpi_device_id_cls, acpi_device_id, cls);
	OFFSET(KCXX_OFFSETOF_acpi_device_id_cls_msk, acpi_device_id, cls_msk);
	DEFINE(KCXX_SIZEOF_acpi_device_id_id, sizeof(((struct acpi_device_id *)0)->id));
	LAYOUT(platform_device_id, struct platform_device_id);
	OFFSET(KCXX_OFFSETOF_platform_device_id_driver_data, platform_device_id, driver_data);
	DEFINE(KCXX_SIZEOF_platform_device_id_name, sizeof(((struct platform_device_id *)0)->name));
	LAYOUT(amba_id, struct amba_id);
	OFFSET(KCXX_OFFSETOF_amba_id_id, amba_id, id);
	OFFSET(KCXX_OFFSETOF_amba_id_mask, amba_id, mask);
	OFFSET(KCXX_OFFSETOF_amba_id_data, amba_id, data);
	OFFSET(KCXX_OFFSETOF_platform_device_dev, platform_device, dev);
	OFFSET(KCXX_OFFSETOF_amba_device_dev, amba_device, dev);
#ifdef CONFIG_ARM_AMBA
	DEFINE(KCXX_HAVE_ARM_AMBA, 1);
#else
	DEFINE(KCXX_HAVE_ARM_AMBA, 0);
#endif
	DEFINE(KCXX_AMBA_NR_IRQS, AMBA_NR_IRQS);
	CONSTANT(IORESOURCE_IRQ);
	LAYOUT(rtc_class_ops, struct rtc_class_ops);
	LAYOUT(rtc_time, struct rtc_time);
	OFFSET(KCXX_OFFSETOF_rtc_time_tm_sec, rtc_time, tm_sec);
	OFFSET(KCXX_OFFSETOF_rtc_time_tm_isdst, rtc_time, tm_isdst);
	LAYOUT(rtc_wkalrm, struct rtc_wkalrm);
	OFFSET(KCXX_OFFSETOF_rtc_wkalrm_enabled, rtc_wkalrm, enabled);
	OFFSET(KCXX_OFFSETOF_rtc_wkalrm_pending, rtc_wkalrm, pending);
	OFFSET(KCXX_OFFSETOF_rtc_wkalrm_time, rtc_wkalrm, time);
	CONSTANT(RTC_AF);
	CONSTANT(RTC_IRQF);
	BLANK();
	/* phylib (kcxx/net/phy/). */
	LAYOUT(phy_driver, struct phy_driver);
	LAYOUT(mdio_device_id, struct mdio_device_id);
	OFFSET(KCXX_OFFSETOF_mdio_device_id_phy_id, mdio_device_id, phy_id);
	OFFSET(KCXX_OFFSETOF_mdio_device_id_phy_id_mask, mdio_device_id, phy_id_mask);
	OFFSET(KCXX_OFFSETOF_phy_device_mdio_dev, phy_device, mdio.dev);
	OFFSET(KCXX_OFFSETOF_phy_device_mdio_bus, phy_device, mdio.bus);
	OFFSET(KCXX_OFFSETOF_phy_device_mdio_addr, phy_device, mdio.addr);
	OFFSET(KCXX_OFFSETOF_phy_device_phy_id, phy_device, phy_id);
	OFFSET(KCXX_OFFSETOF_phy_device_state, phy_device, state);
	OFFSET(KCXX_OFFSETOF_phy_device_speed, phy_device, speed);
	OFFSET(KCXX_OFFSETOF_phy_device_duplex, phy_device, duplex);
	DEFINE(KCXX_SIZEOF_phy_device_state, sizeof(((struct phy_device *)0)->state));
	CONSTANT(PHY_IS_INTERNAL);
	CONSTANT(PHY_RST_AFTER_CLK_EN);
	CONSTANT(PHY_POLL_CABLE_TEST);
	CONSTANT(PHY_DOWN);
	CONSTANT(PHY_READY);
	CONSTANT(PHY_HALTED);
	CONSTANT(PHY_UP);
	CONSTANT(PHY_RUNNING);
	CONSTANT(PHY_NOLINK);
	CONSTANT(PHY_CABLETEST);
	CONSTANT(SPEED_10);
	CONSTANT(SPEED_100);
	CONSTANT(SPEED_1000);
	DEFINE(KCXX_SPEED_UNKNOWN, SPEED_UNKNOWN);
	CONSTANT(DUPLEX_HALF);
	CONSTANT(DUPLEX_FULL);
	CONSTANT(DUPLEX_UNKNOWN);
	CONSTANT(AUTONEG_ENABLE);
	return 0;
}
