// SPDX-License-Identifier: GPL-2.0
/// \file
/// Function attributes whose meaning depends on the kernel's configuration.
#pragma once

/// `[[KCXX_COLD]]`, or inside a list: `[[noreturn, KCXX_COLD]]`: a function
/// that is rarely called (GCC's `cold`), exactly where the kernel's own
/// `__cold` is one (include/linux/compiler_types.h).  With
/// CONFIG_FUNCTION_ALIGNMENT set and a GCC older than 14 (no
/// -fmin-function-alignment) the kernel drops the attribute, because GCC
/// ignores -falign-functions for cold functions: on arm64 6.12 ftrace
/// patches two instructions in front of each function, which must be
/// 8-byte aligned (DYNAMIC_FTRACE_WITH_CALL_OPS), and loading a module with
/// a cold function 4 bytes off warns "Misaligned patch-site".  kcxx.mk
/// defines KCXX_NO_COLD_ATTRIBUTE then.  An empty entry is valid in a C++
/// attribute list.
#ifdef KCXX_NO_COLD_ATTRIBUTE
#define KCXX_COLD
#else
#define KCXX_COLD gnu::cold
#endif
