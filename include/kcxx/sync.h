// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx's synchronisation layer, all of it (include/kcxx/sync/):
///
///     Mutex<T>, MutexGuard<T>            sync/mutex.h        sleeping lock around a T
///     SpinLock<T> and its guards         sync/spinlock.h     spinning lock around a T
///     SpinLockIrq<T>                     sync/spinlock_irq.h ... shared with IRQ handlers
///     OptionalGuard, LockResult          sync/guard.h        try_lock / lock_interruptible
///     LockClass, KCXX_LOCK_CLASS()       sync/lock_class.h   lockdep class per site
///     CondVar                            sync/condvar.h      wait for data behind a lock
///     Completion                         sync/completion.h   wait for an event
///     Timeout                            sync/timeout.h      jiffies for waits
///     Arc<T>, UniqueArc<T>               sync/arc.h          reference-counted ownership
///     Refcount                           sync/refcount.h     refcount_t
///     Atomic<T>, order::*                sync/atomic.h       atomic_t and friends
///     read_once, write_once, smp_mb, ... sync/barrier.h      the memory model's primitives
///     might_sleep, in_atomic, ...        sync/context.h      execution context
///
/// Design notes: docs/sync.md.
#pragma once

#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>
#include <kcxx/sync/barrier.h>
#include <kcxx/sync/completion.h>
#include <kcxx/sync/condvar.h>
#include <kcxx/sync/context.h>
#include <kcxx/sync/guard.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/refcount.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/sync/spinlock_irq.h>
#include <kcxx/sync/timeout.h>
