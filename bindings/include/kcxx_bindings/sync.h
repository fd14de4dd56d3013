/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: synchronisation (include/kcxx/sync/): mutexes, spinlocks,
 * wait queues, completions, refcount_t, and the few task and IRQ-state
 * queries the sync layer and its tests need.
 *
 * The hot paths call exported functions directly, exactly what the kernel's
 * macros expand to on these configurations:
 *   mutex_lock()/mutex_unlock()/mutex_trylock()    exported functions
 *     (mutex_lock_nested() when lockdep is on: mutex_lock() is a macro then);
 *   spin_lock()/spin_unlock()/spin_trylock(),
 *   spin_lock_irqsave()/spin_unlock_irqrestore()   _raw_spin_*() (exported
 *     when CONFIG_INLINE_SPIN_* is off and CONFIG_UNINLINE_SPIN_UNLOCK is on,
 *     as on Debian's x86 kernels); where the kernel inlines them (Debian's
 *     arm64: ARCH_INLINE_SPIN_*, KCXX_INLINE_SPINLOCKS in the layout), C++
 *     calls the kcxx_helper_raw_spin_*() helpers under the same names;
 *   refcount_inc()/refcount_dec_and_test()        inline atomics in C++
 *     (include/kcxx/sync/arc.h) plus the exported refcount_warn_saturate().
 * Helpers remain for macros on cold paths: spin_lock_init() (a plain store
 * without CONFIG_DEBUG_SPINLOCK), init_completion() (its swait key), the
 * irq-save trylock, and the task/IRQ-state queries.
 */
#ifndef KCXX_BINDINGS_SYNC_H
#define KCXX_BINDINGS_SYNC_H

/*
 * Lockdep: CONFIG_DEBUG_LOCK_ALLOC (which selects CONFIG_LOCKDEP and is
 * selected by every option that selects it) makes struct lock_class_key
 * non-empty and mutex_lock() a macro.  C++ reads it from the layout.
 */
#ifdef __cplusplus
#define KCXX_LOCKDEP (KCXX_SIZEOF_lock_class_key > 0)
#else
#define KCXX_LOCKDEP IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC)
#endif

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(lock_class_key);
KCXX_OPAQUE_STRUCT(mutex);
KCXX_OPAQUE_STRUCT(raw_spinlock);
KCXX_OPAQUE_STRUCT(spinlock);
KCXX_OPAQUE_STRUCT(wait_queue_head);
KCXX_OPAQUE_STRUCT(wait_queue_entry);
KCXX_OPAQUE_STRUCT(completion);
KCXX_OPAQUE_STRUCT(refcount_struct);
KCXX_OPAQUE_STRUCT(task_struct);

/* Mutexes: kernel/locking/mutex.c, exported. */
void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);
#if KCXX_LOCKDEP
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
int mutex_lock_interruptible_nested(struct mutex *lock, unsigned int subclass);
#else
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
#endif
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
/*
 * Declared pure (it only reads the lock's owner word): the destructors of
 * kcxx's locks call it, and GCC's dangling-pointer analysis (which makes a
 * guard that escapes the function owning its lock an error) stops at any
 * call that is not pure.
 */
bool mutex_is_locked(struct mutex *lock) __attribute__((__pure__));

/* Spinlocks: kernel/locking/spinlock.c, exported (spinlock_t's rlock is at offset 0). */
void _raw_spin_lock(struct raw_spinlock *lock);
void _raw_spin_unlock(struct raw_spinlock *lock);
int _raw_spin_trylock(struct raw_spinlock *lock);
unsigned long _raw_spin_lock_irqsave(struct raw_spinlock *lock);
void _raw_spin_unlock_irqrestore(struct raw_spinlock *lock, unsigned long flags);
/* The same, out of line, for kernels that inline them (see the top). */
void kcxx_helper_raw_spin_lock(struct raw_spinlock *lock);
void kcxx_helper_raw_spin_unlock(struct raw_spinlock *lock);
int kcxx_helper_raw_spin_trylock(struct raw_spinlock *lock);
unsigned long kcxx_helper_raw_spin_lock_irqsave(struct raw_spinlock *lock);
void kcxx_helper_raw_spin_unlock_irqrestore(struct raw_spinlock *lock, unsigned long flags);
#if defined(__cplusplus) && KCXX_INLINE_SPINLOCKS
#define _raw_spin_lock kcxx_helper_raw_spin_lock
#define _raw_spin_unlock kcxx_helper_raw_spin_unlock
#define _raw_spin_trylock kcxx_helper_raw_spin_trylock
#define _raw_spin_lock_irqsave kcxx_helper_raw_spin_lock_irqsave
#define _raw_spin_unlock_irqrestore kcxx_helper_raw_spin_unlock_irqrestore
#endif
/* spin_lock_init() with the caller's lockdep class. */
void kcxx_helper_spin_lock_init(struct spinlock *lock, const char *name,
				struct lock_class_key *key);
/* spin_trylock_irqsave(): 1 and *flags set if taken; 0 with IRQs as they were. */
int kcxx_helper_spin_trylock_irqsave(struct spinlock *lock, unsigned long *flags);
int kcxx_helper_spin_is_locked(struct spinlock *lock) __attribute__((__pure__)); /* as mutex_is_locked() */

/* Wait queues: kernel/sched/wait.c, exported. */
void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
long schedule_timeout(long timeout);
unsigned long __msecs_to_jiffies(const unsigned int m);

/* Completions: kernel/sched/completion.c, exported. */
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
int wait_for_completion_interruptible(struct completion *x);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);
/* init_completion() with the caller's lockdep class for its swait queue. */
void kcxx_helper_init_completion(struct completion *x, const char *name,
				 struct lock_class_key *key);
void kcxx_helper_reinit_completion(struct completion *x);

/*
 * RCU read side (include/kcxx/sync/rcu.h): with CONFIG_PREEMPT_RCU (every
 * Debian kernel: PREEMPT_DYNAMIC) and without lockdep, rcu_read_lock() and
 * rcu_read_unlock() are the exported __rcu_read_lock() and
 * __rcu_read_unlock() (kernel/rcu/tree_plugin.h), which C++ calls directly
 * under the helpers' names; otherwise (lockdep's acquire and checks,
 * preempt_disable() without PREEMPT_RCU) the helpers.  synchronize_rcu()
 * waits for every reader that began before it (kernel/rcu/tree.c,
 * exported).
 */
#if defined(__cplusplus) && KCXX_PREEMPT_RCU && !KCXX_LOCKDEP
void __rcu_read_lock(void);
void __rcu_read_unlock(void);
#define kcxx_helper_rcu_read_lock __rcu_read_lock
#define kcxx_helper_rcu_read_unlock __rcu_read_unlock
#else
void kcxx_helper_rcu_read_lock(void);
void kcxx_helper_rcu_read_unlock(void);
#endif
void synchronize_rcu(void);

/* refcount_t: the saturation report (lib/refcount.c, exported). */
#ifdef __cplusplus
enum refcount_saturation_type : unsigned int {};
#endif
void refcount_warn_saturate(struct refcount_struct *r, enum refcount_saturation_type t);

/* Task and IRQ state (macros and static inlines). */
int kcxx_helper_signal_pending(void);
int kcxx_helper_irqs_disabled(void);
/* in_atomic(): preempt_count() != 0 (spinlock held, IRQ or softirq context). */
int kcxx_helper_in_atomic(void);

/* For the sync tests: the kernel's own refcount_t operations, to compare with. */
void kcxx_helper_refcount_inc(struct refcount_struct *r);
bool kcxx_helper_refcount_dec_and_test(struct refcount_struct *r);
/*
 * For the sync tests: signal_pending(current) true, then false again, with
 * TIF_NOTIFY_SIGNAL (no real signal: a fatal one would end insmod's group).
 */
void kcxx_helper_set_notify_signal(void);
void kcxx_helper_clear_notify_signal(void);

/* Kernel threads, for the sync tests' second thread (kthread_run is a macro). */
/* Starts fn(data) in a new kthread; *task holds an extra task reference. */
int kcxx_helper_kthread_run(struct task_struct **task, int (*fn)(void *data), void *data,
			    const char *name);
/* kthread_stop() then drops the reference: fn has returned when this does. */
int kcxx_helper_kthread_stop_put(struct task_struct *task);
void msleep(unsigned int msecs);
/* kernel/time/sleep_timeout.c (6.12), timer.c (6.1): exported; usleep_range() is an inline. */
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
/* cond_resched(): lets another thread run in a busy-wait loop. */
void kcxx_helper_cond_resched(void);
KCXX_KERNEL_TYPE(kcxx_ktime_t, ktime_t, long long);
kcxx_ktime_t ktime_get(void);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_SYNC_H */
