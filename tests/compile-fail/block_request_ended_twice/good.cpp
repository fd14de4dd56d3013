// SPDX-License-Identifier: GPL-2.0
// a block request ended twice (double completion) (the correct twin)
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
		std::move(rq).end(Status::ok());
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
