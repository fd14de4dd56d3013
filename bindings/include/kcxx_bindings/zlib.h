/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: the kernel's zlib deflate (include/linux/zlib.h,
 * lib/zlib_deflate; built in on Debian's kernels, CONFIG_ZLIB_DEFLATE=y).
 * The functions are exported and called directly; struct z_stream_s is
 * mirrored for C++ and checked against the kernel's layout in <kcxx/zlib.h>.
 */
#ifndef KCXX_BINDINGS_ZLIB_H
#define KCXX_BINDINGS_ZLIB_H

KCXX_BINDINGS_BEGIN

struct z_stream_s;
#ifdef __cplusplus
struct internal_state;
struct z_stream_s {
	const unsigned char *next_in;
	unsigned long avail_in;
	unsigned long total_in;
	unsigned char *next_out;
	unsigned long avail_out;
	unsigned long total_out;
	char *msg;
	struct internal_state *state;
	void *workspace;
	int data_type;
	unsigned long adler;
	unsigned long reserved;
};
#endif

/* lib/zlib_deflate/deflate.c, exported. */
int zlib_deflate_workspacesize(int windowBits, int memLevel);
int zlib_deflateInit2(struct z_stream_s *strm, int level, int method, int windowBits,
		      int memLevel, int strategy);
int zlib_deflate(struct z_stream_s *strm, int flush);
int zlib_deflateEnd(struct z_stream_s *strm);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_ZLIB_H */
