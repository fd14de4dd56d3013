// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&user_slice_suite,
	&ioctl_suite,
	&miscdevice_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_uaccess_test", "kcxx user-memory access and ioctl dispatch", suites);
