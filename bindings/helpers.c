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
#include <linux/acpi.h>
#include <linux/amba/bus.h>
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
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
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
#include <linux/namei.h>
#include <linux/capability.h>
#include <linux/panic.h>
#include <linux/poll.h>
#include <linux/printk.h>
#include <linux/rbtree.h>
#include <linux/refcount.h>
#include <linux/rtc.h>
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

/*
 * DRM is a module: its helpers only go into the modules that ask for them
 * (kcxx-helpers := drm in their Kbuild; kcxx_bindings/drm.h).
 */
#ifdef KCXX_HELPERS_drm
#include <linux/version.h>
#include <drm/drm_aperture.h>
#include <drm/drm_atomic_helper.h>
#include <drm/drm_connector.h>
#include <drm/drm_drv.h>
#include <drm/drm_edid.h>
#include <drm/drm_file.h>
#include <drm/drm_fourcc.h>
#include <drm/drm_framebuffer.h>
#include <drm/drm_gem.h>
#include <drm/drm_gem_framebuffer_helper.h>
#include <drm/drm_gem_ttm_helper.h>
#include <drm/drm_gem_vram_helper.h>
#include <drm/drm_ioctl.h>
#include <drm/drm_managed.h>
#include <drm/drm_mode_config.h>
#include <drm/drm_modes.h>
#include <drm/drm_modeset_helper_vtables.h>
#include <drm/drm_prime.h>
#include <drm/drm_print.h>
#include <drm/drm_probe_helper.h>
#include <drm/drm_simple_kms_helper.h>
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#include <drm/drm_fbdev_ttm.h>
#else
#include <drm/drm_fb_helper.h>
#endif
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
#include "helpers/phy.c"
#include "helpers/platform.c"
/*
 * The RTC class may be missing (the debug kernel has no CONFIG_RTC_CLASS):
 * its helpers go only into the modules that ask for them (kcxx-helpers :=
 * rtc; kcxx_bindings/rtc.h).
 */
#ifdef KCXX_HELPERS_rtc
#include "helpers/rtc.c"
#endif
#ifdef KCXX_HELPERS_drm
#include "helpers/drm.c"
#endif
