// SPDX-License-Identifier: GPL-2.0
/// \file
/// Reading the kernel log from a crash dumper (include/linux/kmsg_dump.h).
///
///     class Saver {
///     public:
///         void kmsg_dump(kcxx::KmsgDumpReason reason)   // panic context: no
///         {                                             // sleeping, no allocation
///             kcxx::KmsgIter it;
///             size_t len;
///             if (it.get_buffer(buf, sizeof(buf), &len)) ...   // the newest records
///         }
///     };
///     auto dumper = TRY(kcxx::KmsgDumper::try_register(kcxx::GFP_KERNEL, *saver,
///                                                       kcxx::KmsgDumpReason::panic));
///
/// KmsgDumper is the registration: dropping it unregisters, and waits until
/// a dump that is running has returned.  KmsgIter reads the log at any time,
/// not only inside a dump.
#pragma once

#include <cstddef>

#include <kcxx/bindings.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx {

namespace bindings {
static_assert(sizeof(kmsg_dump_iter) == KCXX_SIZEOF_kmsg_dump_iter);
static_assert(alignof(kmsg_dump_iter) == KCXX_ALIGNOF_kmsg_dump_iter);
} // namespace bindings

/// Why the kernel dumps its log (enum kmsg_dump_reason).
enum class KmsgDumpReason : int {
	panic = KCXX_KMSG_DUMP_PANIC,
	oops = KCXX_KMSG_DUMP_OOPS,
	emergency = KCXX_KMSG_DUMP_EMERG,
	shutdown = KCXX_KMSG_DUMP_SHUTDOWN,
};

/// A cursor over the kernel log (struct kmsg_dump_iter).
///
/// INVARIANT: iter_ was rewound (covers every record in the log when the
/// KmsgIter was made) or has been advanced by kmsg_dump_get_buffer().
class KmsgIter {
public:
	KmsgIter() { rewind(); }

	/// Back to the whole log, as it is now.
	void rewind()
	{
		// SAFETY: iter_ is a valid kmsg_dump_iter owned by this object.
		bindings::kmsg_dump_rewind(&iter_);
	}

	/// Fills buf with the newest whole records not read yet (oldest first
	/// within the chunk, at most size - 1 bytes, not NUL-terminated) and
	/// moves the cursor before them, so the next call returns the chunk
	/// just older.  With syslog, each line starts with its "<level>".
	/// Returns false when no record is left; *len is then 0.  A record
	/// longer than size - 1 is never returned (len 0 with true).
	[[nodiscard]] bool get_buffer(char *buf, std::size_t size, std::size_t *len, bool syslog = false)
	{
		// SAFETY: buf has size bytes (the caller's contract) and
		// kmsg_dump_get_buffer writes at most size bytes; len is a
		// valid pointer; iter_ is rewound (INVARIANT).
		return bindings::kmsg_dump_get_buffer(&iter_, syslog, buf, size, len);
	}

private:
	bindings::kmsg_dump_iter iter_;
};

/// A registered kmsg dumper.
///
/// INVARIANT: dumper_ is null (moved from) or a dumper registered with
/// kcxx_helper_kmsg_dumper_register() whose handler outlives this object.
class KmsgDumper {
public:
	/// Registers handler.kmsg_dump(reason) for dumps whose reason is at
	/// most max_reason (panic: only panics).  The handler must outlive
	/// the returned KmsgDumper; it is called in the context of the crash
	/// (interrupts off, other CPUs stopped on panic): it must not sleep,
	/// allocate or take locks that the crashed code might hold.
	template <typename Handler>
	[[nodiscard]] static Result<KmsgDumper> try_register(Gfp flags, Handler &handler,
							     KmsgDumpReason max_reason)
		requires requires(Handler &h, KmsgDumpReason r) { h.kmsg_dump(r); }
	{
		bindings::kcxx_kmsg_dumper *dumper = nullptr;
		// SAFETY: &dispatch<Handler> takes the context we pass, a
		// Handler the caller keeps alive until this registration is
		// dropped (INVARIANT); the helper stores both and calls them
		// only while registered.
		int ret = bindings::kcxx_helper_kmsg_dumper_register(
			&dumper, &dispatch<Handler>, &handler, static_cast<int>(max_reason),
			flags.bits());
		if (ret)
			return Error::from_errno(ret);
		return KmsgDumper(dumper);
	}

	/// Takes over other's registration; other is left unregistered.
	KmsgDumper(KmsgDumper &&other) : dumper_(other.dumper_) { other.dumper_ = nullptr; }
	KmsgDumper(const KmsgDumper &) = delete;
	KmsgDumper &operator=(const KmsgDumper &) = delete;
	KmsgDumper &operator=(KmsgDumper &&) = delete;

	~KmsgDumper()
	{
		if (dumper_) {
			// SAFETY: dumper_ is registered (INVARIANT) and is
			// unregistered exactly once, here; the helper waits
			// for a running dump before it frees the dumper.
			bindings::kcxx_helper_kmsg_dumper_unregister(dumper_);
		}
	}

private:
	explicit KmsgDumper(bindings::kcxx_kmsg_dumper *dumper) : dumper_(dumper) {}

	template <typename Handler> static void dispatch(void *context, int reason)
	{
		static_cast<Handler *>(context)->kmsg_dump(static_cast<KmsgDumpReason>(reason));
	}

	bindings::kcxx_kmsg_dumper *dumper_;
};

} // namespace kcxx
