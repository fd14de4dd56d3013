// SPDX-License-Identifier: GPL-2.0
// The suites of kcxx_str_test, one per source file.
#pragma once

#include <kcxx/test.h>

extern const kcxx::test::Suite cstr_suite;
extern const kcxx::test::Suite string_builder_suite;
extern const kcxx::test::Suite parse_suite;
