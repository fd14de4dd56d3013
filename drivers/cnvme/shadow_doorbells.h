// SPDX-License-Identifier: GPL-2.0
//
// cnvme: shadow doorbells (Doorbell Buffer Config, NVMe 1.3+), as the C
// driver's nvme_dbbuf_*().  The driver writes each I/O queue's submission
// tail and completion head to memory the controller reads (the shadow
// doorbells); the controller writes there, per queue, the value at which
// it wants to hear a register write again (the event index).  A doorbell
// register write - under QEMU a trap into the device model - is then
// needed only when the new value passes the event index: while the
// controller is busy with a queue, it reads the shadow and the driver
// writes memory only.  The admin queue keeps its register doorbells.
#pragma once

#include <kcxx/dma/barrier.h>
#include <kcxx/dma/coherent.h>

#include "controller.h"

namespace cnvme {

using DoorbellBuffer = kcxx::dma::CoherentAllocation<u32>;

// The shadow doorbells of a controller's queues: one page of doorbell
// values and, after it, one page of event indexes, each laid out as the
// doorbell registers are (queue qid's submission tail at 2 * qid strides,
// its completion head one stride on).
//
// INVARIANT: 'buffer' holds 2 * ENTRIES u32; the controller was told its
// two page addresses (Doorbell Buffer Config) before any queue's 'on' was
// set, and is told again after every reset.
struct ShadowDoorbells {
	static constexpr u32 ENTRIES = nvme::PAGE_SIZE / sizeof(u32);
	Devres<DoorbellBuffer> buffer;

	explicit ShadowDoorbells(Devres<DoorbellBuffer> b) : buffer(std::move(b)) {}

	// Whether queue pairs 0..max_qid fit in a page with this stride.
	static constexpr bool fits(u32 max_qid, u32 stride) { return (2 * max_qid + 2) * (stride / 4) <= ENTRIES; }

	// The event-index test of the C driver's nvme_dbbuf_need_event(): the
	// register is written if the controller's event index lies in
	// (old, value], modulo 2^16.
	static bool need_event(u16 event, u16 value, u16 old)
	{
		return static_cast<u16>(value - event - 1) < static_cast<u16>(value - old);
	}

	// Writes 'value' to the shadow doorbell at 'index' (queue entries
	// written before); true if the doorbell register must be written
	// too.  As nvme_dbbuf_update_and_check_event().
	static bool update(const DoorbellBuffer &b, u32 index, u32 value)
	{
		kcxx::dma::wmb(); // the queue's entries before the new value
		u16 old = static_cast<u16>(b.read(index).value_or(0));
		if (b.write(index, value).is_error()) [[unlikely]]
			return true;
		// The new value before the event index is read: the
		// controller writes its event index, then reads the value.
		kcxx::dma::mb();
		Result<u32> event = b.read(ENTRIES + index);
		return event.is_error() || need_event(static_cast<u16>(event.value()), static_cast<u16>(value), old);
	}
};

} // namespace cnvme
