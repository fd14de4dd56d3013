// SPDX-License-Identifier: GPL-2.0
// an open file that holds its own reference (open() returns an Arc) to data
// that refers to the registration's plain shared data: the registration does
// not wait for such files, so the shared data could go first (must not
// compile)
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

class Session {
public:
	struct Shared {
		Atomic<int> opens{0};
	};
	static Result<Arc<Session>> open(miscdevice::SharedRef<Shared> shared, File &)
	{
		return Arc<Session>::try_new(GFP_KERNEL, std::move(shared));
	}
	explicit Session(miscdevice::SharedRef<Shared> &&shared) : shared_(std::move(shared)) {}
	Result<void> read(File &, UserSliceWriter &, i64 &) const
	{
		shared_->opens.inc();
		return {};
	}

private:
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
