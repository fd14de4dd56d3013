// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_alloc_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite overflow_suite;
extern const kcxx::test::Suite vec_suite;
extern const kcxx::test::Suite vmalloc_suite;
