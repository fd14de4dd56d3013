// SPDX-License-Identifier: GPL-2.0
/*
 * @NAME@_test: the fw_cfg device bound to @NAME@, from user space through
 * sysfs: its 'signature' and 'features' attributes (read from the device
 * on each read), and an unbind and bind that probe it again.  Prints one
 * KTAP suite (ktap.h comes with kcxx: tests/userspace/ktap.h); test/vm.sh
 * runs it in the VM.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"

#define DRIVER "/sys/bus/platform/drivers/@NAME@"

static int read_line(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	int ok = f && fgets(buf, n, f);

	if (f)
		fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = 0;
	return ok;
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, s, strlen(s)) == (ssize_t)strlen(s);

	if (fd >= 0)
		close(fd);
	return ok;
}

/* The name of the first device bound to the driver (the entry with a
 * 'signature' attribute: QEMU0002:00 on x86, 9020000.fw-cfg on arm64), or 0. */
static int bound_device(char *name, size_t n)
{
	DIR *d = opendir(DRIVER);
	struct dirent *e;
	char path[512];
	int found = 0;

	while (d && (e = readdir(d))) {
		snprintf(path, sizeof(path), DRIVER "/%s/signature", e->d_name);
		if (access(path, R_OK) == 0) {
			snprintf(name, n, "%s", e->d_name);
			found = 1;
			break;
		}
	}
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	char dev[256], other[256], path[512], value[64];
	unsigned long features;

	ktap_suite_begin("@NAME@_user");
	if (!ktap_case(bound_device(dev, sizeof(dev)), "a device is bound to @NAME@"))
		return ktap_suite_end();
	snprintf(path, sizeof(path), DRIVER "/%s/signature", dev);
	ktap_case(read_line(path, value, sizeof(value)) && strcmp(value, "QEMU") == 0,
		  "signature QEMU (got '%s')", value);
	snprintf(path, sizeof(path), DRIVER "/%s/features", dev);
	ktap_case(read_line(path, value, sizeof(value)), "features read (%s)", value);
	features = strtoul(value, NULL, 0);
	ktap_case(features & 1, "feature bit 0: the traditional interface");
	ktap_case(write_str(DRIVER "/unbind", dev), "unbind %s", dev);
	ktap_case(!bound_device(other, sizeof(other)), "nothing is bound after unbind");
	ktap_case(write_str(DRIVER "/bind", dev), "bind %s again (probe runs)", dev);
	ktap_case(bound_device(other, sizeof(other)) && strcmp(other, dev) == 0, "bound again");
	snprintf(path, sizeof(path), DRIVER "/%s/signature", dev);
	ktap_case(read_line(path, value, sizeof(value)) && strcmp(value, "QEMU") == 0,
		  "signature QEMU again (got '%s')", value);
	return ktap_suite_end();
}
