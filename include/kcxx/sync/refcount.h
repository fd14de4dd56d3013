// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::Refcount: the kernel's refcount_t - a reference count that
/// saturates instead of wrapping, so an overflow or an underflow leaks the
/// object (and WARNs) instead of freeing it while it is in use.
///
/// The operations are the kernel's static inlines (include/linux/
/// refcount.h) written with GCC's __atomic builtins, so the hot path needs
/// no helper call: refcount_inc() is a relaxed 'lock xadd' and two tests,
/// refcount_dec_and_test() a release 'lock xadd' and two tests, exactly what
/// the kernel's C compiles to on x86-64.  The rare bad cases call the
/// kernel's own refcount_warn_saturate() (exported), which saturates the
/// counter and WARNs, with the same report types as C:
///
///   inc:          old == 0                  -> REFCOUNT_ADD_UAF
///                 old < 0 or old == INT_MAX -> REFCOUNT_ADD_OVF
///   dec_and_test: old == 1                  -> true, acquire ordering
///                 old <= 0                  -> REFCOUNT_SUB_UAF
///
/// Once saturated (REFCOUNT_SATURATED, INT_MIN / 2) the counter stays
/// negative: increments and decrements keep reporting and never reach 1 -> 0,
/// so the object is never freed.
///
/// INVARIANT: refs_ is laid out as a refcount_t (checked against the
/// kernel's size) and is only accessed atomically.
#pragma once

#include <limits>

#include <kcxx/bindings.h>
#include <kcxx/compiler.h>

namespace kcxx {

/// The kernel's refcount_t: saturates instead of wrapping, so an overflow or
/// underflow leaks the object (and WARNs) instead of freeing it in use.
class Refcount {
public:
	/// refcount_set(): 'initial' references (1 for a new object).
	explicit constexpr Refcount(int initial = 1) : refs_(initial) {}

	Refcount(const Refcount &) = delete;
	Refcount &operator=(const Refcount &) = delete;
	Refcount(Refcount &&) = delete;
	Refcount &operator=(Refcount &&) = delete;

	/// refcount_inc(): one more reference.  No ordering: the caller holds
	/// a reference already, which keeps the object alive.
	[[gnu::always_inline]] void inc() const
	{
		int old = __atomic_fetch_add(&refs_, 1, __ATOMIC_RELAXED);
		if (old == 0) [[unlikely]]
			saturate(KCXX_REFCOUNT_ADD_UAF);
		else if (old < 0 || old == std::numeric_limits<int>::max()) [[unlikely]]
			saturate(KCXX_REFCOUNT_ADD_OVF);
	}

	/// refcount_dec_and_test(): drops a reference; true when it was the
	/// last one.  Release ordering (every access to the object before the
	/// drop happens before the free), then acquire on the last drop (the
	/// freeing thread sees them all), as the kernel's
	/// smp_acquire__after_ctrl_dep().
	[[nodiscard, gnu::always_inline]] bool dec_and_test() const
	{
		int old = __atomic_fetch_sub(&refs_, 1, __ATOMIC_RELEASE);
		if (old == 1) {
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			return true;
		}
		if (old <= 0) [[unlikely]]
			saturate(KCXX_REFCOUNT_SUB_UAF);
		return false;
	}

	/// refcount_read(): a snapshot of the count, for diagnostics and
	/// tests (another thread may change it at once).
	[[nodiscard]] int read() const { return __atomic_load_n(&refs_, __ATOMIC_RELAXED); }

private:
	[[KCXX_COLD]] void saturate(unsigned int type) const
	{
		// SAFETY: refs_ is a refcount_t (INVARIANT); the kernel sets it
		// to REFCOUNT_SATURATED and WARNs.
		bindings::refcount_warn_saturate(reinterpret_cast<bindings::refcount_struct *>(&refs_),
						 static_cast<bindings::refcount_saturation_type>(type));
	}

	mutable int refs_;
};

static_assert(sizeof(Refcount) == KCXX_SIZEOF_refcount && alignof(Refcount) == KCXX_ALIGNOF_refcount,
	      "kcxx::Refcount must be laid out as the kernel's refcount_t");

} // namespace kcxx
