// SPDX-License-Identifier: GPL-2.0
/// \file
/// arm64's fences for kcxx/sync/barrier.h, as arch/arm64/include/asm/barrier.h
/// defines them for 6.1 and 6.12: dmb ish / ishld / ishst, and the
/// load-acquire and store-release instructions (ldar, stlr) for
/// smp_load_acquire()/smp_store_release().  smp_mb__{before,after}_atomic()
/// are the generic smp_mb().  Included by kcxx/sync/barrier.h only.
#pragma once

namespace kcxx::detail::arch {

[[gnu::always_inline]] inline void compiler_barrier()
{
	asm volatile("" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb()
{
	asm volatile("dmb ish" ::: "memory");
}

[[gnu::always_inline]] inline void smp_rmb()
{
	asm volatile("dmb ishld" ::: "memory");
}

[[gnu::always_inline]] inline void smp_wmb()
{
	asm volatile("dmb ishst" ::: "memory");
}

[[gnu::always_inline]] inline void smp_mb__before_atomic()
{
	smp_mb();
}

[[gnu::always_inline]] inline void smp_mb__after_atomic()
{
	smp_mb();
}

// ldar{b,h,} (GCC's acquire load of a native-size scalar is one ldar; never
// a call).
template <typename T> [[nodiscard, gnu::always_inline]] inline T load_acquire(const T &x)
{
	T value;
	__atomic_load(&x, &value, __ATOMIC_ACQUIRE);
	return value;
}

// stlr{b,h,}.
template <typename T> [[gnu::always_inline]] inline void store_release(T &x, T value)
{
	__atomic_store(&x, &value, __ATOMIC_RELEASE);
}

// cpu_relax(): yield, as asm/vdso/processor.h.
[[gnu::always_inline]] inline void cpu_relax()
{
	asm volatile("yield" ::: "memory");
}

} // namespace kcxx::detail::arch
