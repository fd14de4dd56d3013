// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_param_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite param_suite;
