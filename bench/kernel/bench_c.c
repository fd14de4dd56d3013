// SPDX-License-Identifier: GPL-2.0
/*
 * The C side of the kcxx benchmarks: each operation as a kernel developer
 * writes it in C, with the kernel's own API.  bench_cxx.cpp does the same
 * work with kcxx; bench.h describes the pairs.
 *
 * Each loop is a separate, non-inlined function with the same signature as
 * its C++ twin, so the runner calls and times both in the same way.  The
 * data they touch lives in a heap fixture on both sides (a pointer in a
 * register, fields at offsets), and each returns a checksum of its work.
 */
#include <linux/ktime.h>
#include <linux/mutex.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#include "bench.h"

/* What kcxx::Arc<Counted> holds: a refcount_t, then the value. */
struct bench_obj {
	refcount_t ref;
	u64 value;
};

/* A growable array, as C code keeps one (kcxx::Vec<u64>). */
struct bench_vec {
	u64 *data;
	size_t len;
	size_t cap;
};

struct kcxx_bench_c {
	struct {			/* kcxx::Mutex<u64> */
		struct mutex lock;
		u64 value;
	} mutex;
	struct {			/* kcxx::SpinLock<u64> */
		spinlock_t lock;
		u64 value;
	} spin;
	struct bench_vec reserved;	/* room for KCXX_BENCH_VEC_LEN */
	struct bench_obj *obj;		/* one reference held by the fixture */
	const void __user *user;	/* KCXX_BENCH_USER_BYTES of user memory */
	size_t user_len;
	u8 small[64];
	u8 page[KCXX_BENCH_USER_BYTES];
};

unsigned long long kcxx_bench_clock_ns(void)
{
	return ktime_get_ns();
}

unsigned long long kcxx_bench_context_switches(void)
{
	return current->nvcsw + current->nivcsw;
}

struct kcxx_bench_c *kcxx_bench_c_new(unsigned long user_buffer)
{
	struct kcxx_bench_c *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	mutex_init(&f->mutex.lock);
	spin_lock_init(&f->spin.lock);
	f->reserved.data = kmalloc_array(KCXX_BENCH_VEC_LEN, sizeof(u64), GFP_KERNEL);
	f->reserved.cap = KCXX_BENCH_VEC_LEN;
	f->obj = kmalloc(sizeof(*f->obj), GFP_KERNEL);
	if (!f->reserved.data || !f->obj) {
		kcxx_bench_c_free(f);
		return NULL;
	}
	refcount_set(&f->obj->ref, 1);
	f->obj->value = 1;
	f->user = (const void __user *)user_buffer;
	f->user_len = KCXX_BENCH_USER_BYTES;
	return f;
}

void kcxx_bench_c_free(struct kcxx_bench_c *f)
{
	if (!f)
		return;
	if (f->obj && refcount_dec_and_test(&f->obj->ref))
		kfree(f->obj);
	kfree(f->reserved.data);
	mutex_destroy(&f->mutex.lock);
	kfree(f);
}

/* (1) Uncontended locks: lock, one increment, unlock. */

KCXX_BENCH_LOOP(c_mutex)
unsigned long long kcxx_bench_c_mutex(struct kcxx_bench_c *f, unsigned long long ops)
{
	u64 last = 0;

	for (u64 i = 0; i < ops; i++) {
		mutex_lock(&f->mutex.lock);
		last = ++f->mutex.value;
		mutex_unlock(&f->mutex.lock);
	}
	return last;
}

KCXX_BENCH_LOOP(c_spinlock)
unsigned long long kcxx_bench_c_spinlock(struct kcxx_bench_c *f, unsigned long long ops)
{
	u64 last = 0;

	for (u64 i = 0; i < ops; i++) {
		spin_lock(&f->spin.lock);
		last = ++f->spin.value;
		spin_unlock(&f->spin.lock);
	}
	return last;
}

/*
 * (2) Appending to a growable array: the capacity check, the store, the
 * length update; on a full array, double the capacity with krealloc (what
 * kcxx::Vec does for a trivially copyable element).
 */
static __always_inline int bench_vec_push(struct bench_vec *v, u64 value, gfp_t gfp)
{
	if (v->len == v->cap) {
		size_t cap = v->cap ? 2 * v->cap : 4;
		u64 *data = krealloc_array(v->data, cap, sizeof(*data), gfp);

		if (!data)
			return -ENOMEM;
		v->data = data;
		v->cap = cap;
	}
	v->data[v->len++] = value;
	return 0;
}

/* Pushes into an array that has room: no allocation. */
KCXX_BENCH_LOOP(c_vec_push_reserved)
unsigned long long kcxx_bench_c_vec_push_reserved(struct kcxx_bench_c *f, unsigned long long ops)
{
	struct bench_vec *v = &f->reserved;
	u64 sum = 0;

	for (u64 done = 0; done < ops; done += KCXX_BENCH_VEC_LEN) {
		v->len = 0;
		for (u64 j = 0; j < KCXX_BENCH_VEC_LEN; j++)
			if (bench_vec_push(v, j, GFP_KERNEL))
				return KCXX_BENCH_FAILED;
		sum += v->data[v->len - 1] + v->len;
	}
	return sum;
}

/* Pushes into an empty array: 4, 8, ... 1024 elements, then kfree. */
KCXX_BENCH_LOOP(c_vec_push_grow)
unsigned long long kcxx_bench_c_vec_push_grow(struct kcxx_bench_c *f, unsigned long long ops)
{
	u64 sum = 0;

	for (u64 done = 0; done < ops; done += KCXX_BENCH_VEC_LEN) {
		struct bench_vec v = {};

		for (u64 j = 0; j < KCXX_BENCH_VEC_LEN; j++) {
			if (bench_vec_push(&v, j, GFP_KERNEL)) {
				kfree(v.data);
				return KCXX_BENCH_FAILED;
			}
		}
		sum += v.data[v.len - 1] + v.len;
		kfree(v.data);
	}
	return sum;
}

/*
 * (3) Taking and dropping a reference to a shared object, reading it
 * through the new reference in between.
 */
KCXX_BENCH_LOOP(c_arc_clone_drop)
unsigned long long kcxx_bench_c_arc_clone_drop(struct kcxx_bench_c *f, unsigned long long ops)
{
	u64 sum = 0;

	for (u64 i = 0; i < ops; i++) {
		struct bench_obj *ref = f->obj;

		refcount_inc(&ref->ref);
		sum += ref->value;
		if (refcount_dec_and_test(&ref->ref))
			kfree(ref);
	}
	return sum;
}

/*
 * (4) What a write() handler does with a fixed-size request: check that the
 * user buffer is long enough, copy it in.
 */
KCXX_BENCH_LOOP(c_user_copy_64)
unsigned long long kcxx_bench_c_user_copy_64(struct kcxx_bench_c *f, unsigned long long ops)
{
	for (u64 i = 0; i < ops; i++) {
		if (f->user_len < sizeof(f->small))
			return KCXX_BENCH_FAILED;
		if (copy_from_user(f->small, f->user, sizeof(f->small)))
			return KCXX_BENCH_FAILED;
	}
	return ops + f->small[sizeof(f->small) - 1];
}

KCXX_BENCH_LOOP(c_user_copy_4k)
unsigned long long kcxx_bench_c_user_copy_4k(struct kcxx_bench_c *f, unsigned long long ops)
{
	for (u64 i = 0; i < ops; i++) {
		if (f->user_len < sizeof(f->page))
			return KCXX_BENCH_FAILED;
		if (copy_from_user(f->page, f->user, sizeof(f->page)))
			return KCXX_BENCH_FAILED;
	}
	return ops + f->page[sizeof(f->page) - 1];
}
