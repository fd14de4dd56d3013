// SPDX-License-Identifier: GPL-2.0
#include "suites.h"

namespace {
constexpr const kcxx::test::Suite *suites[] = {
	&mutex_suite,
	&spinlock_suite,
	&lock_class_suite,
	&condvar_suite,
	&completion_suite,
	&arc_suite,
	&atomic_suite,
	&stress_suite,
	&revocable_suite,
};
} // namespace

KCXX_TEST_MODULE("kcxx_sync_test", "kcxx sync layer: locks, CondVar, Completion, Arc, atomics, Revocable", suites);
