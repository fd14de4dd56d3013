/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The user-space interface of samples/misc (/dev/kcxx-misc): a buffer with
 * a capacity (the module parameter 'capacity', 4096 bytes by default) and a
 * current size, read and written like a small file (read/write/lseek/
 * pread/pwrite), plus these ioctls.
 *
 * The kernel side declares the same commands with kcxx::ioctl
 * (samples/misc/main.cpp); a number that disagreed would reach no handler
 * and fail with ENOTTY, which tests/userspace/misc_test.c checks.
 */
#ifndef KCXX_MISC_UAPI_H
#define KCXX_MISC_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define KCXX_MISC_DEVICE "/dev/kcxx-misc"
#define KCXX_MISC_IOC_TYPE 'x'

/* The current size in bytes. */
#define KCXX_MISC_GET_SIZE _IOR(KCXX_MISC_IOC_TYPE, 1, __u64)
/*
 * Truncates or extends (with zeros) to the given size: EFBIG beyond the
 * capacity.  Wakes blocked readers when the buffer is no longer empty.
 */
#define KCXX_MISC_SET_SIZE _IOW(KCXX_MISC_IOC_TYPE, 2, __u64)
/* Empties the buffer (size 0, contents zeroed). */
#define KCXX_MISC_CLEAR _IO(KCXX_MISC_IOC_TYPE, 3)
/* The capacity in bytes (the module parameter). */
#define KCXX_MISC_GET_CAPACITY _IOR(KCXX_MISC_IOC_TYPE, 4, __u64)

struct kcxx_misc_stats {
	__u64 size;
	__u64 capacity;
	__u64 bytes_read;
	__u64 bytes_written;
	__u64 open_files;
};
#define KCXX_MISC_GET_STATS _IOR(KCXX_MISC_IOC_TYPE, 5, struct kcxx_misc_stats)

/*
 * Stores 'value' at 'offset' (< size) and returns the byte it replaced in
 * 'old'.  'reserved' must be zero (EINVAL otherwise); EINVAL for an offset
 * at or past the size.
 */
struct kcxx_misc_xchg {
	__u64 offset;
	__u8 value;
	__u8 old;
	__u8 reserved[6];
};
#define KCXX_MISC_XCHG _IOWR(KCXX_MISC_IOC_TYPE, 6, struct kcxx_misc_xchg)

#endif /* KCXX_MISC_UAPI_H */
