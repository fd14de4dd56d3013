// SPDX-License-Identifier: GPL-2.0
// a lockdep key outside static storage (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

[[gnu::used]] static int make()
{
	detail::LockClassKey key{}; // on the stack: lockdep needs a static key
	Mutex<int> lock(LockClass::of_static_key<&key>("stack key"), 0);
	return *lock.lock();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
