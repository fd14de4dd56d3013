// SPDX-License-Identifier: GPL-2.0
// an ioctl handler whose argument type disagrees with the command (must not compile)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/types.h>
#include <kcxx/ioctl.h>

constexpr auto GET_SIZE = kcxx::ioctl::Read<kcxx::u64>('k', 1);

// The command says u64, the handler writes a u32: user space reads 4 bytes
// of garbage (or the handler writes past a smaller argument).
kcxx::Result<long> ioctl(kcxx::ioctl::Request request)
{
	using namespace kcxx::ioctl;
	return request.dispatch(handle<GET_SIZE>([](Out<kcxx::u32> out) -> kcxx::Result<void> {
		return std::move(out).write(42);
	}));
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
