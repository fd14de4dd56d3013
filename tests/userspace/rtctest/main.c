// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's RTC selftest (tools/testing/selftests/rtc/rtctest.c of
 * linux-source-6.12, extracted by tests/userspace/build) with a main() that
 * takes the harness's filters: 6.12's own main() accepts only the device
 * ('rtctest [rtcdev]'), so its long tests (a 30 s read loop, two alarms a
 * minute ahead) could not be left out.
 *
 *   rtctest [-d /dev/rtcN] [-t TEST]... [harness options]
 */
#define main rtctest_main
#include "rtc/rtctest.c"
#undef main

int main(int argc, char **argv)
{
	int i, j;

	/* Take '-d DEV' out; the rest goes to the harness. */
	for (i = 1, j = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d") && i + 1 < argc)
			rtc_file = argv[++i];
		else
			argv[j++] = argv[i];
	}
	argc = j;
	argv[argc] = NULL;
	if (access(rtc_file, R_OK) != 0)
		ksft_exit_skip("[SKIP]: Cannot access rtc file %s - Exiting\n", rtc_file);
	return test_harness_run(argc, argv);
}
