// SPDX-License-Identifier: GPL-2.0
/// \file
/// The kernel memory model's plain-access primitives (tools/memory-model,
/// Documentation/memory-barriers.txt) for data that threads share without a
/// lock: READ_ONCE()/WRITE_ONCE(), smp_load_acquire()/smp_store_release()
/// and the smp_*() fences.  Shared counters and flags are better as
/// kcxx::Atomic<T> (atomic.h), whose accesses cannot be plain by mistake.
///
///     kcxx::write_once(dev->stop, true);            // WRITE_ONCE()
///     while (!kcxx::read_once(dev->stop)) ...       // READ_ONCE()
///     kcxx::smp_store_release(msg->ready, 1);       // publish
///     if (kcxx::smp_load_acquire(msg->ready)) ...   // consume
///
/// read_once()/write_once() are volatile accesses of a native-size scalar, as
/// in the kernel: the compiler emits exactly one access, never tears, fuses,
/// repeats or invents it, and keeps it in program order with other volatile
/// accesses; they order nothing between CPUs.
///
/// The fences are x86-64's, as arch/x86/include/asm/barrier.h defines them
/// for both 6.1 and 6.12:
///   smp_mb()                      lock addl $0,-4(\%rsp)  (a full barrier)
///   smp_rmb(), smp_wmb()          compiler barrier (x86 is TSO)
///   smp_load_acquire()            READ_ONCE() then compiler barrier
///   smp_store_release()           compiler barrier then WRITE_ONCE()
///   smp_mb__{before,after}_atomic compiler barrier.  The kernel's is empty on
///                                 x86 because its atomics are asm with a
///                                 "memory" clobber; kcxx::Atomic's relaxed
///                                 operations are __atomic builtins, which
///                                 need the compiler barrier.
#pragma once

#include <type_traits>

#ifndef __x86_64__
#error "kcxx/sync/barrier.h: the fences are written for x86-64"
#endif

namespace kcxx {

namespace detail {

/// What READ_ONCE()/WRITE_ONCE() accept: a scalar the CPU accesses in one go.
template <typename T> concept OnceAccessible =
	std::is_scalar_v<T> && !std::is_member_pointer_v<T> &&
	(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);

} // namespace detail

/// barrier(): the compiler may not move memory accesses across it.
[[gnu::always_inline]] inline void barrier()
{
	asm volatile("" ::: "memory");
}

/// smp_mb(): orders all earlier loads and stores before all later ones.
[[gnu::always_inline]] inline void smp_mb()
{
	asm volatile("lock; addl $0,-4(%%rsp)" ::: "memory", "cc");
}

/// smp_rmb(): orders earlier loads before later loads.
[[gnu::always_inline]] inline void smp_rmb()
{
	barrier();
}

/// smp_wmb(): orders earlier stores before later stores.
[[gnu::always_inline]] inline void smp_wmb()
{
	barrier();
}

/// @{
/// Full ordering around an unordered (relaxed) Atomic operation.
[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	barrier();
}
[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	barrier();
}
/// @}

/// READ_ONCE(x).
template <detail::OnceAccessible T> [[nodiscard, gnu::always_inline]] inline T read_once(const T &x)
{
	return *static_cast<const volatile T *>(&x);
}

/// WRITE_ONCE(x, value).
template <detail::OnceAccessible T>
[[gnu::always_inline]] inline void write_once(T &x, std::type_identity_t<T> value)
{
	*static_cast<volatile T *>(&x) = value;
}

/// smp_load_acquire(&x): later accesses stay after this load.
template <detail::OnceAccessible T> [[nodiscard, gnu::always_inline]] inline T smp_load_acquire(const T &x)
{
	T value = read_once(x);
	barrier();
	return value;
}

/// smp_store_release(&x, value): earlier accesses stay before this store.
template <detail::OnceAccessible T>
[[gnu::always_inline]] inline void smp_store_release(T &x, std::type_identity_t<T> value)
{
	barrier();
	write_once(x, value);
}

} // namespace kcxx
