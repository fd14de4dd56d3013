// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the controller's active namespaces (Identify, CNS 2 then CNS 0 for
// each): what a block device needs to know about one.
#pragma once

#include <kcxx/vec.h>

#include "admin_queue.h"

namespace cnvme {

// One namespace the driver exposes as a disk.
struct NamespaceInfo {
	u32 id;		// nsid, 1-based
	u32 lba_shift;	// logical block size, a power of two (9..12)
	u64 blocks;	// NSZE: its size in logical blocks
};

// The active namespaces the driver can serve (probe: 'dev' is bound):
// logical blocks of 512 bytes to 4 KiB without metadata; others are
// skipped with a message (the C driver hides those too).
inline Result<kcxx::Vec<NamespaceInfo>> identify_namespaces(const kcxx::BoundDevice &dev, const AdminQueue &q)
{
	const Registers *r = TRY(q.regs.access(dev));
	const SubmissionRing *ring = TRY(q.sq.access(dev));
	const DataBuffer &data = *TRY(q.data.access(dev));
	auto state = q.submit.lock();
	TRY(run_identify(state, q, *r, *ring, data, nvme::IDENTIFY_ACTIVE_NAMESPACES, 0));
	// The list is in ascending order, ended by a zero (or full).
	kcxx::Vec<u32> ids;
	for (unsigned long i = 0; i < nvme::IDENTIFY_SIZE / 4; ++i) {
		u32 id = static_cast<u32>(TRY(read_le(data, {i * 4, 4})));
		if (id == 0)
			break;
		TRY(ids.try_push(id, kcxx::GFP_KERNEL));
	}
	kcxx::Vec<NamespaceInfo> namespaces;
	for (unsigned long i = 0; i < ids.size(); ++i) {
		TRY(run_identify(state, q, *r, *ring, data, nvme::IDENTIFY_NAMESPACE, ids[i]));
		u64 blocks = TRY(read_le(data, nvme::NS_SIZE));
		u32 format = static_cast<u32>(TRY(read_le(data, nvme::NS_FLBAS))) & 0xf;
		u32 lba_format = static_cast<u32>(TRY(read_le(data, {nvme::NS_LBA_FORMATS + 4 * format, 4})));
		u32 metadata = lba_format & 0xffff, shift = (lba_format >> 16) & 0xff;
		if (metadata || shift < 9 || shift > 12 || blocks == 0) {
			dev_warn(dev, "namespace %u not supported (LBA format 0x%x, %llu blocks): skipped\n", ids[i],
				 lba_format, blocks);
			continue;
		}
		TRY(namespaces.try_push(NamespaceInfo{ids[i], shift, blocks}, kcxx::GFP_KERNEL));
	}
	return namespaces;
}

} // namespace cnvme
