// SPDX-License-Identifier: GPL-2.0
// a streaming DMA mapping unmapped twice (must not compile)
#include <kcxx/device.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;

// dma_unmap_single() twice: the second may unmap someone else's mapping
// (or corrupt an IOMMU's page tables).
[[gnu::used]] static Result<void> receive(const BoundDevice &dev, Vec<u8> buffer, Vec<u8> *done)
{
	auto m = TRY(dma::SingleMapping<dma::FromDevice>::map(dev, std::move(buffer)));
	*done = std::move(m).unmap();
	*done = std::move(m).unmap();
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
