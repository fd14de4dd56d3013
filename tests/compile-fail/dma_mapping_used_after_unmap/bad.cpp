// SPDX-License-Identifier: GPL-2.0
// a streaming DMA mapping used after unmap (must not compile)
#include <kcxx/device.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;

// The buffer is the CPU's again (it may be freed or reused), but its bus
// address still goes to the device.
[[gnu::used]] static Result<u64> send(const BoundDevice &dev, Vec<u8> frame, Vec<u8> *done)
{
	auto m = TRY(dma::SingleMapping<dma::ToDevice>::map(dev, std::move(frame)));
	*done = std::move(m).unmap();
	return m.dma_address().value();
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
