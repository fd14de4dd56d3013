// SPDX-License-Identifier: GPL-2.0
/*
 * INTERIM module parameters of samples/qr_panic: see qr_panic_params.h.
 * Built only into qr_panic.ko (samples/qr_panic/Kbuild).
 */
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/module.h>
#include <linux/moduleparam.h>

#include "kcxx_bindings.h"
#include "qr_panic_params.h"

static char url[KCXX_QR_PANIC_URL_MAX] = KCXX_QR_PANIC_DEFAULT_URL;
module_param_string(url, url, sizeof(url), 0444);
MODULE_PARM_DESC(url, "Base URL of the QR code (default the public decoder; empty: the raw log in a byte segment)");

static unsigned int max_version = 40;

/* Validation: 1-40, anything else (or garbage) is -EINVAL. */
static int max_version_set(const char *val, const struct kernel_param *kp)
{
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < 1 || v > 40)
		return -EINVAL;
	WRITE_ONCE(*(unsigned int *)kp->arg, v);
	return 0;
}

static const struct kernel_param_ops max_version_ops = {
	.set = max_version_set,
	.get = param_get_uint,
};
module_param_cb(max_version, &max_version_ops, &max_version, 0644);
MODULE_PARM_DESC(max_version, "Largest QR code version (1-40, default 40)");

static bool enabled = true;
module_param(enabled, bool, 0644);
MODULE_PARM_DESC(enabled, "Draw the QR code on panic (and on the debugfs trigger)");

const char *kcxx_qr_panic_param_url(void)
{
	return url;
}

unsigned int kcxx_qr_panic_param_max_version(void)
{
	return READ_ONCE(max_version);
}

bool kcxx_qr_panic_param_enabled(void)
{
	return READ_ONCE(enabled);
}
