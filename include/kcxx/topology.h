// SPDX-License-Identifier: GPL-2.0
/// \file
/// How many CPUs and NUMA nodes the running system has.
#pragma once

#include <kcxx/bindings.h>

namespace kcxx {

/// nr_cpu_ids: one more than the highest possible CPU number.
[[nodiscard]] inline unsigned int nr_cpu_ids()
{
	// SAFETY: set once at boot, read-only afterwards.
	return bindings::nr_cpu_ids;
}

/// nr_online_nodes: the number of online NUMA nodes.
[[nodiscard]] inline unsigned int nr_online_nodes()
{
	// SAFETY: reads the node state bitmap, any context.
	return bindings::kcxx_helper_nr_online_nodes();
}

} // namespace kcxx
