// SPDX-License-Identifier: GPL-2.0
// leaking kernel memory through struct padding (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/uaccess.h>

// 7 padding bytes after 'flag' hold stale kernel stack contents and go to
// user space with the struct (a classic infoleak).
struct Info {
	kcxx::u8 flag;
	kcxx::u64 value;
};

kcxx::Result<void> report(unsigned long arg)
{
	Info info{1, 2};
	return kcxx::UserSlice(kcxx::UserPtr<Info>(arg)).writer().write(info);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
