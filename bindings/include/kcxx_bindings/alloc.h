/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: allocators beyond kmalloc/kfree (kcxx_bindings.h has those).
 *
 * krealloc and vmalloc are exported under their own names on 6.1 and as
 * *_noprof on 6.12 (memory allocation profiling wraps the plain names in
 * macros); kcxx_krealloc_symbol and kcxx_vmalloc_symbol name the one this
 * kernel exports, as kcxx_kmalloc_symbol does for kmalloc.
 */
#ifndef KCXX_BINDINGS_ALLOC_H
#define KCXX_BINDINGS_ALLOC_H

KCXX_BINDINGS_BEGIN

/* mm/slab_common.c (6.1: mm/slab_common.c too), exported. */
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 10, 0)
void *krealloc_noprof(const void *objp, kcxx_size_t new_size, kcxx_gfp_t flags);
#define kcxx_krealloc_symbol krealloc_noprof
#else
void *krealloc(const void *objp, kcxx_size_t new_size, kcxx_gfp_t flags);
#define kcxx_krealloc_symbol krealloc
#endif

/* mm/vmalloc.c, exported: __vmalloc takes the GFP flags. */
#if KCXX_LINUX_VERSION_CODE >= KCXX_KERNEL_VERSION(6, 10, 0)
void *__vmalloc_noprof(unsigned long size, kcxx_gfp_t gfp_mask);
#define kcxx_vmalloc_symbol __vmalloc_noprof
#else
void *__vmalloc(unsigned long size, kcxx_gfp_t gfp_mask);
#define kcxx_vmalloc_symbol __vmalloc
#endif
void vfree(const void *addr);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_ALLOC_H */
