// SPDX-License-Identifier: GPL-2.0
/// \file
/// C++ access to kernel structs by the layout of the target kernel's build
/// (bindings/layout.c): a field at its offset, and an operations struct
/// (file_operations, blk_mq_ops, configfs_group_operations ...) built as a
/// constant table of pointer-sized slots.  For library code only, under a
/// SAFETY comment: the offsets are the C compiler's, the types are the
/// caller's claim.
#pragma once

#include <kcxx/bug.h>

namespace kcxx::detail {

/// The field of type F at 'offset' in the kernel struct at 'base'.
template <typename F> [[nodiscard, gnu::always_inline]] inline F &kernel_field(void *base, unsigned long offset)
{
	return *reinterpret_cast<F *>(static_cast<char *>(base) + offset);
}

/// An operations struct of Size bytes aligned to Align whose members are all
/// pointers (functions, or the owner module), as a table of Slot unions:
/// each operation is stored in the slot of its member's offset, the rest
/// stay null.  Built in a consteval function, it lands in .rodata, and
/// member layouts that differ between kernels (a member added, moved or
/// removed) are absorbed by the offsets.
///
/// INVARIANT: the active member of each slot is the pointer type of the C
/// struct's member at that offset (or none: null); the table has the C
/// struct's size and alignment.
template <typename Slot, unsigned long Size, unsigned long Align> struct alignas(Align) OpsTable {
	static_assert(sizeof(Slot) == sizeof(void *), "an operations slot is one pointer");
	static_assert(Size % sizeof(void *) == 0, "an operations struct is made of pointers");

	// The slot of the member at 'offset'; not a pointer-aligned member of
	// the struct: a compile-time error.
	static consteval unsigned long slot(unsigned long offset)
	{
		if (offset % sizeof(void *) != 0 || offset >= Size)
			panic("kcxx: an operations member is not a pointer-aligned slot");
		return offset / sizeof(void *);
	}

	Slot slots[Size / sizeof(void *)];
};

} // namespace kcxx::detail
