// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_core_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite error_suite;
extern const kcxx::test::Suite result_suite;
extern const kcxx::test::Suite box_suite;
extern const kcxx::test::Suite print_suite;
