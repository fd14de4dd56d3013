// SPDX-License-Identifier: GPL-2.0
//
// cnvme: the module parameters (one source file includes this: main.cpp).
#pragma once

#include <kcxx/module_param.h>

// As the C driver's nvme_core.io_timeout (seconds), read at probe.
KCXX_MODULE_PARAM_RANGE(io_timeout, unsigned int, 30, 1, 255, 0444,
			"Seconds an I/O command may take before it is aborted and the controller reset (default 30)");

// As the C driver's nvme_core.max_retries: how often a request the
// controller lost in a reset is sent again before it fails.
// Read at each reset: writable, as the C driver's.
KCXX_MODULE_PARAM_RANGE(max_retries, unsigned int, 5, 0, 255, 0644,
			"Times a request is sent again after a controller reset lost it (default 5)");

// At most this many I/O queues (0: one per CPU, the default): fewer queues
// than CPUs share each queue among several CPUs.
KCXX_MODULE_PARAM_RANGE(io_queues, unsigned int, 0, 0, 4096, 0444,
			"I/O queue pairs at most (default 0: one per CPU)");

// Shadow doorbells (Doorbell Buffer Config), which the C driver uses when
// the controller offers them: off by default, because QEMU 7.2's
// round-robin TCG (every test VM's) makes the guest's mb() no host barrier
// while the controller model runs in another host thread, so now and then
// a submission is lost between the shadow tail and the event index - the
// C driver then stalls until its I/O timeout and recovers by a reset (make
// bench-nvme), and so did cnvme in the suite's hot-unplug test
// (bench/README.md, "Lost doorbells").  Correct where barriers are barriers
// (hardware, KVM, multi-threaded TCG with maxcpus > 1).  With them on, a
// stall is recovered the same way (abort, reset, the requests sent again).
KCXX_MODULE_PARAM(shadow_doorbells, bool, false, 0444,
		  "Use the controller's shadow doorbells if it has them (default off: QEMU 7.2 misses some)");

// As the C driver's nvme.sgl_threshold: a request whose segments average at
// least this many bytes is described by an SGL instead of PRPs, if the
// controller has SGLs (0: never).  Read per request.
KCXX_MODULE_PARAM_RANGE(sgl_threshold, unsigned int, 32768, 0, 0x7fffffff, 0644,
			"Use SGLs for requests whose segments average at least this many bytes (default 32768; 0: never)");

// /sys/class/nvme and /sys/class/nvme-subsystem, for nvme-cli's nvme list
// (sysfs_class.h): registered at load if no module has them (nvme-core);
// while cnvme holds them nvme-core cannot load.  0: never.
KCXX_MODULE_PARAM(nvme_class, bool, true, 0444,
		  "Register /sys/class/nvme (nvme list) if nvme_core has not (default on; it cannot load meanwhile)");
