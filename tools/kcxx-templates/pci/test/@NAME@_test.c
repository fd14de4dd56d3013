// SPDX-License-Identifier: GPL-2.0
/*
 * @NAME@_test: the PCI device bound to @NAME@, from user space through
 * sysfs: its vendor and device ids, and an unbind and bind that probe it
 * again.  Prints one KTAP suite (ktap.h comes with kcxx:
 * tests/userspace/ktap.h); test/vm.sh runs it in the VM.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ktap.h"

#define DRIVER "/sys/bus/pci/drivers/@NAME@"

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

/* The address of the first device bound to the driver, or 0. */
static int bound_device(char *addr, size_t n)
{
	DIR *d = opendir(DRIVER);
	struct dirent *e;
	int found = 0;

	while (d && (e = readdir(d)))
		if (strncmp(e->d_name, "0000:", 5) == 0) {
			snprintf(addr, n, "%s", e->d_name);
			found = 1;
			break;
		}
	if (d)
		closedir(d);
	return found;
}

int main(void)
{
	char addr[64], path[256], id[32];

	ktap_suite_begin("@NAME@_user");
	if (!ktap_case(bound_device(addr, sizeof(addr)), "a device is bound to @NAME@"))
		return ktap_suite_end();
	snprintf(path, sizeof(path), DRIVER "/%s/vendor", addr);
	ktap_case(read_line(path, id, sizeof(id)) && strcmp(id, "0x1b36") == 0, "vendor 0x1b36");
	snprintf(path, sizeof(path), DRIVER "/%s/device", addr);
	ktap_case(read_line(path, id, sizeof(id)) && strcmp(id, "0x0005") == 0, "device 0x0005");
	ktap_case(write_str(DRIVER "/unbind", addr), "unbind %s", addr);
	ktap_case(!bound_device(path, sizeof(path)), "nothing is bound after unbind");
	ktap_case(write_str(DRIVER "/bind", addr), "bind %s again (probe runs)", addr);
	ktap_case(bound_device(path, sizeof(path)) && strcmp(path, addr) == 0, "bound again");
	return ktap_suite_end();
}
