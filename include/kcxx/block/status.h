// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::block::Status: how a block request ended (the kernel's
/// blk_status_t, BLK_STS_*), and kcxx::block::Op: what a request asks for.
///
/// INVARIANT: value_ is one of the kernel's BLK_STS_* codes (the named
/// constructors, or errno_to_blk_status() of an Error).
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/types.h>

namespace kcxx::block {

/// How a block request ended: one of the kernel's BLK_STS_* codes.
class Status {
public:
	/// Success.
	[[nodiscard]] static constexpr Status ok() { return Status(KCXX_BLK_STS_OK); }
	/// An I/O error (EIO).
	[[nodiscard]] static constexpr Status ioerr() { return Status(KCXX_BLK_STS_IOERR); }
	/// The operation is not supported (EOPNOTSUPP).
	[[nodiscard]] static constexpr Status notsupp() { return Status(KCXX_BLK_STS_NOTSUPP); }
	/// No space left (ENOSPC).
	[[nodiscard]] static constexpr Status nospc() { return Status(KCXX_BLK_STS_NOSPC); }
	/// The request timed out (ETIMEDOUT).
	[[nodiscard]] static constexpr Status timeout() { return Status(KCXX_BLK_STS_TIMEOUT); }
	/// The block layer's status for an error code (-ENOMEM: BLK_STS_RESOURCE, ...).
	[[nodiscard]] static Status from_error(Error error)
	{
		// SAFETY: errno_to_blk_status() takes any int.
		return Status(bindings::errno_to_blk_status(error.to_errno()));
	}

	/// Whether this is success.
	[[nodiscard]] constexpr bool is_ok() const { return value_ == KCXX_BLK_STS_OK; }
	/// The blk_status_t the kernel receives.
	[[nodiscard]] constexpr u8 raw() const { return value_; }
	/// Equal when the codes are.
	friend constexpr bool operator==(Status, Status) = default;

private:
	explicit constexpr Status(u8 value) : value_(value) {}
	u8 value_;
};

/// The operation of a request (REQ_OP_*); 'other' for operations a driver
/// built with kcxx does not handle (zone management, driver-private ...).
enum class Op : u8 { read, write, flush, discard, write_zeroes, other };

} // namespace kcxx::block
