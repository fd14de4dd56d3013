// SPDX-License-Identifier: GPL-2.0
// a resource reached through a BindingLock's guard without a compare though
// the lock does not own it (a Devres of another binding would be handed out
// as if this one's) (must not compile)
#include <kcxx/binding_lock.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;
using Buffer = dma::CoherentAllocation<u8>;

// The lock owns the registers; the buffer is a Devres of its own.
[[gnu::used]] static Result<u8> first_byte(const BindingLock<Registers> &unit, const Devres<Buffer> &)
{
	auto bound = unit.lock();
	if (!bound)
		return code::ENODEV;
	return bound.get<Buffer>().read(0);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
