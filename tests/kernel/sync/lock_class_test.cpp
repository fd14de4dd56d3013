// SPDX-License-Identifier: GPL-2.0
// KCXX_LOCK_CLASS: one lockdep class per lock-creation site.
//
// With lockdep (the debug kernel) each site has its own static key; without
// it (Debian's kernels) struct lock_class_key is 0 bytes and a LockClass
// carries nothing.  Each case checks what holds on the kernel it runs on.
#include <type_traits>

#include <kcxx/sync/completion.h>
#include <kcxx/sync/condvar.h>
#include <kcxx/sync/lock_class.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/sync/spinlock.h>

#include "suites.h"

using namespace kcxx;

namespace {

LockClass site_a() { return KCXX_LOCK_CLASS("test.site_a"); }
LockClass site_b() { return KCXX_LOCK_CLASS("test.site_b"); }
LockClass unnamed_site() { return KCXX_LOCK_CLASS(); }

template <typename T> LockClass per_instantiation() { return KCXX_LOCK_CLASS("test.template"); }

bool same_string(const char *a, const char *b)
{
	while (*a && *a == *b) {
		++a;
		++b;
	}
	return *a == *b;
}

bool ends_with(const char *s, const char *suffix)
{
	const char *end = s;
	while (*end)
		++end;
	const char *suffix_end = suffix;
	while (*suffix_end)
		++suffix_end;
	while (suffix_end != suffix) {
		if (end == s || *--end != *--suffix_end)
			return false;
	}
	return true;
}

void distinct_sites_have_distinct_keys(test::Context &t)
{
	if constexpr (LockClass::enabled) {
		KCXX_EXPECT(t, site_a().key() != nullptr);
		KCXX_EXPECT(t, site_b().key() != nullptr);
		KCXX_EXPECT(t, site_a().key() != site_b().key());
		KCXX_EXPECT(t, site_a().key() != unnamed_site().key());
		KCXX_EXPECT(t, per_instantiation<int>().key() != per_instantiation<long>().key());
	} else {
		// No lockdep: the kernel ignores key and name, kcxx passes null.
		KCXX_EXPECT_EQ(t, KCXX_SIZEOF_lock_class_key, 0);
		KCXX_EXPECT(t, site_a().key() == nullptr);
		KCXX_EXPECT(t, site_b().key() == nullptr);
	}
}

void one_site_is_one_key(test::Context &t)
{
	if constexpr (LockClass::enabled) {
		KCXX_EXPECT(t, site_a().key() == site_a().key());
		bindings::lock_class_key *first = nullptr;
		for (int i = 0; i < 3; ++i) {
			LockClass cls = KCXX_LOCK_CLASS("test.loop");
			if (!first)
				first = cls.key();
			KCXX_EXPECT(t, cls.key() == first);
		}
	} else {
		KCXX_EXPECT(t, site_a().key() == site_a().key());
	}
}

void sites_are_named(test::Context &t)
{
	if constexpr (LockClass::enabled) {
		KCXX_EXPECT(t, same_string(site_a().name(), "test.site_a"));
		// Without a name, the class is named after file and line.
		KCXX_EXPECT(t, ends_with(unnamed_site().name(), ".cpp:23"));
	} else {
		KCXX_EXPECT(t, site_a().name() == nullptr);
	}
}

// Without lockdep a lock class costs nothing: no state, no storage.
void lock_classes_are_free_without_lockdep(test::Context &t)
{
	if constexpr (LockClass::enabled) {
		KCXX_EXPECT_EQ(t, sizeof(LockClass), 2 * sizeof(void *));
		KCXX_EXPECT(t, sizeof(detail::LockClassKey) == KCXX_SIZEOF_lock_class_key);
	} else {
		KCXX_EXPECT(t, std::is_empty_v<LockClass>);
		KCXX_EXPECT(t, std::is_empty_v<detail::LockClassKey>);
	}
}

// Two locks of one type from two sites, nested: distinct classes, so
// lockdep (on the debug kernel) sees an order, not recursive locking; and
// the same for spinlocks.  Any lockdep report fails the VM run.
void nested_locks_from_two_sites(test::Context &t)
{
	Mutex<int> parent(KCXX_LOCK_CLASS("test.parent"), 1);
	Mutex<int> child(KCXX_LOCK_CLASS("test.child"), 2);
	{
		auto p = parent.lock();
		auto c = child.lock();
		*p += *c;
	}
	SpinLock<int> outer(KCXX_LOCK_CLASS("test.spin_outer"), 0);
	SpinLock<int> inner(KCXX_LOCK_CLASS("test.spin_inner"), 0);
	{
		auto o = outer.lock();
		auto i = inner.lock();
		*o = *i + 1;
	}
	KCXX_EXPECT_EQ(t, *parent.lock(), 3);
	KCXX_EXPECT_EQ(t, *outer.lock(), 1);
}

void waits_have_default_classes(test::Context &t)
{
	CondVar a;
	CondVar b(KCXX_LOCK_CLASS("test.condvar"));
	Completion c;
	Completion d(KCXX_LOCK_CLASS("test.completion"));
	a.notify_all();
	b.notify_all();
	c.complete();
	d.complete();
	KCXX_EXPECT(t, c.is_done());
	KCXX_EXPECT(t, d.is_done());
}

constexpr test::Case cases[] = {
	KCXX_CASE(distinct_sites_have_distinct_keys),
	KCXX_CASE(one_site_is_one_key),
	KCXX_CASE(sites_are_named),
	KCXX_CASE(lock_classes_are_free_without_lockdep),
	KCXX_CASE(nested_locks_from_two_sites),
	KCXX_CASE(waits_have_default_classes),
};

} // namespace

constinit const test::Suite lock_class_suite{"kcxx_lock_class", cases};
