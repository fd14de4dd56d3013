// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&error_suite,
	&result_suite,
	&box_suite,
	&print_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_core_test", "kcxx core abstractions: Error, Result, Box, logging", suites);
