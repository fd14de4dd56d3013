// SPDX-License-Identifier: GPL-2.0
// a guard returned from the function that owns its lock (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static MutexGuard<int> take(const Mutex<int> &lock)
{
	return lock.lock(); // the caller's lock outlives the guard
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
