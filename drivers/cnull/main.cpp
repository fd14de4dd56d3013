// SPDX-License-Identifier: GPL-2.0
//
// cnull: a null block device in C++ - the kernel's null_blk, feature for
// feature in its common modes, on kcxx's blk-mq abstraction.
//
// Module parameters have null_blk's names, defaults and meaning; devices
// are /dev/cnull0... (nr_devices at load) plus those made with configfs
// under /sys/kernel/config/cnull/ (configfs.cpp).  The driver touches no
// raw kernel structure: requests, tag sets and disks are kcxx::block types.
#include <kcxx/module.h>
#include <kcxx/module_param.h>
#include <kcxx/print.h>
#include <kcxx/topology.h>
#include <kcxx/vec.h>

#include "configfs.h"
#include "nullb.h"

namespace {

using cnull::Config;
using kcxx::Result;

KCXX_MODULE_PARAM(nr_devices, unsigned int, 1, 0444, "Number of devices to register");
KCXX_MODULE_PARAM_RANGE(queue_mode, int, 2, 0, 2, 0444, "Block interface to use (0=bio,1=rq,2=multiqueue)");
KCXX_MODULE_PARAM(submit_queues, int, 1, 0444, "Number of submission queues");
KCXX_MODULE_PARAM(poll_queues, int, 1, 0444, "Number of IOPOLL submission queues");
KCXX_MODULE_PARAM(hw_queue_depth, int, 64, 0444, "Queue depth for each hardware queue. Default: 64");
KCXX_MODULE_PARAM(bs, int, 512, 0444, "Block size (in bytes)");
KCXX_MODULE_PARAM(gb, int, 250, 0444, "Size in GB");
KCXX_MODULE_PARAM_RANGE(irqmode, int, 1, 0, 2, 0444, "IRQ completion handler. 0-none, 1-softirq, 2-timer");
KCXX_MODULE_PARAM(completion_nsec, unsigned long, 10000, 0444,
		  "Time in ns to complete a request in hardware. Default: 10,000ns");
KCXX_MODULE_PARAM(memory_backed, bool, false, 0444, "Create a memory-backed block device. Default: false");
KCXX_MODULE_PARAM(blocking, bool, false, 0444, "Register as a blocking blk-mq driver device");
KCXX_MODULE_PARAM(discard, bool, false, 0444,
		  "Support discard operations (requires memory-backed null_blk device). Default: false");
KCXX_MODULE_PARAM(home_node, int, -1, 0444, "Home node for the device");

} // namespace

// A device's configuration from the module parameters (null_alloc_dev()).
Config Config::from_params()
{
	Config config;
	config.size = static_cast<unsigned long>(::gb.get()) * 1024;
	config.completion_nsec = ::completion_nsec.get();
	config.submit_queues = static_cast<cnull::u32>(::submit_queues.get());
	config.poll_queues = static_cast<cnull::u32>(::poll_queues.get());
	config.home_node = static_cast<cnull::u32>(::home_node.get());
	config.queue_mode = static_cast<cnull::u32>(::queue_mode.get());
	config.blocksize = static_cast<cnull::u32>(::bs.get());
	config.irqmode = static_cast<cnull::u32>(::irqmode.get());
	config.hw_queue_depth = static_cast<cnull::u32>(::hw_queue_depth.get());
	config.blocking = ::blocking.get();
	config.memory_backed = ::memory_backed.get();
	config.discard = ::discard.get();
	return config;
}

// null_blk's g_poll_queues: no device has more poll queues than this.
cnull::u32 Config::max_poll_queues() { return static_cast<cnull::u32>(::poll_queues.get()); }

namespace {

// null_init()'s checks of the parameters: what it fixes (with a message)
// and what it refuses.
Result<void> check_params()
{
	if (bs.get() > static_cast<int>(KCXX_PAGE_SIZE)) {
		pr_warn("invalid block size\n");
		pr_warn("defaults block size to %lu\n", static_cast<unsigned long>(KCXX_PAGE_SIZE));
		TRY(bs.set(static_cast<int>(KCXX_PAGE_SIZE)));
	}
	if (home_node.get() != KCXX_NUMA_NO_NODE &&
	    (home_node.get() < 0 || static_cast<unsigned int>(home_node.get()) >= kcxx::nr_online_nodes())) {
		pr_err("invalid home_node value\n");
		TRY(home_node.set(KCXX_NUMA_NO_NODE));
	}
	if (queue_mode.get() == cnull::queue_mode_rq) {
		pr_err("legacy IO path is no longer available\n");
		return kcxx::code::EINVAL;
	}
	// null_init() compares the int with the unsigned nr_cpu_ids, so a
	// negative count becomes nr_cpu_ids too: the same answer here.
	if (static_cast<unsigned int>(submit_queues.get()) > kcxx::nr_cpu_ids())
		TRY(submit_queues.set(static_cast<int>(kcxx::nr_cpu_ids())));
	else if (submit_queues.get() <= 0)
		TRY(submit_queues.set(1));
	// null_blk takes any int here and fails later, or allocates a queue
	// array from it; cnull keeps it to what a set can have: 0..nr_cpu_ids.
	if (poll_queues.get() < 0)
		TRY(poll_queues.set(0));
	else if (static_cast<unsigned int>(poll_queues.get()) > kcxx::nr_cpu_ids())
		TRY(poll_queues.set(static_cast<int>(kcxx::nr_cpu_ids())));
	return {};
}

// Everything the module owns; destroyed in reverse member order: the
// devices (their disks first), then the registry (the block major).
struct State {
	cnull::Registry registry;
	kcxx::Vec<cnull::Nullb> devices;

	explicit State(kcxx::block::Major &&major) : registry(std::move(major)) {}
};

class Cnull {
public:
	static constexpr kcxx::ModuleInfo info{
		.name = "cnull",
		.license = "GPL",
		.author = "The kcxx authors",
		.description = "C++ null block driver: null_blk's modes, params and configfs on kcxx",
	};

	static Result<Cnull> init()
	{
		TRY(check_params());
		auto major = TRY(kcxx::block::Major::try_new("cnull"));
		auto state = TRY(kcxx::Box<State>::try_new(kcxx::GFP_KERNEL, std::move(major)));
		{
			auto table = state->registry.disks.lock();
			for (unsigned int i = 0; i < nr_devices.get(); ++i) {
				Config config = Config::from_params();
				auto device = TRY(cnull::power_on(state->registry, *table, config, kcxx::CStr()));
				TRY(state->devices.try_push(std::move(device), kcxx::GFP_KERNEL));
			}
		}
		// Last, so that no configfs device exists if init fails.
		auto configfs = TRY(kcxx::configfs::Subsystem<cnull::ConfigDevice>::try_new(
			kcxx::GFP_KERNEL, "cnull", state->registry));
		pr_info("module loaded\n");
		return Cnull(std::move(state), std::move(configfs));
	}

	Cnull(Cnull &&) = default;

private:
	using Subsystem = kcxx::configfs::Subsystem<cnull::ConfigDevice>;

	Cnull(kcxx::Box<State> state, kcxx::Box<Subsystem> configfs)
		: state_(std::move(state)), configfs_(std::move(configfs))
	{
	}

	// Destroyed in reverse: configfs first (no user device exists at
	// unload: each pins the module), then the devices and the major.
	kcxx::Box<State> state_;
	kcxx::Box<Subsystem> configfs_;
};

} // namespace

KCXX_MODULE(Cnull);
