// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_time_work_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite time_suite;
extern const kcxx::test::Suite hrtimer_suite;
extern const kcxx::test::Suite workqueue_suite;
extern const kcxx::test::Suite timer_suite;
extern const kcxx::test::Suite dev_print_suite;
