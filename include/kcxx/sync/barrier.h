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
/// The fences are the architecture's, as its asm/barrier.h defines them for
/// both 6.1 and 6.12, in kcxx/arch/ARCH/barrier.h:
///   x86-64: smp_mb() is lock addl $0,-4(\%rsp); smp_rmb(), smp_wmb(),
///           smp_mb__{before,after}_atomic() compiler barriers (x86 is TSO);
///           smp_load_acquire()/smp_store_release() READ_ONCE()/WRITE_ONCE()
///           behind/after a compiler barrier.
///   arm64:  dmb ish / ishld / ishst; smp_mb__{before,after}_atomic() are
///           smp_mb(); smp_load_acquire()/smp_store_release() are ldar/stlr.
///   riscv64: fence rw,rw / r,r / w,w; smp_mb__{before,after}_atomic() are
///           smp_mb(); smp_load_acquire() a load and fence r,rw,
///           smp_store_release() fence rw,w and a store.
#pragma once

#include <type_traits>

#if defined(__x86_64__)
#include <kcxx/arch/x86/barrier.h>
#elif defined(__aarch64__)
#include <kcxx/arch/arm64/barrier.h>
#elif defined(__riscv) && __riscv_xlen == 64
#include <kcxx/arch/riscv/barrier.h>
#else
#error "kcxx/sync/barrier.h: no fences for this architecture (kcxx/arch/<arch>/barrier.h)"
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
	detail::arch::compiler_barrier();
}

/// smp_mb(): orders all earlier loads and stores before all later ones.
[[gnu::always_inline]] inline void smp_mb()
{
	detail::arch::smp_mb();
}

/// smp_rmb(): orders earlier loads before later loads.
[[gnu::always_inline]] inline void smp_rmb()
{
	detail::arch::smp_rmb();
}

/// smp_wmb(): orders earlier stores before later stores.
[[gnu::always_inline]] inline void smp_wmb()
{
	detail::arch::smp_wmb();
}

/// @{
/// Full ordering around an unordered (relaxed) Atomic operation.
[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	detail::arch::smp_mb__before_atomic();
}
[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	detail::arch::smp_mb__after_atomic();
}
/// @}

/// cpu_relax(): in a busy-wait loop, let the CPU (or its sibling thread)
/// breathe; also a compiler barrier.
[[gnu::always_inline]] inline void cpu_relax()
{
	detail::arch::cpu_relax();
}

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
	return detail::arch::load_acquire(x);
}

/// smp_store_release(&x, value): earlier accesses stay before this store.
template <detail::OnceAccessible T>
[[gnu::always_inline]] inline void smp_store_release(T &x, std::type_identity_t<T> value)
{
	detail::arch::store_release<T>(x, value);
}

} // namespace kcxx
