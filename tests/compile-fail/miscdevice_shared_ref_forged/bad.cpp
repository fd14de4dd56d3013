// SPDX-License-Identifier: GPL-2.0
// an open file that refers to shared data nobody keeps alive for it (a
// temporary here): only the framework makes a SharedRef, for data the
// registration keeps until every SharedRef is gone (must not compile)
#include <kcxx/miscdevice.h>
#include <kcxx/module.h>

using namespace kcxx;

class Session {
public:
	struct Shared {
		int limit = 4096;
	};
	static Result<Session> open(miscdevice::SharedRef<Shared>, File &)
	{
		Shared defaults;
		int references = 0;
		return Session(miscdevice::SharedRef<Shared>(defaults, &references)); // dangles after open()
	}
	Result<void> read(File &, UserSliceWriter &, i64 &) const { return {}; }

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
