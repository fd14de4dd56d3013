// SPDX-License-Identifier: GPL-2.0
// Small helpers for the time/workqueue tests.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/sync/barrier.h>
#include <kcxx/time.h>

namespace kcxx::test {

inline void msleep(unsigned int ms)
{
	// SAFETY: sleeps; the tests run in process context.
	bindings::msleep(ms);
}

// Busy-waits (with cond_resched) until pred() or 'limit' passed: pred().
template <typename P> bool spin_until(P pred, Duration limit)
{
	Ktime end = now() + limit;
	while (!pred()) {
		if (now() > end)
			return pred();
		kcxx::cpu_relax();
		// SAFETY: a voluntary preemption point; process context.
		bindings::kcxx_helper_cond_resched();
	}
	return true;
}

} // namespace kcxx::test
