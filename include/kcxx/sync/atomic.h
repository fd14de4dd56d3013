// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Atomic<T>: the kernel's atomic_t / atomic64_t / atomic_long_t (and
/// atomic pointers), with the kernel memory model's orderings.
///
///     constinit kcxx::Atomic<int> users{0};
///     users.inc();                                      // atomic_inc()
///     int n = users.fetch_add(1);                       // atomic_fetch_add()
///     if (flag.load(kcxx::order::acquire)) ...          // atomic_read_acquire()
///     ready.store(1, kcxx::order::release);             // atomic_set_release()
///
/// The value is private: no conversion, assignment or ++ exists, so a plain
/// (racy) access to it does not compile; every access names its operation.
///
/// Orderings (Documentation/atomic_t.txt) are tag arguments, checked at
/// compile time:
///   order::relaxed   no ordering (atomic_read(), atomic_set(), _relaxed)
///   order::acquire   later accesses stay after    (loads and RMW ops)
///   order::release   earlier accesses stay before (stores and RMW ops)
///   order::full      smp_mb() on both sides       (RMW ops)
/// load() takes relaxed or acquire and store() relaxed or release (others do
/// not compile).  As in the kernel, value-returning read-modify-write
/// operations (fetch_*, *_return, exchange, compare_exchange, dec_and_test)
/// are fully ordered unless told otherwise, and the void ones (add, sub,
/// inc, dec) are unordered.  A failed compare_exchange orders nothing.
///
/// Implementation: GCC's __atomic builtins on a volatile object (so, as with
/// READ_ONCE(), no access is fused, repeated or invented).  On x86-64 they
/// compile to what arch/x86's atomics compile to: loads and stores are plain
/// 'mov's, every read-modify-write is a lock-prefixed instruction
/// (lock add/sub/inc/dec, lock xadd, xchg, lock cmpxchg, lock and/or/xor),
/// and every lock-prefixed instruction is a full barrier, so 'full' costs
/// nothing over 'relaxed' there.  Two differences from the kernel's asm: the
/// builtins do not record their lock prefixes in .smp_locks (the kernel
/// patches those out only when booted on a single CPU), and a relaxed
/// builtin is not a compiler barrier (use smp_mb__before_atomic() /
/// smp_mb__after_atomic() from barrier.h, as the memory model requires).
///
/// An Atomic is a shared memory location: it can be neither copied nor
/// moved, and its operations are const, so it works through the const
/// access that Arc<T> gives.
///
/// INVARIANT: value_ is accessed only with __atomic builtins.
#pragma once

#include <concepts>
#include <type_traits>

namespace kcxx {

/// The orderings, as empty tag types (INVARIANT: none, stateless).
namespace order {

/// No ordering (the kernel's _relaxed operations).
struct Relaxed {
	/// The __atomic memory model this ordering maps to.
	static constexpr int model = __ATOMIC_RELAXED;
};
/// Later accesses stay after the operation (_acquire).
struct Acquire {
	/// The __atomic memory model this ordering maps to.
	static constexpr int model = __ATOMIC_ACQUIRE;
};
/// Earlier accesses stay before the operation (_release).
struct Release {
	/// The __atomic memory model this ordering maps to.
	static constexpr int model = __ATOMIC_RELEASE;
};
/// Fully ordered (the kernel's operations without a suffix).
struct Full {
	/// The __atomic memory model this ordering maps to.
	static constexpr int model = __ATOMIC_SEQ_CST;
};

/// @{
/// The orderings as values: counter.fetch_add(1, kcxx::order::relaxed).
inline constexpr Relaxed relaxed{};
inline constexpr Acquire acquire{};
inline constexpr Release release{};
inline constexpr Full full{};
/// @}

} // namespace order

namespace detail {

template <typename O> concept AnyOrdering =
	std::same_as<O, order::Relaxed> || std::same_as<O, order::Acquire> ||
	std::same_as<O, order::Release> || std::same_as<O, order::Full>;
template <typename O> concept LoadOrdering = std::same_as<O, order::Relaxed> || std::same_as<O, order::Acquire>;
template <typename O> concept StoreOrdering = std::same_as<O, order::Relaxed> || std::same_as<O, order::Release>;

/// What the kernel has atomics for: 32- and 64-bit integers and pointers.
template <typename T> concept AtomicInteger =
	std::is_integral_v<T> && !std::is_same_v<T, bool> && (sizeof(T) == 4 || sizeof(T) == 8);
template <typename T> concept AtomicValue = AtomicInteger<T> || std::is_pointer_v<T>;

} // namespace detail

/// A value of T shared between threads, read and changed only atomically, with
/// the kernel memory model's orderings (see kcxx/sync/atomic.h).
template <detail::AtomicValue T> class Atomic {
	static_assert(__atomic_always_lock_free(sizeof(T), 0), "kcxx::Atomic needs a lock-free size");

public:
	/// ATOMIC_INIT(initial): constant, so a global Atomic can be constinit.
	constexpr explicit Atomic(T initial = T{}) : value_(initial) {}

	Atomic(const Atomic &) = delete;
	Atomic &operator=(const Atomic &) = delete;
	Atomic(Atomic &&) = delete;
	Atomic &operator=(Atomic &&) = delete;

	/// atomic_read() / atomic_read_acquire().
	template <detail::LoadOrdering O = order::Relaxed>
	[[nodiscard, gnu::always_inline]] T load(O = {}) const
	{
		return __atomic_load_n(ptr(), O::model);
	}

	/// atomic_set() / atomic_set_release().
	template <detail::StoreOrdering O = order::Relaxed> [[gnu::always_inline]] void store(T value, O = {}) const
	{
		__atomic_store_n(ptr(), value, O::model);
	}

	/// atomic_xchg(): stores 'value', returns the old value.
	template <detail::AnyOrdering O = order::Full> [[nodiscard, gnu::always_inline]] T exchange(T value, O = {}) const
	{
		return __atomic_exchange_n(ptr(), value, O::model);
	}

	/// atomic_try_cmpxchg(): if the value is 'expected', stores 'desired'
	/// and returns true; otherwise loads the value into 'expected' and
	/// returns false (unordered).
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] bool compare_exchange(T &expected, T desired, O = {}) const
	{
		return __atomic_compare_exchange_n(ptr(), &expected, desired, false, O::model, __ATOMIC_RELAXED);
	}

	/// @{
	/// atomic_fetch_{add,sub,and,or,xor}(): the old value.
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T fetch_add(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_fetch_add(ptr(), value, O::model);
	}
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T fetch_sub(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_fetch_sub(ptr(), value, O::model);
	}
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T fetch_and(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_fetch_and(ptr(), value, O::model);
	}
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T fetch_or(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_fetch_or(ptr(), value, O::model);
	}
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T fetch_xor(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_fetch_xor(ptr(), value, O::model);
	}
	/// @}

	/// @{
	/// atomic_{add,sub}_return(): the new value.
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T add_return(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_add_fetch(ptr(), value, O::model);
	}
	template <detail::AnyOrdering O = order::Full>
	[[nodiscard, gnu::always_inline]] T sub_return(T value, O = {}) const requires detail::AtomicInteger<T>
	{
		return __atomic_sub_fetch(ptr(), value, O::model);
	}
	/// @}

	/// @{
	/// atomic_{add,sub,inc,dec}(): no result, no ordering.
	[[gnu::always_inline]] void add(T value) const requires detail::AtomicInteger<T>
	{
		(void)__atomic_fetch_add(ptr(), value, __ATOMIC_RELAXED);
	}
	[[gnu::always_inline]] void sub(T value) const requires detail::AtomicInteger<T>
	{
		(void)__atomic_fetch_sub(ptr(), value, __ATOMIC_RELAXED);
	}
	[[gnu::always_inline]] void inc() const requires detail::AtomicInteger<T> { add(1); }
	[[gnu::always_inline]] void dec() const requires detail::AtomicInteger<T> { sub(1); }
	/// @}

	/// atomic_dec_and_test(): decrements; true if the result is 0.  Fully
	/// ordered.
	[[nodiscard, gnu::always_inline]] bool dec_and_test() const requires detail::AtomicInteger<T>
	{
		return __atomic_sub_fetch(ptr(), 1, __ATOMIC_SEQ_CST) == 0;
	}

private:
	[[gnu::always_inline]] volatile T *ptr() const { return &value_; }

	mutable T value_;
};

} // namespace kcxx
