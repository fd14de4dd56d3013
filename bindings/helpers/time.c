// SPDX-License-Identifier: GPL-2.0
/* kcxx helpers: time and high-resolution timers (include/kcxx/time.h, hrtimer.h). */

unsigned long kcxx_helper_msecs_to_jiffies(unsigned int m)
{
	return msecs_to_jiffies(m);
}

unsigned long kcxx_helper_usecs_to_jiffies(unsigned int u)
{
	return usecs_to_jiffies(u);
}

void kcxx_helper_hrtimer_setup(struct hrtimer *timer,
			       enum hrtimer_restart (*function)(struct hrtimer *),
			       int clock_id, unsigned int mode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	hrtimer_setup(timer, function, clock_id, mode);
#else
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
#endif
}
