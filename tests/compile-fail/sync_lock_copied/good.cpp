// SPDX-License-Identifier: GPL-2.0
// copying a lock (two locks for one piece of data) (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/spinlock.h>

using namespace kcxx;

struct Stats {
	long packets;
};

[[gnu::used]] static long count(const SpinLock<Stats> &stats)
{
	const SpinLock<Stats> &same = stats; // refer to the one lock
	return same.lock()->packets;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
