// SPDX-License-Identifier: GPL-2.0
//
// cnull's configfs interface (configfs.h): null_blk's nullb_device_*_show,
// _store and power, nullb_group_make_group() and _drop_item().
#include <kcxx/print.h>

#include "configfs.h"

namespace cnull {

using kcxx::Result;
using kcxx::configfs::Page;

Result<void> Configfs::show_features(Page &out) const
{
	return out.append("blocking,blocksize,completion_nsec,discard,home_node,hw_queue_depth,irqmode,"
			  "memory_backed,poll_queues,power,queue_mode,size,submit_queues\n");
}

ConfigDevice::ConfigDevice(kcxx::CStr name) : config_(Config::from_params())
{
	// The disk takes the directory's name (cut to DISK_NAME_LEN, as
	// null_blk's snprintf).
	(void)name_.append(name);
}

Result<kcxx::Box<ConfigDevice>> ConfigDevice::make(Configfs &shared, kcxx::CStr name)
{
	// A disk of that name (from nr_devices or another directory): EEXIST.
	if (shared.registry().disks.lock()->contains(name))
		return kcxx::code::EEXIST;
	return kcxx::Box<ConfigDevice>::try_new(kcxx::GFP_KERNEL, name);
}

void ConfigDevice::drop(Configfs &shared)
{
	power_off(shared.registry());
}

void ConfigDevice::power_off(const Registry &registry)
{
	if (!device_)
		return;
	const u32 index = device_->index();
	device_.reset(); // del_gendisk(): waits for I/O in flight
	registry.disks.lock()->release(index);
}

namespace {
template <typename T> Result<T> parse(kcxx::CStr text) { return kcxx::configfs::parse<T>(text); }

Result<void> show(Page &out, unsigned long value) { return out.appendf<"%lu\n">(value); }
Result<void> show(Page &out, unsigned int value) { return out.appendf<"%u\n">(value); }
Result<void> show(Page &out, bool value) { return out.appendf<"%u\n">(value ? 1U : 0U); }
} // namespace

template <typename T> Result<void> ConfigDevice::store_field(T &field, kcxx::CStr text)
{
	const T value = TRY(parse<T>(text));
	if (device_)
		return kcxx::code::EBUSY;
	field = value;
	return {};
}

#define CNULL_SIMPLE_ATTRIBUTE(name)                                               \
	Result<void> ConfigDevice::show_##name(Page &out) const                    \
	{                                                                          \
		return show(out, config_.name);                                    \
	}                                                                          \
	Result<void> ConfigDevice::store_##name(Configfs &, kcxx::CStr text)       \
	{                                                                          \
		return store_field(config_.name, text);                            \
	}
CNULL_SIMPLE_ATTRIBUTE(size)
CNULL_SIMPLE_ATTRIBUTE(completion_nsec)
CNULL_SIMPLE_ATTRIBUTE(home_node)
CNULL_SIMPLE_ATTRIBUTE(queue_mode)
CNULL_SIMPLE_ATTRIBUTE(blocksize)
CNULL_SIMPLE_ATTRIBUTE(irqmode)
CNULL_SIMPLE_ATTRIBUTE(hw_queue_depth)
CNULL_SIMPLE_ATTRIBUTE(index)
CNULL_SIMPLE_ATTRIBUTE(blocking)
CNULL_SIMPLE_ATTRIBUTE(memory_backed)
CNULL_SIMPLE_ATTRIBUTE(discard)
#undef CNULL_SIMPLE_ATTRIBUTE

Result<void> ConfigDevice::show_submit_queues(Page &out) const { return show(out, config_.submit_queues); }

// A powered device resizes its hardware queues (nullb_apply_submit_queues()).
Result<void> ConfigDevice::store_submit_queues(Configfs &, kcxx::CStr text)
{
	const u32 value = TRY(parse<u32>(text));
	if (device_)
		TRY(device_->set_queues(value, config_.poll_queues));
	config_.submit_queues = value;
	return {};
}

Result<void> ConfigDevice::show_poll_queues(Page &out) const { return show(out, config_.poll_queues); }

// The same for the poll queues (nullb_apply_poll_queues()).
Result<void> ConfigDevice::store_poll_queues(Configfs &, kcxx::CStr text)
{
	const u32 value = TRY(parse<u32>(text));
	if (device_)
		TRY(device_->set_queues(config_.submit_queues, value));
	config_.poll_queues = value;
	return {};
}

Result<void> ConfigDevice::show_power(Page &out) const { return show(out, device_.has_value()); }

Result<void> ConfigDevice::store_power(Configfs &shared, kcxx::CStr text)
{
	const bool on = TRY(parse<bool>(text));
	if (on && !device_) {
		auto table = shared.registry().disks.lock();
		device_.emplace(TRY(power_on(shared.registry(), *table, config_, name_.as_cstr())));
	} else if (!on && device_) {
		power_off(shared.registry());
	}
	return {};
}

} // namespace cnull
