// SPDX-License-Identifier: GPL-2.0
// using the data after try_lock failed (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int poll(const Mutex<int> &lock)
{
	auto guard = lock.try_lock();
	if (!guard)
		return *guard; // the lock is not held here
	return 0;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
