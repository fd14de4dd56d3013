// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the controller's registers and what drives them directly: enable
// and disable (NVMe 1.4, 3.1 and 7.6), and the driver's sizes.
#pragma once

#include <kcxx/dma/coherent.h>
#include <kcxx/error.h>
#include <kcxx/io/poll.h>
#include <kcxx/pci/bar.h>
#include <kcxx/result.h>
#include <kcxx/time.h>
#include <kcxx/types.h>

#include "nvme.h"

namespace cnvme {

// The kcxx names every file of the driver uses (the others include this).
using kcxx::Arc;
using kcxx::Box;
using kcxx::Devres;
using kcxx::Result;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;
using kcxx::code::EIO;
using kcxx::code::ENODEV;

// The registers and the admin queue's doorbells (3.1; with a doorbell
// stride of 4 the I/O queues' follow at 0x1008 on).
constexpr unsigned long REGS_SIZE = 0x2000;
constexpr u32 ADMIN_DEPTH = 32;
constexpr unsigned int ADMIN_TIMEOUT_S = 10;
constexpr unsigned int SHUTDOWN_TIMEOUT_S = 5;
// Entries per I/O queue, as the C driver's io_queue_depth (QEMU's controller
// takes up to 2048): 1023 requests in flight per hardware queue.
constexpr u32 IO_DEPTH = 1024;

using Registers = kcxx::pci::Bar<REGS_SIZE>;
using SubmissionRing = kcxx::dma::CoherentAllocation<nvme::Command>;
using CompletionRing = kcxx::dma::CoherentAllocation<nvme::Completion>;
// The data buffer of admin commands (identify, passthrough): one page,
// what PRP1 alone describes.
using DataBuffer = kcxx::dma::CoherentAllocation<u8>;
constexpr unsigned long DATA_SIZE = 4096;

// A register of a controller that is no longer there (surprise removal)
// reads as all ones.
constexpr u32 REMOVED = 0xffffffff;

// CC.EN = 0 and wait for CSTS.RDY = 0: the controller stops using every
// queue (and any memory they point to).  -ENODEV if it is gone.
inline Result<void> disable(const Registers &r, nvme::Capabilities cap)
{
	r.write32<nvme::reg::CC>(r.read32<nvme::reg::CC>() & ~nvme::CC_ENABLE);
	u32 csts = TRY(kcxx::io::read_poll_timeout(
		[&] { return r.read32<nvme::reg::CSTS>(); },
		[](u32 s) { return s == REMOVED || !(s & nvme::CSTS_READY); }, 100,
		kcxx::Jiffies::from_msecs(cap.ready_timeout_ms() + 500)));
	if (csts == REMOVED)
		return ENODEV;
	return {};
}

inline Result<void> enable(const Registers &r, nvme::Capabilities cap)
{
	r.write32<nvme::reg::CC>(nvme::CC_ENABLE | nvme::CC_IOSQES | nvme::CC_IOCQES);
	u32 csts = TRY(kcxx::io::read_poll_timeout(
		[&] { return r.read32<nvme::reg::CSTS>(); },
		[](u32 s) { return (s & nvme::CSTS_READY) || (s & nvme::CSTS_FATAL); }, 100,
		kcxx::Jiffies::from_msecs(cap.ready_timeout_ms() + 500)));
	if (csts & nvme::CSTS_FATAL)
		return EIO;
	return {};
}

} // namespace cnvme
