// SPDX-License-Identifier: GPL-2.0
// a request's DMA segments read after its data was unmapped: the device's addresses are stale (the correct twin)
#include <kcxx/block/mq.h>
#include <kcxx/block/request_dma.h>
#include <kcxx/module.h>

using namespace kcxx;
using namespace kcxx::block;

struct Dev {
	struct RequestData {};
	static constexpr unsigned short dma_segments = 4;
	DeviceRef device;
	const DeviceRef &dma_device() const { return device; }
	mq::QueueStatus queue_rq(mq::Request<Dev> rq, bool) const
	{
		Option<mq::MappedRequest<Dev>> mapped = mq::MappedRequest<Dev>::map(rq);
		if (!mapped)
			return std::move(rq).into_busy();
		unsigned int n = mapped->segments().size(); // read while mapped
		mq::Request<Dev> back = std::move(*mapped).unmap();
		std::move(back).end(n ? Status::ok() : Status::ioerr());
		return mq::QueueStatus::queued();
	}
};
const void *instantiate() { return &mq::detail::ops_table<Dev>; }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
