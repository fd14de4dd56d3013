// SPDX-License-Identifier: GPL-2.0
// The parameters of both test modules (kcxx_param_test.ko runs the
// in-kernel suite; kcxx_params.ko is what tests/vm/params.sh loads with
// valid and invalid values).  Included by one source file per module.
#pragma once

#include <type_traits>

#include <kcxx/module_param.h>
#include <kcxx/print.h>
#include <kcxx/string_builder.h>

KCXX_MODULE_PARAM_RANGE(level, int, 3, 0, 7, 0644, "Verbosity level (0-7)");
KCXX_MODULE_PARAM(count, unsigned int, 10, 0444, "Number of widgets");
KCXX_MODULE_PARAM_RANGE(offset, long, -5, -1000, 1000, 0600, "Offset in bytes (-1000..1000)");
KCXX_MODULE_PARAM(limit, unsigned long, 1UL << 40, 0644, "Upper limit");
KCXX_MODULE_PARAM(verbose, bool, false, 0644, "Log everything");
KCXX_MODULE_PARAM_STRING(label, "kcxx", 0644, "Device label");
KCXX_MODULE_PARAM(hidden, int, 1, 0, "Not in sysfs");

static_assert(std::is_same_v<decltype(level.get()), int>);
static_assert(std::is_same_v<decltype(limit.get()), unsigned long>);
static_assert(std::is_same_v<decltype(verbose.get()), bool>);
static_assert(decltype(level)::min() == 0 && decltype(level)::max() == 7);

// Every value as C++ reads it, in one line: "level=3 count=10 ...".
inline kcxx::Result<void> describe_params(kcxx::StringBuilder<160> &sb)
{
	return label.with_value([&](kcxx::CStr s) {
		return sb.appendf<"level=%d count=%u offset=%ld limit=%lu verbose=%d hidden=%d label=%s">(
			level.get(), count.get(), offset.get(), limit.get(), verbose.get() ? 1 : 0, hidden.get(), s);
	});
}
