// SPDX-License-Identifier: GPL-2.0
// kcxx::XArray<T>: a sparse array that owns its objects (Box<T>).
#include <kcxx/box.h>
#include <kcxx/xarray.h>

#include "suites.h"

using namespace kcxx;

namespace {

struct Item {
	static inline int alive = 0;
	long v;
	explicit Item(long x) : v(x) { ++alive; }
	~Item() { --alive; }
};

Box<Item> make(long v)
{
	auto b = Box<Item>::try_new(GFP_KERNEL, v);
	if (b.is_error())
		panic("kcxx_xarray test: out of memory");
	return std::move(b).value();
}

void store_get_and_sparse_indexes(test::Context &t)
{
	Item::alive = 0;
	{
		XArray<Item> xa;
		KCXX_EXPECT(t, xa.get(0) == nullptr);
		for (unsigned long i : {0UL, 7UL, 4096UL, 1UL << 40})
			KCXX_ASSERT_OK(t, xa.store(i, make(static_cast<long>(i) + 1), GFP_KERNEL));
		KCXX_EXPECT_EQ(t, Item::alive, 4);
		KCXX_EXPECT(t, xa.get(7) && xa.get(7)->v == 8);
		KCXX_EXPECT(t, xa.get(1UL << 40) && xa.get(1UL << 40)->v == static_cast<long>(1UL << 40) + 1);
		KCXX_EXPECT(t, xa.get(8) == nullptr && xa.get(4095) == nullptr);
	}
	// The destructor freed every object left in it.
	KCXX_EXPECT_EQ(t, Item::alive, 0);
}

void store_replaces_and_frees_the_old_object(test::Context &t)
{
	Item::alive = 0;
	XArray<Item> xa;
	KCXX_ASSERT_OK(t, xa.store(3, make(1), GFP_KERNEL));
	KCXX_ASSERT_OK(t, xa.store(3, make(2), GFP_KERNEL));
	KCXX_EXPECT_EQ(t, Item::alive, 1);
	KCXX_EXPECT(t, xa.get(3) && xa.get(3)->v == 2);
}

void remove_gives_the_object_back(test::Context &t)
{
	Item::alive = 0;
	XArray<Item> xa;
	KCXX_ASSERT_OK(t, xa.store(5, make(50), GFP_KERNEL));
	Option<Box<Item>> taken = xa.remove(5);
	KCXX_EXPECT(t, taken.has_value() && (*taken)->v == 50);
	KCXX_EXPECT(t, xa.get(5) == nullptr && !xa.remove(5).has_value());
	KCXX_EXPECT_EQ(t, Item::alive, 1); // owned by 'taken' now
	taken.reset();
	KCXX_EXPECT_EQ(t, Item::alive, 0);
}

void clear_frees_everything_and_stays_usable(test::Context &t)
{
	Item::alive = 0;
	XArray<Item> xa;
	for (unsigned long i = 0; i < 100; ++i)
		KCXX_ASSERT_OK(t, xa.store(i * 3, make(static_cast<long>(i)), GFP_KERNEL));
	xa.clear();
	KCXX_EXPECT_EQ(t, Item::alive, 0);
	KCXX_EXPECT(t, xa.get(0) == nullptr && xa.get(297) == nullptr);
	KCXX_ASSERT_OK(t, xa.store(1, make(9), GFP_KERNEL));
	KCXX_EXPECT(t, xa.get(1) && xa.get(1)->v == 9);
}

constexpr test::Case cases[] = {
	KCXX_CASE(store_get_and_sparse_indexes),
	KCXX_CASE(store_replaces_and_frees_the_old_object),
	KCXX_CASE(remove_gives_the_object_back),
	KCXX_CASE(clear_frees_everything_and_stays_usable),
};

} // namespace

constinit const test::Suite xarray_suite{"kcxx_xarray", cases};
