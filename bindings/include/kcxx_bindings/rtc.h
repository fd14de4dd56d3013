/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: real-time clocks (include/linux/rtc.h), for
 * include/kcxx/rtc/.
 *
 * struct rtc_time and struct rtc_wkalrm are mirrored in C++ (checked against
 * bindings/layout.c); struct rtc_device and struct rtc_class_ops are not: a
 * helper allocates, sets up and registers the device (device-managed), and
 * C++ owns zeroed storage of rtc_class_ops's size that a helper fills in.
 *
 * The RTC core calls the class operations with the parent device, not the
 * RTC: kcxx_helper_rtc_register() keeps the driver's data pointer in a devres
 * entry of the parent, added before the RTC's own, so that it is released
 * after the RTC is unregistered (and its operations can no longer run), and
 * kcxx_helper_rtc_data() finds it.
 *
 * Not every kernel has the RTC class (the debug kernel has no
 * CONFIG_RTC_CLASS), and bindings/helpers.c is linked into every kcxx
 * module: the helpers are compiled only into the modules whose Kbuild says
 * 'kcxx-helpers := rtc' (KCXX_HELPERS_rtc), and only those import from it.
 */
#ifndef KCXX_BINDINGS_RTC_H
#define KCXX_BINDINGS_RTC_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(rtc_device);
KCXX_OPAQUE_STRUCT(rtc_class_ops);
KCXX_OPAQUE_STRUCT(rtc_time);
KCXX_OPAQUE_STRUCT(rtc_wkalrm);

/* drivers/rtc/lib.c, exported. */
void rtc_time64_to_tm(long long time, struct rtc_time *tm);
long long rtc_tm_to_time64(struct rtc_time *tm);
/* drivers/rtc/interface.c, exported. */
void rtc_update_irq(struct rtc_device *rtc, unsigned long num, unsigned long events);

/* Fills in a zeroed struct rtc_class_ops; a NULL operation stays NULL. */
void kcxx_helper_rtc_ops_init(struct rtc_class_ops *ops,
			      int (*read_time)(struct device *dev, struct rtc_time *tm),
			      int (*set_time)(struct device *dev, struct rtc_time *tm),
			      int (*read_alarm)(struct device *dev, struct rtc_wkalrm *alarm),
			      int (*set_alarm)(struct device *dev, struct rtc_wkalrm *alarm),
			      int (*alarm_irq_enable)(struct device *dev, unsigned int enabled));
/*
 * Adds a devres entry of dev holding data (drop(data) at its release),
 * marks dev wakeup-capable if there is an alarm (undone at the binding's
 * end), then devm_rtc_allocate_device(dev), sets ops, the range and the alarm
 * feature, and devm_rtc_register_device().  The RTC, or an ERR_PTR (drop
 * then runs at the binding's end, or at once if the entry could not be
 * made).
 */
struct rtc_device *kcxx_helper_rtc_register(struct device *dev, const struct rtc_class_ops *ops,
					    void *data, void (*drop)(void *data),
					    long long range_min, unsigned long long range_max, bool alarm);
/* The data of the RTC registered on dev by kcxx_helper_rtc_register(), or NULL. */
void *kcxx_helper_rtc_data(struct device *dev);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_RTC_H */
