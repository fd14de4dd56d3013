// SPDX-License-Identifier: GPL-2.0
// a guard moved into a longer-lived object (a lock held across calls) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>
#include <kcxx/box.h>

using namespace kcxx;

[[gnu::used]] static int hold(const Mutex<int> &lock)
{
	auto guard = lock.lock(); // held for this scope only
	return *guard;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
