// SPDX-License-Identifier: GPL-2.0
//
// The kcxx prelude: force-included (kcxx.mk, -include) at the top of every
// C++ translation unit built for the kernel.
//
// It turns every use of the global allocation operators into a compile-time
// error that says what to use instead.  Placement new (<new>) stays
// available: kcxx's owning types construct objects in memory they allocated
// with explicit GFP flags.  'delete' is poisoned too, which includes the
// deleting destructor a virtual destructor implies: kcxx types have
// non-virtual destructors and are destroyed by their owner.
#ifndef KCXX_RUNTIME_PRELUDE_H
#define KCXX_RUNTIME_PRELUDE_H

#include <new>

#define KCXX_NO_NEW \
	"kcxx: implicit allocation with 'new' is not allowed in the kernel: use kcxx::Box<T>::try_new(GFP_..., args...), which takes GFP flags and can fail"
#define KCXX_NO_DELETE \
	"kcxx: 'delete' is not allowed in the kernel (a virtual destructor implies one): objects are freed by their owner (kcxx::Box)"

[[gnu::error(KCXX_NO_NEW)]] void *operator new(std::size_t);
[[gnu::error(KCXX_NO_NEW)]] void *operator new[](std::size_t);
[[gnu::error(KCXX_NO_NEW)]] void *operator new(std::size_t, std::align_val_t);
[[gnu::error(KCXX_NO_NEW)]] void *operator new[](std::size_t, std::align_val_t);
[[gnu::error(KCXX_NO_NEW)]] void *operator new(std::size_t, const std::nothrow_t &) noexcept;
[[gnu::error(KCXX_NO_NEW)]] void *operator new[](std::size_t, const std::nothrow_t &) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete(void *) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete[](void *) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete(void *, std::size_t) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete[](void *, std::size_t) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete(void *, std::align_val_t) noexcept;
[[gnu::error(KCXX_NO_DELETE)]] void operator delete(void *, std::size_t, std::align_val_t) noexcept;

#undef KCXX_NO_NEW
#undef KCXX_NO_DELETE

#endif // KCXX_RUNTIME_PRELUDE_H
