// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&time_suite,
	&hrtimer_suite,
	&workqueue_suite,
	&timer_suite,
	&dev_print_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_time_work_test", "kcxx time, hrtimers, timers, workqueues, dev_* logging", suites);
