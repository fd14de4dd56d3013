// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

#include <type_traits>
#include <utility>
#include <bit>
#include <concepts>
#include <limits>
#include <cstdint>
static_assert(std::has_single_bit(64u) && std::numeric_limits<std::uint8_t>::max() == 255);

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
