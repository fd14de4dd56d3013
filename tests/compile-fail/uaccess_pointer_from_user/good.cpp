// SPDX-License-Identifier: GPL-2.0
// taking a kernel pointer from user space (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// User space passes an address as a number; it stays a user address.
struct Request {
	kcxx::u64 buffer;
	kcxx::u64 length;
};

kcxx::Result<kcxx::u64> get(unsigned long arg)
{
	Request r = TRY(kcxx::UserSlice(kcxx::UserPtr<Request>(arg)).reader().read<Request>());
	kcxx::UserPtr<kcxx::u64> buffer(r.buffer);
	(void)buffer;
	return r.length;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
