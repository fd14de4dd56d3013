// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for the XArray (kcxx_bindings/xarray.h). */

void kcxx_helper_xa_init(struct xarray *xa)
{
	xa_init(xa);
}
