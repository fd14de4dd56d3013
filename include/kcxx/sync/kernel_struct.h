// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::detail::KernelStruct: a kernel struct embedded by value (a mutex, a
/// spinlock, a wait queue head, a completion) in a C++ object.
///
/// C++ never reads or writes the bytes: it only hands their address to the
/// kernel's functions, which initialise and use them.  Size and alignment
/// come from the target kernel's build (bindings/layout.c).  The storage is
/// 'mutable': a lock or wait queue changes state through a shared (const)
/// reference, which is how kcxx shares objects between threads (see
/// include/kcxx/sync/arc.h).
///
/// The kernel links these structs into lists (a mutex's waiters, a wait
/// queue's entries) by address, so the storage can be neither copied nor
/// moved.
///
/// INVARIANT: bytes_ is Size bytes aligned to Align, at a fixed address for
/// the whole life of the object.
#pragma once

namespace kcxx::detail {

template <typename S, unsigned long Size, unsigned long Align> class KernelStruct {
	static_assert(Size > 0, "a kernel struct C++ embeds has a size");

public:
	/// Uninitialised: the owner runs the kernel's init function.
	KernelStruct() {}
	KernelStruct(const KernelStruct &) = delete;
	KernelStruct &operator=(const KernelStruct &) = delete;
	KernelStruct(KernelStruct &&) = delete;
	KernelStruct &operator=(KernelStruct &&) = delete;

	[[nodiscard, gnu::always_inline]] S *get() const { return reinterpret_cast<S *>(bytes_); }

private:
	alignas(Align) mutable unsigned char bytes_[Size];
};

} // namespace kcxx::detail
