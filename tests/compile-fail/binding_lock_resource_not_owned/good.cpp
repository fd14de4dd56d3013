// SPDX-License-Identifier: GPL-2.0
// a resource reached through a BindingLock's guard without a compare though
// the lock does not own it (the correct twin)
#include <kcxx/binding_lock.h>
#include <kcxx/devres.h>
#include <kcxx/dma/coherent.h>
#include <kcxx/module.h>
#include <kcxx/pci/bar.h>
#include <kcxx/result.h>

using namespace kcxx;

using Registers = pci::Bar<0x100>;
using Buffer = dma::CoherentAllocation<u8>;

// What the lock owns comes from the guard; any other Devres through the
// guard's proof, with a compare (-EINVAL for an earlier binding's).
[[gnu::used]] static Result<u8> first_byte(const BindingLock<Registers> &unit, const Devres<Buffer> &buffer)
{
	auto bound = unit.lock();
	if (!bound)
		return code::ENODEV;
	bound.get<Registers>().write32<0x04>(1);
	return TRY(buffer.access(bound.device()))->read(0);
}

namespace {
struct RuleTest {
	static constexpr kcxx::ModuleInfo info{.name = "rule_test", .license = "GPL"};
	static kcxx::Result<RuleTest> init() { return RuleTest{}; }
};
} // namespace
KCXX_MODULE(RuleTest);
