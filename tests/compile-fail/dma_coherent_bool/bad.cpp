// SPDX-License-Identifier: GPL-2.0
// DMA memory of a type not every bit pattern is valid for (bool) (must not compile)
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

using namespace kcxx;

// The device may write any byte: a bool other than 0 or 1 is undefined
// behaviour in C++.
[[gnu::used]] static Result<void> make_flags(const BoundDevice &dev)
{
	auto done = TRY(dma::CoherentAllocation<bool>::alloc(dev, 16, GFP_KERNEL));
	return done.write(0, false);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
