// SPDX-License-Identifier: GPL-2.0
// a guard moved into a longer-lived object (a lock held across calls) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/box.h>

using namespace kcxx;

[[gnu::used]] static int hold(const Mutex<int> &lock)
{
	// Keep the lock after this function returns: the guard cannot move.
	auto held = Box<MutexGuard<int>>::try_new(GFP_KERNEL, lock.lock());
	return held.is_ok();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
