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
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kbuild.h>
#include <linux/list.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/version.h>
#include <linux/wait.h>

#define LAYOUT(name, type)                                  \
	DEFINE(KCXX_SIZEOF_##name, sizeof(type));           \
	DEFINE(KCXX_ALIGNOF_##name, __alignof__(type))

#define CONSTANT(name) DEFINE(KCXX_##name, name)

int main(void);
int main(void)
{
	DEFINE(KCXX_LINUX_VERSION_CODE, LINUX_VERSION_CODE);
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

	/* Structs that C++ embeds by value. */
	LAYOUT(list_head, struct list_head);
	LAYOUT(lock_class_key, struct lock_class_key);
	LAYOUT(mutex, struct mutex);
	LAYOUT(spinlock, spinlock_t);
	LAYOUT(completion, struct completion);
	LAYOUT(wait_queue_head, struct wait_queue_head);
	LAYOUT(refcount, refcount_t);
	return 0;
}
