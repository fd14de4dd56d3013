// SPDX-License-Identifier: GPL-2.0
// a memory ordering an operation cannot have (an acquire store, a release load) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

[[gnu::used]] static int consume(const Atomic<int> &ready)
{
	return ready.load(order::release); // loads cannot release
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
