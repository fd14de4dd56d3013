// SPDX-License-Identifier: GPL-2.0
// DMA memory of a type with padding (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

using namespace kcxx;

// No padding: every byte the device sees is a field.
struct Descriptor {
	u64 address;
	u32 length;
	u32 reserved;
};

[[gnu::used]] static Result<void> make_ring(const BoundDevice &dev)
{
	auto ring = TRY(dma::CoherentAllocation<Descriptor>::alloc(dev, 64, GFP_KERNEL));
	return ring.write(0, Descriptor{0, 0, 0});
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
