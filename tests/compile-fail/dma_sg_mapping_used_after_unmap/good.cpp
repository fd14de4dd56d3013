// SPDX-License-Identifier: GPL-2.0
// a scatter-gather DMA mapping used after unmap (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/sg_table.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;
using Mapping = dma::SgMapping<dma::FromDevice>;

// The segments are read while the chunks are mapped.
[[gnu::used]] static Result<u64> receive(const BoundDevice &dev, Mapping::Chunks chunks, Mapping::Chunks *done)
{
	auto m = TRY(Mapping::map(dev, std::move(chunks)));
	u64 first = 0;
	for (dma::Segment s : m.segments())
		first = s.address.value();
	*done = std::move(m).unmap();
	return first;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
