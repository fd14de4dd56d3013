// SPDX-License-Identifier: GPL-2.0
//
// The C++ side of the kcxx benchmarks: the work of bench_c.c, written with
// kcxx's safe API only (guards, Vec, Arc, UserSlice).  Each loop is a
// separate, non-inlined function in its own object file, like its C twin,
// and returns the same checksum.
#include <kcxx/gfp.h>
#include <kcxx/sync/lock_class.h>

#include "bench_cxx.h"

namespace kcxx_bench {

using namespace kcxx;

CxxFixture::CxxFixture(Vec<u64> &&vec, Arc<Counted> &&counted, UserAddress buffer)
	: mutex(KCXX_LOCK_CLASS("kcxx_bench.mutex"), 0ULL),
	  spin(KCXX_LOCK_CLASS("kcxx_bench.spin"), 0ULL), reserved(std::move(vec)),
	  obj(std::move(counted)), user(buffer), user_len(KCXX_BENCH_USER_BYTES), small{}, page{}
{
}

Result<Box<CxxFixture>> CxxFixture::try_new(UserAddress buffer)
{
	auto vec = TRY(Vec<u64>::try_with_capacity(KCXX_BENCH_VEC_LEN, GFP_KERNEL));
	auto counted = TRY(Arc<Counted>::try_new(GFP_KERNEL, Counted{1}));
	return Box<CxxFixture>::try_new(GFP_KERNEL, std::move(vec), std::move(counted), buffer);
}

// (1) Uncontended locks: lock, one increment, unlock.

KCXX_BENCH_LOOP(cxx_mutex)
u64 cxx_mutex(CxxFixture &f, u64 ops)
{
	u64 last = 0;
	for (u64 i = 0; i < ops; ++i) {
		auto guard = f.mutex.lock();
		last = ++*guard;
	}
	return last;
}

KCXX_BENCH_LOOP(cxx_spinlock)
u64 cxx_spinlock(CxxFixture &f, u64 ops)
{
	u64 last = 0;
	for (u64 i = 0; i < ops; ++i) {
		auto guard = f.spin.lock();
		last = ++*guard;
	}
	return last;
}

// (2) Vec::try_push into a Vec that has room (no allocation), and into an
// empty Vec that grows (4, 8, ... 1024 elements with krealloc).

KCXX_BENCH_LOOP(cxx_vec_push_reserved)
u64 cxx_vec_push_reserved(CxxFixture &f, u64 ops)
{
	Vec<u64> &v = f.reserved;
	u64 sum = 0;
	for (u64 done = 0; done < ops; done += KCXX_BENCH_VEC_LEN) {
		v.clear();
		for (u64 j = 0; j < KCXX_BENCH_VEC_LEN; ++j)
			if (v.try_push(j, GFP_KERNEL).is_error())
				return KCXX_BENCH_FAILED;
		sum += v[v.size() - 1] + v.size();
	}
	return sum;
}

KCXX_BENCH_LOOP(cxx_vec_push_grow)
u64 cxx_vec_push_grow(CxxFixture &, u64 ops)
{
	u64 sum = 0;
	for (u64 done = 0; done < ops; done += KCXX_BENCH_VEC_LEN) {
		Vec<u64> v;
		for (u64 j = 0; j < KCXX_BENCH_VEC_LEN; ++j)
			if (v.try_push(j, GFP_KERNEL).is_error())
				return KCXX_BENCH_FAILED;
		sum += v[v.size() - 1] + v.size();
	}
	return sum;
}

// (3) Arc::clone() and the clone's destructor, reading through the clone
// in between.

KCXX_BENCH_LOOP(cxx_arc_clone_drop)
u64 cxx_arc_clone_drop(CxxFixture &f, u64 ops)
{
	u64 sum = 0;
	for (u64 i = 0; i < ops; ++i) {
		Arc<Counted> ref = f.obj.clone();
		sum += ref->value;
	}
	return sum;
}

// (4) A write() handler's fixed-size request: a reader over the user
// buffer, read_slice() into a kernel array (length check and copy).

KCXX_BENCH_LOOP(cxx_user_copy_64)
u64 cxx_user_copy_64(CxxFixture &f, u64 ops)
{
	for (u64 i = 0; i < ops; ++i) {
		UserSliceReader reader = UserSlice(f.user, f.user_len).reader();
		if (reader.read_slice(f.small).is_error())
			return KCXX_BENCH_FAILED;
	}
	return ops + f.small[sizeof(f.small) - 1];
}

KCXX_BENCH_LOOP(cxx_user_copy_4k)
u64 cxx_user_copy_4k(CxxFixture &f, u64 ops)
{
	for (u64 i = 0; i < ops; ++i) {
		UserSliceReader reader = UserSlice(f.user, f.user_len).reader();
		if (reader.read_slice(f.page).is_error())
			return KCXX_BENCH_FAILED;
	}
	return ops + f.page[sizeof(f.page) - 1];
}

} // namespace kcxx_bench
