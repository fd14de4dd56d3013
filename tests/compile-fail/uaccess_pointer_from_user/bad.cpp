// SPDX-License-Identifier: GPL-2.0
// taking a kernel pointer from user space (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// A pointer read from user memory is whatever user space wrote: using it
// lets user space choose kernel memory to read or write.
struct Request {
	kcxx::u64 *buffer;
	kcxx::u64 length;
};

kcxx::Result<kcxx::u64> get(unsigned long arg)
{
	kcxx::UserSliceReader in = kcxx::UserSlice(kcxx::UserPtr<Request>(arg)).reader();
	kcxx::u64 *buffer = TRY(in.read<kcxx::u64 *>());
	kcxx::u64 length = TRY(in.read<kcxx::u64>());
	return *buffer + length;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
