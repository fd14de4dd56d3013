// SPDX-License-Identifier: GPL-2.0
/*
 * Allocation-failure sweeps and load/unload loops for the debug kernel,
 * run inside the test VM by tests/vm/fault_injection.sh and
 * tests/vm/load_loop.sh.  Each subcommand prints one KTAP suite (ktap.h).
 *
 *   fault_sweep init NAME FILE [ERRNO] [from_init]
 *                                        fail the Nth allocation of
 *                                        init_module(FILE), N = 1, 2, ...;
 *                                        from_init: from the first fault
 *                                        point in do_init_module() on (the
 *                                        module loader's are swept once, with
 *                                        hello: first_init_point())
 *   fault_sweep misc OP                  the same for one operation on
 *                                        /dev/kcxx-misc: open read write ioctl
 *   fault_sweep bind NAME BUS DEVICE     the same for binding DEVICE to driver
 *                                        NAME (a write to /sys/bus/BUS/drivers/
 *                                        NAME/bind: the driver's probe); after
 *                                        a bind that succeeded, unbind again
 *   fault_sweep loop NAME FILE COUNT     init_module + delete_module COUNT times
 *   fault_sweep slabinfo                 every slab cache shrunk, then each
 *                                        cache's active objects ("CACHE N"
 *                                        per line; not KTAP): slab_snapshot()
 *
 * The sweeps use fail_nth (Documentation/fault-injection): N is written to
 * /proc/thread-self/fail-nth right before the one system call under test and
 * read back right after it; 0 means the Nth fault point of that call failed,
 * anything else that the call had fewer than N fault points, which ends the
 * sweep.  Only this thread's allocations fail, only during that call, and the
 * call is made directly (no fork, exec or shell in between), so every N is
 * one allocation of the operation itself.  The guest script configures which
 * allocations are fault points (/sys/kernel/debug/failslab and
 * fail_page_alloc: ignore-gfp-wait, min-order, verbose).
 *
 * For each N that was consumed the kernel log (/dev/kmsg) is read: with
 * verbose=2 the fault printed "FAULT_INJECTION: forcing a failure" and the
 * stack of the failing allocation, which tells whether it was the module's
 * own (a frame "[NAME]") or the kernel's (the module loader, the VFS).  Any
 * other report there (BUG, WARNING, lockdep, sanitizers, ...) fails the sweep
 * and is copied to stdout, so the harness sees it even though the guest
 * script keeps the expected stack dumps off the console.
 *
 * Outcomes per N: the call fails with ENOMEM (a failure "site"), or it
 * succeeds / ends as without a fault (the fault was absorbed: kmemleak's own
 * metadata falls back to its pool, a __GFP_NOWARN retry, ...).  Anything else
 * fails the case.  After a failed init the module must not be listed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <glob.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "kcxx_misc.h"
#include "ktap.h"
#include "test_util.h"

#define MAX_N 20000

static int fail_fd = -1;
static int kmsg_fd = -1;
static char kmsg_text[1 << 20];
static size_t kmsg_len;

static void die(const char *what)
{
	printf("    # %s: %s\n", what, strerror(errno));
	printf("    not ok 1 setup\n    1..1\n");
	exit(1);
}

static void arm(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(fail_fd, buf, len, 0) != len)
		die("write fail-nth");
}

/* Reads fail-nth back and disarms it: returns what was left. */
static unsigned int disarm(void)
{
	char buf[16] = {0};
	unsigned int left;

	if (pread(fail_fd, buf, sizeof(buf) - 1, 0) < 0)
		die("read fail-nth");
	left = strtoul(buf, NULL, 10);
	if (pwrite(fail_fd, "0", 1, 0) != 1)
		die("reset fail-nth");
	return left;
}

/* Appends the new kernel log records to kmsg_text (one line each). */
static void kmsg_collect(void)
{
	char rec[8192];

	kmsg_len = 0;
	kmsg_text[0] = 0;
	for (;;) {
		ssize_t n = read(kmsg_fd, rec, sizeof(rec) - 1);

		if (n < 0 && errno == EPIPE)
			continue; /* overwritten records: go on with the next */
		if (n <= 0)
			break;
		rec[n] = 0;
		char *msg = strchr(rec, ';');
		char *end;

		if (!msg)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = 0;
		/* A record may hold several lines, escaped as \x0a. */
		for (char *p = msg; *p && kmsg_len + 2 < sizeof(kmsg_text); p++) {
			if (p[0] == '\\' && p[1] == 'x' && p[2] == '0' && p[3] == 'a') {
				kmsg_text[kmsg_len++] = '\n';
				p += 3;
			} else {
				kmsg_text[kmsg_len++] = *p;
			}
		}
		if (kmsg_len + 1 < sizeof(kmsg_text))
			kmsg_text[kmsg_len++] = '\n';
		kmsg_text[kmsg_len] = 0;
	}
}

static const char *const reports[] = {
	"BUG:", "WARNING:", "Oops", "KFENCE:", "general protection", "Kernel panic", "UBSAN:",
	"KASAN", "possible recursive locking", "possible circular locking", "suspicious RCU usage",
	"unreferenced object", "blocked for more than", "Call Trace:",
};

/*
 * Whether the stack the injected fault printed (up to its "</TASK>") has a
 * reliable frame containing TEXT: a "function+0x.." line not marked '?'
 * (a '?' line is whatever the unwinder found on the stack, for example a
 * return address an earlier call left there: "? kcxx_helper_cond_resched
 * [hello]" showed in the module loader's sysfs setup).
 */
static int fault_frame(const char *text)
{
	const char *line = strstr(kmsg_text, "FAULT_INJECTION: forcing a failure");

	while (line && (line = strchr(line, '\n'))) {
		const char *end = strchr(++line, '\n');
		const char *p = line, *hit;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncmp(p, "</TASK>", 7))
			return 0; /* the end of the stack */
		if (*p == '?')
			continue;
		hit = strstr(p, text);
		if (hit && (!end || hit < end) && strstr(p, "+0x") < (end ? end : p + strlen(p)) &&
		    strstr(p, "+0x"))
			return 1;
	}
	return 0;
}

/*
 * Looks at the log of one N: *fault is set when the fault injection
 * reported itself, *site to 1 when the failing allocation had a frame of
 * module NAME ([NAME]).  Returns the number of unexpected reports (each
 * printed); the injected fault's own stack, and the allocation failure
 * warnings it causes (warn_alloc), are expected and carry a Call Trace.
 */
static int kmsg_check(const char *name, int *fault, int *site)
{
	char tag[80];
	int bad = 0;

	snprintf(tag, sizeof(tag), "[%s]", name);
	*fault = strstr(kmsg_text, "FAULT_INJECTION: forcing a failure") != NULL;
	*site = *fault && name[0] && fault_frame(tag);
	for (char *line = kmsg_text; *line;) {
		char *end = strchr(line, '\n');

		if (end)
			*end = 0;
		for (size_t i = 0; i < sizeof(reports) / sizeof(reports[0]); i++) {
			if (!strstr(line, reports[i]))
				continue;
			if (i == sizeof(reports) / sizeof(reports[0]) - 1 && *fault)
				break; /* the stack of the injected fault or of warn_alloc */
			printf("    # kernel report: %s\n", line);
			bad++;
			break;
		}
		if (!end)
			break;
		*end = '\n';
		line = end + 1;
	}
	return bad;
}

static int module_listed(const char *name)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/module/%s", name);
	return stat(path, &st) == 0;
}

static char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf;

	if (fd < 0 || fstat(fd, &st) < 0)
		die(path);
	buf = malloc(st.st_size);
	if (!buf || read(fd, buf, st.st_size) != st.st_size)
		die(path);
	close(fd);
	*len = st.st_size;
	return buf;
}

static long load(const void *image, size_t len)
{
	return syscall(SYS_init_module, image, len, "");
}

static long unload(const char *name)
{
	return syscall(SYS_delete_module, name, O_NONBLOCK);
}

/* The misc device under test, and the descriptor the I/O operations use. */
static int misc_fd = -1;
/* A descriptor the operation opened: closed once fail-nth is disarmed. */
static int pending_fd = -1;

static long misc_op(const char *op)
{
	char buf[64];

	memset(buf, 'a', sizeof(buf));
	if (!strcmp(op, "open")) {
		pending_fd = open(KCXX_MISC_DEVICE, O_RDWR);
		return pending_fd < 0 ? -1 : 0;
	}
	if (!strcmp(op, "write"))
		return pwrite(misc_fd, buf, sizeof(buf), 0) == sizeof(buf) ? 0 : -1;
	if (!strcmp(op, "read"))
		return pread(misc_fd, buf, sizeof(buf), 0) == sizeof(buf) ? 0 : -1;
	if (!strcmp(op, "ioctl")) {
		struct kcxx_misc_stats stats;
		struct kcxx_misc_xchg xchg = {.offset = 1, .value = 'b'};
		__u64 size = 64;

		if (ioctl(misc_fd, KCXX_MISC_GET_SIZE, &size) || ioctl(misc_fd, KCXX_MISC_SET_SIZE, &size) ||
		    ioctl(misc_fd, KCXX_MISC_GET_CAPACITY, &size) ||
		    ioctl(misc_fd, KCXX_MISC_GET_STATS, &stats) || ioctl(misc_fd, KCXX_MISC_XCHG, &xchg))
			return -1;
		return 0;
	}
	errno = EINVAL;
	return -1;
}

/* bind: the file descriptors of the driver's bind and unbind files. */
static int bind_fd = -1;
/*
 * A failed probe may answer with the errno the kernel turned the failure
 * into (pci_request_region(): EBUSY for any failure), not only ENOMEM: for
 * bind, every errno counts as a failure site, as long as the device is left
 * unbound.
 */
static int any_errno;
static int unbind_fd = -1;
static const char *bind_device;

static long bind_op(void)
{
	size_t len = strlen(bind_device);

	return write(bind_fd, bind_device, len) == (ssize_t)len ? 0 : -1;
}

static const char *bind_driver;
static const char *bind_bus;

static int bound(void)
{
	char path[512];

	snprintf(path, sizeof(path), "/sys/bus/%s/drivers/%s/%s", bind_bus, bind_driver, bind_device);
	return access(path, F_OK) == 0;
}

/*
 * One run of the call under test with its Nth fault point failed, and the checks after it: a report in the log, a module that
 * loaded is unloaded again, a device that was bound unbound; a failed init
 * or bind must leave nothing behind.  *reports and *listed count what went
 * wrong.  Returns what fail-nth had left (0: the Nth point failed).
 */
struct run {
	long rc;
	int err, fault, site;
	unsigned int left;
};
static unsigned int run_nth(unsigned int n, const char *name, long (*op)(const void *), const void *arg,
			    int is_init, struct run *r, int *reports, int *listed)
{
	kmsg_collect();
	*reports += kmsg_check("", &r->fault, &r->site);
	arm(n);
	r->rc = op(arg);
	r->err = r->rc < 0 ? errno : 0;
	r->left = disarm();
	if (pending_fd >= 0) {
		close(pending_fd);
		pending_fd = -1;
	}
	kmsg_collect();
	*reports += kmsg_check(name, &r->fault, &r->site);
	if (is_init && r->rc == 0 && unload(name) != 0) {
		printf("    # N=%u: delete_module: %s\n", n, strerror(errno));
		(*reports)++;
	}
	if (unbind_fd >= 0 && r->rc == 0 &&
	    write(unbind_fd, bind_device, strlen(bind_device)) != (ssize_t)strlen(bind_device)) {
		printf("    # N=%u: unbind: %s\n", n, strerror(errno));
		(*reports)++;
	}
	if (unbind_fd >= 0 && r->rc != 0 && bound()) {
		printf("    # N=%u: bind failed (%s) but %s is bound\n", n, strerror(r->err), bind_device);
		(*listed)++;
	}
	if (is_init && r->rc != 0 && module_listed(name)) {
		printf("    # N=%u: init failed (%s) but %s is listed\n", n, strerror(r->err), name);
		(*listed)++;
	}
	return r->left;
}

/*
 * For an init sweep from the module's own code on (fault_sweep init ...
 * from_init): the first N whose fault point lies in do_init_module(), the
 * module loader's last step, which calls the module's init.  Every fault
 * point before it is the loader's (copying and checking the ELF image,
 * relocations, the /sys/module/NAME files, one per ELF section - most of
 * them), the same code for every module, which the sweep of hello covers;
 * no code of the module runs there (init_module is given no parameters).
 * The points come in the order the loader runs, so "the injected fault's
 * stack has a do_init_module frame" is false up to some N and true from
 * there on: bisection, about log2(points) runs.  A point that prints no
 * stack (a __GFP_NOWARN allocation) is passed over to the next one that
 * does; if none does up to the bound, the bound moves down, so the result
 * errs towards starting earlier.  Runs as the sweep does, with its checks.
 */
static unsigned int first_init_point(const char *name, long (*op)(const void *), const void *arg,
				     unsigned int points, int *reports, int *listed, int *probes)
{
	unsigned int lo = 0, hi = points + 1; /* lo: before do_init_module; hi: in it */
	struct run r;

	while (hi - lo > 1) {
		unsigned int mid = lo + (hi - lo) / 2, m;

		for (m = mid; m < hi; m++) {
			(*probes)++;
			if (run_nth(m, name, op, arg, 1, &r, reports, listed) != 0 || r.fault)
				break;
		}
		if (m >= hi || r.left != 0 || fault_frame("do_init_module+"))
			hi = mid;
		else
			lo = m;
	}
	return hi;
}

/*
 * The sweep: op() is the call under test (0 or -1 with errno); name the
 * module whose frames mark its own allocation sites; normal_errno what the
 * call ends with when nothing fails (0: success).  from_init (init sweeps):
 * start at the first fault point in do_init_module() (first_init_point()),
 * less a margin of FROM_INIT_MARGIN loader points (runs differ a little).
 */
#define FROM_INIT_MARGIN 32
static int sweep(const char *what, const char *name, long (*op)(const void *), const void *arg,
		 int normal_errno, int is_init, int from_init)
{
	int sites = 0, module_sites = 0, absorbed = 0, reports = 0, bad_errno = 0, listed = 0;
	int done = 0, unattributed = 0, probes = 0;
	unsigned int n, first = 1, lo, hi, points = 0;
	char list[4096] = "";
	size_t list_len = 0;
	double start = now();
	struct run r;

	if (from_init) {
		/* One unfaulted run counts the fault points: fail-nth counts down. */
		unsigned int init;

		points = MAX_N - run_nth(MAX_N, name, op, arg, is_init, &r, &reports, &listed);
		if (r.err != normal_errno) {
			printf("    # unfaulted run: %s, expected %s\n", strerror(r.err), strerror(normal_errno));
			bad_errno++;
		}
		init = first_init_point(name, op, arg, points, &reports, &listed, &probes);
		first = init > FROM_INIT_MARGIN ? init - FROM_INIT_MARGIN : 1;
		ktap_diag("%s: %u fault points, the first in do_init_module N=%u (%d runs to find it): "
			  "N=1..%u (the module loader's, swept with hello) skipped, the sweep starts at N=%u",
			  what, points, init, probes, first - 1, first);
	}
	/*
	 * The number of fault points varies a little from run to run (page
	 * tables of a vmalloc area made or not, kmemleak's metadata: 30 in a
	 * run of 700); a segment of the sweep that starts from_init must meet
	 * a loader point (a stack without do_init_module) before the first in
	 * do_init_module, or the FROM_INIT_MARGIN points below it are swept
	 * too, until one does.
	 */
	lo = first;
	hi = MAX_N + 1;
	for (;;) {
		int first_stack = 0; /* 1: the segment's first stack is the loader's, 2: in do_init_module */

		for (n = lo; n < hi; n++) {
			if (run_nth(n, name, op, arg, is_init, &r, &reports, &listed) != 0) {
				/* Fewer than N fault points: the operation ran unfaulted. */
				if (r.err != normal_errno) {
					printf("    # N=%u (no fault): %s, expected %s\n", n, strerror(r.err),
					       strerror(normal_errno));
					bad_errno++;
				}
				done = 1;
				points = n - 1;
				break;
			}
			if (!first_stack && r.fault)
				first_stack = fault_frame("do_init_module+") ? 2 : 1;
			if (r.err == normal_errno) {
				absorbed++;
				continue;
			}
			sites++;
			if (r.site)
				module_sites++;
			else if (!r.fault)
				unattributed++;
			if (list_len + 16 < sizeof(list))
				list_len += snprintf(list + list_len, sizeof(list) - list_len, "%s%u%s",
						     list_len ? " " : "", n, r.site ? "*" : "");
			if (r.err != ENOMEM && !any_errno) {
				printf("    # N=%u: %s, expected ENOMEM\n", n, strerror(r.err));
				bad_errno++;
			} else if (r.err != ENOMEM) {
				printf("    # N=%u: %s\n", n, strerror(r.err));
			}
		}
		if (!from_init || lo == 1 || first_stack == 1)
			break;
		hi = lo;
		lo = lo > FROM_INIT_MARGIN ? lo - FROM_INIT_MARGIN : 1;
		ktap_diag("%s: no loader point before the first in do_init_module from N=%u: N=%u..%u swept too",
			  what, hi, lo, hi - 1);
	}
	ktap_diag("%s: %u fault points%s; %d failed the operation (%d in [%s], %d not identified), "
		  "%d absorbed; %.1f s", what, points, lo > 1 ? ", swept from the first in do_init_module on" : "",
		  sites, module_sites, name, unattributed, absorbed, now() - start);
	ktap_diag("%s: N that failed it (* = allocation in [%s]): %s", what, name, list);
	ktap_case(done, "%s: sweep ends with an unfaulted run", what);
	ktap_case(!bad_errno, any_errno ? "%s: each injected fault fails the operation or is absorbed"
					 : "%s: each injected fault gives ENOMEM or is absorbed", what);
	if (is_init)
		ktap_case(!listed, "%s: a failed init leaves no module", what);
	if (unbind_fd >= 0)
		ktap_case(!listed, "%s: a failed probe leaves the device unbound", what);
	ktap_case(!reports, "%s: no kernel report", what);
	return sites;
}

static const void *image_arg;
static size_t image_len;
static long op_init(const void *arg)
{
	return load(image_arg, image_len);
}

static long op_misc(const void *arg)
{
	return misc_op(arg);
}

static long op_bind(const void *arg)
{
	return bind_op();
}

/*
 * fault_sweep slabinfo (tests/vm/load_loop.sh): the active objects of every
 * slab cache, measured so that the measurement leaves nothing behind in the
 * counts.  Shrinking a cache (/sys/kernel/slab/CACHE/shrink) frees its empty
 * slabs and drains KASAN's quarantine of it; but a shell that shrinks cache
 * by cache opens and writes a sysfs file per cache, and what those calls
 * free after their cache was shrunk sits in the quarantine and counts as
 * active: 100-260 objects in each of filp, kmalloc-8/32/128 on the debug
 * kernel with nothing else happening.  Here every file is opened first, the
 * caches are shrunk twice (the second pass drains what the first one's
 * writes freed) with kmalloc-8 (the write buffer's cache) last, and
 * /proc/slabinfo is read through a descriptor opened beforehand into a
 * static buffer: between the last shrink and the reading nothing is freed.
 * The open descriptors are the same in every snapshot.
 */
static int slab_snapshot(void)
{
	static char info[1 << 20];
	static int fds[4096];
	glob_t g;
	size_t i, n = 0, len = 0;
	int pass, info_fd, last = -1;
	ssize_t r;
	char *line, *save;

	if (glob("/sys/kernel/slab/*/shrink", 0, NULL, &g))
		die("glob /sys/kernel/slab/*/shrink");
	for (i = 0; i < g.gl_pathc && n < sizeof(fds) / sizeof(fds[0]); i++) {
		int fd = open(g.gl_pathv[i], O_WRONLY);

		if (fd < 0)
			continue;
		if (!strcmp(g.gl_pathv[i], "/sys/kernel/slab/kmalloc-8/shrink"))
			last = fd;
		else
			fds[n++] = fd;
	}
	if (last >= 0)
		fds[n++] = last;
	info_fd = open("/proc/slabinfo", O_RDONLY);
	if (info_fd < 0)
		die("/proc/slabinfo");
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++)
			if (pwrite(fds[i], "1", 1, 0) != 1)
				die("shrink");
	while ((r = read(info_fd, info + len, sizeof(info) - 1 - len)) > 0)
		len += r;
	if (r < 0)
		die("read /proc/slabinfo");
	info[len] = 0;
	/* "name active_objs num_objs ...", after two header lines */
	for (line = strtok_r(info, "\n", &save), i = 0; line; line = strtok_r(NULL, "\n", &save), i++) {
		char name[128];
		unsigned long active;

		if (i >= 2 && sscanf(line, "%127s %lu", name, &active) == 2)
			printf("%s %lu\n", name, active);
	}
	for (i = 0; i < n; i++)
		close(fds[i]);
	close(info_fd);
	globfree(&g);
	return 0;
}

int main(int argc, char **argv)
{
	char suite[128];

	if (argc == 2 && !strcmp(argv[1], "slabinfo"))
		return slab_snapshot();

	if (argc < 3) {
		fprintf(stderr, "usage: fault_sweep init NAME FILE [ERRNO] [from_init] | misc OP | bind NAME BUS DEVICE | loop NAME FILE COUNT | slabinfo\n");
		return 2;
	}
	snprintf(suite, sizeof(suite), "%s_%s", argv[1], argv[2]);
	ktap_suite_begin(suite);
	/* No page fault of ours may meet an armed fail-nth. */
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		die("mlockall");

	if (!strcmp(argv[1], "loop") && argc == 5) {
		size_t len;
		char *image = read_file(argv[3], &len);
		long count = strtol(argv[4], NULL, 10), i, failed = 0;
		double start = now();

		for (i = 0; i < count; i++) {
			if (load(image, len) || unload(argv[2])) {
				printf("    # cycle %ld: %s\n", i, strerror(errno));
				failed++;
				unload(argv[2]);
				if (failed > 5)
					break;
			}
		}
		ktap_diag("%ld load/unload cycles of %s in %.1f s", i, argv[2], now() - start);
		ktap_case(!failed && i == count, "%s loads and unloads %ld times", argv[2], count);
		return ktap_suite_end();
	}

	fail_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (fail_fd < 0)
		die("/proc/thread-self/fail-nth");
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd < 0 || lseek(kmsg_fd, 0, SEEK_END) < 0)
		die("/dev/kmsg");

	if (!strcmp(argv[1], "init") && argc >= 4) {
		int from_init = !strcmp(argv[argc - 1], "from_init");
		int normal = argc - from_init > 4 ? atoi(argv[4]) : 0;

		image_arg = read_file(argv[3], &image_len);
		sweep(argv[2], argv[2], op_init, NULL, normal, 1, from_init);
	} else if (!strcmp(argv[1], "bind") && argc == 5) {
		char path[512];

		bind_driver = argv[2];
		bind_bus = argv[3];
		bind_device = argv[4];
		snprintf(path, sizeof(path), "/sys/bus/%s/drivers/%s/bind", argv[3], argv[2]);
		bind_fd = open(path, O_WRONLY);
		snprintf(path, sizeof(path), "/sys/bus/%s/drivers/%s/unbind", argv[3], argv[2]);
		unbind_fd = open(path, O_WRONLY);
		if (bind_fd < 0 || unbind_fd < 0)
			die(path);
		any_errno = 1;
		sweep("bind", argv[2], op_bind, NULL, 0, 0, 0);
	} else if (!strcmp(argv[1], "misc")) {
		misc_fd = open(KCXX_MISC_DEVICE, O_RDWR);
		if (misc_fd < 0)
			die(KCXX_MISC_DEVICE);
		if (pwrite(misc_fd, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 64, 0) != 64)
			die("prefill");
		sweep(argv[2], "kcxx_misc", op_misc, argv[2], 0, 0, 0);
		close(misc_fd);
	} else {
		fprintf(stderr, "fault_sweep: bad arguments\n");
		return 2;
	}
	return ktap_suite_end();
}
