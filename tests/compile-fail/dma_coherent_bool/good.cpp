// SPDX-License-Identifier: GPL-2.0
// DMA memory of a type not every bit pattern is valid for (bool) (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

using namespace kcxx;

// A byte the CPU tests for non-zero: every value is valid.
[[gnu::used]] static Result<void> make_flags(const BoundDevice &dev)
{
	auto done = TRY(dma::CoherentAllocation<u8>::alloc(dev, 16, GFP_KERNEL));
	return done.write(0, 0);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
