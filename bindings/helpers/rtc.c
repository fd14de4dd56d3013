// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for real-time clocks (kcxx_bindings/rtc.h). */

void kcxx_helper_rtc_ops_init(struct rtc_class_ops *ops,
			      int (*read_time)(struct device *dev, struct rtc_time *tm),
			      int (*set_time)(struct device *dev, struct rtc_time *tm),
			      int (*read_alarm)(struct device *dev, struct rtc_wkalrm *alarm),
			      int (*set_alarm)(struct device *dev, struct rtc_wkalrm *alarm),
			      int (*alarm_irq_enable)(struct device *dev, unsigned int enabled))
{
	ops->read_time = read_time;
	ops->set_time = set_time;
	ops->read_alarm = read_alarm;
	ops->set_alarm = set_alarm;
	ops->alarm_irq_enable = alarm_irq_enable;
}

struct kcxx_rtc_data {
	void *data;
	void (*drop)(void *data);
};

static void kcxx_rtc_data_release(struct device *dev, void *res)
{
	struct kcxx_rtc_data *entry = res;

	entry->drop(entry->data);
}

static void kcxx_rtc_wakeup_off(void *dev)
{
	device_init_wakeup(dev, false);
}

struct rtc_device *kcxx_helper_rtc_register(struct device *dev, const struct rtc_class_ops *ops,
					    void *data, void (*drop)(void *data),
					    long long range_min, unsigned long long range_max, bool alarm)
{
	struct kcxx_rtc_data *entry;
	struct rtc_device *rtc;
	int err;

	entry = devres_alloc(kcxx_rtc_data_release, sizeof(*entry), GFP_KERNEL);
	if (!entry) {
		drop(data);
		return ERR_PTR(-ENOMEM);
	}
	entry->data = data;
	entry->drop = drop;
	/* Before the RTC's entries: released after the RTC is unregistered. */
	devres_add(dev, entry);

	/* As rtc-pl031: an RTC with an alarm can wake the system (wakealarm). */
	if (alarm) {
		device_init_wakeup(dev, true);
		err = devm_add_action_or_reset(dev, kcxx_rtc_wakeup_off, dev);
		if (err)
			return ERR_PTR(err);
	}
	rtc = devm_rtc_allocate_device(dev);
	if (IS_ERR(rtc))
		return rtc;
	if (!alarm)
		clear_bit(RTC_FEATURE_ALARM, rtc->features);
	rtc->ops = ops;
	rtc->range_min = range_min;
	rtc->range_max = range_max;
	err = devm_rtc_register_device(rtc);
	if (err)
		return ERR_PTR(err);
	return rtc;
}

void *kcxx_helper_rtc_data(struct device *dev)
{
	struct kcxx_rtc_data *entry = devres_find(dev, kcxx_rtc_data_release, NULL, NULL);

	return entry ? entry->data : NULL;
}
