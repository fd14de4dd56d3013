// SPDX-License-Identifier: GPL-2.0
/// \file
/// The kernel's fixed-width integer names (u8 ... u64, s8 ... s64) in
/// namespace kcxx, with the kernel's definitions (include/uapi/asm-generic/
/// int-ll64.h: u64 is unsigned long long on every architecture), so a kcxx
/// u64 and a C u64 are the same type across the bindings.
#pragma once

namespace kcxx {

/// @{
/// The kernel's fixed-width integer types, unsigned (u*) and signed (s*,
/// and the same as i*).
using u8 = unsigned char;
using u16 = unsigned short;
using u32 = unsigned int;
using u64 = unsigned long long;
using s8 = signed char;
using s16 = short;
using s32 = int;
using s64 = long long;
using i8 = s8;
using i16 = s16;
using i32 = s32;
using i64 = s64;
/// @}

static_assert(sizeof(u8) == 1 && sizeof(u16) == 2 && sizeof(u32) == 4 && sizeof(u64) == 8);
static_assert(sizeof(s8) == 1 && sizeof(s16) == 2 && sizeof(s32) == 4 && sizeof(s64) == 8);

} // namespace kcxx
