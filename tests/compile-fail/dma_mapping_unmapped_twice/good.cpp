// SPDX-License-Identifier: GPL-2.0
// a streaming DMA mapping unmapped twice (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;

// Unmapped once; the Vec it gave back is the CPU's.
[[gnu::used]] static Result<void> receive(const BoundDevice &dev, Vec<u8> buffer, Vec<u8> *done)
{
	auto m = TRY(dma::SingleMapping<dma::FromDevice>::map(dev, std::move(buffer)));
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
