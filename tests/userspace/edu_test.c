// SPDX-License-Identifier: GPL-2.0
/*
 * User-space tests of the edu drivers (drivers/edu/uapi/kcxx_edu.h): the C
 * reference edu_ref and the C++ kcxx_edu answer alike.  Run in the test VM
 * by tests/vm/edu.sh; each subcommand prints one KTAP suite (ktap.h).
 * DEVICE is a path (/dev/edu_ref-0000:00:02.0) or a module name (edu_ref:
 * the first /dev/edu_ref-*).
 *
 *   edu_test functional DEVICE [msi|intx]   every ioctl, DMA round trips,
 *                                           statistics, sysfs
 *   edu_test errors DEVICE                  every invalid input and its errno
 *   edu_test concurrent DEVICE [PROCS] [THREADS] [ITERATIONS]
 *                                           factorial + DMA from PROCS
 *                                           processes of THREADS threads
 *   edu_test lifetime DEVICE                unbind with the file open and
 *                                           DMA in flight, then rebind
 *   edu_test unplug DEVICE READY            holds the device open with work in
 *                                           flight, creates the file READY and
 *                                           waits for it to be unplugged
 *   edu_test fresh DEVICE                   a device just bound works, counts
 *                                           from zero
 *   edu_test fuzz DEVICE [N] [SEED] [WORKERS]
 *                                           N random ioctls (default 200000)
 *                                           and a quarter as many reads,
 *                                           writes, mmaps, opens and closes,
 *                                           over WORKERS processes
 *
 * Built static on the host (tests/userspace/build), shipped with
 * tools/vm/run --file.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kcxx_edu.h"
#include "ktap.h"
#include "test_util.h"

#define BUF KCXX_EDU_BUFFER_SIZE

static long page_size;
static char dev_path[256];	/* /dev/edu_ref-0000:00:02.0 */
static char module[64];		/* edu_ref */
static char pci_name[64];	/* 0000:00:02.0 */

/* Resolves DEVICE (a path or a module name) into dev_path, module, pci_name. */
static int find_device(const char *arg)
{
	const char *base, *dash;

	if (arg[0] == '/') {
		snprintf(dev_path, sizeof(dev_path), "%s", arg);
	} else {
		char pattern[128];
		glob_t g;

		snprintf(pattern, sizeof(pattern), "/dev/%s-*", arg);
		if (glob(pattern, 0, NULL, &g) || g.gl_pathc == 0) {
			fprintf(stderr, "edu_test: no device %s\n", pattern);
			return -1;
		}
		snprintf(dev_path, sizeof(dev_path), "%s", g.gl_pathv[0]);
		globfree(&g);
	}
	base = strrchr(dev_path, '/') ? strrchr(dev_path, '/') + 1 : dev_path;
	dash = strrchr(base, '-');
	if (!dash) {
		fprintf(stderr, "edu_test: %s is not /dev/<module>-<pci name>\n", dev_path);
		return -1;
	}
	snprintf(module, sizeof(module), "%.*s", (int)(dash - base), base);
	snprintf(pci_name, sizeof(pci_name), "%s", dash + 1);
	return 0;
}

static int open_device(void)
{
	return open(dev_path, O_RDWR);
}

/* Reads /sys/bus/pci/devices/<pci>/<attr> into buf; -1 if absent. */
static int read_attr(const char *attr, char *buf, size_t size)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/%s", pci_name, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return 0;
}

static long long attr_number(const char *attr)
{
	char buf[64];

	if (read_attr(attr, buf, sizeof(buf)))
		return -1;
	return strtoll(buf, NULL, 0);
}

/* Writes the PCI name to /sys/bus/pci/drivers/<module>/<what>. */
static int driver_write(const char *what)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/drivers/%s/%s", module, what);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	n = write(fd, pci_name, strlen(pci_name));
	close(fd);
	return n == (ssize_t)strlen(pci_name) ? 0 : -1;
}

/* ioctl's result as 0 or the errno. */
static int err_of(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) == 0 ? 0 : errno;
}

static const char *errname(int e)
{
	const char *name = e ? strerrorname_np(e) : "success";

	return name ? name : "?";
}

/* A case expecting errno 'want' (0: success); says what came. */
static int expect_errno(int got, int want, const char *what)
{
	errno = got;
	return ktap_case(got == want, "%s: %s (got %s)", what, errname(want), errname(got));
}

static uint32_t factorial32(uint32_t n)
{
	uint32_t r = 1;

	/* n! has 32 factors of two from 34 on: 0 modulo 2^32. */
	if (n >= 34)
		return 0;
	while (n > 0)
		r *= n--;
	return r;
}

static int factorial(int fd, uint32_t input, uint32_t flags, uint32_t *result)
{
	struct kcxx_edu_factorial f = { .input = input, .flags = flags };

	if (ioctl(fd, KCXX_EDU_FACTORIAL, &f))
		return errno;
	*result = f.result;
	return 0;
}

static int dma(int fd, int to_device, void *user, uint32_t offset, uint32_t length)
{
	struct kcxx_edu_dma d = {
		.user_address = (uintptr_t)user, .offset = offset, .length = length,
	};

	return err_of(fd, to_device ? KCXX_EDU_DMA_TO_DEVICE : KCXX_EDU_DMA_FROM_DEVICE, &d);
}

static int get_stats(int fd, struct kcxx_edu_stats *s)
{
	return err_of(fd, KCXX_EDU_GET_STATS, s);
}

/*
 * Memory that faults, in one three-page mapping: [read-write][no access]
 * [read-only].
 */

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8) * 13 + 1);
}

/* ------------------------------------------------------------------------ */

static const uint32_t big_inputs[] = { 13, 20, 33, 34, 35, 100, 1000, 65535, 1000000 };

static int test_functional(const char *mode)
{
	static unsigned char img[BUF], back[BUF + 64], tmp[2 * 4096 + 64];
	struct kcxx_edu_stats s0, s1;
	struct kcxx_edu_info info;
	uint64_t want_fact = 0, want_to = 0, want_from = 0, want_bytes = 0, want_irqs = 0;
	char text[64], expect[64];
	uint32_t v, r = 0;
	int fd, ok;

	ktap_suite_begin("edu_functional");
	ktap_diag("device %s (module %s, PCI %s)", dev_path, module, pci_name);
	fd = open_device();
	if (!ktap_case(fd >= 0, "open %s", dev_path))
		return ktap_suite_end();
	ktap_case(get_stats(fd, &s0) == 0, "GET_STATS before");

	/* Identification. */
	memset(&info, 0xa5, sizeof(info));
	ktap_case(ioctl(fd, KCXX_EDU_GET_INFO, &info) == 0, "GET_INFO");
	ktap_case((info.card_id & 0xffff) == 0x00ed, "card_id 0x%08x is 0xRRrr00ed", info.card_id);
	ktap_case(info.buffer_size == BUF, "buffer_size %u", info.buffer_size);
	ktap_case(info.dma_mask_bits == 28, "dma_mask_bits %u", info.dma_mask_bits);
	if (mode)
		ktap_case(info.irq_mode == (strcmp(mode, "msi") ? KCXX_EDU_IRQ_INTX : KCXX_EDU_IRQ_MSI),
			  "irq_mode %u is %s", info.irq_mode, mode);
	else
		ktap_case(info.irq_mode == KCXX_EDU_IRQ_INTX || info.irq_mode == KCXX_EDU_IRQ_MSI,
			  "irq_mode %u", info.irq_mode);
	snprintf(expect, sizeof(expect), "0x%08x\n", info.card_id);
	ok = read_attr("card_id", text, sizeof(text)) == 0 && !strcmp(text, expect);
	ktap_case(ok, "sysfs card_id reads 0x%08x", info.card_id);

	/* Liveness: the register reads back the complement. */
	{
		static const uint32_t values[] = { 0, 1, 0xffffffff, 0x12345678, 0xdeadbeef, 0x80000000 };

		for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
			v = values[i];
			ok = ioctl(fd, KCXX_EDU_LIVENESS, &v) == 0 && v == ~values[i];
			ktap_case(ok, "LIVENESS 0x%08x reads 0x%08x", values[i], v);
		}
	}

	/* Factorial, polled and by interrupt. */
	for (int irq = 0; irq <= 1; irq++) {
		int bad = 0;

		for (uint32_t n = 0; n <= 12; n++) {
			if (factorial(fd, n, irq ? KCXX_EDU_FACT_IRQ : 0, &r) || r != factorial32(n)) {
				bad++;
				ktap_diag("%u! = %u, want %u (%s)", n, r, factorial32(n), strerror(errno));
			}
			want_fact++;
			want_irqs += irq;
		}
		ktap_case(!bad, "FACTORIAL 0..12 %s", irq ? "by interrupt" : "polled");
		for (size_t i = 0; i < sizeof(big_inputs) / sizeof(big_inputs[0]); i++) {
			uint32_t n = big_inputs[i];

			r = 0xdead;
			ok = factorial(fd, n, irq ? KCXX_EDU_FACT_IRQ : 0, &r) == 0;
			ktap_case(ok && r == factorial32(n), "FACTORIAL %u %s: %u (want %u)", n,
				  irq ? "by interrupt" : "polled", r, factorial32(n));
			want_fact++;
			want_irqs += irq;
		}
	}

	/* DMA: fill the whole buffer, read it back whole and in pieces. */
	fill(img, BUF, 1);
	ktap_case(dma(fd, 1, img, 0, BUF) == 0, "DMA to device: offset 0 length %d (all)", BUF);
	want_to++, want_bytes += BUF, want_irqs++;
	memset(back, 0, sizeof(back));
	ok = dma(fd, 0, back, 0, BUF) == 0 && !memcmp(back, img, BUF);
	ktap_case(ok, "DMA from device: offset 0 length %d reads what was written", BUF);
	want_from++, want_bytes += BUF, want_irqs++;
	{
		static const struct { uint32_t offset, length; } pieces[] = {
			{ 0, 1 }, { BUF - 1, 1 }, { 1, 1 }, { 17, 100 }, { 4000, BUF - 4000 },
			{ 2048, BUF - 2048 }, { 1, BUF - 1 }, { 0, BUF - 1 }, { 4093, 2 },
			{ 511, 1025 },
		};

		for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i++) {
			uint32_t o = pieces[i].offset, l = pieces[i].length;
			unsigned char *dst = tmp + 4096 - 3;	/* crosses a page */

			memset(tmp, 0x5a, sizeof(tmp));
			ok = dma(fd, 0, dst, o, l) == 0 && !memcmp(dst, img + o, l) &&
			     dst[l] == 0x5a && dst[-1] == 0x5a;
			ktap_case(ok, "DMA from device: offset %u length %u matches, nothing around it written", o, l);
			want_from++, want_bytes += l, want_irqs++;
		}
		/* Write pieces (from unaligned user memory), then check the
		 * whole buffer: only those bytes changed. */
		for (size_t i = 0; i < sizeof(pieces) / sizeof(pieces[0]); i += 2) {
			uint32_t o = pieces[i].offset, l = pieces[i].length;
			unsigned char *src = tmp + 1;

			fill(src, l, 100 + i);
			ok = dma(fd, 1, src, o, l) == 0;
			memcpy(img + o, src, l);
			want_to++, want_bytes += l, want_irqs++;
			memset(back, 0, sizeof(back));
			ok = ok && dma(fd, 0, back, 0, BUF) == 0 && !memcmp(back, img, BUF);
			want_from++, want_bytes += BUF, want_irqs++;
			ktap_case(ok, "DMA to device: offset %u length %u changes exactly those bytes", o, l);
		}
	}
	/* The edges: the last byte that DMA may reach, the first and both. */
	{
		unsigned char one = 0xc3, two[2] = { 0x11, 0x22 }, got[2] = { 0, 0 };

		ok = dma(fd, 1, &one, BUF - 1, 1) == 0 && dma(fd, 0, got, BUF - 1, 1) == 0 &&
		     got[0] == one;
		img[BUF - 1] = one;
		ktap_case(ok, "DMA round trip at offset %d length 1 (the last byte)", BUF - 1);
		ok = dma(fd, 1, two, 0, 1) == 0 && dma(fd, 0, got, 0, 1) == 0 && got[0] == 0x11;
		img[0] = 0x11;
		ktap_case(ok, "DMA round trip at offset 0 length 1");
		want_to += 2, want_from += 2, want_bytes += 4, want_irqs += 4;
	}

	/* Raised interrupts. */
	{
		static const uint32_t bits[] = { 0x2, 0x80, 0x10, 0x80000000, 0xfffffefe, 0x200 };

		for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++) {
			v = bits[i];
			ktap_case(ioctl(fd, KCXX_EDU_RAISE_IRQ, &v) == 0, "RAISE_IRQ 0x%08x", bits[i]);
			want_irqs++;
		}
	}

	/* Statistics: the counters went up by what this test did. */
	ok = get_stats(fd, &s1) == 0;
	ktap_case(ok, "GET_STATS after");
	ktap_case(s1.factorials - s0.factorials == want_fact, "factorials +%llu (want +%llu)",
		  (unsigned long long)(s1.factorials - s0.factorials), (unsigned long long)want_fact);
	ktap_case(s1.dma_to_device - s0.dma_to_device == want_to, "dma_to_device +%llu (want +%llu)",
		  (unsigned long long)(s1.dma_to_device - s0.dma_to_device), (unsigned long long)want_to);
	ktap_case(s1.dma_from_device - s0.dma_from_device == want_from,
		  "dma_from_device +%llu (want +%llu)",
		  (unsigned long long)(s1.dma_from_device - s0.dma_from_device),
		  (unsigned long long)want_from);
	ktap_case(s1.dma_bytes - s0.dma_bytes == want_bytes, "dma_bytes +%llu (want +%llu)",
		  (unsigned long long)(s1.dma_bytes - s0.dma_bytes), (unsigned long long)want_bytes);
	ktap_case(s1.interrupts - s0.interrupts == want_irqs, "interrupts +%llu (want +%llu)",
		  (unsigned long long)(s1.interrupts - s0.interrupts), (unsigned long long)want_irqs);
	ktap_case(attr_number("interrupts") == (long long)s1.interrupts,
		  "sysfs interrupts %lld = GET_STATS interrupts %llu", attr_number("interrupts"),
		  (unsigned long long)s1.interrupts);

	/* A second open file sees the same device. */
	{
		int fd2 = open_device();
		struct kcxx_edu_stats s2;

		ok = fd2 >= 0 && get_stats(fd2, &s2) == 0 && s2.factorials == s1.factorials &&
		     dma(fd2, 0, back, 0, BUF) == 0 && !memcmp(back, img, BUF);
		ktap_case(ok, "a second open file shares the device's statistics and buffer");
		if (fd2 >= 0)
			close(fd2);
	}
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

static int test_errors(void)
{
	static unsigned char buf[2 * BUF];
	struct kcxx_edu_stats s0, s1;
	struct kcxx_edu_factorial f;
	struct kcxx_edu_dma d;
	struct bad_memory m;
	uint32_t v, r = 0;
	int fd, from_faults = 0;
	char c;

	ktap_suite_begin("edu_errors");
	bad_memory_init(&m);
	fd = open_device();
	if (!ktap_case(fd >= 0, "open %s", dev_path))
		return ktap_suite_end();
	ktap_case(get_stats(fd, &s0) == 0, "GET_STATS before");

	/* DMA lengths and offsets. */
	{
		static const struct { uint32_t offset, length; const char *why; } bad[] = {
			{ 0, 0, "length 0" },
			{ 100, 0, "offset 100 length 0" },
			{ BUF, 0, "offset at the end, length 0" },
			{ BUF, 1, "offset at the end" },
			{ 0, BUF + 1, "one byte too long" },
			{ 4095, 1, "the device's last byte (QEMU 7.2 would abort)" },
			{ 0, 4096, "the device's whole 4096 bytes (QEMU 7.2 would abort)" },
			{ 2000, 2096, "offset+length 4096" },
			{ 1, BUF, "offset 1, full length" },
			{ 0xffffffff, 1, "offset 0xffffffff length 1 (u32 sum wraps to 0)" },
			{ 1, 0xffffffff, "offset 1 length 0xffffffff (u32 sum wraps to 0)" },
			{ 0x80000000, 0x80000000, "offset+length 2^32 (u32 sum wraps to 0)" },
			{ 0xffffffff, 0xffffffff, "offset and length 0xffffffff" },
			{ 0, 0xfffff000, "length 0xfffff000" },
			{ 0x10000, 16, "offset 0x10000" },
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			for (int to = 0; to <= 1; to++) {
				char what[160];

				snprintf(what, sizeof(what), "DMA %s %s", to ? "to" : "from", bad[i].why);
				expect_errno(dma(fd, to, buf, bad[i].offset, bad[i].length), EINVAL, what);
			}
	}

	/* DMA user memory. */
	{
		static const struct { const char *why; int from_only; } cases[] = {
			{ "NULL", 0 }, { "a kernel address", 0 }, { "an unmapped page", 0 },
			{ "a buffer running into an unmapped page", 0 },
			{ "a read-only page", 1 },
		};

		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			for (int to = 0; to <= 1; to++) {
				void *p = i == 0 ? NULL : i == 1 ? KERNEL_ADDRESS :
					  i == 2 ? m.unmapped : i == 3 ? m.unmapped - 10 : m.read_only;
				char what[160];

				if (cases[i].from_only && to) {
					snprintf(what, sizeof(what), "DMA to device from %s", cases[i].why);
					expect_errno(dma(fd, 1, p, 0, 64), 0, what);
					continue;
				}
				snprintf(what, sizeof(what), "DMA %s device %s %s", to ? "to" : "from",
					 to ? "from" : "into", cases[i].why);
				expect_errno(dma(fd, to, p, 0, 64), EFAULT, what);
				if (!to && i != 1)
					from_faults++;	/* the transfer may have happened */
			}
		/* A huge user_address, beyond any address space. */
		d = (struct kcxx_edu_dma){ .user_address = ~0ULL - 10, .offset = 0, .length = 64 };
		expect_errno(err_of(fd, KCXX_EDU_DMA_TO_DEVICE, &d), EFAULT, "DMA to device from address 2^64-11");
		expect_errno(err_of(fd, KCXX_EDU_DMA_FROM_DEVICE, &d), EFAULT, "DMA from device into address 2^64-11");
	}

	/* Factorial flags and reserved fields. */
	{
		static const struct { uint32_t flags, reserved; } bad[] = {
			{ 0x2, 0 }, { 0x80000000, 0 }, { 0xffffffff, 0 }, { KCXX_EDU_FACT_IRQ | 0x4, 0 },
			{ 0, 1 }, { KCXX_EDU_FACT_IRQ, 0x80000000 }, { 0, 0xffffffff },
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char what[96];

			f = (struct kcxx_edu_factorial){ .input = 5, .flags = bad[i].flags,
							 .reserved = bad[i].reserved, .result = 77 };
			snprintf(what, sizeof(what), "FACTORIAL flags 0x%x reserved 0x%x", bad[i].flags,
				 bad[i].reserved);
			expect_errno(err_of(fd, KCXX_EDU_FACTORIAL, &f), EINVAL, what);
		}
		ktap_case(f.result == 77, "a refused FACTORIAL writes nothing back");
	}

	/* RAISE_IRQ values. */
	{
		static const uint32_t bad[] = { 0, 0x1, 0x100, 0x101, 0x3, 0x180, 0xffffffff };

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char what[64];

			v = bad[i];
			snprintf(what, sizeof(what), "RAISE_IRQ 0x%08x", bad[i]);
			expect_errno(err_of(fd, KCXX_EDU_RAISE_IRQ, &v), EINVAL, what);
		}
	}

	/* Bad argument pointers, for every command. */
	{
		static const struct { unsigned long cmd; const char *name; int writes; } cmds[] = {
			{ KCXX_EDU_GET_INFO, "GET_INFO", 1 },
			{ KCXX_EDU_LIVENESS, "LIVENESS", 1 },
			{ KCXX_EDU_FACTORIAL, "FACTORIAL", 1 },
			{ KCXX_EDU_DMA_TO_DEVICE, "DMA_TO_DEVICE", 0 },
			{ KCXX_EDU_DMA_FROM_DEVICE, "DMA_FROM_DEVICE", 0 },
			{ KCXX_EDU_RAISE_IRQ, "RAISE_IRQ", 0 },
			{ KCXX_EDU_GET_STATS, "GET_STATS", 1 },
		};

		for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
			void *ptrs[] = { NULL, KERNEL_ADDRESS, m.unmapped, m.unmapped - 2 };
			const char *names[] = { "NULL", "a kernel address", "an unmapped page",
						"a struct running into an unmapped page" };
			char what[128];

			for (size_t p = 0; p < 4; p++) {
				snprintf(what, sizeof(what), "%s with %s", cmds[i].name, names[p]);
				expect_errno(err_of(fd, cmds[i].cmd, ptrs[p]), EFAULT, what);
			}
			if (cmds[i].writes) {
				/* A valid input that cannot be written back. */
				memset(m.mapped, 0, page_size);
				mprotect(m.mapped, page_size, PROT_READ);
				snprintf(what, sizeof(what), "%s into read-only memory", cmds[i].name);
				expect_errno(err_of(fd, cmds[i].cmd, m.mapped), EFAULT, what);
				mprotect(m.mapped, page_size, PROT_READ | PROT_WRITE);
			}
		}
	}

	/* Unknown commands. */
	{
		static const struct { unsigned long cmd; const char *why; } bad[] = {
			{ _IO(KCXX_EDU_IOC_TYPE, 0), "number 0" },
			{ _IO(KCXX_EDU_IOC_TYPE, 8), "number 8" },
			{ _IOR(KCXX_EDU_IOC_TYPE, 8, struct kcxx_edu_stats), "number 8 with a size" },
			{ _IOWR(KCXX_EDU_IOC_TYPE, 255, __u32), "number 255" },
			{ _IOW(KCXX_EDU_IOC_TYPE, 1, struct kcxx_edu_info), "GET_INFO's number, write direction" },
			{ _IOR(KCXX_EDU_IOC_TYPE, 1, __u32), "GET_INFO's number, wrong size" },
			{ _IOWR(KCXX_EDU_IOC_TYPE, 3, __u64), "FACTORIAL's number, wrong size" },
			{ _IOR(KCXX_EDU_IOC_TYPE, 4, struct kcxx_edu_dma), "DMA's number, read direction" },
			{ _IO(KCXX_EDU_IOC_TYPE, 6), "RAISE_IRQ's number, no size" },
			{ _IOR('F', 1, struct kcxx_edu_info), "another type" },
			{ 0x12345678, "0x12345678" },
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			char what[128];

			snprintf(what, sizeof(what), "unknown ioctl 0x%08lx (%s)", bad[i].cmd, bad[i].why);
			expect_errno(err_of(fd, bad[i].cmd, buf), ENOTTY, what);
		}
	}

	/* No read or write. */
	errno = 0;
	expect_errno(read(fd, &c, 1) < 0 ? errno : 0, EINVAL, "read()");
	expect_errno(write(fd, "x", 1) < 0 ? errno : 0, EINVAL, "write()");

	/* Nothing counted but what happened; the device still works. */
	ktap_case(get_stats(fd, &s1) == 0, "GET_STATS after");
	/* FACTORIAL into read-only memory computed 0! before it failed:
	 * counting it or not are both allowed. */
	ktap_case(s1.factorials - s0.factorials <= 1 && s1.dma_to_device == s0.dma_to_device + 1,
		  "refused commands count nothing (factorials +%llu, dma_to_device +%llu, want +0 or +1, +1)",
		  (unsigned long long)(s1.factorials - s0.factorials),
		  (unsigned long long)(s1.dma_to_device - s0.dma_to_device));
	ktap_case(s1.dma_from_device - s0.dma_from_device <= (uint64_t)from_faults,
		  "dma_from_device +%llu: at most the %d transfers whose copy-out faulted",
		  (unsigned long long)(s1.dma_from_device - s0.dma_from_device), from_faults);
	v = factorial(fd, 10, KCXX_EDU_FACT_IRQ, &r);
	ktap_case(v == 0 && r == 3628800, "the device still works: 10! = %u", r);
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

struct worker {
	int fd;
	int id;
	int iterations;
	uint32_t region_offset, region_length;	/* its own part of the buffer */
	long factorials, irq_ops, to, from, bytes, failures;
	unsigned int seed;
};

static void *concurrent_thread(void *arg)
{
	struct worker *w = arg;
	unsigned char src[BUF], dst[BUF];

	for (int i = 0; i < w->iterations; i++) {
		uint32_t n = rand_r(&w->seed) % 40, r = 0, flags = rand_r(&w->seed) & 1;
		uint32_t o = w->region_offset + rand_r(&w->seed) % w->region_length;
		uint32_t l = 1 + rand_r(&w->seed) % (w->region_offset + w->region_length - o);
		int e;

		e = factorial(w->fd, n, flags, &r);
		if (e || r != factorial32(n)) {
			w->failures++;
			ktap_diag("worker %d: %u! = %u (want %u): %s", w->id, n, r, factorial32(n),
				  strerror(e));
		}
		w->factorials++;
		w->irq_ops += flags;
		fill(src, l, w->seed);
		memset(dst, 0, l);
		e = dma(w->fd, 1, src, o, l);
		if (!e)
			e = dma(w->fd, 0, dst, o, l);
		if (e || memcmp(src, dst, l)) {
			w->failures++;
			ktap_diag("worker %d: DMA round trip offset %u length %u: %s", w->id, o, l,
				  e ? strerror(e) : "data differ");
		}
		w->to++, w->from++, w->bytes += 2L * l, w->irq_ops += 2;
		if (rand_r(&w->seed) % 4 == 0) {
			uint32_t v = 0x1000u << (rand_r(&w->seed) % 16);

			if (ioctl(w->fd, KCXX_EDU_RAISE_IRQ, &v)) {
				w->failures++;
				ktap_diag("worker %d: RAISE_IRQ 0x%x: %s", w->id, v, strerror(errno));
			}
			w->irq_ops++;
		}
	}
	return NULL;
}

static int test_concurrent(int procs, int threads, int iterations)
{
	int regions = procs * threads, fd;
	struct worker *shared;
	struct kcxx_edu_stats s0, s1;
	long fact = 0, irq_ops = 0, to = 0, from = 0, bytes = 0;
	double t0 = now();

	ktap_suite_begin("edu_concurrent");
	ktap_diag("%d processes x %d threads x %d iterations (factorial, DMA round trip, raised irq)",
		  procs, threads, iterations);
	fd = open_device();
	if (!ktap_case(fd >= 0 && get_stats(fd, &s0) == 0, "open and GET_STATS before"))
		return ktap_suite_end();
	shared = mmap(NULL, sizeof(*shared) * regions, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	fflush(stdout);
	for (int p = 0; p < procs; p++) {
		if (fork() == 0) {
			pthread_t tids[64];
			int pfd = open_device();

			for (int t = 0; t < threads; t++) {
				struct worker *w = &shared[p * threads + t];
				int k = p * threads + t;

				w->fd = pfd;
				w->id = k;
				w->iterations = iterations;
				w->region_offset = (uint32_t)((long)BUF * k / regions);
				w->region_length = (uint32_t)((long)BUF * (k + 1) / regions) - w->region_offset;
				w->seed = 1234 + k * 77;
				if (pfd < 0)
					w->failures++;
				else
					pthread_create(&tids[t], NULL, concurrent_thread, w);
			}
			if (pfd >= 0)
				for (int t = 0; t < threads; t++)
					pthread_join(tids[t], NULL);
			_exit(0);
		}
	}
	for (int p = 0; p < procs; p++) {
		int status;

		wait(&status);
		ktap_case(WIFEXITED(status) && WEXITSTATUS(status) == 0, "process %d exited", p);
	}
	for (int k = 0; k < regions; k++) {
		struct worker *w = &shared[k];

		ktap_case(w->failures == 0 && w->factorials == iterations,
			  "worker %d: %ld factorials, %ld DMA round trips in [%u, %u), %ld failures", k,
			  w->factorials, w->to, w->region_offset, w->region_offset + w->region_length,
			  w->failures);
		fact += w->factorials, irq_ops += w->irq_ops, to += w->to, from += w->from;
		bytes += w->bytes;
	}
	ktap_case(get_stats(fd, &s1) == 0, "GET_STATS after");
	ktap_case(s1.factorials - s0.factorials == (uint64_t)fact &&
			  s1.dma_to_device - s0.dma_to_device == (uint64_t)to &&
			  s1.dma_from_device - s0.dma_from_device == (uint64_t)from &&
			  s1.dma_bytes - s0.dma_bytes == (uint64_t)bytes,
		  "statistics count every operation (factorials +%llu/%ld, to +%llu/%ld, from +%llu/%ld, bytes +%llu/%ld)",
		  (unsigned long long)(s1.factorials - s0.factorials), fact,
		  (unsigned long long)(s1.dma_to_device - s0.dma_to_device), to,
		  (unsigned long long)(s1.dma_from_device - s0.dma_from_device), from,
		  (unsigned long long)(s1.dma_bytes - s0.dma_bytes), bytes);
	/* Interrupts that arrive together are handled together. */
	ktap_case(s1.interrupts - s0.interrupts <= (uint64_t)irq_ops &&
			  s1.interrupts - s0.interrupts > 0,
		  "interrupts +%llu (at most the %ld operations completed by interrupt)",
		  (unsigned long long)(s1.interrupts - s0.interrupts), irq_ops);
	ktap_diag("%.1f s", now() - t0);
	close(fd);
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

struct lifetime_thread {
	int fd;
	int dma;		/* DMA round trips, else factorials */
	volatile int stop;
	long done, other_errors;
	int last_errno;
};

static void *lifetime_loop(void *arg)
{
	struct lifetime_thread *t = arg;
	unsigned char src[1024], dst[1024];

	while (!t->stop) {
		int e;

		if (t->dma) {
			fill(src, sizeof(src), t->done);
			e = dma(t->fd, 1, src, 1000, sizeof(src));
			if (!e)
				e = dma(t->fd, 0, dst, 1000, sizeof(dst));
			if (!e && memcmp(src, dst, sizeof(src))) {
				t->other_errors++;
				ktap_diag("DMA round trip read different data");
			}
		} else {
			uint32_t r = 0;

			e = factorial(t->fd, 12, KCXX_EDU_FACT_IRQ, &r);
			if (!e && r != 479001600)
				t->other_errors++;
		}
		if (e) {
			t->last_errno = e;
			if (e != ENODEV) {
				t->other_errors++;
				ktap_diag("in flight: %s", strerror(e));
			}
			break;
		}
		t->done++;
	}
	return NULL;
}

static void on_alarm(int sig)
{
	static const char msg[] = "    # edu_test lifetime: no progress for 60 s (unbind or bind blocked?)\n";

	(void)sig;
	if (write(1, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

static int wait_for_node(int present)
{
	for (int i = 0; i < 300; i++) {
		if ((access(dev_path, F_OK) == 0) == present)
			return 1;
		sleep_ms(100);
	}
	return 0;
}

/* Every ioctl on a file of an unbound device fails with ENODEV. */
static void check_enodev(int ofd, const char *name, int round)
{
	struct kcxx_edu_info info;
	struct kcxx_edu_stats st;
	struct kcxx_edu_factorial f = { .input = 3 };
	char buf[16];
	struct kcxx_edu_dma d = { .user_address = (uintptr_t)buf, .offset = 0, .length = 16 };
	uint32_t v = 2;
	struct { unsigned long cmd; void *arg; } cmds[] = {
		{ KCXX_EDU_GET_INFO, &info }, { KCXX_EDU_LIVENESS, &v },
		{ KCXX_EDU_FACTORIAL, &f }, { KCXX_EDU_DMA_TO_DEVICE, &d },
		{ KCXX_EDU_DMA_FROM_DEVICE, &d }, { KCXX_EDU_RAISE_IRQ, &v },
		{ KCXX_EDU_GET_STATS, &st }, { _IO(KCXX_EDU_IOC_TYPE, 0), NULL },
		{ KCXX_EDU_GET_STATS, NULL }, { KCXX_EDU_FACTORIAL, KERNEL_ADDRESS },
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		int e = err_of(ofd, cmds[i].cmd, cmds[i].arg);

		if (e != ENODEV) {
			bad++;
			ktap_diag("%s: ioctl 0x%08lx: %s, want ENODEV", name, cmds[i].cmd, errname(e));
		}
	}
	ktap_case(!bad, "round %d: %s: all %zu ioctls fail with ENODEV", round, name,
		  sizeof(cmds) / sizeof(cmds[0]));
}

/*
 * Hot unplug: holds the device open with DMA and factorials in flight,
 * creates READY when work is going, and waits for the script to unplug the
 * device (tools/vm/run's kcxx_device_del); then checks the files.
 */
static int test_unplug(const char *ready)
{
	struct lifetime_thread dmat = { .dma = 1 }, factt = { .dma = 0 };
	pthread_t t1, t2;
	int fd, idle_fd;

	ktap_suite_begin("edu_unplug");
	signal(SIGALRM, on_alarm);
	fd = open_device();
	idle_fd = open_device();
	if (!ktap_case(fd >= 0 && idle_fd >= 0, "open %s twice", dev_path))
		return ktap_suite_end();
	dmat.fd = fd, factt.fd = fd;
	pthread_create(&t1, NULL, lifetime_loop, &dmat);
	pthread_create(&t2, NULL, lifetime_loop, &factt);
	for (int i = 0; i < 100 && dmat.done < 2; i++)
		sleep_ms(50);
	close(open(ready, O_WRONLY | O_CREAT, 0644));
	ktap_diag("work going (%ld DMA round trips); waiting for the unplug", dmat.done);
	alarm(120);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	alarm(0);
	errno = dmat.last_errno;
	ktap_case(dmat.last_errno == ENODEV && dmat.other_errors == 0,
		  "the DMA loop ended with ENODEV (%ld round trips)", dmat.done);
	errno = factt.last_errno;
	ktap_case(factt.last_errno == ENODEV && factt.other_errors == 0,
		  "the factorial loop ended with ENODEV (%ld factorials)", factt.done);
	check_enodev(fd, "busy file", 0);
	check_enodev(idle_fd, "idle file", 0);
	ktap_case(wait_for_node(0), "%s is gone", dev_path);
	ktap_case(close(idle_fd) == 0 && close(fd) == 0, "close both files");
	return ktap_suite_end();
}

/* After a rebind or a replug: a fresh device that works. */
static int test_fresh(void)
{
	unsigned char src[256], dst[256];
	struct kcxx_edu_stats st;
	uint32_t r = 0;
	int fd, ok;

	ktap_suite_begin("edu_fresh");
	ktap_case(wait_for_node(1), "%s is there", dev_path);
	fd = open_device();
	if (!ktap_case(fd >= 0, "open %s", dev_path))
		return ktap_suite_end();
	ok = get_stats(fd, &st) == 0 && !st.factorials && !st.dma_to_device &&
	     !st.dma_from_device && !st.interrupts;
	ktap_case(ok, "statistics count from zero");
	fill(src, sizeof(src), 5);
	ok = dma(fd, 1, src, 3000, 256) == 0 && dma(fd, 0, dst, 3000, 256) == 0 &&
	     !memcmp(src, dst, 256);
	ktap_case(ok, "a DMA round trip");
	ok = factorial(fd, 9, KCXX_EDU_FACT_IRQ, &r) == 0;
	ktap_case(ok && r == 362880, "9! = %u", r);
	close(fd);
	return ktap_suite_end();
}

static int test_lifetime(int rounds)
{
	ktap_suite_begin("edu_lifetime");
	ktap_diag("device %s: unbind/bind through /sys/bus/pci/drivers/%s", dev_path, module);
	signal(SIGALRM, on_alarm);
	for (int round = 0; round < rounds; round++) {
		struct lifetime_thread dmat = { .dma = 1 }, factt = { .dma = 0 };
		pthread_t t1, t2;
		struct kcxx_edu_info info;
		struct kcxx_edu_stats st;
		char buf[16];
		int fd, idle_fd, fd2, ok;

		fd = open_device();
		idle_fd = open_device();
		if (!ktap_case(fd >= 0 && idle_fd >= 0, "round %d: open twice", round))
			break;
		dmat.fd = fd, factt.fd = fd;
		pthread_create(&t1, NULL, lifetime_loop, &dmat);
		pthread_create(&t2, NULL, lifetime_loop, &factt);
		/* Let work get going: a few transfers done. */
		for (int i = 0; i < 100 && dmat.done < 2 + round; i++)
			sleep_ms(50);
		alarm(60);
		ok = driver_write("unbind") == 0;
		alarm(0);
		ktap_case(ok, "round %d: unbind with files open and DMA in flight (%ld round trips done)",
			  round, dmat.done);
		alarm(60);
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		alarm(0);
		errno = dmat.last_errno;
		ktap_case(dmat.last_errno == ENODEV && dmat.other_errors == 0,
			  "round %d: the DMA loop ended with ENODEV (%ld round trips)", round, dmat.done);
		errno = factt.last_errno;
		ktap_case(factt.last_errno == ENODEV && factt.other_errors == 0,
			  "round %d: the factorial loop ended with ENODEV (%ld factorials)", round, factt.done);

		/* Every ioctl on the old files: ENODEV. */
		check_enodev(fd, "busy file", round);
		check_enodev(idle_fd, "idle file", round);
		ktap_case(wait_for_node(0), "round %d: %s is gone", round, dev_path);
		ktap_case(read_attr("card_id", buf, sizeof(buf)) != 0,
			  "round %d: sysfs card_id is gone", round);
		ktap_case(close(idle_fd) == 0, "round %d: close the idle file while unbound", round);

		/* Rebind; the old busy file stays open across it. */
		alarm(60);
		ok = driver_write("bind") == 0;
		alarm(0);
		ktap_case(ok, "round %d: bind again", round);
		ktap_case(wait_for_node(1), "round %d: %s is back", round, dev_path);
		fd2 = open_device();
		ok = fd2 >= 0 && ioctl(fd2, KCXX_EDU_GET_INFO, &info) == 0 &&
		     (info.card_id & 0xffff) == 0xed;
		ktap_case(ok, "round %d: a new open works (GET_INFO)", round);
		{
			unsigned char src[256], dst[256];
			uint32_t r = 0;

			fill(src, sizeof(src), 7 + round);
			ok = fd2 >= 0 && dma(fd2, 1, src, 3000, 256) == 0 &&
			     dma(fd2, 0, dst, 3000, 256) == 0 && !memcmp(src, dst, 256) &&
			     factorial(fd2, 7, KCXX_EDU_FACT_IRQ, &r) == 0 && r == 5040;
			ktap_case(ok, "round %d: the new device does DMA and factorials", round);
			ok = fd2 >= 0 && get_stats(fd2, &st) == 0 && st.factorials == 1 &&
			     st.dma_to_device == 1 && st.dma_from_device == 1;
			ktap_case(ok, "round %d: the new binding counts from zero (factorials %llu)", round,
				  (unsigned long long)st.factorials);
		}
		expect_errno(err_of(fd, KCXX_EDU_GET_STATS, &st), ENODEV,
			     "the old file still fails after the rebind");
		ktap_case(close(fd) == 0, "round %d: close the old file", round);
		if (fd2 >= 0)
			close(fd2);
	}
	return ktap_suite_end();
}

/* ------------------------------------------------------------------------ */

/* The fuzzer: random syscalls on the device, each result checked against
 * the errnos the ABI allows. */

#define NR_ERRNO 160
#define NR_CMDS 8

struct fuzz_stats {
	long syscalls, ioctls, unexpected, ok, dmas_done;
	long by_errno[NR_ERRNO];
	long cmd_ok[NR_CMDS];
};

static const unsigned long known_cmds[NR_CMDS - 1] = {
	KCXX_EDU_GET_INFO, KCXX_EDU_LIVENESS, KCXX_EDU_FACTORIAL, KCXX_EDU_DMA_TO_DEVICE,
	KCXX_EDU_DMA_FROM_DEVICE, KCXX_EDU_RAISE_IRQ, KCXX_EDU_GET_STATS,
};

static struct bad_memory fuzz_mem;
static unsigned char fuzz_buf[3 * 4096];

/* Whether [p, p + n) is memory the fuzzer may write. */
static int writable(void *p, size_t n)
{
	char *c = p;

	return (c >= (char *)fuzz_buf && c + n <= (char *)fuzz_buf + sizeof(fuzz_buf)) ||
	       (c >= fuzz_mem.mapped && c + n <= fuzz_mem.unmapped);
}

/*
 * The device multiplies 'input' times (4 s for 2^32 on a quiet host): an
 * input the kernel wrote into fuzz memory earlier (LIVENESS's ~0) would
 * time out.  Inputs stay below 2^16.
 */
static void tame_factorial(void *arg)
{
	if (writable(arg, 4))
		((unsigned char *)arg)[2] = ((unsigned char *)arg)[3] = 0;
}

static void *fuzz_pointer(void)
{
	switch (below(12)) {
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
		return fuzz_buf + below(sizeof(fuzz_buf) - 4096);
	}
}

static uint32_t fuzz_u32(void)
{
	switch (below(6)) {
	case 0:
		return 0;
	case 1:
		return (uint32_t)rnd();
	case 2:
		return 0xffffffffu - (uint32_t)below(4);
	case 3:
		return (uint32_t)1 << below(32);
	default:
		return (uint32_t)below(BUF + 8);
	}
}

static unsigned long fuzz_cmd(int *index)
{
	unsigned long cmd;

	*index = NR_CMDS - 1;
	switch (below(8)) {
	case 0: case 1: case 2: case 3:
		*index = (int)below(NR_CMDS - 1);
		return known_cmds[*index];
	case 4: case 5: case 6:
		/* Our type: random number near the valid ones, direction, size. */
		cmd = _IOC(below(4), KCXX_EDU_IOC_TYPE, below(12), below(4) ? 4 * below(11) : below(64));
		break;
	default: {
		unsigned int type;

		/* Anything, except the types the VFS handles before the
		 * driver sees them (as misc_test's fuzzer). */
		do {
			cmd = (unsigned long)(uint32_t)rnd();
			type = _IOC_TYPE(cmd);
		} while (type == 'X' || type == 'f' || type == 0x54 || type == 0x94 ||
			 type == 0x12 || type == 0x15 || type == 0 || type == 'v');
	}
	}
	for (int i = 0; i < NR_CMDS - 1; i++)
		if (cmd == known_cmds[i])
			*index = i;
	return cmd;
}

/*
 * ETIMEDOUT is a documented answer of every command that waits for the
 * device (uapi/kcxx_edu.h): a FACTORIAL whose argument the fuzzer could
 * not tame (memory it must not write, e.g. a read-only page) may carry any
 * input, and the device multiplies up to 2^32 times - longer than the
 * drivers' 10 s bound on a loaded host - and the commands after it wait
 * for the busy device with the same bound.
 */
static int waits_for_device;

static int fuzz_allowed(int op, int err)
{
	if (op == 1 && err == ETIMEDOUT && waits_for_device)
		return 1;
	switch (op) {
	case 0: /* read, write */
		return err == EINVAL || err == EBADF;
	case 1: /* ioctl */
		return err == ENOTTY || err == EFAULT || err == EINVAL || err == EBADF;
	case 2: /* mmap */
		return err == ENODEV || err == EBADF || err == EACCES || err == EINVAL;
	default:
		return err == EBADF || err == ESPIPE || err == EINVAL;
	}
}

#define FDS 6

static char last_ioctl[128];

static int fuzz_worker(int id, long count, uint64_t seed, struct fuzz_stats *st)
{
	int fds[FDS];
	double t0 = now();

	rng_state = seed * 0x9E3779B97F4A7C15ULL + id + 1;
	bad_memory_init(&fuzz_mem);
	for (int i = 0; i < FDS; i++)
		fds[i] = -1;
	memset(st, 0, sizeof(*st));

	while (st->ioctls < count) {
		int slot = below(FDS), op, fd, index = -1;
		long long result = 0;

		if (fds[slot] < 0) {
			fds[slot] = open(dev_path, below(3) ? O_RDWR : O_RDONLY);
			st->syscalls++;
			if (fds[slot] < 0) {
				st->unexpected++;
				ktap_diag("worker %d: open failed: %s", id, strerror(errno));
			}
			continue;
		}
		fd = fds[slot];
		if (below(200) == 0)
			fd = 1000 + below(10);	/* a closed descriptor */
		last_ioctl[0] = 0;

		switch (below(20)) {
		case 0:
			op = 0;
			result = read(fd, fuzz_pointer(), below(BUF * 2));
			break;
		case 1:
			op = 0;
			result = write(fd, fuzz_pointer(), below(BUF * 2));
			break;
		case 2: {
			void *p = mmap(NULL, page_size, PROT_READ, MAP_SHARED, fd, 0);

			op = 2;
			if (p != MAP_FAILED) {
				st->unexpected++;
				munmap(p, page_size);
			}
			result = p == MAP_FAILED ? -1 : 0;
			break;
		}
		case 3:
			op = 3;
			result = close(fd);
			if (fd == fds[slot])
				fds[slot] = -1;
			break;
		default: {
			unsigned long cmd = fuzz_cmd(&index);
			/* Room for what any command may write back. */
			static union {
				struct kcxx_edu_factorial f;
				struct kcxx_edu_dma d;
				uint32_t v;
				unsigned char raw[_IOC_SIZEMASK + 1];
			} a;
			void *arg;

			op = 1;
			if (below(3)) {
				/* A well-formed argument for the command, valid
				 * or not.  Valid DMAs (100 ms each on the
				 * device's clock) are kept rare. */
				memset(&a, 0, 64);
				if (cmd == KCXX_EDU_FACTORIAL) {
					a.f.input = below(4) ? (uint32_t)below(40) : (uint32_t)below(1 << 16);
					a.f.flags = below(4) ? (uint32_t)below(2) : fuzz_u32();
					a.f.reserved = below(4) ? 0 : fuzz_u32();
				} else if (cmd == KCXX_EDU_DMA_TO_DEVICE || cmd == KCXX_EDU_DMA_FROM_DEVICE) {
					a.d.user_address = (uintptr_t)(below(2) ? (void *)fuzz_buf : fuzz_pointer());
					a.d.offset = fuzz_u32();
					a.d.length = fuzz_u32();
					if ((uint64_t)a.d.offset + a.d.length <= BUF && a.d.length && below(50))
						a.d.length = 0;
				} else {
					a.v = below(2) ? fuzz_u32() : (uint32_t)rnd();
				}
				arg = &a;
			} else {
				arg = fuzz_pointer();
				if (arg >= (void *)fuzz_buf && arg < (void *)(fuzz_buf + sizeof(fuzz_buf))) {
					/* Random bytes, but no factorial
					 * that keeps the device busy for
					 * seconds (the DMA fields are valid
					 * about never). */
					for (int i = 0; i < 64; i++)
						((unsigned char *)arg)[i] = (unsigned char)rnd();
				}
			}
			if (cmd == KCXX_EDU_FACTORIAL)
				tame_factorial(arg);
			waits_for_device = cmd == KCXX_EDU_FACTORIAL || cmd == KCXX_EDU_DMA_TO_DEVICE ||
					   cmd == KCXX_EDU_DMA_FROM_DEVICE || cmd == KCXX_EDU_RAISE_IRQ;
			{
				uint32_t w[4] = { 0, 0, 0, 0 };

				if (arg == &a || writable(arg, sizeof(w)))
					memcpy(w, arg, sizeof(w));
				snprintf(last_ioctl, sizeof(last_ioctl),
					 ": ioctl 0x%08lx arg %p: %08x %08x %08x %08x", cmd, arg,
					 w[0], w[1], w[2], w[3]);
			}
			result = ioctl(fd, cmd, arg);
			st->ioctls++;
			if (result == 0 && index >= 0)
				st->cmd_ok[index]++;
			if (result == 0 && (cmd == KCXX_EDU_DMA_TO_DEVICE || cmd == KCXX_EDU_DMA_FROM_DEVICE))
				st->dmas_done++;
			break;
		}
		}
		st->syscalls++;
		if (result < 0) {
			if (errno >= 0 && errno < NR_ERRNO)
				st->by_errno[errno]++;
			if (!fuzz_allowed(op, errno)) {
				st->unexpected++;
				if (st->unexpected < 20)
					ktap_diag("worker %d: op %d: unexpected errno %d (%s)%s", id, op,
						  errno, strerror(errno), last_ioctl);
			}
		} else {
			st->ok++;
		}
		if (op == 1 && st->ioctls % 25000 == 0)
			ktap_diag("worker %d: %ld syscalls, %.1f s", id, st->syscalls, now() - t0);
	}
	for (int i = 0; i < FDS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	return st->unexpected ? 1 : 0;
}

static int test_fuzz(long total, uint64_t seed, int workers)
{
	static const char *const names[NR_CMDS] = {
		"GET_INFO", "LIVENESS", "FACTORIAL", "DMA_TO_DEVICE", "DMA_FROM_DEVICE",
		"RAISE_IRQ", "GET_STATS", "other",
	};
	struct fuzz_stats *shared;
	long syscalls = 0, ioctls = 0, unexpected = 0, ok = 0, dmas = 0;
	long by_errno[NR_ERRNO] = { 0 }, cmd_ok[NR_CMDS] = { 0 };
	double t0 = now(), elapsed;
	pid_t pids[16];

	ktap_suite_begin("edu_fuzz");
	ktap_diag("%ld ioctls (and other syscalls) over %d processes on %s, seed %llu (rerun: edu_test fuzz %s %ld %llu %d)",
		  total, workers, dev_path, (unsigned long long)seed, dev_path, total,
		  (unsigned long long)seed, workers);
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
		ioctls += shared[w].ioctls;
		unexpected += shared[w].unexpected;
		ok += shared[w].ok;
		dmas += shared[w].dmas_done;
		for (int e = 0; e < NR_ERRNO; e++)
			by_errno[e] += shared[w].by_errno[e];
		for (int c = 0; c < NR_CMDS; c++)
			cmd_ok[c] += shared[w].cmd_ok[c];
	}
	elapsed = now() - t0;
	ktap_diag("%ld syscalls (%ld ioctls) in %.1f s (%.0f/s): %ld succeeded, %ld of them DMAs",
		  syscalls, ioctls, elapsed, syscalls / elapsed, ok, dmas);
	for (int c = 0; c < NR_CMDS; c++)
		ktap_diag("  %-16s %ld succeeded", names[c], cmd_ok[c]);
	for (int e = 0; e < NR_ERRNO; e++)
		if (by_errno[e])
			ktap_diag("  %-7s %ld", errname(e), by_errno[e]);
	ktap_case(ioctls >= total && unexpected == 0,
		  "%ld random syscalls (%ld ioctls), none unexpected", syscalls, ioctls);

	/* The device still works. */
	{
		int fd = open_device();
		unsigned char src[100], dst[100];
		uint32_t r = 0;

		fill(src, sizeof(src), 99);
		ktap_case(fd >= 0 && factorial(fd, 12, KCXX_EDU_FACT_IRQ, &r) == 0 && r == 479001600 &&
				  dma(fd, 1, src, 50, 100) == 0 && dma(fd, 0, dst, 50, 100) == 0 &&
				  !memcmp(src, dst, 100),
			  "the device works after the fuzzing");
		if (fd >= 0)
			close(fd);
	}
	return ktap_suite_end();
}

int main(int argc, char **argv)
{
	page_size = sysconf(_SC_PAGESIZE);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 3) {
		fprintf(stderr,
			"usage: %s functional|errors|concurrent|lifetime|fuzz DEVICE [ARGS]\n"
			"       DEVICE: /dev/<module>-<pci name> or a module name\n", argv[0]);
		return 2;
	}
	if (find_device(argv[2])) {
		/* Still a KTAP suite, so the failure is counted and named. */
		ktap_suite_begin(argv[1]);
		errno = ENOENT;
		ktap_case(0, "a device node for %s", argv[2]);
		return ktap_suite_end();
	}
	if (!strcmp(argv[1], "functional"))
		return test_functional(argc > 3 ? argv[3] : NULL);
	if (!strcmp(argv[1], "errors"))
		return test_errors();
	if (!strcmp(argv[1], "concurrent"))
		return test_concurrent(argc > 3 ? atoi(argv[3]) : 2, argc > 4 ? atoi(argv[4]) : 2,
				       argc > 5 ? atoi(argv[5]) : 10);
	if (!strcmp(argv[1], "unplug") && argc > 3)
		return test_unplug(argv[3]);
	if (!strcmp(argv[1], "fresh"))
		return test_fresh();
	if (!strcmp(argv[1], "lifetime"))
		return test_lifetime(argc > 3 ? atoi(argv[3]) : 2);
	if (!strcmp(argv[1], "fuzz")) {
		long n = argc > 3 ? atol(argv[3]) : 200000;
		uint64_t seed = argc > 4 ? strtoull(argv[4], NULL, 0) : (uint64_t)time(NULL);
		int workers = argc > 5 ? atoi(argv[5]) : 2;

		if (workers < 1 || workers > 16)
			workers = 2;
		return test_fuzz(n, seed, workers);
	}
	fprintf(stderr, "unknown test %s\n", argv[1]);
	return 2;
}
