// SPDX-License-Identifier: GPL-2.0
//
// The NVMe registers, commands and data structures cnvme uses (NVM Express
// Base Specification 1.4: 3.1 controller registers, 4.2-4.6 submission and
// completion queue entries, 5.15 Identify).  Plain layouts only: no driver
// logic here.
#pragma once

#include <kcxx/types.h>

namespace cnvme::nvme {

using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;

// Controller registers (BAR0), 3.1.
namespace reg {
constexpr unsigned long CAP = 0x00;  // capabilities, 64 bits
constexpr unsigned long VS = 0x08;   // version
constexpr unsigned long CC = 0x14;   // controller configuration
constexpr unsigned long CSTS = 0x1c; // controller status
constexpr unsigned long AQA = 0x24;  // admin queue attributes
constexpr unsigned long ASQ = 0x28;  // admin submission queue base, 64 bits
constexpr unsigned long ACQ = 0x30;  // admin completion queue base, 64 bits
constexpr unsigned long DOORBELLS = 0x1000;
} // namespace reg

// The memory page size the driver sets (CC.MPS 0): PRP entries point at
// pages of this size.
constexpr u32 PAGE_SIZE = 4096;

// CAP, 3.1.1.
struct Capabilities {
	u64 raw;

	// Entries a queue may have (MQES is 0-based).
	[[nodiscard]] constexpr u32 max_queue_entries() const { return static_cast<u32>(raw & 0xffff) + 1; }
	// Worst case for CSTS.RDY to follow CC.EN (TO, in 500 ms units).
	[[nodiscard]] constexpr u32 ready_timeout_ms() const { return static_cast<u32>((raw >> 24) & 0xff) * 500; }
	// Bytes between two doorbells (4 << DSTRD).
	[[nodiscard]] constexpr u32 doorbell_stride() const { return 4u << ((raw >> 32) & 0xf); }
	// CSS bit 0: the NVM command set.
	[[nodiscard]] constexpr bool nvm_command_set() const { return (raw >> 37) & 1; }
	// MPSMIN: the smallest memory page, as a shift (12 = 4 KiB).
	[[nodiscard]] constexpr u32 min_page_shift() const { return 12 + static_cast<u32>((raw >> 48) & 0xf); }
};

// CC, 3.1.5: enable, the NVM command set, 4 KiB pages (MPS 0), round-robin
// arbitration, 64-byte submission and 16-byte completion entries.
constexpr u32 CC_ENABLE = 1u << 0;
constexpr u32 CC_IOSQES = 6u << 16;
constexpr u32 CC_IOCQES = 4u << 20;
constexpr u32 CC_SHN_NORMAL = 1u << 14;
constexpr u32 CC_SHN_MASK = 3u << 14;

// CSTS, 3.1.6.
constexpr u32 CSTS_READY = 1u << 0;
constexpr u32 CSTS_FATAL = 1u << 1;
constexpr u32 CSTS_SHST_MASK = 3u << 2;
constexpr u32 CSTS_SHST_COMPLETE = 2u << 2;

// A submission queue entry, 4.2 (64 bytes).  cdw0: opcode (7:0), command
// identifier (31:16).
struct Command {
	u32 cdw0;
	u32 nsid;
	u32 cdw2;
	u32 cdw3;
	u64 metadata;
	u64 prp1;
	u64 prp2;
	u32 cdw10;
	u32 cdw11;
	u32 cdw12;
	u32 cdw13;
	u32 cdw14;
	u32 cdw15;
};
static_assert(sizeof(Command) == 64);

// A completion queue entry, 4.6 (16 bytes).  status: phase tag (bit 0),
// status field (15:1; 0 is success).
struct Completion {
	u32 result;
	u32 reserved;
	u16 sq_head;
	u16 sq_id;
	u16 command_id;
	u16 status;
};
static_assert(sizeof(Completion) == 16);

// Admin commands, 5.
constexpr u8 ADMIN_DELETE_SQ = 0x00;
constexpr u8 ADMIN_CREATE_SQ = 0x01;
constexpr u8 ADMIN_DELETE_CQ = 0x04;
constexpr u8 ADMIN_CREATE_CQ = 0x05;
constexpr u8 ADMIN_IDENTIFY = 0x06;
constexpr u8 ADMIN_ABORT = 0x08;
constexpr u8 ADMIN_DOORBELL_BUFFER_CONFIG = 0x7c;
constexpr u8 ADMIN_SET_FEATURES = 0x09;
// Set Features' Number of Queues (5.21.1.7): cdw11 and the result hold
// the submission (15:0) and completion (31:16) queue counts, 0-based.
constexpr u32 FEATURE_NUMBER_OF_QUEUES = 0x07;
// Create I/O Completion Queue cdw11 (5.3): the interrupt vector (31:16),
// interrupts enabled, physically contiguous.
constexpr u32 CQ_INTERRUPTS_ENABLED = 1u << 1;
constexpr u32 QUEUE_CONTIGUOUS = 1u << 0;
// Identify's CNS (cdw10): a namespace's data structure (nsid), the
// controller's, the list of active namespace ids (above nsid, 1024 at most).
constexpr u32 IDENTIFY_NAMESPACE = 0;
constexpr u32 IDENTIFY_CONTROLLER = 1;
constexpr u32 IDENTIFY_ACTIVE_NAMESPACES = 2;
constexpr unsigned long IDENTIFY_SIZE = 4096;

// NVM command set I/O commands, 6.
constexpr u8 IO_FLUSH = 0x00;
constexpr u8 IO_WRITE = 0x01;
constexpr u8 IO_READ = 0x02;
constexpr u8 IO_WRITE_ZEROES = 0x08;
constexpr u8 IO_DATASET_MANAGEMENT = 0x09;
// Read/Write cdw12: number of logical blocks (15:0, 0-based), FUA (30).
constexpr u32 RW_FUA = 1u << 30;
// CDW0 PSDT (bits 15:14) = 01: the data pointer is an SGL descriptor (4.4).
constexpr u32 PSDT_SGL = 1u << 14;
// SGL descriptor identifiers (byte 15: type << 4), 4.4.
constexpr u8 SGL_DATA_BLOCK = 0x00;
constexpr u8 SGL_LAST_SEGMENT = 0x30;
// Dataset Management cdw11: deallocate (discard).
constexpr u32 DSM_DEALLOCATE = 1u << 2;

// Status codes (the status field without the phase tag, 4.6.1): generic
// (type 0) invalid opcode and field, LBA out of range; command specific
// (type 1) invalid queue size etc. are admin-only.
constexpr u32 STATUS_TYPE_MASK = 0x700;
constexpr u32 STATUS_INVALID_OPCODE = 0x01;
constexpr u32 STATUS_INVALID_FIELD = 0x02;
constexpr u32 STATUS_LBA_RANGE = 0x80;
constexpr u32 STATUS_CAPACITY_EXCEEDED = 0x81;

// Fields of the Identify Controller data structure, 5.15.2.2: byte offset
// and length.  The strings are ASCII, padded with spaces.
struct Field {
	unsigned long offset;
	unsigned long length;
};
constexpr Field ID_SERIAL{4, 20};
constexpr Field ID_MODEL{24, 40};
constexpr Field ID_FIRMWARE{64, 8};
constexpr Field ID_MDTS{77, 1};
constexpr Field ID_NAMESPACES{516, 4};
constexpr Field ID_ONCS{520, 2}; // optional NVM commands
constexpr Field ID_VWC{525, 1};	 // volatile write cache (bit 0)
constexpr Field ID_OACS{256, 2}; // optional admin commands
constexpr u32 OACS_DOORBELL_BUFFER = 1u << 8;
constexpr Field ID_SGLS{536, 4}; // SGL support (bits 1:0 nonzero: for I/O commands)
// What the C driver shows in /sys/class/nvme/nvmeN and nvme-subsystem (and
// nvme-cli's nvme list reads): PCI vendor and subsystem vendor IDs, the
// controller ID, its type, the NVM subsystem's NQN (NUL-padded ASCII).
constexpr Field ID_VID{0, 2};
constexpr Field ID_SSVID{2, 2};
constexpr Field ID_CNTLID{78, 2};
constexpr Field ID_CNTRLTYPE{111, 1};
constexpr Field ID_SUBNQN{768, 256};
// ONCS bits: Dataset Management, Write Zeroes.
constexpr u32 ONCS_DSM = 1u << 2;
constexpr u32 ONCS_WRITE_ZEROES = 1u << 3;

// Fields of the Identify Namespace data structure, 6.1.5 (NVM command set):
// the size in logical blocks, the formatted LBA format (3:0 of FLBAS), the
// LBA formats (4 bytes each: metadata size 15:0, LBA data size as a power
// of two 23:16).
constexpr Field NS_SIZE{0, 8};
constexpr Field NS_FLBAS{26, 1};
constexpr unsigned long NS_LBA_FORMATS = 128;

} // namespace cnvme::nvme
