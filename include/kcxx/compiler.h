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

/// \name Lifetimes of guards (GCC and clang)
/// A guard returned from the function whose local lock it holds keeps the
/// address of a dead local.  Each compiler finds it its own way, and both
/// make it an error:
/// - GCC after inlining (-Wdangling-pointer=2), inside kcxx's lock headers:
///   they put their guard code between KCXX_DANGLING_ERRORS_BEGIN and
///   KCXX_DANGLING_ERRORS_END;
/// - clang at the caller's return statement, from `KCXX_LIFETIMEBOUND`
///   (`[[clang::lifetimebound]]`) on the function that makes the guard:
///   kbuild/compiler/clang.mk makes -Wreturn-stack-address and -Wdangling
///   errors.
/// @{
#ifdef __clang__
/// Starts the code whose dangling pointers are errors (GCC; empty for clang).
#define KCXX_DANGLING_ERRORS_BEGIN
/// Ends what KCXX_DANGLING_ERRORS_BEGIN started.
#define KCXX_DANGLING_ERRORS_END
/// After a member function's qualifiers: what it returns refers to `*this`.
#define KCXX_LIFETIMEBOUND [[clang::lifetimebound]]
#else
/// Starts the code whose dangling pointers are errors (GCC; empty for clang).
#define KCXX_DANGLING_ERRORS_BEGIN \
	_Pragma("GCC diagnostic push") _Pragma("GCC diagnostic error \"-Wdangling-pointer=2\"")
/// Ends what KCXX_DANGLING_ERRORS_BEGIN started.
#define KCXX_DANGLING_ERRORS_END _Pragma("GCC diagnostic pop")
/// After a member function's qualifiers: what it returns refers to `*this`
/// (clang only).
#define KCXX_LIFETIMEBOUND
#endif
/// @}

/// `[[KCXX_NOIPA]]`: a function the optimizer treats as opaque at its call
/// sites (no inlining, no interprocedural propagation): GCC's `noipa`.
/// clang has no such attribute: `noinline` + `optnone` there (the body is
/// not optimized either, so no fact about a caller reaches it).  For tests
/// that must reach a run-time check rather than its compile-time twin.
#ifdef __clang__
#define KCXX_NOIPA gnu::noinline, clang::optnone
#else
#define KCXX_NOIPA gnu::noipa
#endif

/// `[[KCXX_NO_AUTO_INIT]]`: a local that -ftrivial-auto-var-init=zero (the
/// kernel's INIT_STACK_ALL_ZERO) must not initialize.  clang zeroes even a
/// register variable bound to \%rsp, whose "+r" in an asm call is only
/// there to order the call after the frame setup: `xor %esp,%esp` before
/// the call (a double fault on 6.12-clang).  GCC leaves register variables
/// alone: empty there.
#ifdef __clang__
#define KCXX_NO_AUTO_INIT clang::uninitialized
#else
#define KCXX_NO_AUTO_INIT
#endif
