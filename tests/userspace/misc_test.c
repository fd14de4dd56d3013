// SPDX-License-Identifier: GPL-2.0
/*
 * User-space tests of samples/misc (/dev/kcxx-misc), run inside the test VM
 * by tests/vm/misc.sh.  Each subcommand prints one KTAP suite (ktap.h):
 *
 *   misc_test functional     read/write/seek round trips, ioctls, shared state
 *   misc_test errors         bad pointers, unknown ioctls, oversize, bad seeks
 *   misc_test blocking       blocking reads woken by writers, O_NONBLOCK, signals
 *   misc_test poll           poll/select/epoll readiness
 *   misc_test concurrent     4 writers and 4 readers hammering the device
 *   misc_test capacity N     the device loaded with capacity=N (N < 246)
 *   misc_test framework      kcxx::miscdevice's defaults and lifetime rules
 *                            (the devices of kcxx_misc_devices.ko)
 *   misc_test fuzz [N] [SEED] [WORKERS]
 *                            N random syscalls (default 120000) over WORKERS
 *                            processes (default 2)
 *
 * Built static on the host (tests/userspace/build) and shipped with
 * tools/vm/run --file.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kcxx_misc.h"
#include "kcxx_test_devices.h"
#include "ktap.h"
#include "test_util.h"

#define CAPACITY 4096

/* NULL, hidden from the compiler's nonnull checks. */
static void *volatile null_pointer;

static long page_size;

static int open_device(int flags)
{
	return open(KCXX_MISC_DEVICE, flags);
}

static int device_clear(int fd)
{
	return ioctl(fd, KCXX_MISC_CLEAR);
}

static long long device_size(int fd)
{
	__u64 size;

	if (ioctl(fd, KCXX_MISC_GET_SIZE, &size))
		return -1;
	return (long long)size;
}

static int set_size(int fd, __u64 size)
{
	return ioctl(fd, KCXX_MISC_SET_SIZE, &size);
}

/*
 * Memory that faults, in one three-page mapping: [read-write][no access]
 * [read-only].  (Unmapping a page instead would leave a hole that the next
 * mmap() may fill.)
 */

/* ------------------------------------------------------------------------ */

static int test_functional(void)
{
	char buf[CAPACITY + 16];
	struct stat st;
	int fd, fd2;
	ssize_t n;
	__u64 value;

	ktap_suite_begin("misc_functional");

	ktap_case(stat(KCXX_MISC_DEVICE, &st) == 0 && S_ISCHR(st.st_mode) &&
			  major(st.st_rdev) == 10,
		  "device node is a misc character device (major 10)");
	fd = open_device(O_RDWR);
	if (!ktap_case(fd >= 0, "open O_RDWR"))
		return ktap_suite_end();
	ktap_case(device_clear(fd) == 0 && device_size(fd) == 0, "CLEAR empties the buffer");
	ktap_case(ioctl(fd, KCXX_MISC_GET_CAPACITY, &value) == 0 && value == CAPACITY,
		  "GET_CAPACITY is %d", CAPACITY);

	ktap_case(write(fd, "hello", 5) == 5, "write 5 bytes");
	ktap_case(device_size(fd) == 5, "GET_SIZE is 5 after the write");
	ktap_case(lseek(fd, 0, SEEK_CUR) == 5, "the write advanced the position to 5");
	ktap_case(lseek(fd, 0, SEEK_SET) == 0, "lseek SEEK_SET 0");
	memset(buf, 0, sizeof(buf));
	n = read(fd, buf, sizeof(buf));
	ktap_case(n == 5 && memcmp(buf, "hello", 5) == 0, "read returns what was written");
	ktap_case(read(fd, buf, sizeof(buf)) == 0, "read at the end returns 0");
	ktap_case(lseek(fd, -2, SEEK_CUR) == 3, "lseek SEEK_CUR -2");
	n = read(fd, buf, 10);
	ktap_case(n == 2 && memcmp(buf, "lo", 2) == 0, "read after SEEK_CUR");
	ktap_case(lseek(fd, -1, SEEK_END) == 4, "lseek SEEK_END -1");
	ktap_case(lseek(fd, 0, SEEK_END) == 5, "lseek SEEK_END 0 is the size");
	ktap_case(lseek(fd, 100, SEEK_SET) == 100 && read(fd, buf, 10) == 0,
		  "seek past the end is allowed and reads 0");
	ktap_case(lseek(fd, 0, SEEK_DATA) == 0, "SEEK_DATA 0 is data");
	ktap_case(lseek(fd, 0, SEEK_HOLE) == 5, "SEEK_HOLE is the end of the data");
	ktap_case(pread(fd, buf, 3, 1) == 3 && memcmp(buf, "ell", 3) == 0,
		  "pread at an offset");

	/* Writing past the end extends the data with zeros in between. */
	ktap_case(pwrite(fd, "XY", 2, 10) == 2 && device_size(fd) == 12, "pwrite past the end extends");
	n = pread(fd, buf, sizeof(buf), 0);
	ktap_case(n == 12 && memcmp(buf, "hello\0\0\0\0\0XY", 12) == 0,
		  "the gap reads as zeros");

	ktap_case(set_size(fd, 3) == 0 && device_size(fd) == 3, "SET_SIZE truncates");
	ktap_case(set_size(fd, 8) == 0 && pread(fd, buf, sizeof(buf), 0) == 8 &&
			  memcmp(buf, "hel\0\0\0\0\0", 8) == 0,
		  "SET_SIZE extends with zeros (truncated bytes do not come back)");
	ktap_case(set_size(fd, CAPACITY) == 0 && device_size(fd) == CAPACITY,
		  "SET_SIZE to the capacity");
	ktap_case(device_clear(fd) == 0 && device_size(fd) == 0, "CLEAR again");

	/* A full buffer, byte for byte. */
	for (int i = 0; i < CAPACITY; i++)
		buf[i] = (char)(i * 7 + 3);
	lseek(fd, 0, SEEK_SET);
	ktap_case(write(fd, buf, CAPACITY) == CAPACITY, "write the whole capacity");
	{
		char back[CAPACITY];

		ktap_case(pread(fd, back, CAPACITY, 0) == CAPACITY &&
				  memcmp(back, buf, CAPACITY) == 0,
			  "read the whole capacity back");
	}
	ktap_case(lseek(fd, CAPACITY - 6, SEEK_SET) == CAPACITY - 6 && write(fd, buf, 10) == 6,
		  "a write that crosses the capacity is short");

	/* XCHG: a read-write ioctl. */
	{
		struct kcxx_misc_xchg x = { .offset = 2, .value = 'Z' };

		device_clear(fd);
		pwrite(fd, "abcdef", 6, 0);
		ktap_case(ioctl(fd, KCXX_MISC_XCHG, &x) == 0 && x.old == 'c' &&
				  pread(fd, buf, 6, 0) == 6 && memcmp(buf, "abZdef", 6) == 0,
			  "XCHG stores a byte and returns the old one");
	}

	/* Two files share the data, each with its own position. */
	fd2 = open_device(O_RDWR);
	ktap_case(fd2 >= 0, "a second open");
	ktap_case(pread(fd2, buf, 6, 0) == 6 && memcmp(buf, "abZdef", 6) == 0,
		  "the second file sees the same data");
	lseek(fd, 4, SEEK_SET);
	ktap_case(lseek(fd2, 0, SEEK_CUR) == 0, "positions are per file");
	{
		struct kcxx_misc_stats stats;

		ktap_case(ioctl(fd, KCXX_MISC_GET_STATS, &stats) == 0 && stats.size == 6 &&
				  stats.capacity == CAPACITY && stats.open_files == 2 &&
				  stats.bytes_written > 0 && stats.bytes_read > 0,
			  "GET_STATS: size, capacity, 2 open files, byte counters");
		close(fd2);
		ktap_case(ioctl(fd, KCXX_MISC_GET_STATS, &stats) == 0 && stats.open_files == 1,
			  "release drops the open count");
	}
	{
		int ro = open_device(O_RDONLY);

		ktap_case(ro >= 0 && write(ro, "x", 1) == -1 && errno == EBADF,
			  "a read-only file cannot write (EBADF from the VFS)");
		close(ro);
	}
	ktap_case(close(fd) == 0, "close");
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

static int expect_errno(long result, int expected)
{
	return result == -1 && errno == expected;
}

static int test_errors(void)
{
	struct bad_memory bad;
	char buf[64];
	__u64 value;
	int fd;

	ktap_suite_begin("misc_errors");
	bad_memory_init(&bad);
	fd = open_device(O_RDWR);
	if (!ktap_case(fd >= 0, "open"))
		return ktap_suite_end();
	device_clear(fd);
	pwrite(fd, "0123456789", 10, 0);

	ktap_case(expect_errno(pread(fd, null_pointer, 10, 0), EFAULT), "read into NULL: EFAULT");
	ktap_case(expect_errno(pread(fd, KERNEL_ADDRESS, 10, 0), EFAULT),
		  "read into a kernel address: EFAULT");
	ktap_case(expect_errno(pread(fd, bad.unmapped, 10, 0), EFAULT),
		  "read into an inaccessible page: EFAULT");
	ktap_case(expect_errno(pread(fd, bad.read_only, 10, 0), EFAULT),
		  "read into a read-only page: EFAULT");
	ktap_case(expect_errno(pread(fd, bad.unmapped - 4, 10, 0), EFAULT),
		  "read into a buffer that runs into an inaccessible page: EFAULT");
	ktap_case(expect_errno(pwrite(fd, null_pointer, 10, 0), EFAULT), "write from NULL: EFAULT");
	ktap_case(expect_errno(pwrite(fd, KERNEL_ADDRESS, 10, 0), EFAULT),
		  "write from a kernel address: EFAULT");
	ktap_case(expect_errno(pwrite(fd, bad.unmapped, 10, 20), EFAULT) && device_size(fd) == 10,
		  "write from an inaccessible page: EFAULT, size unchanged");
	ktap_case(expect_errno(pwrite(fd, bad.unmapped - 4, 10, 20), EFAULT) &&
			  device_size(fd) == 10,
		  "write from a buffer that runs into an inaccessible page: EFAULT");

	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_GET_SIZE, NULL), EFAULT),
		  "_IOR ioctl to NULL: EFAULT");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_GET_SIZE, KERNEL_ADDRESS), EFAULT),
		  "_IOR ioctl to a kernel address: EFAULT");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_GET_SIZE, bad.read_only), EFAULT),
		  "_IOR ioctl to a read-only page: EFAULT");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_SET_SIZE, bad.unmapped), EFAULT) &&
			  device_size(fd) == 10,
		  "_IOW ioctl from an inaccessible page: EFAULT, nothing changed");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_SET_SIZE, bad.unmapped - 4), EFAULT),
		  "_IOW ioctl argument straddling into an inaccessible page: EFAULT");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_XCHG, KERNEL_ADDRESS), EFAULT),
		  "_IOWR ioctl with a kernel address: EFAULT");
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_GET_STATS, bad.unmapped - 8), EFAULT),
		  "_IOR of a struct straddling into an inaccessible page: EFAULT");

	ktap_case(expect_errno(ioctl(fd, _IOR(KCXX_MISC_IOC_TYPE, 99, __u64), &value), ENOTTY),
		  "unknown ioctl number: ENOTTY");
	ktap_case(expect_errno(ioctl(fd, _IOR(KCXX_MISC_IOC_TYPE, 1, __u32), &value), ENOTTY),
		  "a known number with the wrong size: ENOTTY");
	ktap_case(expect_errno(ioctl(fd, _IOW(KCXX_MISC_IOC_TYPE, 1, __u64), &value), ENOTTY),
		  "a known number with the wrong direction: ENOTTY");
	ktap_case(expect_errno(ioctl(fd, _IOR('q', 1, __u64), &value), ENOTTY),
		  "another type: ENOTTY");
	ktap_case(expect_errno(ioctl(fd, 0, 0), ENOTTY), "command 0: ENOTTY");

	value = CAPACITY + 1;
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_SET_SIZE, &value), EFBIG) && device_size(fd) == 10,
		  "SET_SIZE beyond the capacity: EFBIG");
	value = ~0ULL;
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_SET_SIZE, &value), EFBIG),
		  "SET_SIZE of 2^64-1: EFBIG");
	{
		struct kcxx_misc_xchg x = { .offset = 10, .value = 1 };

		ktap_case(expect_errno(ioctl(fd, KCXX_MISC_XCHG, &x), EINVAL),
			  "XCHG at the size: EINVAL");
		x.offset = 0;
		x.reserved[5] = 1;
		ktap_case(expect_errno(ioctl(fd, KCXX_MISC_XCHG, &x), EINVAL),
			  "XCHG with nonzero reserved bytes: EINVAL");
	}

	ktap_case(expect_errno(lseek(fd, -1, SEEK_SET), EINVAL), "lseek to -1: EINVAL");
	lseek(fd, 3, SEEK_SET);
	ktap_case(expect_errno(lseek(fd, -4, SEEK_CUR), EINVAL) && lseek(fd, 0, SEEK_CUR) == 3,
		  "SEEK_CUR below 0: EINVAL, position unchanged");
	ktap_case(expect_errno(lseek(fd, -11, SEEK_END), EINVAL), "SEEK_END below 0: EINVAL");
	ktap_case(expect_errno(lseek(fd, CAPACITY + 1, SEEK_SET), EINVAL),
		  "lseek beyond the capacity: EINVAL");
	ktap_case(expect_errno(lseek(fd, 10, SEEK_DATA), ENXIO), "SEEK_DATA at the end: ENXIO");
	ktap_case(expect_errno(lseek(fd, 0, 42), EINVAL), "an unknown whence: EINVAL");
	ktap_case(expect_errno(pread(fd, buf, 1, -1), EINVAL), "pread at a negative offset: EINVAL");

	ktap_case(lseek(fd, CAPACITY, SEEK_SET) == CAPACITY &&
			  expect_errno(write(fd, "x", 1), ENOSPC),
		  "write at the capacity: ENOSPC");
	ktap_case(expect_errno(pwrite(fd, "x", 1, 1LL << 40), ENOSPC), "pwrite far beyond: ENOSPC");
	ktap_case(write(fd, "", 0) == 0, "a write of 0 bytes at the capacity is 0");

	{
		int nb = open_device(O_RDWR | O_NONBLOCK);

		device_clear(fd);
		ktap_case(nb >= 0 && expect_errno(read(nb, buf, 10), EAGAIN),
			  "O_NONBLOCK read of an empty buffer: EAGAIN");
		close(nb);
	}
	ktap_case(expect_errno(mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED ? -1 : 0,
				    ENODEV),
		  "mmap is not supported: ENODEV");
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

static void on_alarm(int sig)
{
	(void)sig;
}

/* Stops ITIMER_REAL, then restores SIGALRM's default: an alarm that a
 * stalled CPU delivers late must not kill the process. */
static void disarm_alarm(void)
{
	struct itimerval off = { 0 };

	setitimer(ITIMER_REAL, &off, NULL);
	signal(SIGALRM, SIG_DFL);
}

/* Forks a child that sleeps 'ms' and then runs 'what' on a new fd. */
static pid_t later(int ms, void (*what)(int fd))
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd;

		sleep_ms(ms);
		fd = open_device(O_RDWR);
		what(fd);
		_exit(0);
	}
	return pid;
}

static void write_abc(int fd)
{
	if (write(fd, "abc", 3) != 3)
		_exit(1);
}

static void grow_to_16(int fd)
{
	if (set_size(fd, 16))
		_exit(1);
}

static int test_blocking(void)
{
	char buf[64];
	double t0, elapsed;
	ssize_t n;
	int fd, status;
	pid_t pid;

	ktap_suite_begin("misc_blocking");
	fd = open_device(O_RDWR);
	if (!ktap_case(fd >= 0, "open"))
		return ktap_suite_end();

	device_clear(fd);
	t0 = now();
	pid = later(300, write_abc);
	n = read(fd, buf, sizeof(buf));
	elapsed = now() - t0;
	waitpid(pid, &status, 0);
	ktap_case(n == 3 && memcmp(buf, "abc", 3) == 0, "a blocked read returns the data a writer wrote");
	ktap_case(elapsed > 0.2, "the read waited for the writer (%.3f s)", elapsed);

	device_clear(fd);
	lseek(fd, 0, SEEK_SET);
	pid = later(200, grow_to_16);
	n = read(fd, buf, sizeof(buf));
	waitpid(pid, &status, 0);
	ktap_case(n == 16, "SET_SIZE wakes a blocked reader (%zd bytes of zeros)", n);

	/* Several readers, one write wakes them all. */
	device_clear(fd);
	lseek(fd, 0, SEEK_SET);
	{
		pid_t readers[3];
		int ok = 1;

		for (int i = 0; i < 3; i++) {
			readers[i] = fork();
			if (readers[i] == 0) {
				int rfd = open_device(O_RDONLY);
				char b[8];

				_exit(read(rfd, b, sizeof(b)) == 3 ? 0 : 1);
			}
		}
		sleep_ms(300);
		write_abc(fd);
		for (int i = 0; i < 3; i++) {
			waitpid(readers[i], &status, 0);
			ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
		}
		ktap_case(ok, "one write wakes three blocked readers");
	}

	/* A signal interrupts a blocked read: EINTR without SA_RESTART.  The
	 * alarm repeats, since one may come before the read sleeps; none comes
	 * before t0 + 0.2 s (ITIMER_REAL counts CLOCK_MONOTONIC). */
	device_clear(fd);
	lseek(fd, 0, SEEK_SET);
	{
		struct sigaction sa = { .sa_handler = on_alarm };
		struct itimerval it = { .it_interval = { 0, 200000 }, .it_value = { 0, 200000 } };

		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		t0 = now();
		setitimer(ITIMER_REAL, &it, NULL);
		n = read(fd, buf, sizeof(buf));
		elapsed = now() - t0;
		ktap_case(n == -1 && errno == EINTR && elapsed >= 0.2,
			  "a signal interrupts a blocked read (EINTR)");
		disarm_alarm();
	}
	/* With SA_RESTART the read restarts and gets the data. */
	lseek(fd, 0, SEEK_SET);
	{
		struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
		struct itimerval it = { .it_value = { 0, 100000 } };

		sigemptyset(&sa.sa_mask);
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &it, NULL);
		pid = later(300, write_abc);
		n = read(fd, buf, sizeof(buf));
		waitpid(pid, &status, 0);
		ktap_case(n == 3, "with SA_RESTART the read restarts (-ERESTARTSYS) and gets the data");
		disarm_alarm();
	}

	/* O_NONBLOCK set later with fcntl takes effect at once. */
	device_clear(fd);
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	ktap_case(expect_errno(read(fd, buf, 10), EAGAIN), "fcntl(O_NONBLOCK): EAGAIN");
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);

	/* Data present: a read does not block, even at the end (returns 0). */
	pwrite(fd, "q", 1, 0);
	lseek(fd, 1, SEEK_SET);
	ktap_case(read(fd, buf, 10) == 0, "a read at the end of non-empty data returns 0 at once");

	/* The module cannot go while a file is open. */
	{
		int rc = system("rmmod kcxx_misc 2>/dev/null");

		ktap_case(rc != 0 && access(KCXX_MISC_DEVICE, F_OK) == 0,
			  "rmmod refuses while a file is open");
	}
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

static int test_poll(void)
{
	struct pollfd p;
	int fd, status;
	double t0;
	pid_t pid;

	ktap_suite_begin("misc_poll");
	fd = open_device(O_RDWR);
	if (!ktap_case(fd >= 0, "open"))
		return ktap_suite_end();
	device_clear(fd);

	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	ktap_case(poll(&p, 1, 0) == 1 && (p.revents & POLLOUT) && !(p.revents & POLLIN),
		  "empty: POLLOUT, no POLLIN (revents 0x%x)", p.revents);
	write(fd, "data", 4);
	ktap_case(poll(&p, 1, 0) == 1 && (p.revents & POLLIN) && (p.revents & POLLOUT),
		  "with data: POLLIN and POLLOUT (revents 0x%x)", p.revents);
	set_size(fd, CAPACITY);
	ktap_case(poll(&p, 1, 0) == 1 && (p.revents & POLLIN) && !(p.revents & POLLOUT),
		  "full: POLLIN, no POLLOUT (revents 0x%x)", p.revents);

	device_clear(fd);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	t0 = now();
	pid = later(300, write_abc);
	ktap_case(poll(&p, 1, 30000) == 1 && (p.revents & POLLIN) && now() - t0 > 0.2,
		  "poll waits for a writer and reports POLLIN");
	waitpid(pid, &status, 0);

	device_clear(fd);
	{
		fd_set rd;
		struct timeval tv = { 30, 0 };

		FD_ZERO(&rd);
		FD_SET(fd, &rd);
		pid = later(200, write_abc);
		ktap_case(select(fd + 1, &rd, NULL, NULL, &tv) == 1 && FD_ISSET(fd, &rd),
			  "select waits for a writer");
		waitpid(pid, &status, 0);
	}

	device_clear(fd);
	{
		int ep = epoll_create1(0);
		struct epoll_event ev = { .events = EPOLLIN }, out;

		epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
		ktap_case(epoll_wait(ep, &out, 1, 0) == 0, "epoll: nothing ready when empty");
		pid = later(200, write_abc);
		ktap_case(epoll_wait(ep, &out, 1, 30000) == 1 && (out.events & EPOLLIN),
			  "epoll wakes on a write");
		waitpid(pid, &status, 0);
		/* An epoll that outlives the device file: the file's release
		 * removes the epoll entry from the device's wait queue. */
		close(fd);
		fd = open_device(O_RDWR);
		ktap_case(epoll_wait(ep, &out, 1, 0) == 0, "epoll after the file was closed");
		close(ep);
	}
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

/* Opens 'path', says so on 'ready', holds it 500 ms, then checks that it
 * still works (its first byte is 'tag'), sends the time and closes it. */
static void hold_open(int ready, const char *path, char tag)
{
	char v[4];
	double closing;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || write(ready, "o", 1) != 1)
		_exit(1);
	sleep_ms(500);
	/* The device is being destroyed: this file still works. */
	if (read(fd, v, 2) != 2 || v[0] != tag)
		_exit(2);
	closing = now();
	if (write(ready, &closing, sizeof(closing)) != sizeof(closing))
		_exit(3);
	close(fd);
	_exit(0);
}

/* A child holds 'path' open (hold_open) while the control device
 * destroys its registration ('destroy'): the destruction returns only
 * after the child began to close the file, and the file worked until
 * then.  'what' names what is waited for. */
static void destruction_waits(int control, unsigned long destroy, const char *path, char tag, const char *what)
{
	int ready[2], status = 0;
	double t0, done, closing = 0;
	char c;
	pid_t pid;
	int rc;

	if (pipe(ready)) {
		ktap_case(0, "pipe: %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0)
		hold_open(ready[1], path, tag);
	close(ready[1]); /* a child that fails ends the reads below */
	/* Wait until the child has the device open. */
	if (read(ready[0], &c, 1) != 1)
		c = 0;
	t0 = now();
	rc = ioctl(control, destroy);
	done = now();
	waitpid(pid, &status, 0);
	if (read(ready[0], &closing, sizeof(closing)) != sizeof(closing))
		closing = done + 1;
	close(ready[0]);
	/* An order of events, not a duration (this process may be late to
	 * start the destruction): it returned after the child began to close
	 * its file. */
	ktap_case(rc == 0 && done >= closing, "destruction waits for %s (%.3f s)", what, done - t0);
	ktap_case(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "%s kept working while the device was being destroyed", what);
	ktap_case(access(path, F_OK) == -1 && errno == ENOENT, "%s: the device node is gone", path);
}

/* The text a fresh read of the in-place device gives ("MODE SUM\n"). */
static int in_place_text(int fd, const char *want)
{
	char buf[64] = { 0 };
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);

	if (n < 0 || strcmp(buf, want)) {
		ktap_diag("read %zd bytes: '%s', want '%s'", n, n > 0 ? buf : "", want);
		return 0;
	}
	return 1;
}

/* /dev/kcxx-test-inplace: a per-open object built in place (with a lock of
 * its own), the open mode, numbers parsed from write(), text served by
 * read_from_buffer(). */
static void test_in_place(void)
{
	int fd, fd2, wfd;
	char buf[8];

	fd = open("/dev/kcxx-test-inplace", O_RDWR);
	ktap_case(fd >= 0 && in_place_text(fd, "rw 0\n"), "in place: opened O_RDWR reads 'rw 0'");
	ktap_case(write(fd, "42\n", 3) == 3 && write(fd, "-2", 2) == 2 && write(fd, "0x10", 4) == 4 &&
			  in_place_text(fd, "rw 56\n"),
		  "in place: write() parses 42\\n, -2, 0x10 (sum 56)");
	ktap_case(expect_errno(write(fd, "12a", 3), EINVAL), "in place: '12a' is EINVAL");
	ktap_case(expect_errno(write(fd, "99999999999999999999", 20), ERANGE), "in place: 2^64 and more is ERANGE");
	ktap_case(expect_errno(write(fd, "00000000000000000000000000000001", 32), EINVAL),
		  "in place: more than 31 bytes is EINVAL");
	ktap_case(expect_errno(write(fd, null_pointer, 2), EFAULT), "in place: a bad address is EFAULT");
	ktap_case(in_place_text(fd, "rw 56\n"), "in place: failed writes changed nothing");
	fd2 = open("/dev/kcxx-test-inplace", O_RDONLY | O_NONBLOCK);
	ktap_case(fd2 >= 0 && in_place_text(fd2, "rn 0\n"),
		  "in place: another open file has its own sum; O_RDONLY|O_NONBLOCK reads 'rn'");
	ktap_case(fcntl(fd2, F_SETFL, 0) == 0 && in_place_text(fd2, "r 0\n"),
		  "in place: fcntl(F_SETFL) clears O_NONBLOCK: 'r'");
	ktap_case(expect_errno(write(fd2, "1", 1), EBADF), "in place: no write on an O_RDONLY file (EBADF)");
	close(fd2);
	ktap_case(read(fd, buf, 3) == 3 && read(fd, buf, sizeof(buf)) == 3 && memcmp(buf, "56\n", 3) == 0 &&
			  read(fd, buf, sizeof(buf)) == 0,
		  "in place: read() continues at the file position, then end of file");
	close(fd);
	wfd = open("/dev/kcxx-test-inplace", O_WRONLY);
	ktap_case(wfd >= 0 && write(wfd, "7", 1) == 1, "in place: opened O_WRONLY, write works");
	ktap_case(expect_errno(read(wfd, buf, 1), EBADF), "in place: no read on an O_WRONLY file (EBADF)");
	close(wfd);
}

/* The text one read of 'fd' gives. */
static int read_text(int fd, const char *want)
{
	char buf[32] = { 0 };
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	if (n < 0 || strcmp(buf, want)) {
		ktap_diag("read %zd bytes: '%s', want '%s'", n, n > 0 ? buf : "", want);
		return 0;
	}
	return 1;
}

/* /dev/kcxx-test-shared: open() returns an Arc, each open file holds a
 * reference to the one shared object; destroying the registration does not
 * wait for them, and the last reference destroys the object. */
static void test_shared(int control)
{
	long before = ioctl(control, KCXX_TEST_SHARED_DESTROYED);
	double t0, took;
	int fd, fd2, rc;

	ktap_case(before >= 0 && ioctl(control, KCXX_TEST_CREATE_SHARED) == 0 &&
			  access("/dev/kcxx-test-shared", F_OK) == 0,
		  "shared: the device appears");
	fd = open("/dev/kcxx-test-shared", O_RDONLY);
	fd2 = open("/dev/kcxx-test-shared", O_RDONLY);
	ktap_case(fd >= 0 && fd2 >= 0 && read_text(fd, "S1\n") && read_text(fd2, "S2\n") && read_text(fd, "S3\n"),
		  "shared: two open files reach the same object (S1, S2, S3)");
	t0 = now();
	rc = ioctl(control, KCXX_TEST_DESTROY_SHARED);
	took = now() - t0;
	ktap_case(rc == 0 && access("/dev/kcxx-test-shared", F_OK) == -1 && errno == ENOENT,
		  "shared: destroyed with two files open, the node is gone (%.3f s)", took);
	ktap_case(ioctl(control, KCXX_TEST_SHARED_DESTROYED) == before,
		  "shared: the open files keep the object alive");
	ktap_case(read_text(fd2, "S4\n"), "shared: an open file still works after the registration is gone");
	close(fd);
	ktap_case(ioctl(control, KCXX_TEST_SHARED_DESTROYED) == before && read_text(fd2, "S5\n"),
		  "shared: closing one file leaves it to the other");
	close(fd2);
	ktap_case(ioctl(control, KCXX_TEST_SHARED_DESTROYED) == before + 1,
		  "shared: the last close destroys the object, once");
	ktap_case(ioctl(control, KCXX_TEST_CREATE_SHARED) == 0 && ioctl(control, KCXX_TEST_DESTROY_SHARED) == 0 &&
			  ioctl(control, KCXX_TEST_SHARED_DESTROYED) == before + 2,
		  "shared: with no file open, destroying the registration destroys the object");
	ktap_case(expect_errno(ioctl(control, KCXX_TEST_DESTROY_SHARED), ENOENT), "shared: nothing left to destroy");
}

static int test_framework(void)
{
	char buf[16];
	struct pollfd p;
	int fd, fd2;

	ktap_suite_begin("misc_framework");

	/* Defaults: only read is defined. */
	fd = open("/dev/kcxx-test-stream", O_RDWR);
	ktap_case(fd >= 0, "open the read-only stream device");
	ktap_case(read(fd, buf, sizeof(buf)) == 7 && memcmp(buf, "stream\n", 7) == 0,
		  "read (the only operation it defines)");
	ktap_case(read(fd, buf, 3) == 3, "a short read is short");
	ktap_case(expect_errno(lseek(fd, 0, SEEK_SET), ESPIPE), "no llseek: not seekable (ESPIPE)");
	ktap_case(expect_errno(pread(fd, buf, 4, 0), ESPIPE), "no llseek: pread is ESPIPE");
	ktap_case(expect_errno(write(fd, "x", 1), EINVAL), "no write: EINVAL");
	ktap_case(expect_errno(ioctl(fd, _IO('t', 9)), ENOTTY), "no ioctl: ENOTTY");
	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	ktap_case(poll(&p, 1, 0) == 1 && (p.revents & (POLLIN | POLLOUT)) == (POLLIN | POLLOUT),
		  "no poll: always readable and writable (DEFAULT_POLLMASK)");
	ktap_case(expect_errno(mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED ? -1 : 0,
				    ENODEV),
		  "no mmap: ENODEV");
	close(fd);

	fd = open("/dev/kcxx-test-noop", O_RDONLY);
	ktap_case(fd >= 0 && lseek(fd, 100, SEEK_SET) == 0 && lseek(fd, 5, SEEK_CUR) == 0,
		  "Seek::noop: lseek succeeds, the position stays 0");
	ktap_case(pread(fd, buf, 4, 50) == 0, "Seek::noop: pread is allowed");
	close(fd);

	/* open() errors reach open(2). */
	fd = open("/dev/kcxx-test-exclusive", O_RDONLY);
	fd2 = open("/dev/kcxx-test-exclusive", O_RDONLY);
	ktap_case(fd >= 0 && fd2 == -1 && errno == EBUSY, "an error from open() reaches open(2) (EBUSY)");
	close(fd);
	fd2 = open("/dev/kcxx-test-exclusive", O_RDONLY);
	ktap_case(fd2 >= 0, "release ran: the device opens again");
	close(fd2);

	/* Destroying a registration waits for its open files. */
	fd = open("/dev/kcxx-test-control", O_RDWR);
	ktap_case(fd >= 0 && ioctl(fd, KCXX_TEST_CREATE_VICTIM) == 0 &&
			  access("/dev/kcxx-test-victim", F_OK) == 0,
		  "a registration made at run time appears");
	ktap_case(expect_errno(ioctl(fd, KCXX_TEST_CREATE_VICTIM), EEXIST), "only one at a time");
	destruction_waits(fd, KCXX_TEST_DESTROY_VICTIM, "/dev/kcxx-test-victim", 'V', "the open file");
	ktap_case(ioctl(fd, KCXX_TEST_CREATE_VICTIM) == 0 && ioctl(fd, KCXX_TEST_DESTROY_VICTIM) == 0,
		  "create and destroy with no open file");
	ktap_case(expect_errno(ioctl(fd, KCXX_TEST_DESTROY_VICTIM), ENOENT), "nothing left to destroy");
	test_shared(fd);
	/* A file that keeps its SharedRef (the shared data is an Arc, which
	 * alone would not make the registration wait): destroying the
	 * registration waits for the SharedRef. */
	ktap_case(ioctl(fd, KCXX_TEST_CREATE_KEEPER) == 0 && access("/dev/kcxx-test-keeper", F_OK) == 0,
		  "keeper: a registration whose files keep their SharedRef appears");
	destruction_waits(fd, KCXX_TEST_DESTROY_KEEPER, "/dev/kcxx-test-keeper", 'K', "keeper: the SharedRef");
	ktap_case(ioctl(fd, KCXX_TEST_CREATE_KEEPER) == 0 && ioctl(fd, KCXX_TEST_DESTROY_KEEPER) == 0,
		  "keeper: create and destroy with no open file");
	ktap_case(expect_errno(ioctl(fd, KCXX_TEST_DESTROY_KEEPER), ENOENT), "keeper: nothing left to destroy");
	close(fd);

	test_in_place();
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

/* The device loaded with capacity=N. */
static int test_capacity(long expected)
{
	char buf[256];
	__u64 value;
	int fd;

	ktap_suite_begin("misc_capacity");
	fd = open_device(O_RDWR);
	ktap_case(fd >= 0 && ioctl(fd, KCXX_MISC_GET_CAPACITY, &value) == 0 &&
			  value == (__u64)expected,
		  "GET_CAPACITY is the module parameter (%ld)", expected);
	memset(buf, 'c', sizeof(buf));
	ktap_case(write(fd, buf, expected + 10) == expected, "a write is cut at the capacity");
	ktap_case(expect_errno(write(fd, buf, 1), ENOSPC), "then ENOSPC");
	value = expected + 1;
	ktap_case(expect_errno(ioctl(fd, KCXX_MISC_SET_SIZE, &value), EFBIG), "SET_SIZE past it: EFBIG");
	ktap_case(expect_errno(lseek(fd, expected + 1, SEEK_SET), EINVAL), "lseek past it: EINVAL");
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

#define RECORD 64

/* A writer stores records whose bytes are all one value at aligned offsets. */
static int writer_role(int id, int iterations)
{
	char record[RECORD];
	int fd = open_device(O_RDWR), errors = 0;
	unsigned int seed = 1000 + id;

	for (int i = 0; i < iterations; i++) {
		int slot = rand_r(&seed) % (CAPACITY / RECORD);

		memset(record, 'A' + id * 8 + (i & 7), RECORD);
		if (pwrite(fd, record, RECORD, (off_t)slot * RECORD) != RECORD)
			errors++;
		if (i % 500 == 499 && id == 0)
			device_clear(fd);
		if (i % 300 == 299 && id == 1)
			set_size(fd, rand_r(&seed) % (CAPACITY / RECORD) * RECORD);
	}
	close(fd);
	return errors;
}

/* A reader checks that every aligned record it sees is whole (not torn). */
static int reader_role(int id, int iterations)
{
	char record[RECORD];
	int fd = open_device(O_RDONLY | O_NONBLOCK), errors = 0;
	unsigned int seed = 2000 + id;

	for (int i = 0; i < iterations; i++) {
		int slot = rand_r(&seed) % (CAPACITY / RECORD);
		ssize_t n = pread(fd, record, RECORD, (off_t)slot * RECORD);
		long long size;

		if (n < 0 && errno != EAGAIN)
			errors++;
		for (ssize_t j = 1; j < n; j++)
			if (record[j] != record[0]) {
				errors++;
				break;
			}
		size = device_size(fd);
		if (size < 0 || size > CAPACITY)
			errors++;
	}
	close(fd);
	return errors;
}

static int test_concurrent(void)
{
	const int iterations = 20000;
	pid_t pids[8];
	double t0 = now();
	int fd;

	ktap_suite_begin("misc_concurrent");
	fd = open_device(O_RDWR);
	device_clear(fd);
	fflush(stdout);
	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i < 4 ? writer_role(i, iterations) : reader_role(i - 4, iterations));
	}
	for (int i = 0; i < 8; i++) {
		int status;

		waitpid(pids[i], &status, 0);
		ktap_case(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s %d: %d operations, %d errors",
			  i < 4 ? "writer" : "reader", i % 4, iterations,
			  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
	ktap_diag("8 processes x %d iterations in %.2f s", iterations, now() - t0);
	{
		struct kcxx_misc_stats stats;

		ktap_case(ioctl(fd, KCXX_MISC_GET_STATS, &stats) == 0 && stats.open_files == 1 &&
				  stats.size <= CAPACITY,
			  "afterwards: one open file, size within capacity");
	}
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

/* The fuzzer: random syscalls on the device, each result checked against
 * the errnos a kernel developer expects for it. */

struct fuzz_stats {
	long syscalls;
	long unexpected;
	long by_errno[160];
	long ok;
};

#define FDS 8

static struct bad_memory fuzz_mem;
static char fuzz_buf[3 * CAPACITY];

static void *fuzz_pointer(size_t len)
{
	switch (below(10)) {
	case 0:
		return NULL;
	case 1:
		return KERNEL_ADDRESS;
	case 2:
		return (void *)(uintptr_t)(0xffff800000000000ULL + below(1ULL << 40));
	case 3:
		return fuzz_mem.unmapped + below(page_size);
	case 4:
		return fuzz_mem.unmapped - below(64);
	case 5:
		return fuzz_mem.read_only + below(page_size);
	case 6:
		return (void *)(uintptr_t)below(1ULL << 47);
	default:
		/* The device copies at most CAPACITY bytes: they stay inside. */
		(void)len;
		return fuzz_buf + below(sizeof(fuzz_buf) - CAPACITY);
	}
}

static size_t fuzz_length(void)
{
	switch (below(8)) {
	case 0:
		return 0;
	case 1:
		return below(16);
	case 2:
		return CAPACITY + below(64) - 32;
	case 3:
		return (size_t)1 << below(48);
	case 4:
		return SIZE_MAX - below(8);
	default:
		return below(2 * CAPACITY);
	}
}

static long long fuzz_offset(void)
{
	switch (below(7)) {
	case 0:
		return -(long long)below(1ULL << 62);
	case 1:
		return (long long)below(1ULL << 62);
	case 2:
		return CAPACITY + (long long)below(16) - 8;
	case 3:
		return 0;
	default:
		return (long long)below(CAPACITY + 100);
	}
}

static unsigned long fuzz_ioctl_command(void)
{
	static const unsigned long known[] = {
		KCXX_MISC_GET_SIZE, KCXX_MISC_SET_SIZE, KCXX_MISC_CLEAR,
		KCXX_MISC_GET_CAPACITY, KCXX_MISC_GET_STATS, KCXX_MISC_XCHG,
	};
	unsigned long cmd;
	unsigned int type;

	switch (below(4)) {
	case 0:
	case 1:
		return known[below(6)];
	case 2:
		/* Our type with a random number, direction and size. */
		return _IOC(below(4), KCXX_MISC_IOC_TYPE, below(16), below(64));
	default:
		/* Anything, except the types the VFS and filesystems handle
		 * themselves before the driver sees them (FIFREEZE is
		 * _IOWR('X', 119, int): freezing the root fs would hang the
		 * VM; FS_IOC_* 'f', FIO* 'T' 0x54, FICLONE 0x94, BLK* 0x12,
		 * FS_IOC_*LABEL 0x15, FIBMAP/FIGETBSZ 0). */
		do {
			cmd = (unsigned long)(uint32_t)rnd();
			type = _IOC_TYPE(cmd);
		} while (type == 'X' || type == 'f' || type == 0x54 || type == 0x94 ||
			 type == 0x12 || type == 0x15 || type == 0 || type == 'v');
		return cmd;
	}
}

static int allowed(int op, int err)
{
	switch (op) {
	case 0: /* read */
	case 1: /* pread */
		return err == EFAULT || err == EAGAIN || err == EINTR || err == EINVAL ||
		       err == EBADF;
	case 2: /* write */
	case 3: /* pwrite */
		return err == EFAULT || err == ENOSPC || err == EINVAL || err == EBADF ||
		       err == EINTR;
	case 4: /* lseek */
		return err == EINVAL || err == ENXIO || err == EBADF;
	case 5: /* ioctl */
		return err == ENOTTY || err == EFAULT || err == EINVAL || err == EFBIG ||
		       err == EBADF;
	case 6: /* mmap */
		return err == ENODEV || err == EBADF || err == EINVAL || err == EACCES ||
		       err == ENOMEM || err == EOVERFLOW;
	default:
		return err == EBADF;
	}
}

static void on_fuzz_alarm(int sig)
{
	(void)sig;
}

static int fuzz_worker(int id, long count, uint64_t seed, struct fuzz_stats *st)
{
	int fds[FDS];
	struct sigaction sa = { .sa_handler = on_fuzz_alarm };
	double t0 = now();

	rng_state = seed * 0x9E3779B97F4A7C15ULL + id + 1;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	bad_memory_init(&fuzz_mem);
	for (int i = 0; i < FDS; i++)
		fds[i] = -1;
	memset(st, 0, sizeof(*st));

	while (st->syscalls < count) {
		int slot = below(FDS), op = -1, fd;
		long long result = 0;

		if (fds[slot] < 0) {
			int flags = (below(3) == 0 ? O_RDONLY : below(4) == 0 ? O_WRONLY : O_RDWR) |
				    (below(2) ? O_NONBLOCK : 0);

			fds[slot] = open_device(flags);
			st->syscalls++;
			if (fds[slot] < 0) {
				st->unexpected++;
				ktap_diag("worker %d: open failed: %s", id, strerror(errno));
			}
			continue;
		}
		fd = fds[slot];
		/* Now and then a closed or bogus descriptor. */
		if (below(200) == 0)
			fd = 1000 + below(10);

		switch (below(16)) {
		case 0:
		case 1: {
			size_t len = fuzz_length();
			struct itimerval it = { .it_interval = { 0, 1000 }, .it_value = { 0, 1000 } };

			/* A blocking read of an empty device waits for a
			 * writer: an alarm every 1 ms ends it (EINTR); periodic,
			 * since one may fire before the read sleeps. */
			op = 0;
			setitimer(ITIMER_REAL, &it, NULL);
			result = read(fd, fuzz_pointer(len), len);
			it = (struct itimerval){ 0 };
			setitimer(ITIMER_REAL, &it, NULL);
			if (result > (long long)CAPACITY) {
				st->unexpected++;
				ktap_diag("worker %d: read returned %lld > capacity", id, result);
			}
			break;
		}
		case 2: {
			size_t len = fuzz_length();
			struct itimerval it = { .it_interval = { 0, 1000 }, .it_value = { 0, 1000 } };

			op = 1;
			setitimer(ITIMER_REAL, &it, NULL);
			result = pread(fd, fuzz_pointer(len), len, fuzz_offset());
			it = (struct itimerval){ 0 };
			setitimer(ITIMER_REAL, &it, NULL);
			break;
		}
		case 3:
		case 4: {
			size_t len = fuzz_length();

			op = 2;
			result = write(fd, fuzz_pointer(len), len);
			if (result > (long long)CAPACITY) {
				st->unexpected++;
				ktap_diag("worker %d: write returned %lld > capacity", id, result);
			}
			break;
		}
		case 5: {
			size_t len = fuzz_length();

			op = 3;
			result = pwrite(fd, fuzz_pointer(len), len, fuzz_offset());
			break;
		}
		case 6:
		case 7:
			op = 4;
			result = lseek(fd, fuzz_offset(), below(8) == 0 ? (int)below(8) : (int)below(3));
			if (result > CAPACITY) {
				st->unexpected++;
				ktap_diag("worker %d: lseek returned %lld > capacity", id, result);
			}
			break;
		case 8:
		case 9:
		case 10: {
			unsigned long cmd = fuzz_ioctl_command();
			void *arg;

			op = 5;
			if (below(3) == 0) {
				/* A well-formed argument for our commands. */
				static __u64 v;
				static struct kcxx_misc_xchg x;

				v = below(3) ? below(CAPACITY + 2) : rnd();
				x.offset = below(CAPACITY + 2);
				x.value = rnd();
				memset(x.reserved, 0, sizeof(x.reserved));
				if (below(8) == 0)
					x.reserved[below(6)] = 1;
				arg = cmd == KCXX_MISC_XCHG ? (void *)&x : (void *)&v;
			} else {
				arg = fuzz_pointer(64);
			}
			result = ioctl(fd, cmd, arg);
			if (cmd == KCXX_MISC_GET_SIZE && result == 0 && arg != NULL &&
			    (char *)arg >= fuzz_buf && (char *)arg < fuzz_buf + sizeof(fuzz_buf)) {
				__u64 size;

				memcpy(&size, arg, sizeof(size));
				if (size > CAPACITY) {
					st->unexpected++;
					ktap_diag("worker %d: GET_SIZE %llu > capacity", id,
						  (unsigned long long)size);
				}
			}
			break;
		}
		case 11: {
			struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };

			op = 7;
			result = poll(&p, 1, 0);
			if (result < 0 || (p.revents & POLLNVAL && fd == fds[slot])) {
				st->unexpected++;
				ktap_diag("worker %d: poll: %lld revents 0x%x", id, result, p.revents);
			}
			break;
		}
		case 12: {
			int flags = fcntl(fd, F_GETFL);

			op = 8;
			st->syscalls++;
			if (flags >= 0)
				result = fcntl(fd, F_SETFL, flags ^ O_NONBLOCK);
			else
				result = flags;
			break;
		}
		case 13:
			op = 9;
			result = close(fd);
			if (fd == fds[slot])
				fds[slot] = -1;
			break;
		case 14: {
			void *p;

			op = 6;
			p = mmap(NULL, page_size, below(2) ? PROT_READ : PROT_READ | PROT_WRITE,
				 below(2) ? MAP_SHARED : MAP_PRIVATE, fd, below(4) * page_size);
			if (p != MAP_FAILED) {
				st->unexpected++;
				munmap(p, page_size);
				ktap_diag("worker %d: mmap succeeded", id);
			}
			result = p == MAP_FAILED ? -1 : 0;
			break;
		}
		default: {
			int d;

			op = 10;
			d = dup(fd);
			result = d;
			if (d >= 0) {
				st->syscalls++;
				close(d);
			}
			break;
		}
		}
		st->syscalls++;
		if (result < 0) {
			if (errno >= 0 && errno < 160)
				st->by_errno[errno]++;
			if (!allowed(op, errno)) {
				st->unexpected++;
				if (st->unexpected < 20)
					ktap_diag("worker %d: op %d: unexpected errno %d (%s)", id, op,
						  errno, strerror(errno));
			}
		} else {
			st->ok++;
		}
		if (st->syscalls / 10000 != (st->syscalls - 1) / 10000 && st->syscalls % 10000 < 3)
			ktap_diag("worker %d: %ld syscalls, %.1f s", id, st->syscalls, now() - t0);
	}
	for (int i = 0; i < FDS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return st->unexpected ? 1 : 0;
}

static int test_fuzz(long total, uint64_t seed, int workers)
{
	struct fuzz_stats *shared;
	long syscalls = 0, unexpected = 0, ok = 0, by_errno[160] = { 0 };
	double t0 = now(), elapsed;
	pid_t pids[16];

	ktap_suite_begin("misc_fuzz");
	ktap_diag("%ld syscalls over %d processes, seed %llu (rerun: misc_test fuzz %ld %llu %d)",
		  total, workers, (unsigned long long)seed, total, (unsigned long long)seed, workers);
	shared = mmap(NULL, sizeof(*shared) * workers, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fflush(stdout);
	for (int w = 0; w < workers; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			_exit(fuzz_worker(w, total / workers, seed, &shared[w]));
	}
	for (int w = 0; w < workers; w++) {
		int status;

		waitpid(pids[w], &status, 0);
		ktap_case(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			  "worker %d: %ld syscalls, %ld unexpected results", w, shared[w].syscalls,
			  shared[w].unexpected);
		syscalls += shared[w].syscalls;
		unexpected += shared[w].unexpected;
		ok += shared[w].ok;
		for (int e = 0; e < 160; e++)
			by_errno[e] += shared[w].by_errno[e];
	}
	elapsed = now() - t0;
	ktap_diag("%ld syscalls in %.1f s (%.0f/s): %ld succeeded", syscalls, elapsed,
		  syscalls / elapsed, ok);
	for (int e = 0; e < 160; e++)
		if (by_errno[e])
			ktap_diag("  %-7s %ld", strerrorname_np(e) ? strerrorname_np(e) : "?",
				  by_errno[e]);
	ktap_case(syscalls >= total && unexpected == 0, "%ld random syscalls, none unexpected",
		  syscalls);

	/* The device still works, and every file the fuzzer opened is gone. */
	{
		int fd = open_device(O_RDWR);
		struct kcxx_misc_stats stats;
		char buf[4];

		ktap_case(fd >= 0 && device_clear(fd) == 0 && write(fd, "ok", 2) == 2 &&
				  pread(fd, buf, 4, 0) == 2 && memcmp(buf, "ok", 2) == 0,
			  "the device works after the fuzzing");
		ktap_case(ioctl(fd, KCXX_MISC_GET_STATS, &stats) == 0 && stats.open_files == 1,
			  "no open file leaked (open_files %llu)",
			  (unsigned long long)stats.open_files);
		close(fd);
	}
	return ktap_suite_end();
}

int main(int argc, char **argv)
{
	page_size = sysconf(_SC_PAGESIZE);
	if (argc < 2) {
		fprintf(stderr, "usage: %s functional|errors|blocking|poll|concurrent|framework|fuzz [N] [SEED] [WORKERS]\n",
			argv[0]);
		return 2;
	}
	if (!strcmp(argv[1], "functional"))
		return test_functional();
	if (!strcmp(argv[1], "errors"))
		return test_errors();
	if (!strcmp(argv[1], "blocking"))
		return test_blocking();
	if (!strcmp(argv[1], "poll"))
		return test_poll();
	if (!strcmp(argv[1], "concurrent"))
		return test_concurrent();
	if (!strcmp(argv[1], "framework"))
		return test_framework();
	if (!strcmp(argv[1], "capacity") && argc > 2)
		return test_capacity(atol(argv[2]));
	if (!strcmp(argv[1], "fuzz")) {
		long n = argc > 2 ? atol(argv[2]) : 120000;
		uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 0) : (uint64_t)time(NULL);
		int workers = argc > 4 ? atoi(argv[4]) : 2;

		if (workers < 1 || workers > 16)
			workers = 2;
		return test_fuzz(n, seed, workers);
	}
	fprintf(stderr, "unknown test %s\n", argv[1]);
	return 2;
}
