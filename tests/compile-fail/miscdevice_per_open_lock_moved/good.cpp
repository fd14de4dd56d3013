// SPDX-License-Identifier: GPL-2.0
// a per-open object holding a lock, built in place: open() returns a Box<T>,
// which the framework keeps (builds)
#include <kcxx/box.h>
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

class Session {
public:
	static Result<Box<Session>> open(File &) { return Box<Session>::try_new(GFP_KERNEL); }
	Session() : count_(KCXX_LOCK_CLASS("rule_test.count"), 0) {}
	Result<void> read(File &, UserSliceWriter &, i64 &) const { return {}; }

private:
	Mutex<int> count_;
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
