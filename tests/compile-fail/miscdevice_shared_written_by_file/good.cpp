// SPDX-License-Identifier: GPL-2.0
// a file operation counting in the device's shared data with an atomic
// (builds)
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

class Session {
public:
	struct Shared {
		Atomic<int> reads{0};
	};
	static Result<Session> open(miscdevice::SharedRef<Shared> shared, File &) { return Session(std::move(shared)); }
	Result<void> read(File &, UserSliceWriter &, i64 &) const
	{
		shared_->reads.inc();
		return {};
	}

private:
	explicit Session(miscdevice::SharedRef<Shared> &&shared) : shared_(std::move(shared)) {}
	miscdevice::SharedRef<Shared> shared_;
};

[[gnu::used]] static auto registration()
{
	return miscdevice::Registration<Session>::try_new(GFP_KERNEL, {.name = "rule-test"});
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
