/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: workqueues (include/kcxx/workqueue.h).
 *
 * queue_work() is a static inline around the exported queue_work_on() with
 * WORK_CPU_UNBOUND (a constant from bindings/layout.c); INIT_WORK() is a
 * macro with a static lockdep key per site, so the helper takes the
 * caller's key (KCXX_LOCK_CLASS, as for locks); work_pending() is a macro.
 * struct work_struct is embedded by value (size from bindings/layout.c).
 */
#ifndef KCXX_BINDINGS_WORKQUEUE_H
#define KCXX_BINDINGS_WORKQUEUE_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(work_struct);
KCXX_OPAQUE_STRUCT(workqueue_struct);

/* kernel/workqueue.c: exported. */
extern struct workqueue_struct *system_wq;
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
	KCXX_PRINTF(1, 4);
void destroy_workqueue(struct workqueue_struct *wq);
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work);
void __flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);

/* INIT_WORK() with the caller's lockdep class. */
void kcxx_helper_init_work(struct work_struct *work, void (*func)(struct work_struct *work),
			   const char *name, struct lock_class_key *key);
/* work_pending(). */
bool kcxx_helper_work_pending(struct work_struct *work);

/*
 * Delayed work (include/kcxx/workqueue.h, DelayedWork): struct
 * delayed_work embedded by value, its work_struct first (offset checked in
 * bindings/layout.c).  queue_delayed_work() is a static inline around the
 * exported queue_delayed_work_on(); INIT_DELAYED_WORK() a macro.
 */
KCXX_OPAQUE_STRUCT(delayed_work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
/* INIT_DELAYED_WORK() with the caller's lockdep class for the work. */
void kcxx_helper_init_delayed_work(struct delayed_work *dwork,
				   void (*func)(struct work_struct *work),
				   const char *name, struct lock_class_key *key);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_WORKQUEUE_H */
