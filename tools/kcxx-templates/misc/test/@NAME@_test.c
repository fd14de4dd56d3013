// SPDX-License-Identifier: GPL-2.0
/*
 * @NAME@_test: /dev/@NAME@ from user space.  Prints one KTAP suite (ktap.h
 * comes with kcxx: tests/userspace/ktap.h); the exit status says whether
 * every case passed.  test/vm.sh runs it in the VM.
 */
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ktap.h"
#include "@NAME@.h"

int main(void)
{
	char buf[512];
	__u64 writes = 0, before = 0;
	ssize_t n;
	int fd;

	ktap_suite_begin("@NAME@_user");
	fd = open("/dev/@NAME@", O_RDWR);
	if (!ktap_case(fd >= 0, "open /dev/@NAME@"))
		return ktap_suite_end();
	ktap_case(ioctl(fd, @NAME_UPPER@_GET_WRITES, &before) == 0, "GET_WRITES");
	ktap_case(write(fd, "hello", 5) == 5, "write 5 bytes");
	n = pread(fd, buf, sizeof(buf), 0);
	ktap_case(n == 5 && memcmp(buf, "hello", 5) == 0, "read back what was written");
	ktap_case(pread(fd, buf, sizeof(buf), 5) == 0, "a read at the end returns 0");
	memset(buf, 'x', sizeof(buf));
	ktap_case(write(fd, buf, sizeof(buf)) == 256, "a 512-byte write keeps 256");
	n = ioctl(fd, @NAME_UPPER@_GET_WRITES, &writes);
	ktap_case(n == 0 && writes == before + 2, "GET_WRITES counts the writes (%llu)",
		  (unsigned long long)writes);
	ktap_case(ioctl(fd, _IO('k', 99)) < 0 && errno == ENOTTY, "an unknown ioctl is ENOTTY");
	ktap_case(write(fd, (void *)8, 4) < 0 && errno == EFAULT, "a bad user pointer is EFAULT");
	close(fd);
	return ktap_suite_end();
}
