// SPDX-License-Identifier: GPL-2.0
// an open file that holds its own reference (open() returns an Arc) to data
// that refers to the registration's plain shared data (the correct twin)
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/sync/arc.h>
#include <kcxx/sync/atomic.h>

using namespace kcxx;

// The shared data is an Arc: every open file holds a reference of its own,
// and the registration's destructor need not wait for them.
class Session {
public:
	using Shared = Arc<Session>;
	static Result<Arc<Session>> open(miscdevice::SharedRef<Shared> shared, File &) { return shared->clone(); }
	Result<void> read(File &, UserSliceWriter &, i64 &) const
	{
		reads_.inc();
		return {};
	}

private:
	mutable Atomic<int> reads_{0};
};

[[gnu::used]] static Result<Box<miscdevice::Registration<Session>>> registration()
{
	auto session = TRY(Arc<Session>::try_new(GFP_KERNEL));
	return miscdevice::Registration<Session>::try_new(GFP_KERNEL, {.name = "rule-test"}, std::move(session));
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
