// SPDX-License-Identifier: GPL-2.0
/*
 * bochs_bench: times the C bochs.ko against cbochs (drivers/cbochs) on two
 * bochs-display adapters in one VM (tools/bench/bochs, bench/vm/bochs.sh).
 *   bochs_bench C_CARD CXX_CARD REPS FRAMES MODESETS
 * On each card: two dumb buffers of the connector's first (preferred)
 * mode, mapped, framebuffers of them, that mode set.  Per repetition, C
 * then C++ (odd repetitions: C++ then C):
 *   fill_flip: FRAMES times fill the back buffer (one 32-bit value per
 *              pixel through the mapping) and page-flip to it, waiting for
 *              the flip's event
 *   flip:      10 * FRAMES page flips without filling
 *   modeset:   MODESETS times SETCRTC to the connector's last mode, then
 *              back to the first (two mode sets each)
 * Prints per repetition "bochs-bench-rep: NAME REP c_ps=N cxx_ps=N" (ps per
 * operation, CLOCK_MONOTONIC: instructions under -icount shift=0), then
 * "bochs-bench: NAME ops=N reps=N c_ps=MEDIAN cxx_ps=MEDIAN" and
 * "bochs-bench-done"; "bochs-bench: FAIL ..." on any error.
 * The DRM uapi: drm_uapi.h (raw ioctls, no libdrm).
 */
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
#include <time.h>
#include <unistd.h>

#include "drm_uapi.h"

struct card {
	const char *path;
	int fd;
	__u32 crtc, conn, fb[2], handle[2], pitch;
	__u64 size;
	uint32_t *map[2];
	struct drm_mode_modeinfo first, last;
	int front;
};

static void fail(const struct card *c, const char *what)
{
	printf("bochs-bench: FAIL %s: %s: %s\n", c->path, what, strerror(errno));
	fflush(stdout);
	exit(1);
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && (errno == EINTR || errno == EAGAIN));
	return r;
}

static void setup(struct card *c)
{
	__u32 crtcs[8], conns[8];
	struct drm_mode_card_res res = { .crtc_id_ptr = (uintptr_t)crtcs, .connector_id_ptr = (uintptr_t)conns,
					 .count_crtcs = 8, .count_connectors = 8 };
	struct drm_mode_modeinfo modes[64];
	struct drm_mode_get_connector gc = { 0 };

	c->fd = open(c->path, O_RDWR | O_CLOEXEC);
	if (c->fd < 0)
		fail(c, "open");
	if (xioctl(c->fd, DRM_IOCTL_SET_MASTER, NULL))
		fail(c, "SET_MASTER");
	if (xioctl(c->fd, DRM_IOCTL_MODE_GETRESOURCES, &res) || !res.count_crtcs || !res.count_connectors)
		fail(c, "GETRESOURCES");
	c->crtc = crtcs[0];
	c->conn = conns[0];
	gc.connector_id = c->conn;
	gc.modes_ptr = (uintptr_t)modes;
	gc.count_modes = 64;
	if (xioctl(c->fd, DRM_IOCTL_MODE_GETCONNECTOR, &gc) || !gc.count_modes)
		fail(c, "GETCONNECTOR");
	c->first = modes[0];
	c->last = modes[(gc.count_modes > 64 ? 64 : gc.count_modes) - 1];
	for (int i = 0; i < 2; i++) {
		struct drm_mode_create_dumb cd = { .width = c->first.hdisplay, .height = c->first.vdisplay, .bpp = 32 };
		struct drm_mode_map_dumb md = { 0 };
		struct drm_mode_fb_cmd2 fb = { .width = cd.width, .height = cd.height,
					       .pixel_format = FOURCC('X', 'R', '2', '4') };

		if (xioctl(c->fd, DRM_IOCTL_MODE_CREATE_DUMB, &cd))
			fail(c, "CREATE_DUMB");
		c->handle[i] = cd.handle;
		c->pitch = cd.pitch;
		c->size = cd.size;
		md.handle = cd.handle;
		if (xioctl(c->fd, DRM_IOCTL_MODE_MAP_DUMB, &md))
			fail(c, "MAP_DUMB");
		c->map[i] = mmap(NULL, cd.size, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd, md.offset);
		if (c->map[i] == MAP_FAILED)
			fail(c, "mmap");
		memset(c->map[i], 0, cd.size);
		fb.handles[0] = cd.handle;
		fb.pitches[0] = cd.pitch;
		if (xioctl(c->fd, DRM_IOCTL_MODE_ADDFB2, &fb))
			fail(c, "ADDFB2");
		c->fb[i] = fb.fb_id;
	}
}

static void set_mode(struct card *c, const struct drm_mode_modeinfo *m)
{
	struct drm_mode_crtc sc = { .set_connectors_ptr = (uintptr_t)&c->conn, .count_connectors = 1,
				    .crtc_id = c->crtc, .fb_id = c->fb[c->front], .mode_valid = 1, .mode = *m };

	if (xioctl(c->fd, DRM_IOCTL_MODE_SETCRTC, &sc))
		fail(c, "SETCRTC");
}

static void fill_flip(struct card *c, unsigned int frame, int fill)
{
	int back = !c->front;
	uint32_t *p = c->map[back];
	size_t n = (size_t)c->pitch / 4 * c->first.vdisplay;
	uint32_t v = 0x00010203u * (frame & 0x3f);
	struct drm_mode_crtc_page_flip pf = { .crtc_id = c->crtc, .fb_id = c->fb[back], .flags = PAGE_FLIP_EVENT };
	char buf[256];

	for (size_t i = 0; fill && i < n; i++)
		p[i] = v;
	if (xioctl(c->fd, DRM_IOCTL_MODE_PAGE_FLIP, &pf))
		fail(c, "PAGE_FLIP");
	if (read(c->fd, buf, sizeof(buf)) < (ssize_t)sizeof(struct drm_event))
		fail(c, "read (flip event)");
	c->front = back;
}

static uint64_t now_ps(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return ((uint64_t)t.tv_sec * 1000000000u + t.tv_nsec) * 1000u;
}

/* ps per op of one block on one card */
static uint64_t block(struct card *c, int which, unsigned int ops)
{
	uint64_t t0 = now_ps();

	for (unsigned int i = 0; i < ops; i++) {
		if (which < 2) {
			fill_flip(c, i, which == 0);
		} else {
			set_mode(c, &c->last);
			set_mode(c, &c->first);
		}
	}
	return (now_ps() - t0) / (which < 2 ? ops : 2 * ops);
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t med(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	static const char *const names[3] = { "fill_flip", "flip", "modeset" };
	struct card cards[2] = { { .path = argc > 1 ? argv[1] : "" }, { .path = argc > 2 ? argv[2] : "" } };
	int reps;
	unsigned int ops[3];

	if (argc != 6) {
		fprintf(stderr, "usage: bochs_bench C_CARD CXX_CARD REPS FRAMES MODESETS\n");
		return 2;
	}
	reps = atoi(argv[3]);
	ops[0] = atoi(argv[4]);
	ops[1] = 10 * ops[0];
	ops[2] = atoi(argv[5]);
	if (reps < 1 || reps > 1000)
		reps = 11;
	for (int k = 0; k < 2; k++) {
		setup(&cards[k]);
		set_mode(&cards[k], &cards[k].first);
	}
	printf("bochs-bench-env: mode=%ux%u last=%ux%u pitch=%u frames=%u flips=%u modesets=%u reps=%d\n",
	       cards[0].first.hdisplay, cards[0].first.vdisplay, cards[0].last.hdisplay, cards[0].last.vdisplay,
	       cards[0].pitch, ops[0], ops[1], ops[2], reps);
	for (int w = 0; w < 3; w++) {
		uint64_t c_ps[1000], cxx_ps[1000];

		/* one untimed block each: the first faults the mappings in */
		block(&cards[0], w, 1);
		block(&cards[1], w, 1);
		for (int r = 0; r < reps; r++) {
			if (r % 2 == 0) {
				c_ps[r] = block(&cards[0], w, ops[w]);
				cxx_ps[r] = block(&cards[1], w, ops[w]);
			} else {
				cxx_ps[r] = block(&cards[1], w, ops[w]);
				c_ps[r] = block(&cards[0], w, ops[w]);
			}
			printf("bochs-bench-rep: %s %d c_ps=%llu cxx_ps=%llu\n", names[w], r,
			       (unsigned long long)c_ps[r], (unsigned long long)cxx_ps[r]);
			fflush(stdout);
		}
		printf("bochs-bench: %s ops=%u reps=%d c_ps=%llu cxx_ps=%llu\n", names[w], ops[w], reps,
		       (unsigned long long)med(c_ps, reps), (unsigned long long)med(cxx_ps, reps));
		fflush(stdout);
	}
	printf("bochs-bench-done\n");
	return 0;
}
