// SPDX-License-Identifier: GPL-2.0
/*
 * cbochs_fuzz DEVICE COUNT SEED: random KMS ioctls on a DRM card
 * (/dev/dri/cardN), for tests/vm/cbochs.sh.  Prints one KTAP suite.
 *
 * As the card's master: dumb buffers of random sizes and depths (zero,
 * huge, overflowing width * height * bpp), mapped (mmap of random lengths,
 * written), destroyed; framebuffers on random handles with random sizes,
 * pitches, offsets and formats; mode sets with random modes (sizes,
 * timings, clocks, flags), framebuffers, CRTC and connector ids and
 * connector arrays that are fine, bad or unmapped; page flips with random
 * framebuffers and flags (events read back); resources queried into bad
 * buffers; handles and ids that never existed or were destroyed.  Every
 * failure must be an errno the DRM ABI allows for such calls; at the end a
 * mode set with a real mode and a fresh framebuffer must still work, and
 * the kernel must not have complained (the harness checks its log).
 *
 * The DRM uapi: drm_uapi.h (the host has no DRM headers).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/ioctl.h>
#include <linux/types.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "drm_uapi.h"
#include "ktap.h"
#include "test_util.h"

enum op { CREATE, MAP, DESTROY, ADDFB, RMFB, SETCRTC, FLIP, RESOURCES, NOPS };
static const char *const op_names[NOPS] = {
	"create_dumb", "map_dumb", "destroy_dumb", "addfb2", "rmfb", "setcrtc", "page_flip", "getresources",
};

#define SLOTS 8
static __u32 handles[SLOTS], fbs[SLOTS];
static __u64 sizes[SLOTS]; /* of handles[] */
static __u32 widths[SLOTS], heights[SLOTS], pitches[SLOTS];
/*
 * Buffers that are mapped and written: TTM allocates all of a buffer's
 * pages at its first fault, and a dumb buffer may be up to 4 GiB.
 */
#define MAX_WRITTEN (16u << 20)
static __u32 crtc_id, connector_id;
static struct drm_mode_modeinfo real_mode;
static unsigned long calls[NOPS], oks[NOPS], unexpected;
static struct bad_memory bad;

static int allowed(int e)
{
	switch (e) {
	case EINVAL: case ENOENT: case ENOMEM: case ENOSPC: case EBUSY: case EFAULT:
	case ERANGE: case E2BIG: case EACCES: case EPERM: case EOVERFLOW: case EOPNOTSUPP:
		return 1;
	}
	return 0;
}

static int call(int fd, enum op op, unsigned long req, void *arg)
{
	int r = ioctl(fd, req, arg);

	calls[op]++;
	if (r == 0) {
		oks[op]++;
	} else if (!allowed(errno)) {
		if (unexpected++ < 10)
			ktap_diag("%s: unexpected errno %d (%s)", op_names[op], errno, strerror(errno));
	}
	return r;
}

static __u32 pick(const __u32 *ids)
{
	switch (below(6)) {
	case 0: return 0;
	case 1: return (__u32)rnd();
	case 2: return (__u32)below(64);
	default: return ids[below(SLOTS)];
	}
}

static __u32 size_value(void)
{
	static const __u32 sizes[] = { 0, 1, 7, 64, 640, 1024, 1280, 4096, 8192, 8193, 65535, 65536,
				       0x7fffffff, 0xffffffff };
	return below(3) ? (__u32)below(2048) : sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
}

static __u32 format_value(void)
{
	static const __u32 formats[] = { FOURCC('X', 'R', '2', '4'), FOURCC('B', 'X', '2', '4'),
					 FOURCC('A', 'R', '2', '4'), FOURCC('R', 'G', '1', '6'), 0 };
	return below(8) ? formats[below(sizeof(formats) / sizeof(formats[0]))] : (__u32)rnd();
}

static void drain_events(int fd)
{
	char buf[4096];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

static void random_mode(struct drm_mode_modeinfo *m)
{
	if (below(3) == 0) {
		*m = real_mode;
		return;
	}
	memset(m, 0, sizeof(*m));
	m->hdisplay = below(4) ? (__u16)(64 + below(1600)) : (__u16)rnd();
	m->vdisplay = below(4) ? (__u16)(64 + below(1200)) : (__u16)rnd();
	m->hsync_start = m->hdisplay + (__u16)below(64);
	m->hsync_end = m->hsync_start + (__u16)below(128);
	m->htotal = below(8) ? m->hsync_end + (__u16)below(256) : (__u16)rnd();
	m->vsync_start = m->vdisplay + (__u16)below(8);
	m->vsync_end = m->vsync_start + (__u16)below(8);
	m->vtotal = below(8) ? m->vsync_end + (__u16)below(64) : (__u16)rnd();
	m->clock = below(8) ? (__u32)(1000 + below(300000)) : (__u32)rnd();
	m->flags = below(4) ? 0 : (__u32)rnd();
	m->type = below(4) ? 0 : (__u32)rnd();
	snprintf(m->name, sizeof(m->name), "%ux%u", m->hdisplay, m->vdisplay);
}

static void one(int fd)
{
	enum op op = (enum op)below(NOPS);
	int slot = (int)below(SLOTS);

	switch (op) {
	case CREATE: {
		struct drm_mode_create_dumb c = { .width = size_value(), .height = size_value(),
						  .bpp = below(4) ? 32 : (__u32)below(80),
						  .flags = below(8) ? 0 : (__u32)rnd() };
		if (below(16) == 0)
			c.bpp = 0xffffffff;
		if (call(fd, op, DRM_IOCTL_MODE_CREATE_DUMB, &c) == 0) {
			if (handles[slot]) {
				struct drm_mode_destroy_dumb d = { .handle = handles[slot] };
				call(fd, DESTROY, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
			}
			handles[slot] = c.handle;
			sizes[slot] = c.size;
			widths[slot] = c.width;
			heights[slot] = c.height;
			pitches[slot] = c.pitch;
		}
		break;
	}
	case MAP: {
		struct drm_mode_map_dumb m = { .handle = pick(handles), .pad = below(8) ? 0 : (__u32)rnd() };
		__u64 size = 0;

		for (int i = 0; i < SLOTS; i++)
			if (handles[i] && handles[i] == m.handle)
				size = sizes[i];
		if (call(fd, op, DRM_IOCTL_MODE_MAP_DUMB, &m) == 0 && size && size <= MAX_WRITTEN) {
			/* Within the buffer, or past its end (mmap fails). */
			size_t len = (size_t)(below(8) ? 1 + below(size) : size + 4096 * (1 + below(4)));
			void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)m.offset);
			if (p != MAP_FAILED) {
				memset(p, (int)below(256), 4096 < len ? 4096 : len);
				munmap(p, len);
			}
		}
		break;
	}
	case DESTROY: {
		struct drm_mode_destroy_dumb d = { .handle = pick(handles) };
		if (call(fd, op, DRM_IOCTL_MODE_DESTROY_DUMB, &d) == 0)
			for (int i = 0; i < SLOTS; i++)
				if (handles[i] == d.handle)
					handles[i] = 0;
		break;
	}
	case ADDFB: {
		struct drm_mode_fb_cmd2 f = { .width = size_value(), .height = size_value(),
					      .pixel_format = format_value(),
					      .flags = below(8) ? 0 : (__u32)rnd() };
		f.handles[0] = pick(handles);
		f.pitches[0] = below(2) ? f.width * 4 : size_value();
		f.offsets[0] = below(4) ? 0 : size_value();
		if (below(2)) {
			/* A buffer's own size (or a little more): mostly valid. */
			int b = (int)below(SLOTS);
			f.handles[0] = handles[b];
			f.width = widths[b] + (below(8) ? 0 : (__u32)below(3));
			f.height = heights[b] + (below(8) ? 0 : (__u32)below(3));
			f.pitches[0] = pitches[b];
			f.pixel_format = below(2) ? FOURCC('X', 'R', '2', '4') : FOURCC('B', 'X', '2', '4');
		}
		if (below(8) == 0) {
			f.handles[1] = pick(handles);
			f.pitches[1] = size_value();
		}
		if (call(fd, op, DRM_IOCTL_MODE_ADDFB2, &f) == 0) {
			if (fbs[slot]) {
				unsigned int id = fbs[slot];
				call(fd, RMFB, DRM_IOCTL_MODE_RMFB, &id);
			}
			fbs[slot] = f.fb_id;
		}
		break;
	}
	case RMFB: {
		unsigned int id = pick(fbs);
		if (call(fd, op, DRM_IOCTL_MODE_RMFB, &id) == 0)
			for (int i = 0; i < SLOTS; i++)
				if (fbs[i] == id)
					fbs[i] = 0;
		break;
	}
	case SETCRTC: {
		__u32 conns[2] = { below(8) ? connector_id : (__u32)rnd(), connector_id };
		struct drm_mode_crtc c = { .crtc_id = below(8) ? crtc_id : pick(fbs), .fb_id = pick(fbs),
					   .x = below(4) ? 0 : size_value(), .y = below(4) ? 0 : size_value(),
					   .mode_valid = below(8) ? 1 : 0 };
		switch (below(6)) {
		case 0: c.set_connectors_ptr = 0; c.count_connectors = (__u32)below(3); break;
		case 1: c.set_connectors_ptr = (uintptr_t)bad.unmapped; c.count_connectors = 1; break;
		case 2: c.set_connectors_ptr = (uintptr_t)conns; c.count_connectors = below(2) ? 2 : (__u32)rnd(); break;
		default: c.set_connectors_ptr = (uintptr_t)conns; c.count_connectors = 1; break;
		}
		random_mode(&c.mode);
		if (below(2)) {
			/* A mode as large as a framebuffer we have. */
			int b = (int)below(SLOTS);
			c.fb_id = fbs[b];
			c.mode.hdisplay = (__u16)widths[b];
			c.mode.vdisplay = (__u16)heights[b];
			c.mode.hsync_start = c.mode.hdisplay + 16;
			c.mode.hsync_end = c.mode.hsync_start + 96;
			c.mode.htotal = c.mode.hsync_end + 48;
			c.mode.vsync_start = c.mode.vdisplay + 3;
			c.mode.vsync_end = c.mode.vsync_start + 4;
			c.mode.vtotal = c.mode.vsync_end + 20;
		}
		call(fd, op, DRM_IOCTL_MODE_SETCRTC, &c);
		break;
	}
	case FLIP: {
		struct drm_mode_crtc_page_flip f = { .crtc_id = below(8) ? crtc_id : (__u32)rnd(), .fb_id = pick(fbs),
						     .flags = below(2) ? PAGE_FLIP_EVENT : (__u32)below(8),
						     .reserved = below(8) ? 0 : (__u32)rnd() };
		call(fd, op, DRM_IOCTL_MODE_PAGE_FLIP, &f);
		break;
	}
	case RESOURCES: {
		__u32 ids[2];
		struct drm_mode_card_res r = { .count_fbs = (__u32)below(4), .count_crtcs = (__u32)below(4),
					       .count_connectors = (__u32)below(4), .count_encoders = (__u32)below(4) };
		void *p = below(2) ? (void *)ids : below(2) ? (void *)bad.unmapped : (void *)bad.read_only;
		r.fb_id_ptr = r.crtc_id_ptr = r.connector_id_ptr = r.encoder_id_ptr = (uintptr_t)p;
		call(fd, op, DRM_IOCTL_MODE_GETRESOURCES, &r);
		break;
	}
	case NOPS:
		break;
	}
	drain_events(fd);
}

/* The card's CRTC, connector and the connector's first mode. */
static int discover(int fd)
{
	__u32 crtcs[4], conns[4], encs[4];
	struct drm_mode_card_res r = { 0 };
	struct drm_mode_modeinfo modes[64];
	struct drm_mode_get_connector c = { 0 };

	if (ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &r))
		return -1;
	if (r.count_crtcs < 1 || r.count_connectors < 1 || r.count_crtcs > 4 || r.count_connectors > 4 ||
	    r.count_encoders > 4)
		return -1;
	r.count_fbs = 0;
	r.crtc_id_ptr = (uintptr_t)crtcs;
	r.connector_id_ptr = (uintptr_t)conns;
	r.encoder_id_ptr = (uintptr_t)encs;
	if (ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &r))
		return -1;
	crtc_id = crtcs[0];
	connector_id = conns[0];
	c.connector_id = connector_id;
	if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c) || c.count_modes < 1 || c.count_modes > 64)
		return -1;
	c.modes_ptr = (uintptr_t)modes;
	c.count_props = c.count_encoders = 0;
	if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c))
		return -1;
	real_mode = modes[c.count_modes - 1]; /* the smallest */
	return 0;
}

/* A mode set with a real mode and a fresh framebuffer: 0 if it works. */
static int sane(int fd)
{
	struct drm_mode_create_dumb d = { .width = real_mode.hdisplay, .height = real_mode.vdisplay, .bpp = 32 };
	struct drm_mode_fb_cmd2 f = { .width = real_mode.hdisplay, .height = real_mode.vdisplay,
				      .pixel_format = FOURCC('X', 'R', '2', '4') };
	struct drm_mode_crtc c = { .set_connectors_ptr = (uintptr_t)&connector_id, .count_connectors = 1,
				   .crtc_id = crtc_id, .mode_valid = 1, .mode = real_mode };

	if (ioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &d))
		return -1;
	f.handles[0] = d.handle;
	f.pitches[0] = d.pitch;
	if (ioctl(fd, DRM_IOCTL_MODE_ADDFB2, &f))
		return -1;
	c.fb_id = f.fb_id;
	return ioctl(fd, DRM_IOCTL_MODE_SETCRTC, &c);
}

int main(int argc, char **argv)
{
	unsigned long count;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: cbochs_fuzz DEVICE COUNT SEED\n");
		return 2;
	}
	count = strtoul(argv[2], NULL, 0);
	rng_state = strtoull(argv[3], NULL, 0) | 1;
	bad_memory_init(&bad);

	ktap_suite_begin("fuzz");
	fd = open(argv[1], O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (!ktap_case(fd >= 0, "open %s", argv[1]))
		return ktap_suite_end();
	ioctl(fd, DRM_IOCTL_SET_MASTER, 0);
	if (!ktap_case(discover(fd) == 0, "the card has a CRTC and a connected connector with modes"))
		return ktap_suite_end();
	ktap_case(sane(fd) == 0, "a mode set with a real mode works first");
	for (unsigned long i = 0; i < count; i++)
		one(fd);
	for (int op = 0; op < NOPS; op++)
		ktap_diag("%s: %lu calls, %lu succeeded", op_names[op], calls[op], oks[op]);
	ktap_case(unexpected == 0, "%lu random ioctls (seed %s), every failure an errno the ABI allows "
		  "(%lu others)", count, argv[3], unexpected);
	ktap_case(sane(fd) == 0, "a mode set with a real mode still works");
	close(fd);
	return ktap_suite_end();
}
