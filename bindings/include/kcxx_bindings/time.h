/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: time (include/kcxx/time.h, hrtimer.h): the monotonic
 * clock, jiffies and their conversions, high-resolution timers.
 *
 * ktime_get() and kcxx_ktime_t are declared in sync.h.  Conversions:
 * msecs_to_jiffies() and usecs_to_jiffies() are __always_inline in C and
 * call the exported __msecs_to_jiffies()/__usecs_to_jiffies() for values
 * that are not constants, on 6.1 and 6.12 alike: C++ calls those directly.
 * jiffies_to_msecs(), jiffies_to_usecs() and nsecs_to_jiffies() are
 * exported functions.  'jiffies' is an exported variable.
 *
 * hrtimer_setup() (init + callback in one call) arrived in 6.13; 6.1 and
 * 6.12 have hrtimer_init() and a 'function' field: the helper hides which.
 */
#ifndef KCXX_BINDINGS_TIME_H
#define KCXX_BINDINGS_TIME_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(hrtimer);
KCXX_KERNEL_TYPE(kcxx_u64, u64, unsigned long long);

#ifdef __cplusplus
/* Both enums have only small non-negative values: unsigned int, as in C. */
enum hrtimer_restart : unsigned int {};
enum hrtimer_mode : unsigned int {};
#endif

/* kernel/time/timer.c, time.c: exported. */
extern volatile unsigned long jiffies;
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
unsigned long __usecs_to_jiffies(const unsigned int u);
unsigned long nsecs_to_jiffies(kcxx_u64 n);
/* For the tests: the kernel's inline msecs_to_jiffies(), to compare with. */
unsigned long kcxx_helper_msecs_to_jiffies(unsigned int m);
unsigned long kcxx_helper_usecs_to_jiffies(unsigned int u);

/* kernel/time/hrtimer.c: exported (GPL). */
void hrtimer_start_range_ns(struct hrtimer *timer, kcxx_ktime_t tim, kcxx_u64 range_ns,
			    const enum hrtimer_mode mode);
int hrtimer_cancel(struct hrtimer *timer);
int hrtimer_try_to_cancel(struct hrtimer *timer);
bool hrtimer_active(const struct hrtimer *timer);
kcxx_u64 hrtimer_forward(struct hrtimer *timer, kcxx_ktime_t now, kcxx_ktime_t interval);
/*
 * hrtimer_init() + ->function (6.1, 6.12) or hrtimer_setup() (6.13+); the
 * _on_stack variants for a timer on the stack, as debugobjects requires.
 */
void kcxx_helper_hrtimer_setup(struct hrtimer *timer,
			       enum hrtimer_restart (*function)(struct hrtimer *),
			       int clock_id, unsigned int mode);
/* After the last hrtimer_cancel(): destroy_hrtimer_on_stack() if on the stack. */
void kcxx_helper_hrtimer_destroy(struct hrtimer *timer);

/*
 * Timers of the timer wheel (include/kcxx/timer.h): struct timer_list
 * embedded by value.  mod_timer() is exported; timer_setup() is a macro
 * (a static lockdep key per site: the helper takes the caller's);
 * timer_pending() is an inline; del_timer_sync() is exported on 6.1 and an
 * inline around timer_delete_sync() on 6.12: helpers.
 */
KCXX_OPAQUE_STRUCT(timer_list);
int mod_timer(struct timer_list *timer, unsigned long expires);
void kcxx_helper_timer_setup(struct timer_list *timer, void (*function)(struct timer_list *),
			     const char *name, struct lock_class_key *key);
bool kcxx_helper_timer_pending(const struct timer_list *timer);
int kcxx_helper_timer_delete_sync(struct timer_list *timer);
/* After the last kcxx_helper_timer_delete_sync(): destroy_timer_on_stack() if on the stack. */
void kcxx_helper_timer_destroy(struct timer_list *timer);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_TIME_H */
