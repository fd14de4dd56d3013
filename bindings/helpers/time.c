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
	/* debugobjects (CONFIG_DEBUG_OBJECTS_TIMERS) wants stack timers annotated. */
	bool on_stack = object_is_on_stack(timer);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	if (on_stack)
		hrtimer_setup_on_stack(timer, function, clock_id, mode);
	else
		hrtimer_setup(timer, function, clock_id, mode);
#else
	if (on_stack)
		hrtimer_init_on_stack(timer, clock_id, mode);
	else
		hrtimer_init(timer, clock_id, mode);
	timer->function = function;
#endif
}

void kcxx_helper_hrtimer_destroy(struct hrtimer *timer)
{
	if (object_is_on_stack(timer))
		destroy_hrtimer_on_stack(timer);
}

void kcxx_helper_timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
			     const char *name, struct lock_class_key *key)
{
	/* debugobjects (CONFIG_DEBUG_OBJECTS_TIMERS) wants stack timers annotated. */
	if (object_is_on_stack(timer))
		init_timer_on_stack_key(timer, function, 0, name, key);
	else
		init_timer_key(timer, function, 0, name, key);
}

bool kcxx_helper_timer_pending(const struct timer_list *timer)
{
	return timer_pending(timer);
}

int kcxx_helper_timer_delete_sync(struct timer_list *timer)
{
	return del_timer_sync(timer);
}

void kcxx_helper_timer_destroy(struct timer_list *timer)
{
	if (object_is_on_stack(timer))
		destroy_timer_on_stack(timer);
}
