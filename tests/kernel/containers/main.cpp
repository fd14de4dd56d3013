// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&list_suite,
	&rbtree_suite,
	&xarray_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_containers_test", "kcxx containers: intrusive List, RBTree, XArray", suites);
