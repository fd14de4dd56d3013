// SPDX-License-Identifier: GPL-2.0
// unsynchronized state changed by concurrent file operations (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/miscdevice.h>

// The count is atomic (a kcxx::Mutex would do as well): read() is const.
class Counter {
public:
	static kcxx::Result<Counter> open(kcxx::File &) { return Counter(); }
	kcxx::Result<void> read(kcxx::File &, kcxx::UserSliceWriter &out, kcxx::i64 &) const
	{
		kcxx::u64 n = __atomic_add_fetch(&reads_, 1, __ATOMIC_RELAXED);
		return out.write(n);
	}

private:
	mutable kcxx::u64 reads_ = 0;
};

kcxx::Result<void> make()
{
	auto device = TRY(kcxx::miscdevice::Registration<Counter>::try_new(kcxx::GFP_KERNEL, {.name = "counter"}));
	return {};
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
