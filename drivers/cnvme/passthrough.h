// SPDX-License-Identifier: GPL-2.0
//
// cnvme: /dev/cnvme-<pci name>, the admin passthrough ioctls of Linux's
// NVMe controller device, which nvme-cli speaks.
#pragma once

#include <kcxx/capability.h>
#include <kcxx/file.h>
#include <kcxx/ioctl.h>
#include <kcxx/uaccess.h>

#include "admin_queue.h"
#include "reset.h"

namespace cnvme {

using kcxx::code::EACCES;
using kcxx::code::EFAULT;
using kcxx::code::EINVAL;
using kcxx::code::ENODEV;
using kcxx::code::EPERM;

// The user ABI of Linux's NVMe controller character device
// (include/uapi/linux/nvme_ioctl.h), which nvme-cli speaks: an admin
// command and its answer.
struct Passthru {
	u8 opcode;
	u8 flags;
	u16 rsvd1;
	u32 nsid;
	u32 cdw2;
	u32 cdw3;
	u64 metadata;
	u64 addr;
	u32 metadata_len;
	u32 data_len;
	u32 cdw10;
	u32 cdw11;
	u32 cdw12;
	u32 cdw13;
	u32 cdw14;
	u32 cdw15;
	u32 timeout_ms;
	u32 result;
};
static_assert(sizeof(Passthru) == 72);
struct Passthru64 {
	u8 opcode;
	u8 flags;
	u16 rsvd1;
	u32 nsid;
	u32 cdw2;
	u32 cdw3;
	u64 metadata;
	u64 addr;
	u32 metadata_len;
	u32 data_len;
	u32 cdw10;
	u32 cdw11;
	u32 cdw12;
	u32 cdw13;
	u32 cdw14;
	u32 cdw15;
	u32 timeout_ms;
	u32 rsvd2;
	u64 result;
};
static_assert(sizeof(Passthru64) == 80);
constexpr auto ADMIN_CMD = kcxx::ioctl::ReadWrite<Passthru>('N', 0x41);
constexpr auto ADMIN64_CMD = kcxx::ioctl::ReadWrite<Passthru64>('N', 0x47);

// Admin commands user space may not send: they would let the controller
// reach memory the driver does not own, or take the queues the driver
// runs (create/delete I/O queues, the doorbell buffer, Set Features' host
// memory buffer), or wait without bound (asynchronous event requests).
// The C driver sends anything root asks; cnvme answers -EPERM.
inline bool admin_command_refused(u8 opcode, u32 cdw10)
{
	switch (opcode) {
	case 0x00: // Delete I/O Submission Queue
	case 0x01: // Create I/O Submission Queue
	case 0x04: // Delete I/O Completion Queue
	case 0x05: // Create I/O Completion Queue
	case 0x0c: // Asynchronous Event Request
	case 0x7c: // Doorbell Buffer Config
		return true;
	case 0x09: // Set Features: Host Memory Buffer (FID 0x0d)
		return (cdw10 & 0xff) == 0x0d;
	default:
		return false;
	}
}

// Runs 'cmd' as the C driver does (nvme_user_cmd()): its data through
// the admin data buffer (one page: data_len up to 4096), its result
// back in cmd.result, and the command's NVMe status (positive, 0 for
// success) as the ioctl's value.  -EINVAL for flags, metadata or a
// data length the driver does not take; -EPERM for a refused command.
template <typename Cmd> Result<long> admin_passthrough(const AdminQueue &q, Cmd &cmd)
{
	if (cmd.flags || cmd.rsvd1 || cmd.metadata || cmd.metadata_len || cmd.data_len > DATA_SIZE)
		return EINVAL;
	if (admin_command_refused(cmd.opcode, cmd.cdw10))
		return EPERM;
	// Data direction: opcode bits 1:0 (host to controller 01,
	// controller to host 10, both 11).
	bool to_controller = (cmd.opcode & 1) && cmd.data_len;
	bool from_controller = (cmd.opcode & 2) && cmd.data_len;
	if (cmd.data_len && !to_controller && !from_controller)
		return EINVAL;
	kcxx::UserSlice user(kcxx::UserAddress(cmd.addr), cmd.data_len);
	if (cmd.data_len && !user.in_user_space())
		return EFAULT;

	auto state = q.submit.lock();
	auto regs = q.regs.try_access();
	auto ring = q.sq.try_access();
	auto data = q.data.try_access();
	if (!regs || !ring || !data)
		return ENODEV;
	const DataBuffer &buffer = **data;
	if (to_controller) {
		auto reader = kcxx::UserSlice(kcxx::UserAddress(cmd.addr), cmd.data_len).reader();
		TRY(buffer.copy_from_user(reader, 0, cmd.data_len));
	} else if (from_controller) {
		// What the controller does not write must not be an
		// earlier command's data.
		for (u32 i = 0; i < cmd.data_len; ++i)
			TRY(buffer.write(i, 0));
	}
	nvme::Command command{};
	command.cdw0 = cmd.opcode;
	command.nsid = cmd.nsid;
	command.cdw2 = cmd.cdw2;
	command.cdw3 = cmd.cdw3;
	command.prp1 = cmd.data_len ? buffer.dma_address().value() : 0;
	command.cdw10 = cmd.cdw10;
	command.cdw11 = cmd.cdw11;
	command.cdw12 = cmd.cdw12;
	command.cdw13 = cmd.cdw13;
	command.cdw14 = cmd.cdw14;
	command.cdw15 = cmd.cdw15;
	AdminAnswer answer = TRY(q.run(state, **regs, **ring, command));
	if (from_controller && answer.status == 0) {
		auto writer = kcxx::UserSlice(kcxx::UserAddress(cmd.addr), cmd.data_len).writer();
		TRY(buffer.copy_to_user(writer, 0, cmd.data_len));
	}
	cmd.result = answer.result;
	return static_cast<long>(answer.status);
}

// One open file of /dev/cnvme-<pci name>: admin passthrough.  It holds
// the admin queue, not the driver: after unbind its commands are -ENODEV.
// What every open file of the controller's character device shares: the
// admin queue and the reset (both outlive the binding; then -ENODEV).
struct ControllerShared {
	Arc<AdminQueue> admin;
	Arc<Reset> reset;
};

// NVME_IOCTL_RESET, _IO('N', 0x44): reset the controller (nvme reset).
constexpr auto RESET_CMD = kcxx::ioctl::Io('N', 0x44);

class ControllerFile {
public:
	using Shared = ControllerShared;

	static Result<ControllerFile> open(ControllerShared &shared, kcxx::File &)
	{
		return ControllerFile(shared.admin.clone(), shared.reset.clone());
	}

	Result<long> ioctl(kcxx::File &, kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(
			handle<ADMIN_CMD>([&](In<Passthru> in, Out<Passthru> out) -> Result<long> {
				Passthru cmd = TRY(std::move(in).read());
				long status = TRY(admin_passthrough(*queue_, cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}),
			handle<RESET_CMD>([&]() -> Result<long> {
				TRY(Reset::run_now(reset_));
				return 0;
			}),
			handle<ADMIN64_CMD>([&](In<Passthru64> in, Out<Passthru64> out) -> Result<long> {
				Passthru64 cmd = TRY(std::move(in).read());
				long status = TRY(admin_passthrough(*queue_, cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}));
	}

private:
	ControllerFile(Arc<AdminQueue> queue, Arc<Reset> reset) : queue_(std::move(queue)), reset_(std::move(reset))
	{
	}

	Arc<AdminQueue> queue_;
	Arc<Reset> reset_;
};

// NVME_IOCTL_ID, _IO('N', 0x40): the namespace ID of a namespace's block
// device (nvme-cli's nvme list asks it of each disk).
constexpr auto ID_CMD = kcxx::ioctl::Io('N', 0x40);

// The ioctls of a namespace's disk, as the C driver's block devices answer
// them (nvme_ns_ioctl()): its namespace ID, and admin passthrough - which
// nvme-cli's nvme list sends to each disk (Identify Namespace).  Admin
// commands need CAP_SYS_ADMIN (-EACCES), as on 6.1 (6.12's C driver lets
// anyone who opened the disk send some Identify commands).  The disk holds
// this until it is released, maybe after unbind: then -ENODEV.
class NamespaceIoctls {
public:
	NamespaceIoctls(Arc<AdminQueue> queue, u32 nsid) : queue_(std::move(queue)), nsid_(nsid) {}

	Result<long> ioctl(kcxx::ioctl::Request request) const
	{
		using namespace kcxx::ioctl;
		return request.dispatch(
			handle<ID_CMD>([&]() -> Result<long> { return static_cast<long>(nsid_); }),
			handle<ADMIN_CMD>([&](In<Passthru> in, Out<Passthru> out) -> Result<long> {
				if (!kcxx::capable(kcxx::Capability::sys_admin))
					return EACCES;
				Passthru cmd = TRY(std::move(in).read());
				long status = TRY(admin_passthrough(*queue_, cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}),
			handle<ADMIN64_CMD>([&](In<Passthru64> in, Out<Passthru64> out) -> Result<long> {
				if (!kcxx::capable(kcxx::Capability::sys_admin))
					return EACCES;
				Passthru64 cmd = TRY(std::move(in).read());
				long status = TRY(admin_passthrough(*queue_, cmd));
				TRY(std::move(out).write(cmd));
				return status;
			}));
	}

private:
	Arc<AdminQueue> queue_;
	u32 nsid_;
};

} // namespace cnvme
