/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: every kernel function and type that kcxx's C++ code uses.
 *
 * This header is valid both as C and as C++ and is the only place where C++
 * learns about the kernel:
 *
 *  - C++ includes it (through <kcxx/bindings.h>) and sees the declarations
 *    inside namespace kcxx::bindings, with C linkage.  Exported out-of-line
 *    kernel functions are declared under their own names, so C++ calls them
 *    directly, with no helper hop.
 *  - bindings/helpers.c includes it after the real kernel headers.  There the
 *    C compiler compares every declaration below with the kernel's own
 *    prototype and rejects any that disagrees, so a signature that changed
 *    between kernel versions breaks the build, not the machine.
 *
 * Static inline functions and macros cannot be called from C++; each gets a
 * kcxx_helper_* function in helpers.c.
 *
 * One subsystem per file: this header holds the shared macros and the core
 * (printk, panic, slab); each further subsystem has its declarations in
 * kcxx_bindings/<subsystem>.h (included at the end of this file) and, if it
 * needs helpers, their definitions in bindings/helpers/<subsystem>.c; its
 * kernel headers are included at the top of helpers.c, before this header,
 * so that every declaration is checked.
 *
 * Kernel version differences are settled here, with KCXX_LINUX_VERSION_CODE
 * (LINUX_VERSION_CODE in C, the generated layout header in C++).
 */
#ifndef KCXX_BINDINGS_H
#define KCXX_BINDINGS_H

#define KCXX_KERNEL_VERSION(a, b, c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))

#ifdef __cplusplus
#include "kcxx_layout.h"
#define KCXX_BINDINGS_BEGIN namespace kcxx::bindings { extern "C" {
#define KCXX_BINDINGS_END } }
#define KCXX_NORETURN [[noreturn]]
#define KCXX_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
/*
 * A kernel type as C++ sees it: the plain type it is built from.  The C side
 * of the macro checks that the two really are the same type.
 */
#define KCXX_KERNEL_TYPE(name, kernel_type, plain_type) typedef plain_type name
/* An opaque kernel struct: C++ only ever holds pointers to it. */
#define KCXX_OPAQUE_STRUCT(tag) struct tag
#else
#include <linux/version.h>
#define KCXX_LINUX_VERSION_CODE LINUX_VERSION_CODE
#define KCXX_BINDINGS_BEGIN
#define KCXX_BINDINGS_END
#define KCXX_NORETURN __noreturn
#define KCXX_PRINTF(fmt, args) __printf(fmt, args)
#define KCXX_KERNEL_TYPE(name, kernel_type, plain_type)                      \
	typedef kernel_type name;                                            \
	_Static_assert(__builtin_types_compatible_p(kernel_type, plain_type), \
		       #kernel_type " is no longer " #plain_type)
#define KCXX_OPAQUE_STRUCT(tag) struct tag
#endif

KCXX_BINDINGS_BEGIN

KCXX_KERNEL_TYPE(kcxx_size_t, size_t, unsigned long);
KCXX_KERNEL_TYPE(kcxx_gfp_t, gfp_t, unsigned int);

KCXX_OPAQUE_STRUCT(module);

/* The module this object is linked into (defined by modpost's .mod.c). */
extern struct module __this_module;

/* printk: kernel/printk/printk.c, exported. */
int _printk(const char *fmt, ...) KCXX_PRINTF(1, 2);

/* panic: kernel/panic.c, exported; objtool knows it does not return. */
KCXX_NORETURN void panic(const char *fmt, ...) KCXX_PRINTF(1, 2);

/* Slab allocator: mm/slab_common.c, mm/slub.c, exported. */
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 10, 0)
void *__kmalloc_noprof(kcxx_size_t size, kcxx_gfp_t flags);
#define kcxx_kmalloc_symbol __kmalloc_noprof
#else
void *__kmalloc(kcxx_size_t size, kcxx_gfp_t flags);
#define kcxx_kmalloc_symbol __kmalloc
#endif
void kfree(const void *objp);

/* Helpers for static inline functions and macros (bindings/helpers.c). */

/* WARN(1, "%s", message): a kernel warning with a backtrace. */
void kcxx_helper_warn(const char *message);
/* might_sleep(): on a debug kernel, complains when called in atomic context. */
void kcxx_helper_might_sleep(void);

KCXX_BINDINGS_END

/* Subsystems (bindings/include/kcxx_bindings/), one line each. */
#include "kcxx_bindings/uaccess.h"
#include "kcxx_bindings/fs.h"
#include "kcxx_bindings/miscdevice.h"
#include "kcxx_bindings/user_mm.h"
#include "kcxx_bindings/alloc.h"
#include "kcxx_bindings/str.h"
#include "kcxx_bindings/list.h"
#include "kcxx_bindings/rbtree.h"
#include "kcxx_bindings/moduleparam.h"
#include "kcxx_bindings/kunit.h"
#include "kcxx_bindings/kmsg_dump.h"
#include "kcxx_bindings/zlib.h"
#include "kcxx_bindings/firmware_fb.h"
#include "kcxx_bindings/debugfs.h"
#include "kcxx_bindings/utsname.h"
#include "kcxx_bindings/sync.h"
#include "kcxx_bindings/time.h"
#include "kcxx_bindings/workqueue.h"
#include "kcxx_bindings/device.h"
#include "kcxx_bindings/block.h"
#include "kcxx_bindings/xarray.h"
#include "kcxx_bindings/topology.h"
#include "kcxx_bindings/configfs.h"
#include "kcxx_bindings/pci.h"
#include "kcxx_bindings/irq.h"
#include "kcxx_bindings/dma.h"
#include "kcxx_bindings/phy.h"
#include "kcxx_bindings/platform.h"
#include "kcxx_bindings/rtc.h"
#include "kcxx_bindings/drm.h"

#endif /* KCXX_BINDINGS_H */
