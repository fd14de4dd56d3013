/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KTAP from a user-space test program in a kcxx VM suite: the program
 * prints one nested suite (indented four spaces, as ktap_suite_begin in
 * /kcxx/lib/ktap.sh does), and the guest script reports the program's exit
 * status as the suite's own result line:
 *
 *     ktap_begin 2
 *     /kcxx/files/misc_test functional; ktap_result $? functional
 *
 * tools/vm/run counts every case the program prints.  The plan is printed
 * at the end, so a program that dies half-way also fails through its exit
 * status.
 */
#ifndef KCXX_USERSPACE_KTAP_H
#define KCXX_USERSPACE_KTAP_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int ktap_cases;
static int ktap_failures;

static void ktap_suite_begin(const char *name)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("    KTAP version 1\n");
	printf("    # Subtest: %s\n", name);
	fflush(stdout);
}

static void __attribute__((format(printf, 1, 2), unused)) ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("    # ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* One case: passes if 'ok'; a failure shows errno as it was. */
static int __attribute__((format(printf, 2, 3))) ktap_case(int ok, const char *fmt, ...)
{
	int saved_errno = errno;
	char name[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	ktap_cases++;
	if (ok) {
		printf("    ok %d %s\n", ktap_cases, name);
	} else {
		ktap_failures++;
		printf("    not ok %d %s\n", ktap_cases, name);
		printf("    # errno %d (%s)\n", saved_errno, strerror(saved_errno));
	}
	fflush(stdout);
	errno = saved_errno;
	return ok;
}

static int __attribute__((unused)) ktap_skip(const char *name, const char *reason)
{
	ktap_cases++;
	printf("    ok %d %s # SKIP %s\n", ktap_cases, name, reason);
	fflush(stdout);
	return 1;
}

/* Prints the plan; the exit status for main(). */
static int ktap_suite_end(void)
{
	printf("    1..%d\n", ktap_cases);
	printf("    # pass:%d fail:%d\n", ktap_cases - ktap_failures, ktap_failures);
	fflush(stdout);
	return ktap_failures ? 1 : 0;
}

#endif /* KCXX_USERSPACE_KTAP_H */
