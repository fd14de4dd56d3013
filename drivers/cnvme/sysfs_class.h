// SPDX-License-Identifier: GPL-2.0
//
// cnvme: /sys/class/nvme and /sys/class/nvme-subsystem, where nvme-cli
// (libnvme) finds controllers, for `nvme list`.
//
// libnvme 1.3 (Debian 12's; seen with strace of `nvme list -o json`):
//  - scans /sys/class/nvme for "nvme<N>" and reads each one's subsysnqn,
//    transport, address, firmware_rev, model, state, serial, sqsize,
//    queue_count, numa_node, cntrltype, dctype (hostnqn, hostid and the
//    dhchap secrets are optional);
//  - looks for the controller's subsystem: the /sys/class/nvme-subsystem/
//    nvme-subsys<M> with an entry named after the controller (the C
//    driver's link to it), and reads its model, serial, firmware_rev,
//    subsystype and subsysnqn;
//  - takes the entries "nvme<N>n<M>" of the controller's directory as its
//    namespaces: opens /dev/nvme<N>n<M>, asks its namespace ID
//    (NVME_IOCTL_ID) and sends Identify Namespace (and the descriptor
//    list) through it (NVME_IOCTL_ADMIN_CMD).
// The classes belong to nvme-core, so cnvme registers them only when they
// are free (nvme-core not loaded), and then names its disks
// nvme<N>n<nsid> in its controller's directory (cnvme<N>n<nsid> in
// /sys/devices/virtual/block otherwise).  While cnvme holds them
// nvme-core cannot load (its class_register() fails): the nvme_class
// module parameter turns this off.
#pragma once

#include <kcxx/device_class.h>
#include <kcxx/option.h>

#include "admin_queue.h"
#include "reset.h"

namespace cnvme {

// The two classes, while the module holds them (CnvmeModule).
struct SysfsClasses {
	kcxx::DeviceClass nvme;
	kcxx::DeviceClass subsystem;
};

// Set by the module before its PCI driver registers and cleared after it
// is unregistered (every controller removed): probes read it, as they
// run in between.  Null: nvme-core has the classes, or nvme_class=0.
inline const SysfsClasses *sysfs_classes = nullptr;

// What /sys/class/nvme/nvme<N>/ shows, as the C driver's
// (drivers/nvme/host/sysfs.c, PCIe).
struct ControllerInfo {
	ControllerInfo(const Identity &identity, kcxx::CStr address, int numa_node, u32 queue_count,
		       kcxx::Option<Arc<BlockCore>> block)
		: numa_node(numa_node), queue_count(queue_count), controller_id(identity.controller_id),
		  controller_type(identity.controller_type), block(std::move(block))
	{
		// (All fit: the same capacities as the Identity's, and a PCI
		// device name.)
		(void)model.append(identity.model.as_cstr());
		(void)serial.append(identity.serial.as_cstr());
		(void)firmware.append(identity.firmware.as_cstr());
		(void)nqn.append(identity.subsystem_nqn.as_cstr());
		(void)this->address.append(address);
	}

	Result<void> show_model(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(model.c_str());
		return {};
	}
	Result<void> show_serial(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(serial.c_str());
		return {};
	}
	Result<void> show_firmware_rev(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(firmware.c_str());
		return {};
	}
	Result<void> show_subsysnqn(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(nqn.c_str());
		return {};
	}
	Result<void> show_transport(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"pcie\n">();
		return {};
	}
	Result<void> show_address(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%s\n">(address.c_str());
		return {};
	}
	Result<void> show_cntlid(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(controller_id);
		return {};
	}
	// NVME_CTRL_IO 1, DISC 2, ADMIN 3; anything else "reserved".
	Result<void> show_cntrltype(kcxx::sysfs::Buffer &out) const
	{
		const char *type = controller_type == 1 ? "io" :
				   controller_type == 2 ? "discovery" :
				   controller_type == 3 ? "admin" : "reserved";
		out.emit<"%s\n">(type);
		return {};
	}
	// Discovery controller type: only a discovery controller has one.
	Result<void> show_dctype(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"none\n">();
		return {};
	}
	Result<void> show_state(kcxx::sysfs::Buffer &out) const
	{
		const char *state = "live";
		if (block && (*block)->path->is_dead())
			state = "dead";
		else if (block && (*block)->path->is_resetting())
			state = "resetting";
		out.emit<"%s\n">(state);
		return {};
	}
	Result<void> show_numa_node(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%d\n">(numa_node);
		return {};
	}
	// Queues, the admin queue counted (ctrl->queue_count).
	Result<void> show_queue_count(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(queue_count);
		return {};
	}
	// Entries of an I/O submission queue, less one (ctrl->sqsize).
	Result<void> show_sqsize(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"%u\n">(IO_DEPTH - 1);
		return {};
	}

	static constexpr kcxx::sysfs::Attribute<ControllerInfo> attributes[] = {
		{"address", &ControllerInfo::show_address},
		{"cntlid", &ControllerInfo::show_cntlid},
		{"cntrltype", &ControllerInfo::show_cntrltype},
		{"dctype", &ControllerInfo::show_dctype},
		{"firmware_rev", &ControllerInfo::show_firmware_rev},
		{"model", &ControllerInfo::show_model},
		{"numa_node", &ControllerInfo::show_numa_node},
		{"queue_count", &ControllerInfo::show_queue_count},
		{"serial", &ControllerInfo::show_serial},
		{"sqsize", &ControllerInfo::show_sqsize},
		{"state", &ControllerInfo::show_state},
		{"subsysnqn", &ControllerInfo::show_subsysnqn},
		{"transport", &ControllerInfo::show_transport},
	};

	kcxx::StringBuilder<48> model, serial, firmware;
	kcxx::StringBuilder<260> nqn;
	kcxx::StringBuilder<32> address;
	int numa_node;
	u32 queue_count;
	u32 controller_id;
	u32 controller_type;
	kcxx::Option<Arc<BlockCore>> block; // the state (none: no I/O queues)
};

// What /sys/class/nvme-subsystem/nvme-subsys<N>/ shows: the controller's
// NVM subsystem (one controller in it: a PCIe controller that does not
// share its namespaces, CMIC 0, as QEMU's).
struct SubsystemInfo {
	explicit SubsystemInfo(Arc<ControllerInfo> c) : controller(std::move(c)) {}

	Result<void> show_model(kcxx::sysfs::Buffer &out) const { return controller->show_model(out); }
	Result<void> show_serial(kcxx::sysfs::Buffer &out) const { return controller->show_serial(out); }
	Result<void> show_firmware_rev(kcxx::sysfs::Buffer &out) const { return controller->show_firmware_rev(out); }
	Result<void> show_subsysnqn(kcxx::sysfs::Buffer &out) const { return controller->show_subsysnqn(out); }
	Result<void> show_subsystype(kcxx::sysfs::Buffer &out) const
	{
		out.emit<"nvm\n">();
		return {};
	}

	static constexpr kcxx::sysfs::Attribute<SubsystemInfo> attributes[] = {
		{"firmware_rev", &SubsystemInfo::show_firmware_rev},
		{"model", &SubsystemInfo::show_model},
		{"serial", &SubsystemInfo::show_serial},
		{"subsysnqn", &SubsystemInfo::show_subsysnqn},
		{"subsystype", &SubsystemInfo::show_subsystype},
	};

	Arc<ControllerInfo> controller;
};

// One controller in the classes: its nvme<N> (a child of the PCI device),
// its nvme-subsys<N> and the link from that to this.  Destroyed after its
// disks (children of 'controller') and in reverse order: the link first.
struct SysfsPresence {
	kcxx::ClassDevice<ControllerInfo> controller;
	kcxx::ClassDevice<SubsystemInfo> subsystem;
	kcxx::DeviceLink link;

	static Result<Box<SysfsPresence>> try_new(const SysfsClasses &classes, const kcxx::BoundDevice &dev,
						  u32 instance, Arc<ControllerInfo> info)
	{
		kcxx::StringBuilder<32> name;
		TRY(name.appendf<"nvme%u">(instance));
		auto controller = TRY(kcxx::ClassDevice<ControllerInfo>::try_new(classes.nvme, &dev, name.as_cstr(),
										  info.clone()));
		kcxx::StringBuilder<32> subsystem_name;
		TRY(subsystem_name.appendf<"nvme-subsys%u">(instance));
		auto subsystem_info = TRY(Arc<SubsystemInfo>::try_new(kcxx::GFP_KERNEL, std::move(info)));
		auto subsystem = TRY(kcxx::ClassDevice<SubsystemInfo>::try_new(classes.subsystem, nullptr,
										subsystem_name.as_cstr(),
										std::move(subsystem_info)));
		auto link = TRY(kcxx::DeviceLink::try_new(subsystem.device(), name.as_cstr(), controller.device()));
		return Box<SysfsPresence>::try_new(kcxx::GFP_KERNEL, std::move(controller), std::move(subsystem),
						   std::move(link));
	}
};

} // namespace cnvme
