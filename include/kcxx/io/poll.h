// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::io::read_poll_timeout(): read a register until a condition holds or
/// a timeout passes (the kernel's read_poll_timeout(), Rust's io::poll).
///
///     u32 status = TRY(kcxx::io::read_poll_timeout(
///             [&] { return regs.read32<STATUS>(); },
///             [](u32 s) { return !(s & BUSY); },
///             20 /* us between reads */, kcxx::Jiffies::from_msecs(10000)));
///
/// Sleeps between reads up to sleep_us: usleep_range(sleep_us / 4 + 1,
/// sleep_us), exactly as the kernel's read_poll_timeout(), so that a kcxx
/// driver polls as often as its C counterpart; process context only.  The timeout
/// is counted in jiffies, the kernel's own clock for timeouts; the register
/// is read once more after the deadline, so a condition that became true
/// while the poller slept is never reported as a timeout.  -ETIMEDOUT.
#pragma once

#include <kcxx/bindings.h>
#include <kcxx/error.h>
#include <kcxx/result.h>
#include <kcxx/time.h>

namespace kcxx::io {

/// Reads with read() until done(value) holds, sleeping up to sleep_us between
/// reads; the last value read, or ETIMEDOUT once timeout has passed and a
/// final read still fails done().  Process context only (see the file comment).
template <typename Read, typename Condition>
[[nodiscard]] auto read_poll_timeout(Read read, Condition done, unsigned long sleep_us, Jiffies timeout)
	-> Result<decltype(read())>
{
	Jiffies deadline = Jiffies::now() + timeout;
	for (;;) {
		auto value = read();
		if (done(value))
			return value;
		if (Jiffies::now().after(deadline)) {
			value = read();
			if (done(value))
				return value;
			return code::ETIMEDOUT;
		}
		// SAFETY: process context (documented contract of this
		// helper); an uninterruptible sleep of sleep_us/4+1..sleep_us.
		// sleep_us 0: read again at once, as the kernel's.
		if (sleep_us)
			bindings::usleep_range_state((sleep_us >> 2) + 1, sleep_us, KCXX_TASK_UNINTERRUPTIBLE);
	}
}

} // namespace kcxx::io
