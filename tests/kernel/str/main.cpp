// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&cstr_suite,
	&string_builder_suite,
	&parse_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_str_test", "kcxx strings: CStr, StringBuilder, parse", suites);
