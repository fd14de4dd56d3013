// SPDX-License-Identifier: GPL-2.0
/*
 * A 32-bit process against /dev/kcxx-misc: its ioctls go through
 * compat_ioctl (compat_ptr_ioctl, set by kcxx::miscdevice) to the same
 * typed handlers as the 64-bit ones.  The argument structs have the same
 * layout in both ABIs, so the command numbers are the same too.
 *
 * Built freestanding (no 32-bit libc here): tests/userspace/build compiles
 * *_m32.c with -m32 -nostdlib for x86-64 guests (i386: system calls through
 * int $0x80) and with arm-linux-gnueabihf-gcc -nostdlib for arm64 guests
 * (AArch32 EABI: svc #0, the number in r7).  Both ABIs number these system
 * calls alike.  Prints one KTAP suite, as ktap.h does.
 */
#include "kcxx_misc.h"

#define SYS_exit 1
#define SYS_read 3
#define SYS_write 4
#define SYS_open 5
#define SYS_close 6
#define SYS_ioctl 54

#define O_RDWR 02
#define ENOTTY 25
#define EFAULT 14
#define EFBIG 27

#if defined(__i386__)
static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c) : "memory");
	return r;
}
#define ENTRY __attribute__((force_align_arg_pointer, noreturn))
#elif defined(__arm__)
static long sys3(long n, long a, long b, long c)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r7 __asm__("r7") = n;

	__asm__ volatile("svc #0" : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}
#define ENTRY __attribute__((noreturn))
#else
#error "misc_compat_m32.c: a 32-bit x86 or Arm program"
#endif

static unsigned long length(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void put(const char *s)
{
	sys3(SYS_write, 1, (long)s, (long)length(s));
}

static void put_number(unsigned long n)
{
	char digits[12];
	int i = sizeof(digits) - 1;

	digits[i] = 0;
	do {
		digits[--i] = '0' + n % 10;
		n /= 10;
	} while (n);
	put(digits + i);
}

static int cases, failures;

static void check(int ok, const char *name)
{
	cases++;
	if (!ok)
		failures++;
	put(ok ? "    ok " : "    not ok ");
	put_number(cases);
	put(" ");
	put(name);
	put("\n");
}

static int run(void)
{
	__u64 size = 0;
	struct kcxx_misc_stats stats;
	struct kcxx_misc_xchg x = { .offset = 1, .value = 'Z' };
	char buf[8];
	long fd;

	put("    KTAP version 1\n    # Subtest: misc_compat32\n");
	check(sizeof(struct kcxx_misc_xchg) == 16 && sizeof(struct kcxx_misc_stats) == 40,
	      "the argument structs have the 64-bit layout");
	fd = sys3(SYS_open, (long)KCXX_MISC_DEVICE, O_RDWR, 0);
	check(fd >= 0, "open from a 32-bit process");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_CLEAR, 0) == 0, "CLEAR through compat_ioctl");
	check(sys3(SYS_write, fd, (long)"abc", 3) == 3, "write 3 bytes");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_GET_SIZE, (long)&size) == 0 && size == 3,
	      "GET_SIZE (_IOR u64) to a 32-bit pointer");
	size = 2;
	check(sys3(SYS_ioctl, fd, KCXX_MISC_SET_SIZE, (long)&size) == 0, "SET_SIZE (_IOW u64)");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_GET_STATS, (long)&stats) == 0 && stats.size == 2 &&
		      stats.capacity == 4096,
	      "GET_STATS (_IOR struct)");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_XCHG, (long)&x) == 0 && x.old == 'b',
	      "XCHG (_IOWR struct) reads and writes back");
	size = 1 << 20;
	check(sys3(SYS_ioctl, fd, KCXX_MISC_SET_SIZE, (long)&size) == -EFBIG, "SET_SIZE too big: EFBIG");
	check(sys3(SYS_ioctl, fd, _IOR('x', 77, __u64), (long)&size) == -ENOTTY, "unknown ioctl: ENOTTY");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_GET_SIZE, 0) == -EFAULT, "NULL argument: EFAULT");
	check(sys3(SYS_ioctl, fd, KCXX_MISC_GET_SIZE, (long)0xfffff000UL) == -EFAULT,
	      "an unmapped 32-bit address: EFAULT");
	check(sys3(SYS_read, fd, (long)buf, 8) == 0, "read at the end (position 3, size 2) returns 0");
	sys3(SYS_close, fd, 0, 0);
	put("    1..");
	put_number(cases);
	put("\n");
	return failures ? 1 : 0;
}

ENTRY void _start(void)
{
	sys3(SYS_exit, run(), 0, 0);
	__builtin_unreachable();
}
