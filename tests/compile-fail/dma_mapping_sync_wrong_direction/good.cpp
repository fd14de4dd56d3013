// SPDX-License-Identifier: GPL-2.0
// syncing/reading a streaming mapping against its direction (the correct twin)
#include <kcxx/device.h>
#include <kcxx/dma/mapping.h>
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/vec.h>

using namespace kcxx;

// The device writes a FromDevice buffer: sync it for the CPU, then read.
[[gnu::used]] static Result<u8> peek(const dma::SingleMapping<dma::FromDevice> &m)
{
	m.sync_for_cpu();
	return m.read(0);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
