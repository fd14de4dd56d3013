// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&param_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_param_test", "kcxx module parameters", suites);
