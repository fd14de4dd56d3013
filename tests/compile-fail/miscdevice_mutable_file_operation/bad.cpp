// SPDX-License-Identifier: GPL-2.0
// unsynchronized state changed by concurrent file operations (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/miscdevice.h>

// read() counts calls in a plain member: two threads reading one open file
// race on it.  File operations must be const.
class Counter {
public:
	static kcxx::Result<Counter> open(kcxx::File &) { return Counter(); }
	kcxx::Result<void> read(kcxx::File &, kcxx::UserSliceWriter &out, kcxx::i64 &)
	{
		reads_++;
		return out.write(reads_);
	}

private:
	kcxx::u64 reads_ = 0;
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
