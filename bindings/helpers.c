// SPDX-License-Identifier: GPL-2.0
/*
 * kcxx bindings: C helpers for kernel static inline functions and macros.
 *
 * Compiled by Kbuild with the kernel's own headers and flags, into every
 * kcxx module.  Including kcxx_bindings.h after the kernel headers makes the
 * C compiler check every declaration C++ relies on against the kernel's real
 * prototypes.  A subsystem adds its kernel headers to the list below and its
 * helpers as bindings/helpers/<subsystem>.c, included at the end.
 */
#include <linux/bio.h>
#include <linux/blk-mq.h>
#include <linux/blk-mq-pci.h>
#include <linux/blkdev.h>
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/configfs.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/delay.h>
#include <linux/fs.h>
#include <linux/hrtimer.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/pci.h>
#include <linux/phy.h>
#include <linux/kmsg_dump.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/list.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/panic.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/screen_info.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/timekeeping.h>
#include <linux/timer.h>
#include <linux/topology.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>
#include <linux/wait_bit.h>
#include <linux/zlib.h>

#if IS_ENABLED(CONFIG_KUNIT)
#include <kunit/test.h>
#endif

#include "kcxx_bindings.h"

void kcxx_helper_warn(const char *message)
{
	WARN(1, "%s", message);
}

void kcxx_helper_might_sleep(void)
{
	might_sleep();
}

/* Subsystem helpers (bindings/helpers/), one line each. */
#include "helpers/fs.c"
#include "helpers/miscdevice.c"
#include "helpers/user_mm.c"
#include "helpers/list.c"
#include "helpers/kunit.c"
#include "helpers/kmsg_dump.c"
#include "helpers/firmware_fb.c"
#include "helpers/debugfs.c"
#include "helpers/utsname.c"
#include "helpers/sync.c"
#include "helpers/time.c"
#include "helpers/workqueue.c"
#include "helpers/block.c"
#include "helpers/xarray.c"
#include "helpers/topology.c"
#include "helpers/device.c"
#include "helpers/pci.c"
#include "helpers/dma.c"
#include "helpers/io.c"
#include "helpers/phy.c"
