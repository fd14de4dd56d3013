// SPDX-License-Identifier: GPL-2.0
#include <kcxx/module.h>
#include <kcxx/result.h>

struct Shape { virtual int area() const { return 0; } protected: ~Shape() = default; };
struct Square final : Shape { int side = 2; int area() const override { return side * side; } };
int area_of(const Shape &s) { return s.area(); }
int square_area() { Square s; return area_of(s); }

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
