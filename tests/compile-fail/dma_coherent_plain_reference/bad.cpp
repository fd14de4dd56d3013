// SPDX-License-Identifier: GPL-2.0
// DMA memory taken as a plain reference (must not compile)
#include <kcxx/device.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>

using namespace kcxx;

struct Descriptor {
	u64 address;
	u32 length;
	u32 flags;
};

// The device writes the ring while the CPU looks: a plain reference lets the
// compiler cache a field or drop a store the device must see.
[[gnu::used]] static Result<u32> completed_length(const dma::CoherentAllocation<Descriptor> &ring)
{
	Descriptor &d = ring[0];
	return d.length;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
