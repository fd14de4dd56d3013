// SPDX-License-Identifier: GPL-2.0
// writing plain data through a shared Arc (a data race) (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

struct Stats {
	long opens;
	Atomic<long> reads;
};

[[gnu::used]] static void on_open(const Arc<Stats> &stats)
{
	stats->opens++; // every holder may do this at once
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
