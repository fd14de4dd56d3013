// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_containers_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite list_suite;
extern const kcxx::test::Suite rbtree_suite;
extern const kcxx::test::Suite xarray_suite;
