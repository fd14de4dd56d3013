// SPDX-License-Identifier: GPL-2.0
// a streaming DMA mapping used after unmap (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;

// The bus address is taken while the buffer is mapped.
[[gnu::used]] static Result<u64> send(const BoundDevice &dev, Vec<u8> frame, Vec<u8> *done)
{
	auto m = TRY(dma::SingleMapping<dma::ToDevice>::map(dev, std::move(frame)));
	u64 address = m.dma_address().value();
	*done = std::move(m).unmap();
	return address;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
