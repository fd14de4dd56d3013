// SPDX-License-Identifier: GPL-2.0
// a plain (non-atomic) access to an Atomic's value (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

constinit Atomic<int> users{0};

[[gnu::used]] static int open_device()
{
	users++; // a plain read-modify-write: lost updates
	return 0;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
