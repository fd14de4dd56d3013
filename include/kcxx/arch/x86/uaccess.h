// SPDX-License-Identifier: GPL-2.0
/// \file
/// x86-64's get_user()/put_user() for kcxx/uaccess.h.  Included by
/// kcxx/uaccess.h only.
///
/// x86-64's get_user()/put_user() are calls to __get_user_N/__put_user_N
/// (arch/x86/lib/getuser.S, putuser.S, exported) with a register
/// convention of their own, the same on 6.1 and 6.12: the address in \%rax
/// (get) or \%rcx (put), the value in \%rdx (get) or \%rax (put), the error
/// (0 or -EFAULT) in \%eax (get) or \%ecx (put), \%ebx clobbered by put.  C++
/// emits the same call as asm/uaccess.h's do_get_user_call()/
/// do_put_user_call(), so a scalar argument costs what it costs in C.  The
/// "+r" on the stack pointer is ASM_CALL_CONSTRAINT: the frame is set up
/// before the call, as objtool requires.
#pragma once

#include <type_traits>

#include <kcxx/compiler.h>

namespace kcxx::detail::arch {

template <unsigned long N> struct UserCall;
/// The register __get_user_N returns a value of N bytes in, as wide as the
/// value (the helpers zero-extend below 8 bytes): a 32-bit value then stays
/// one register, not a 64-bit one beside its truncation (both were kept
/// alive across a call).
template <unsigned long N> using UserCallValue = std::conditional_t<(N < 8), unsigned int, unsigned long>;
#define KCXX_USER_CALL(n)                                                             \
	template <> struct UserCall<n> {                                              \
		[[gnu::always_inline]] static int get(UserCallValue<n> &value, unsigned long from) \
		{                                                                     \
			[[KCXX_NO_AUTO_INIT]] register unsigned long sp asm("rsp");                  \
			int err;                                                      \
			asm volatile("call __get_user_" #n                            \
				     : "=a"(err), "=d"(value), "+r"(sp)               \
				     : "0"(from));                                    \
			return err;                                                   \
		}                                                                     \
		[[gnu::always_inline]] static int put(unsigned long value, unsigned long to) \
		{                                                                     \
			[[KCXX_NO_AUTO_INIT]] register unsigned long sp asm("rsp");                  \
			int err;                                                      \
			asm volatile("call __put_user_" #n                            \
				     : "=c"(err), "+r"(sp)                            \
				     : "0"(to), "a"(value)                            \
				     : "ebx");                                        \
			return err;                                                   \
		}                                                                     \
	}
KCXX_USER_CALL(1);
KCXX_USER_CALL(2);
KCXX_USER_CALL(4);
KCXX_USER_CALL(8);
#undef KCXX_USER_CALL

/// get_user() of a 1, 2, 4 or 8-byte integer: true if it was read.
template <typename T> [[gnu::always_inline]] inline bool get_user(T &value, unsigned long from)
{
	UserCallValue<sizeof(T)> raw;
	// SAFETY: 'from' is an untrusted user address; __get_user_N checks
	// it against the user address limit and reads it with fault handling
	// (exception table), leaving 0 in the value on a fault.
	if (UserCall<sizeof(T)>::get(raw, from))
		return false;
	value = static_cast<T>(raw);
	return true;
}

/// put_user() of a 1, 2, 4 or 8-byte integer: true if it was written.
template <typename T> [[gnu::always_inline]] inline bool put_user(T value, unsigned long to)
{
	// SAFETY: 'to' is an untrusted user address; __put_user_N checks it
	// and writes it with fault handling.
	using Unsigned = std::make_unsigned_t<T>;
	return UserCall<sizeof(T)>::put(static_cast<unsigned long>(static_cast<Unsigned>(value)), to) == 0;
}

} // namespace kcxx::detail::arch
