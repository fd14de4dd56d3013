/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: copying to and from user space (include/linux/uaccess.h).
 *
 * On x86 neither INLINE_COPY_FROM_USER nor INLINE_COPY_TO_USER is defined,
 * so _copy_from_user() and _copy_to_user() are out of line and exported
 * (lib/usercopy.c) on 6.1 and 6.12 alike: they check the range (access_ok),
 * handle faults, zero the uncopied tail of the destination (from_user) and
 * return the number of bytes NOT copied.  C++ calls them directly: no helper
 * hop.  arm64 defines both (asm/uaccess.h): the same code is inlined into
 * every caller and nothing is exported (6.1: static inline
 * _copy_{from,to}_user(); 6.12: _inline_copy_{from,to}_user()); C++ calls
 * kcxx_helper_copy_{from,to}_user() under the same names then
 * (KCXX_INLINE_COPY_USER in the layout).  What the inline
 * copy_{from,to}_user() add on top (the compile-time object size check and
 * hardened usercopy) is done in C++ by include/kcxx/uaccess.h, calling
 * __check_object_size() and __copy_overflow() (both exported) directly too.
 */
#ifndef KCXX_BINDINGS_UACCESS_H
#define KCXX_BINDINGS_UACCESS_H

KCXX_BINDINGS_BEGIN

#ifdef __cplusplus
#define KCXX_COPY_USER_INLINED KCXX_INLINE_COPY_USER
#elif defined(INLINE_COPY_FROM_USER)
#define KCXX_COPY_USER_INLINED 1
#else
#define KCXX_COPY_USER_INLINED 0
#endif
#if KCXX_COPY_USER_INLINED
unsigned long kcxx_helper_copy_from_user(void *to, const void *from, unsigned long n);
unsigned long kcxx_helper_copy_to_user(void *to, const void *from, unsigned long n);
#ifdef __cplusplus
#define _copy_from_user kcxx_helper_copy_from_user
#define _copy_to_user kcxx_helper_copy_to_user
#endif
#else
unsigned long _copy_from_user(void *to, const void *from, unsigned long n);
unsigned long _copy_to_user(void *to, const void *from, unsigned long n);
#endif

/*
 * get_user()/put_user() of 1, 2, 4 and 8 bytes: macros around calls to
 * __get_user_N/__put_user_N with an architecture-specific register
 * convention, so C++ reaches them through helpers.  For a scalar ioctl
 * argument they cost a fraction of _copy_from_user()'s checks.  0 or
 * -EFAULT.
 */
int kcxx_helper_get_user_1(unsigned char *value, const void *from);
int kcxx_helper_get_user_2(unsigned short *value, const void *from);
int kcxx_helper_get_user_4(unsigned int *value, const void *from);
int kcxx_helper_get_user_8(unsigned long long *value, const void *from);
int kcxx_helper_put_user_1(unsigned char value, void *to);
int kcxx_helper_put_user_2(unsigned short value, void *to);
int kcxx_helper_put_user_4(unsigned int value, void *to);
int kcxx_helper_put_user_8(unsigned long long value, void *to);

/* access_ok() (a macro): whether [addr, addr + n) is user address space. */
int kcxx_helper_access_ok(unsigned long addr, unsigned long n);

/*
 * Hardened usercopy (mm/usercopy.c; declared by the kernel only with
 * CONFIG_HARDENED_USERCOPY, which C++ reads as KCXX_CONFIG_HARDENED_USERCOPY
 * and checks before calling it).
 */
void __check_object_size(const void *ptr, unsigned long n, bool to_user);
/* WARNs "Buffer overflow detected (size < count)!" (mm/maccess.c). */
void __copy_overflow(int size, unsigned long count);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_UACCESS_H */
