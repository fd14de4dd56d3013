// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_sync_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite mutex_suite;
extern const kcxx::test::Suite spinlock_suite;
extern const kcxx::test::Suite lock_class_suite;
extern const kcxx::test::Suite condvar_suite;
extern const kcxx::test::Suite completion_suite;
extern const kcxx::test::Suite arc_suite;
extern const kcxx::test::Suite atomic_suite;
extern const kcxx::test::Suite stress_suite;
extern const kcxx::test::Suite revocable_suite;
