// SPDX-License-Identifier: GPL-2.0
//
// The C++ side of the kcxx benchmarks (bench_cxx.cpp): the fixture, built
// with kcxx types only, and one loop per operation with the signature of
// its C twin in bench.h.
#pragma once

#include <kcxx/box.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/spinlock.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>
#include <kcxx/vec.h>

#include "bench.h"

namespace kcxx_bench {

using kcxx::u64;
using kcxx::u8;

// What the C side's struct bench_obj holds next to its refcount_t.
struct Counted {
	u64 value;
};

// The C fixture (struct kcxx_bench_c in bench_c.c), with kcxx types.
struct CxxFixture {
	kcxx::Mutex<u64> mutex;
	kcxx::SpinLock<u64> spin;
	kcxx::Vec<u64> reserved;	// capacity KCXX_BENCH_VEC_LEN
	kcxx::Arc<Counted> obj;		// one reference held by the fixture
	kcxx::UserAddress user;		// KCXX_BENCH_USER_BYTES of user memory
	unsigned long user_len;
	u8 small[64];
	u8 page[KCXX_BENCH_USER_BYTES];

	CxxFixture(kcxx::Vec<u64> &&vec, kcxx::Arc<Counted> &&counted, kcxx::UserAddress buffer);

	// The fixture, reading from 'buffer' (an address in the current
	// process, KCXX_BENCH_USER_BYTES long).
	static kcxx::Result<kcxx::Box<CxxFixture>> try_new(kcxx::UserAddress buffer);
};

u64 cxx_mutex(CxxFixture &f, u64 ops);
u64 cxx_spinlock(CxxFixture &f, u64 ops);
u64 cxx_vec_push_reserved(CxxFixture &f, u64 ops);
u64 cxx_vec_push_grow(CxxFixture &f, u64 ops);
u64 cxx_arc_clone_drop(CxxFixture &f, u64 ops);
u64 cxx_user_copy_64(CxxFixture &f, u64 ops);
u64 cxx_user_copy_4k(CxxFixture &f, u64 ops);

} // namespace kcxx_bench
