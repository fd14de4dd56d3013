// SPDX-License-Identifier: GPL-2.0
/* kcxx helpers: synchronisation (include/kcxx/sync/). */

/* C++ passes a spinlock_t as the raw_spinlock_t the _raw_spin_*() take. */
static_assert(offsetof(spinlock_t, rlock) == 0);
/* KCXX_LOCKDEP: DEBUG_LOCK_ALLOC and a non-empty lock_class_key go together. */
static_assert(IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC) == (sizeof(struct lock_class_key) > 0));

void kcxx_helper_spin_lock_init(spinlock_t *lock, const char *name,
				struct lock_class_key *key)
{
#ifdef CONFIG_DEBUG_SPINLOCK
	__raw_spin_lock_init(spinlock_check(lock), name, key, LD_WAIT_CONFIG);
#else
	spin_lock_init(lock);
#endif
}

/*
 * The _raw_spin_*() a kernel with CONFIG_INLINE_SPIN_* (arm64) does not
 * export; C++ calls these there (kcxx_bindings/sync.h).
 */
void kcxx_helper_raw_spin_lock(raw_spinlock_t *lock)
{
	raw_spin_lock(lock);
}

void kcxx_helper_raw_spin_unlock(raw_spinlock_t *lock)
{
	raw_spin_unlock(lock);
}

int kcxx_helper_raw_spin_trylock(raw_spinlock_t *lock)
{
	return raw_spin_trylock(lock);
}

unsigned long kcxx_helper_raw_spin_lock_irqsave(raw_spinlock_t *lock)
{
	unsigned long flags;

	raw_spin_lock_irqsave(lock, flags);
	return flags;
}

void kcxx_helper_raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
{
	raw_spin_unlock_irqrestore(lock, flags);
}

int kcxx_helper_spin_trylock_irqsave(spinlock_t *lock, unsigned long *flags)
{
	unsigned long saved;

	if (spin_trylock_irqsave(lock, saved)) {
		*flags = saved;
		return 1;
	}
	return 0;
}

int kcxx_helper_spin_is_locked(spinlock_t *lock)
{
	return spin_is_locked(lock);
}

void kcxx_helper_init_completion(struct completion *x, const char *name,
				 struct lock_class_key *key)
{
	x->done = 0;
	__init_swait_queue_head(&x->wait, name, key);
}

void kcxx_helper_reinit_completion(struct completion *x)
{
	reinit_completion(x);
}

int kcxx_helper_signal_pending(void)
{
	return signal_pending(current);
}

void kcxx_helper_rcu_read_lock(void)
{
	rcu_read_lock();
}

void kcxx_helper_rcu_read_unlock(void)
{
	rcu_read_unlock();
}

int kcxx_helper_irqs_disabled(void)
{
	return irqs_disabled();
}

int kcxx_helper_in_atomic(void)
{
	return in_atomic();
}

void kcxx_helper_refcount_inc(refcount_t *r)
{
	refcount_inc(r);
}

bool kcxx_helper_refcount_dec_and_test(refcount_t *r)
{
	return refcount_dec_and_test(r);
}

void kcxx_helper_set_notify_signal(void)
{
	set_thread_flag(TIF_NOTIFY_SIGNAL);
}

void kcxx_helper_clear_notify_signal(void)
{
	clear_thread_flag(TIF_NOTIFY_SIGNAL);
}

int kcxx_helper_kthread_run(struct task_struct **task, int (*fn)(void *data), void *data,
			    const char *name)
{
	struct task_struct *t = kthread_create(fn, data, "%s", name);

	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);
	wake_up_process(t);
	*task = t;
	return 0;
}

int kcxx_helper_kthread_stop_put(struct task_struct *task)
{
	int ret = kthread_stop(task);

	put_task_struct(task);
	return ret;
}

void kcxx_helper_cond_resched(void)
{
	cond_resched();
}
