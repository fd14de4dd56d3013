// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_uaccess_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite user_slice_suite;
extern const kcxx::test::Suite ioctl_suite;
extern const kcxx::test::Suite miscdevice_suite;
