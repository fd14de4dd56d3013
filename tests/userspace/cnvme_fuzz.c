// SPDX-License-Identifier: GPL-2.0
/*
 * cnvme_fuzz DEVICE COUNT SEED: random admin passthrough ioctls on cnvme's
 * controller device (/dev/cnvme-<pci>), for tests/vm/cnvme.sh.  Prints one
 * KTAP suite.
 *
 * cnvme_fuzz DEVICE hold READY: opens DEVICE, creates the file READY, and
 * sends Identify commands through the open file until one fails: it must
 * fail with ENODEV (the controller was unplugged or unbound meanwhile), and
 * so must every command after it; then the file closes.
 *
 * The commands are ones a controller answers without changing what later
 * tests see (Identify, Get Log Page, Get Features with random CNS, log and
 * feature identifiers; unknown and vendor opcodes; the opcodes cnvme
 * refuses), with random flags, metadata, data lengths up to 16 KiB and
 * buffers that are fine, NULL, unmapped, read-only, partly mapped or in the
 * kernel.  Every answer must be one the ABI allows: 0 or a positive NVMe
 * status, or -1 with EINVAL, EPERM or EFAULT (ENOTTY for an ioctl number
 * the driver does not know).  At the end an Identify must still work, and
 * the kernel must not have complained (the harness checks its log).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <fcntl.h>
#include <linux/nvme_ioctl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ktap.h"
#include "test_util.h"

static const uint8_t opcodes[] = {
	0x02, 0x06, 0x0a,	/* Get Log Page, Identify, Get Features */
	0x00, 0x01, 0x04, 0x05,	/* queue management: refused */
	0x0c, 0x7c,		/* async event, doorbell buffer: refused */
	0x03, 0x07, 0x0b, 0x0e,	/* reserved */
	0xc1, 0xc2, 0xff,	/* vendor specific */
};

static void *buffer_for(struct bad_memory *m, char *big, uint32_t len)
{
	switch (below(8)) {
	case 0: return NULL;
	case 1: return m->unmapped;
	case 2: return m->read_only;
	case 3: return m->mapped + 4096 - (len ? below(len) : 0); /* runs into 'unmapped' */
	case 4: return KERNEL_ADDRESS;
	default: return big;
	}
}

static int identify(int fd, char *buf)
{
	struct nvme_passthru_cmd id = { .opcode = 0x06, .addr = (uintptr_t)buf, .data_len = 4096, .cdw10 = 1 };

	return ioctl(fd, NVME_IOCTL_ADMIN_CMD, &id);
}

static int hold(const char *dev, const char *ready)
{
	static char buf[4096];
	long n = 0, i, after = 0;
	int fd, ready_fd, err;

	ktap_suite_begin("cnvme_hold");
	fd = open(dev, O_RDWR);
	if (!ktap_case(fd >= 0, "open %s", dev))
		return ktap_suite_end();
	ready_fd = open(ready, O_WRONLY | O_CREAT, 0644);
	close(ready_fd);
	while (identify(fd, buf) == 0)
		n++;
	err = errno;
	ktap_case(err == ENODEV, "after %ld identify commands, the first that failed answered %s (want ENODEV)", n,
		  strerror(err));
	for (i = 0; i < 100; i++)
		if (identify(fd, buf) == -1 && errno == ENODEV)
			after++;
	ktap_case(after == 100, "%ld of 100 commands after it answered ENODEV", after);
	ktap_case(close(fd) == 0, "the file closes");
	return ktap_suite_end();
}

int main(int argc, char **argv)
{
	struct bad_memory m;
	static char big[16384];
	long count, i, bad = 0, answers[6] = { 0 };
	int fd;

	if (argc == 4 && !strcmp(argv[2], "hold"))
		return hold(argv[1], argv[3]);
	if (argc != 4) {
		fprintf(stderr, "usage: cnvme_fuzz DEVICE COUNT SEED | DEVICE hold READY\n");
		return 2;
	}
	count = atol(argv[2]);
	rng_state = strtoull(argv[3], NULL, 0) | 1;
	ktap_suite_begin("cnvme_fuzz");
	fd = open(argv[1], O_RDWR);
	if (!ktap_case(fd >= 0, "open %s", argv[1]))
		return ktap_suite_end();
	bad_memory_init(&m);

	for (i = 0; i < count; i++) {
		struct nvme_passthru_cmd64 c64;
		struct nvme_passthru_cmd c;
		unsigned long request;
		int ret, err;

		memset(&c64, 0, sizeof(c64));
		c64.opcode = opcodes[below(sizeof(opcodes))];
		if (below(16) == 0)
			c64.opcode = below(256);
		/* no Set Features, Format, Sanitize, firmware, namespace management */
		if (c64.opcode == 0x09 || c64.opcode == 0x80 || c64.opcode == 0x84 ||
		    c64.opcode == 0x10 || c64.opcode == 0x11 || c64.opcode == 0x0d ||
		    c64.opcode == 0x15 || c64.opcode == 0x19 || c64.opcode == 0x1c)
			c64.opcode = 0x06;
		c64.flags = below(8) == 0 ? below(256) : 0;
		c64.nsid = below(4) == 0 ? rnd() : below(3);
		c64.cdw10 = below(4) == 0 ? rnd() : below(32);
		c64.cdw11 = below(2) ? rnd() : 0;
		c64.data_len = below(8) == 0 ? rnd() : below(8) == 0 ? below(16385) : below(4097);
		c64.metadata_len = below(16) == 0 ? below(512) : 0;
		c64.metadata = c64.metadata_len ? (uintptr_t)big : 0;
		c64.addr = (uintptr_t)buffer_for(&m, big, c64.data_len);
		c64.timeout_ms = below(2) ? rnd() : 0;
		if (below(2)) {
			memcpy(&c, &c64, offsetof(struct nvme_passthru_cmd, timeout_ms));
			c.timeout_ms = c64.timeout_ms;
			request = NVME_IOCTL_ADMIN_CMD;
			ret = ioctl(fd, request, below(32) == 0 ? (void *)m.unmapped : (void *)&c);
		} else {
			request = NVME_IOCTL_ADMIN64_CMD;
			ret = ioctl(fd, request, below(32) == 0 ? (void *)KERNEL_ADDRESS : (void *)&c64);
		}
		if (below(64) == 0)
			ret = ioctl(fd, _IOC(_IOC_READ | _IOC_WRITE, (int)'N', below(256), below(100)), &c64);
		err = errno;
		if (ret >= 0)
			answers[ret == 0 ? 0 : 1]++;
		else if (err == EINVAL)
			answers[2]++;
		else if (err == EPERM)
			answers[3]++;
		else if (err == EFAULT)
			answers[4]++;
		else if (err == ENOTTY)
			answers[5]++;
		else if (bad++ < 5)
			ktap_diag("ioctl %d: opcode 0x%02x data_len %u: %s", (int)i, c64.opcode, c64.data_len,
				  strerror(err));
	}
	ktap_diag("%ld ioctls: %ld success, %ld NVMe status, %ld EINVAL, %ld EPERM, %ld EFAULT, %ld ENOTTY",
		  count, answers[0], answers[1], answers[2], answers[3], answers[4], answers[5]);
	ktap_case(bad == 0, "every answer is success, an NVMe status, EINVAL, EPERM, EFAULT or ENOTTY (%ld others)",
		  bad);
	{
		struct nvme_passthru_cmd id = { .opcode = 0x06, .addr = (uintptr_t)big, .data_len = 4096,
						.cdw10 = 1 };
		ktap_case(ioctl(fd, NVME_IOCTL_ADMIN_CMD, &id) == 0 && !memcmp(big + 24, "QEMU NVMe Ctrl", 14),
			  "identify still works");
	}
	close(fd);
	return ktap_suite_end();
}
