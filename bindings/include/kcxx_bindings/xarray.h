/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: XArray (include/linux/xarray.h, lib/xarray.c), for
 * include/kcxx/xarray.h.  xa_load(), xa_store(), xa_erase(), xa_find() and
 * xa_destroy() are exported; xa_init_flags() is a static inline (it
 * initialises the xarray's spinlock): a helper.
 */
#ifndef KCXX_BINDINGS_XARRAY_H
#define KCXX_BINDINGS_XARRAY_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(xarray);
KCXX_KERNEL_TYPE(kcxx_xa_mark_t, xa_mark_t, unsigned int);

void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, kcxx_gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max, kcxx_xa_mark_t filter);
void xa_destroy(struct xarray *xa);
/* xa_init(): an empty array with no flags. */
void kcxx_helper_xa_init(struct xarray *xa);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_XARRAY_H */
