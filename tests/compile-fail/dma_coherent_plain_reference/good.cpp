// SPDX-License-Identifier: GPL-2.0
// DMA memory taken as a plain reference (the correct twin)
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

// One volatile read of one field, index checked.
[[gnu::used]] static Result<u32> completed_length(const dma::CoherentAllocation<Descriptor> &ring)
{
	return ring.read_field(0, &Descriptor::length);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
