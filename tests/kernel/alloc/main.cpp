// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&overflow_suite,
	&vec_suite,
	&vmalloc_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_alloc_test", "kcxx allocation: Vec, VVec, VBox, overflow-checked sizes", suites);
