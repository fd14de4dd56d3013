// SPDX-License-Identifier: GPL-2.0
/*
 * @NAME@_test: /dev/@NAME@ from user space, with O_DIRECT so that every
 * read and write reaches the driver.  Prints one KTAP suite (ktap.h comes
 * with kcxx: tests/userspace/ktap.h); test/vm.sh runs it in the VM.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/fs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ktap.h"

#define CHUNK (64 * 1024)

static void fill(unsigned char *buf, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 9));
}

int main(void)
{
	unsigned char *out, *in;
	uint64_t size = 0;
	int fd, ok = 1;

	ktap_suite_begin("@NAME@_user");
	fd = open("/dev/@NAME@", O_RDWR | O_DIRECT);
	if (!ktap_case(fd >= 0, "open /dev/@NAME@ with O_DIRECT"))
		return ktap_suite_end();
	ok = ioctl(fd, BLKGETSIZE64, &size) == 0;
	ktap_case(ok && size == 16ull << 20, "the disk has 16 MiB (%llu bytes)", (unsigned long long)size);
	ok = size > 0;
	if (posix_memalign((void **)&out, 4096, CHUNK) || posix_memalign((void **)&in, 4096, CHUNK))
		return 1;
	/* Every 64 KiB chunk, a pattern of its own; then read back. */
	for (uint64_t off = 0; off < size && ok; off += CHUNK) {
		fill(out, CHUNK, off / CHUNK);
		ok = pwrite(fd, out, CHUNK, off) == CHUNK;
	}
	ktap_case(ok, "write the whole disk");
	for (uint64_t off = 0; off < size && ok; off += CHUNK) {
		fill(out, CHUNK, off / CHUNK);
		ok = pread(fd, in, CHUNK, off) == CHUNK && memcmp(in, out, CHUNK) == 0;
	}
	ktap_case(ok, "read back what was written");
	ktap_case(pread(fd, in, 4096, size) == 0, "a read at the end returns 0");
	ktap_case(fsync(fd) == 0, "fsync (a flush)");
	close(fd);
	return ktap_suite_end();
}
