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

// GCC: an error when a call survives optimization (the error attribute).
// clang takes that attribute only on a first declaration, and the compiler
// declares the global operators implicitly before any code: there the
// operators are 'unavailable', an error at the use, in the front end.
#ifdef __clang__
#define KCXX_FORBIDDEN(why) __attribute__((unavailable(why)))
#else
#define KCXX_FORBIDDEN(why) [[gnu::error(why)]]
#endif

#define KCXX_NO_NEW \
	"kcxx: implicit allocation with 'new' is not allowed in the kernel: use kcxx::Box<T>::try_new(GFP_..., args...), which takes GFP flags and can fail"
#define KCXX_NO_DELETE \
	"kcxx: 'delete' is not allowed in the kernel (a virtual destructor implies one): objects are freed by their owner (kcxx::Box)"

KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new(std::size_t);
KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new[](std::size_t);
KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new(std::size_t, std::align_val_t);
KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new[](std::size_t, std::align_val_t);
KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new(std::size_t, const std::nothrow_t &) noexcept;
KCXX_FORBIDDEN(KCXX_NO_NEW) void *operator new[](std::size_t, const std::nothrow_t &) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete(void *) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete[](void *) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete(void *, std::size_t) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete[](void *, std::size_t) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete(void *, std::align_val_t) noexcept;
KCXX_FORBIDDEN(KCXX_NO_DELETE) void operator delete(void *, std::size_t, std::align_val_t) noexcept;

#undef KCXX_FORBIDDEN
#undef KCXX_NO_NEW
#undef KCXX_NO_DELETE

#endif // KCXX_RUNTIME_PRELUDE_H
