// SPDX-License-Identifier: GPL-2.0
// touching data behind a Mutex without taking the lock (the correct twin)
#include <kcxx/module.h>
#include <kcxx/result.h>
#include <kcxx/sync/mutex.h>

using namespace kcxx;

struct Account {
	long balance;
};

[[gnu::used]] static long deposit(const Mutex<Account> &account, long amount)
{
	auto guard = account.lock();
	guard->balance += amount;
	return guard->balance;
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
