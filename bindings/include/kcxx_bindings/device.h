/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: struct device and the dev_* log functions
 * (include/kcxx/device.h, dev_print.h).
 *
 * dev_info() and friends are macros (dev_printk_index_wrap) around the
 * exported _dev_info() ... _dev_emerg(), the same on 6.1 and 6.12; they add
 * the level themselves.  C++ calls them directly.
 */
#ifndef KCXX_BINDINGS_DEVICE_H
#define KCXX_BINDINGS_DEVICE_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(device);

/* drivers/base/core.c: exported. */
void _dev_emerg(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_alert(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_crit(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_err(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_warn(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_notice(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);
void _dev_info(const struct device *dev, const char *fmt, ...) KCXX_PRINTF(2, 3);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DEVICE_H */
