// SPDX-License-Identifier: GPL-2.0
// a lock taken and dropped at once (a critical section that protects nothing) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int update(const Mutex<int> &lock)
{
	auto guard = lock.lock();
	return ++*guard;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
