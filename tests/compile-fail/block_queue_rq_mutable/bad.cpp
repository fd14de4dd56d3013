// SPDX-License-Identifier: GPL-2.0
// queue_rq that changes the device unlocked (it runs concurrently on every hardware queue) (must not compile)
#include <kcxx/block/mq.h>
#include <kcxx/module.h>

using namespace kcxx;
using namespace kcxx::block;

struct Dev {
	struct RequestData {
		int n = 0;
	};
	int count = 0;
	mq::QueueStatus queue_rq(mq::Request<Dev> rq, bool)
	{
		++count; // a data race between hardware queues
		std::move(rq).end(Status::ok());
		return mq::QueueStatus::queued();
	}
};
Result<void> make(const Dev &dev)
{
	auto tags = TRY(mq::TagSet<Dev>::try_new(GFP_KERNEL, {}, dev));
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
