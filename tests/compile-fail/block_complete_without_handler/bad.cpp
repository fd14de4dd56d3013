// SPDX-License-Identifier: GPL-2.0
// a request completed through blk-mq by a driver with no complete handler (it would never end) (must not compile)
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
		std::move(rq).complete();
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
