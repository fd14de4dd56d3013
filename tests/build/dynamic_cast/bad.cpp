// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

struct Base { virtual int kind() const { return 0; } protected: ~Base() = default; };
struct Derived : Base { int kind() const override { return 1; } };
const Derived *as_derived(const Base *b) { return dynamic_cast<const Derived *>(b); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
