// SPDX-License-Identifier: GPL-2.0
// a block request copied: two owners could both end it (the correct twin)
#include <kcxx/block/mq.h>
#include <kcxx/module.h>

using namespace kcxx;
using namespace kcxx::block;

struct Dev {
	struct RequestData {
		int n = 0;
	};
	mq::QueueStatus queue_rq(mq::Request<Dev> rq, bool) const
	{
		mq::Request<Dev> other = std::move(rq);
		std::move(other).end(Status::ok());
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
