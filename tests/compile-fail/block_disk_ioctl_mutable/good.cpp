// SPDX-License-Identifier: GPL-2.0
// a disk ioctl handler that changes its state unlocked (ioctls run concurrently on every open file) (the correct twin)
#include <kcxx/block/gen_disk.h>
#include <kcxx/block/mq.h>
#include <kcxx/ioctl.h>
#include <kcxx/module.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;
using namespace kcxx::block;

struct Dev {
	struct RequestData {};
	struct DiskData {};
	mq::QueueStatus queue_rq(mq::Request<Dev> rq, bool) const
	{
		std::move(rq).end(Status::ok());
		return mq::QueueStatus::queued();
	}
};
constexpr auto COUNT = ioctl::Io('k', 1);
struct Handler {
	Atomic<long> calls{0};
	Result<long> ioctl(ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(handle<COUNT>([&]() -> Result<long> { return calls.fetch_add(1) + 1; }));
	}
};
Result<void> make(const Dev &dev)
{
	auto tags = TRY(mq::TagSet<Dev>::try_new(GFP_KERNEL, {}, dev));
	auto data = TRY(Box<Dev::DiskData>::try_new(GFP_KERNEL));
	auto handler = TRY(Arc<Handler>::try_new(GFP_KERNEL));
	auto disk = TRY(GenDiskBuilder().build("rule_test0", *tags, std::move(data), std::move(handler)));
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
