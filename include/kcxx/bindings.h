// SPDX-License-Identifier: GPL-2.0
/// \file
/// The C++ view of the bindings layer (bindings/include/kcxx_bindings.h).
///
/// Only kcxx's own headers include this: a driver never calls a raw binding,
/// it uses the safe types built on them.  Everything sits in namespace
/// kcxx::bindings with C linkage, so the calls go straight to the kernel's
/// exported symbols.
#pragma once

#include <kcxx_bindings.h>
#include <kcxx_layout.h>

namespace kcxx::bindings {

/// Structs that C++ mirrors field by field must match the C compiler's
/// layout of the real ones (an empty struct is 0 bytes in GNU C, 1 in C++).
struct list_head {
	list_head *next;
	list_head *prev;
};
static_assert(sizeof(list_head) == KCXX_SIZEOF_list_head);
static_assert(alignof(list_head) == KCXX_ALIGNOF_list_head);

} // namespace kcxx::bindings
