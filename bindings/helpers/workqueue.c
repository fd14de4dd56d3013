// SPDX-License-Identifier: GPL-2.0
/* kcxx helpers: workqueues (include/kcxx/workqueue.h). */

void kcxx_helper_init_work(struct work_struct *work, void (*func)(struct work_struct *work),
			   const char *name, struct lock_class_key *key)
{
	/* __INIT_WORK_KEY(), with the caller's lockdep name and key. */
	__init_work(work, 0);
	work->data = (atomic_long_t)WORK_DATA_INIT();
#ifdef CONFIG_LOCKDEP
	lockdep_init_map(&work->lockdep_map, name, key, 0);
#endif
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}

bool kcxx_helper_work_pending(struct work_struct *work)
{
	return work_pending(work);
}

void kcxx_helper_init_delayed_work(struct delayed_work *dwork,
				   void (*func)(struct work_struct *work),
				   const char *name, struct lock_class_key *key)
{
	/* __INIT_DELAYED_WORK(): the work, then its timer (irqsafe). */
	kcxx_helper_init_work(&dwork->work, func, name, key);
	__init_timer(&dwork->timer, delayed_work_timer_fn, TIMER_IRQSAFE);
}
