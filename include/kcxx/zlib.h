// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx::zlib::Deflate: the kernel's zlib compressor (lib/zlib_deflate) with
/// its workspace allocated up front, so that compressing never allocates and
/// can run in a crash dumper.
///
///     auto deflate = TRY(kcxx::zlib::Deflate::try_new(kcxx::GFP_KERNEL, 6, 12, 4));
///     ...
///     kcxx::Result<size_t> n = deflate.compress(log, log_len, out, sizeof(out));
///
/// compress() writes one complete zlib stream (2-byte header, deflate data,
/// Adler-32), the format drm_panic puts in its QR code.  It fails with
/// ENOSPC when the stream does not fit the output, without writing past it.
/// A Deflate is not reentrant: one compress() at a time.
///
/// INVARIANT: workspace_ is null (moved from) or a kmalloc'd block of at
/// least zlib_deflate_workspacesize(window_bits_, mem_level_) bytes, and the
/// parameters are in zlib's ranges (level 0-9, window bits 9-15, memory
/// level 1-9).
#pragma once

#include <cstddef>

#include <kcxx/bindings.h>
#include <kcxx/gfp.h>
#include <kcxx/result.h>

namespace kcxx {

namespace bindings {
// z_stream_s is mirrored in kcxx_bindings/zlib.h: check it field by field.
static_assert(sizeof(z_stream_s) == KCXX_SIZEOF_z_stream);
static_assert(alignof(z_stream_s) == KCXX_ALIGNOF_z_stream);
static_assert(__builtin_offsetof(z_stream_s, next_in) == KCXX_OFFSETOF_z_stream_next_in);
static_assert(__builtin_offsetof(z_stream_s, avail_in) == KCXX_OFFSETOF_z_stream_avail_in);
static_assert(__builtin_offsetof(z_stream_s, next_out) == KCXX_OFFSETOF_z_stream_next_out);
static_assert(__builtin_offsetof(z_stream_s, avail_out) == KCXX_OFFSETOF_z_stream_avail_out);
static_assert(__builtin_offsetof(z_stream_s, total_out) == KCXX_OFFSETOF_z_stream_total_out);
static_assert(__builtin_offsetof(z_stream_s, workspace) == KCXX_OFFSETOF_z_stream_workspace);
} // namespace bindings

namespace zlib {

/// The kernel's zlib compressor with its workspace allocated up front, so
/// compressing never allocates and may run in a crash dumper.
class Deflate {
public:
	/// A compressor at 'level' (0-9; 6 is zlib's default) with a window of
	/// 2^window_bits bytes (9-15) and 2^(mem_level + 8)-byte hash tables
	/// (mem_level 1-9).  drm_panic uses 6, 12, 4.  EINVAL for out-of-range
	/// parameters, ENOMEM when the workspace cannot be allocated.
	[[nodiscard]] static Result<Deflate> try_new(Gfp flags, int level, int window_bits, int mem_level)
	{
		if (level < 0 || level > 9 || window_bits < 9 || window_bits > 15 || mem_level < 1 ||
		    mem_level > 9)
			return code::EINVAL;
		// SAFETY: a pure computation on in-range parameters.
		int size = bindings::zlib_deflate_workspacesize(window_bits, mem_level);
		if (size <= 0 || static_cast<unsigned long>(size) > KCXX_KMALLOC_MAX_SIZE)
			return code::EINVAL;
		// SAFETY: kmalloc returns null or 'size' bytes, aligned for
		// any kernel object (zlib's internal state included).
		void *workspace = bindings::kcxx_kmalloc_symbol(static_cast<unsigned long>(size),
								flags.bits());
		if (!workspace)
			return code::ENOMEM;
		return Deflate(workspace, static_cast<std::size_t>(size), level, window_bits, mem_level);
	}

	/// Takes over other's workspace and stream; other is left empty.
	Deflate(Deflate &&other)
		: workspace_(other.workspace_), workspace_size_(other.workspace_size_),
		  level_(other.level_), window_bits_(other.window_bits_), mem_level_(other.mem_level_)
	{
		other.workspace_ = nullptr;
	}
	Deflate(const Deflate &) = delete;
	Deflate &operator=(const Deflate &) = delete;
	Deflate &operator=(Deflate &&) = delete;

	~Deflate()
	{
		// SAFETY: workspace_ is null or from kmalloc (INVARIANT), and no
		// stream uses it once compress() has returned.
		if (workspace_)
			bindings::kfree(workspace_);
	}

	/// Compresses in[0, in_len) into out[0, out_size) as one zlib stream
	/// and returns its length.  ENOSPC if it does not fit, EINVAL if zlib
	/// reports an error; out's contents are then unspecified.  Never
	/// allocates or sleeps.
	[[nodiscard]] Result<std::size_t> compress(const void *in, std::size_t in_len, void *out,
						   std::size_t out_size)
	{
		if (!workspace_)
			return code::EINVAL;
		if ((in_len && !in) || !out || !out_size)
			return code::EINVAL;
		// The stream points back into itself from its state: it lives
		// on this stack frame, for one call.
		bindings::z_stream_s stream{};
		stream.workspace = workspace_;
		// SAFETY: stream.workspace holds zlib_deflate_workspacesize()
		// bytes for these parameters (INVARIANT).
		if (bindings::zlib_deflateInit2(&stream, level_, KCXX_Z_DEFLATED, window_bits_,
						mem_level_, KCXX_Z_DEFAULT_STRATEGY) != KCXX_Z_OK)
			return code::EINVAL;
		stream.next_in = static_cast<const unsigned char *>(in);
		stream.avail_in = in_len;
		stream.next_out = static_cast<unsigned char *>(out);
		stream.avail_out = out_size;
		// SAFETY: next_in/avail_in and next_out/avail_out describe the
		// caller's buffers; zlib writes at most avail_out bytes.
		int ret = bindings::zlib_deflate(&stream, KCXX_Z_FINISH);
		std::size_t produced = stream.total_out;
		// SAFETY: ends the stream initialised above (frees nothing:
		// the workspace is ours).
		(void)bindings::zlib_deflateEnd(&stream);
		if (ret == KCXX_Z_STREAM_END)
			return produced;
		if (ret == KCXX_Z_OK || stream.avail_out == 0)
			return code::ENOSPC;
		return code::EINVAL;
	}

	/// The bytes allocated for the compressor's workspace (zlib_deflate_workspacesize()).
	[[nodiscard]] std::size_t workspace_size() const { return workspace_size_; }

private:
	Deflate(void *workspace, std::size_t workspace_size, int level, int window_bits,
		int mem_level)
		: workspace_(workspace), workspace_size_(workspace_size), level_(level),
		  window_bits_(window_bits), mem_level_(mem_level)
	{
	}

	void *workspace_;
	std::size_t workspace_size_;
	int level_;
	int window_bits_;
	int mem_level_;
};

} // namespace zlib
} // namespace kcxx
