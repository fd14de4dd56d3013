// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::LockClass: the lockdep class of one lock-creation site.
///
/// Lockdep (CONFIG_LOCKDEP, on debug kernels) checks lock ordering per
/// class, and the C macros give every init site its own class with a
/// static key:
///
///     #define mutex_init(m) do { static struct lock_class_key __key;
///                                __mutex_init((m), #m, &__key); } while (0)
///
/// KCXX_LOCK_CLASS("name") is the C++ spelling of that static key.  It
/// expands to a lambda with a static local key, so every place it is written
/// is a class of its own (and every instantiation of a template that writes
/// it: one class per lock type, as for a static inline function in C).
/// Every lock constructor takes one:
///
///     kcxx::Mutex<State> state{KCXX_LOCK_CLASS("mydev.state"), ...};
///     auto m = Box<Mutex<int>>::try_new(GFP_KERNEL, KCXX_LOCK_CLASS(), 0);
///
/// KCXX_LOCK_CLASS() without a name names the class "file:line".
///
/// Lockdep requires keys in static storage (it refuses, with a warning, a
/// key on the stack or the heap): the key is a template argument of
/// LockClass::of_static_key<&key>(), which the compiler accepts only for an
/// object with static storage duration, and the name must be a string
/// literal (lockdep keeps the pointer).
///
/// Without lockdep (Debian's kernels), struct lock_class_key is empty (0
/// bytes in C) and neither the key nor the name is used: LockClass is empty,
/// the key objects are never referenced and the compiler drops them, so
/// lock classes cost nothing.
///
/// INVARIANT: with lockdep, key_ points to a lock_class_key in static
/// storage (zero-initialised, as lockdep expects of a static key) and
/// name_ to a string literal; without lockdep a LockClass holds nothing.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

namespace detail {

/// One struct lock_class_key, as raw zeroed bytes in static storage.
///
/// INVARIANT: only ever defined with static storage duration and constant
/// (zero) initialisation - KCXX_LOCK_CLASS and the default classes of
/// CondVar and Completion - and handed to lockdep, never read by C++.
struct LockClassKey {
#if KCXX_LOCKDEP
	// '{}': constinit needs every byte initialised for clang; zeros in
	// static storage all the same (.bss).
	alignas(KCXX_ALIGNOF_lock_class_key) unsigned char bytes[KCXX_SIZEOF_lock_class_key]{};
#endif
};

} // namespace detail

/// The lockdep class of one lock-creation site (KCXX_LOCK_CLASS()): a static
/// key and a name, or nothing on a kernel without lockdep.
class LockClass {
public:
	/// The class whose key is *Key.  Key must be an object with static
	/// storage duration (the compiler checks that of a pointer template
	/// argument); name must be in static storage too, one pointer per key
	/// (lockdep compares the pointers).  Use KCXX_LOCK_CLASS(), which
	/// provides both.
	template <detail::LockClassKey *Key>
	[[nodiscard]] static LockClass of_static_key(const char *name)
	{
#if KCXX_LOCKDEP
		return LockClass(reinterpret_cast<bindings::lock_class_key *>(Key->bytes), name);
#else
		(void)name;
		return LockClass();
#endif
	}

	/// The key and name for the kernel's init functions (null without
	/// lockdep, where the kernel ignores them).
	[[nodiscard]] bindings::lock_class_key *key() const
	{
#if KCXX_LOCKDEP
		return key_;
#else
		return nullptr;
#endif
	}
	/// The class's name as lockdep shows it, or nullptr without lockdep.
	[[nodiscard]] const char *name() const
	{
#if KCXX_LOCKDEP
		return name_;
#else
		return nullptr;
#endif
	}

	/// Whether lock classes exist on this kernel (CONFIG_LOCKDEP).
	static constexpr bool enabled = KCXX_LOCKDEP;

private:
#if KCXX_LOCKDEP
	constexpr LockClass(bindings::lock_class_key *key, const char *name) : key_(key), name_(name) {}
	bindings::lock_class_key *key_;
	const char *name_;
#else
	constexpr LockClass() = default;
#endif
};

} // namespace kcxx

#define KCXX_LOCK_CLASS_STR_(x) #x
#define KCXX_LOCK_CLASS_STR(x) KCXX_LOCK_CLASS_STR_(x)
#define KCXX_LOCK_CLASS_FIRST_(first, ...) first

/// A new lock class for this site: KCXX_LOCK_CLASS() or
/// KCXX_LOCK_CLASS("name") (a string literal).  The name is a static array
/// next to the key, not a bare literal: lockdep insists on one name pointer
/// per key, and a literal in an inline function may have a copy in every
/// object file, where the key has one definition.
#define KCXX_LOCK_CLASS(...)                                                            \
	([]() -> ::kcxx::LockClass {                                                    \
		static constinit ::kcxx::detail::LockClassKey kcxx_lock_class_key_;     \
		static constexpr char kcxx_lock_class_name_[] = KCXX_LOCK_CLASS_FIRST_( \
			__VA_OPT__("" __VA_ARGS__, ) __FILE__ ":" KCXX_LOCK_CLASS_STR(__LINE__)); \
		return ::kcxx::LockClass::of_static_key<&kcxx_lock_class_key_>(         \
			kcxx_lock_class_name_);                                         \
	}())
