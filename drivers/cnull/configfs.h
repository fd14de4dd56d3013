// SPDX-License-Identifier: GPL-2.0
//
// cnull's configfs interface: null_blk's, under /sys/kernel/config/cnull/.
//
//   mkdir /sys/kernel/config/cnull/<name>     a device, configured from the
//                                             module parameters, powered off
//   echo 4096 > .../<name>/blocksize         attributes (below)
//   echo 1 > .../<name>/power                /dev/<name> appears
//   echo 0 > .../<name>/power; rmdir ...     it goes away
//
// Attributes: size (MiB), completion_nsec, submit_queues, poll_queues,
// home_node, queue_mode, blocksize, irqmode, hw_queue_depth, index,
// blocking, memory_backed, discard, power; the root directory has
// 'features'.  Values parse as null_blk's (kstrtouint/kstrtoul base 0,
// kstrtobool) with its errnos; a configured (powered) device refuses changes
// with EBUSY, except submit_queues and poll_queues, which resize its
// hardware queues.
#pragma once

#include <kcxx/configfs.h>
#include <kcxx/option.h>
#include <kcxx/string_builder.h>

#include "nullb.h"

namespace cnull {

// The subsystem's shared data: the module's registry, and the root
// directory's 'features'.
class Configfs {
public:
	explicit Configfs(const Registry &registry) : registry_(&registry) {}

	kcxx::Result<void> show_features(kcxx::configfs::Page &out) const;
	static constexpr auto attributes = kcxx::configfs::attributes<Configfs>(
		kcxx::configfs::AttrRo<&Configfs::show_features>("features"));

	[[nodiscard]] const Registry &registry() const { return *registry_; }

private:
	// INVARIANT: the registry outlives the subsystem (the module's state
	// owns both and destroys the subsystem first).
	const Registry *registry_;
};

// A device made by mkdir: its configuration and, while powered, the device.
class ConfigDevice {
public:
	using Shared = Configfs;

	static kcxx::Result<kcxx::Box<ConfigDevice>> make(Configfs &shared, kcxx::CStr name);
	void drop(Configfs &shared);

	explicit ConfigDevice(kcxx::CStr name);

#define CNULL_ATTRIBUTE(name)                                                     \
	kcxx::Result<void> show_##name(kcxx::configfs::Page &out) const;          \
	kcxx::Result<void> store_##name(Configfs &shared, kcxx::CStr text);
	CNULL_ATTRIBUTE(size)
	CNULL_ATTRIBUTE(completion_nsec)
	CNULL_ATTRIBUTE(submit_queues)
	CNULL_ATTRIBUTE(poll_queues)
	CNULL_ATTRIBUTE(home_node)
	CNULL_ATTRIBUTE(queue_mode)
	CNULL_ATTRIBUTE(blocksize)
	CNULL_ATTRIBUTE(irqmode)
	CNULL_ATTRIBUTE(hw_queue_depth)
	CNULL_ATTRIBUTE(index)
	CNULL_ATTRIBUTE(blocking)
	CNULL_ATTRIBUTE(memory_backed)
	CNULL_ATTRIBUTE(discard)
	CNULL_ATTRIBUTE(power)
#undef CNULL_ATTRIBUTE

#define CNULL_ATTR(name) kcxx::configfs::Attr<&ConfigDevice::show_##name, &ConfigDevice::store_##name>(#name)
	static constexpr auto attributes = kcxx::configfs::attributes<ConfigDevice>(
		CNULL_ATTR(size), CNULL_ATTR(completion_nsec), CNULL_ATTR(submit_queues), CNULL_ATTR(poll_queues),
		CNULL_ATTR(home_node),
		CNULL_ATTR(queue_mode), CNULL_ATTR(blocksize), CNULL_ATTR(irqmode), CNULL_ATTR(hw_queue_depth),
		CNULL_ATTR(index), CNULL_ATTR(blocking), CNULL_ATTR(memory_backed), CNULL_ATTR(discard),
		CNULL_ATTR(power));
#undef CNULL_ATTR

private:
	// null_blk's NULLB_DEVICE_ATTR store: parse, then refuse a change to
	// a configured device.
	template <typename T> kcxx::Result<void> store_field(T &field, kcxx::CStr text);
	void power_off(const Registry &registry);

	Config config_;
	kcxx::Option<Nullb> device_; // powered on: null_blk's CONFIGURED and UP
	kcxx::StringBuilder<DiskTable::name_size> name_;
};

} // namespace cnull
