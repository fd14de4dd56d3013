// SPDX-License-Identifier: GPL-2.0
// two ioctl handlers for one command number (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/ioctl.h>

// Copy-paste: two commands with the same number; the second handler
// would never run.
constexpr auto GET_SIZE = kcxx::ioctl::Read<kcxx::u64>('k', 1);
constexpr auto GET_LIMIT = kcxx::ioctl::Read<kcxx::u64>('k', 1);

kcxx::Result<long> ioctl(kcxx::ioctl::Request request)
{
	using namespace kcxx::ioctl;
	return request.dispatch(
		handle<GET_SIZE>([](Out<kcxx::u64> out) { return std::move(out).write(1); }),
		handle<GET_LIMIT>([](Out<kcxx::u64> out) { return std::move(out).write(2); }));
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
