# SPDX-License-Identifier: GPL-2.0
# Guest script (debug kernel only, tests/vm/suites.debug): allocation-failure
# sweeps.  For each module's init and for /dev/kcxx-misc's open, read, write
# and ioctl, tests/userspace/fault_sweep fails the 1st, 2nd, 3rd, ...
# allocation of that one system call (fail_nth) until the call runs without
# reaching the fault: each N must give ENOMEM (a failed init leaves no module)
# or be absorbed, and nothing may report.  Pass 1 fails slab allocations
# (failslab); pass 2 slab and page allocations of any order (fail_page_alloc
# too) for the modules that allocate pages (qr_panic, kcxx_misc).  A kmemleak
# scan at the end must find nothing.
# The parts 'edu' and 'cnvme' sweep kcxx_edu's and cnvme's probe
# (fault_sweep bind): every allocation of a sysfs bind of the device.
# Modules: hello.ko kcxx_misc.ko qr_panic.ko kcxx_misc_devices.ko
# kcxx_init_fails.ko cnull.ko kcxx_edu.ko cnvme.ko; files: fault_sweep.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
S=/kcxx/files/fault_sweep
D=/sys/kernel/debug
ENODEV=19

if [ ! -d $D/failslab ] || [ ! -e /proc/self/fail-nth ]; then
	ktap_skip_all "no fault injection in this kernel"
	exit 0
fi

# The injected faults print their stack (verbose=2: fault_sweep reads it
# from /dev/kmsg to tell the module's allocations from the kernel's); keep
# them off the console, where any Call Trace fails the run.  fault_sweep
# copies every other report to its output.
printk_level=$(cut -f1 /proc/sys/kernel/printk)
echo 1 > /proc/sys/kernel/printk
for f in failslab fail_page_alloc; do
	echo 2 > $D/$f/verbose
	echo 0 > $D/$f/verbose_ratelimit_interval_ms
	echo 0 > $D/$f/probability	# only fail-nth injects
done
# GFP_KERNEL allocations are fault points too (the default skips them).
echo N > $D/failslab/ignore-gfp-wait
# A failed init_module waits for RCU grace periods (the module loader's
# error path calls synchronize_rcu()): with normal ones the guest mostly
# idled between tries (a sweep used half a host core).  Expedited ones
# change the wait, not the work.
[ -w /sys/kernel/rcu_expedited ] && echo 1 > /sys/kernel/rcu_expedited

# The suite name chooses the part (fault_injection_PART): slab1, slab2,
# pages, cnull, edu, cnvme, or modules (slab1, slab2 and pages); any other
# name runs all.  The module parts were three boots of about 3 minutes
# each; with the module loader's fault points swept once (below) they take
# about a minute each and share a boot.
part=all
case ${KCXX_SUITE:-} in fault_injection_*) part=${KCXX_SUITE#fault_injection_} ;; esac
# fault_injection_modules: the three module parts in one boot (a debug boot
# costs 25-30 s around its script: KASAN, the kmemleak wait and scan).
parts=$part
[ "$part" = modules ] && parts="slab1 slab2 pages"
# want PART: this boot runs PART
want() { [ "$part" = all ] || case " $parts " in *" $1 "*) true ;; *) false ;; esac; }

ktap_begin
# Most fault points of an init_module are the module loader's, before it
# calls the module's init (do_init_module): copying and checking the image,
# relocations, the module notifiers and /sys/module/NAME with a file per ELF
# section (failslab: qr_panic 661 points, the first in do_init_module N=630;
# kcxx_misc 443, N=380).  That is the same kernel code for every module and
# runs none of the module's (init_module gets no parameters), so it is swept
# once per pass with all its points (hello's init here, kcxx_misc's in the
# page pass); the other modules are swept from their first fault point in
# do_init_module on, less a margin ('from_init': fault_sweep finds it by
# bisection and says in a diagnostic line how many loader points it
# skipped).  slab1 150-250 s -> 57 s, slab2 157 -> 68, pages 139 -> 61.
if want slab1; then
	ktap_diag "failslab: hello (with the module loader's fault points), qr_panic"
	$S init hello $M/hello.ko; ktap_result $? "failslab/init_hello"
	$S init qr_panic $M/qr_panic.ko 0 from_init; ktap_result $? "failslab/init_qr_panic"
fi
if want slab2; then
	ktap_diag "failslab: kcxx_misc_devices, kcxx_init_fails, kcxx_misc and its operations"
	$S init kcxx_misc_devices $M/kcxx_misc_devices.ko 0 from_init; ktap_result $? "failslab/init_kcxx_misc_devices"
	$S init kcxx_init_fails $M/kcxx_init_fails.ko $ENODEV from_init; ktap_result $? "failslab/init_kcxx_init_fails"
	$S init kcxx_misc $M/kcxx_misc.ko 0 from_init; ktap_result $? "failslab/init_kcxx_misc"
	if insmod $M/kcxx_misc.ko; then
		for op in open read write ioctl; do
			$S misc $op; ktap_result $? "failslab/misc_$op"
		done
		rmmod kcxx_misc
		ktap_result $? "failslab/kcxx_misc unloads"
	else
		ktap_not_ok "failslab/kcxx_misc loads"
	fi
fi
if want cnull; then
	# cnull's init: tag set (request pages), disk, configfs subsystem.
	ktap_diag "failslab and fail_page_alloc: cnull"
	echo N > $D/fail_page_alloc/ignore-gfp-wait
	echo 0 > $D/fail_page_alloc/min-order
	$S init cnull $M/cnull.ko; ktap_result $? "failslab_and_fail_page_alloc/init_cnull"
	echo Y > $D/fail_page_alloc/ignore-gfp-wait
	echo 1 > $D/fail_page_alloc/min-order
fi
# sweep_probe DRIVER PCI WHAT [INSMOD-ARGS...]: every allocation (slab and
# pages of any order) of DRIVER's probe of PCI failed in turn (fault_sweep
# bind); WHAT names the device for the messages.  DRIVER is loaded first
# (it binds PCI), the device is unbound, swept, and DRIVER unloaded.
sweep_probe() {
	drv=$1 dev=$2 what=$3
	shift 3
	name=failslab_and_fail_page_alloc/probe_$drv
	if [ -z "$dev" ] && [ $part = all ]; then
		ktap_skip "$name" "no $what"
	elif [ -z "$dev" ] || ! insmod "$M/$drv.ko" "$@"; then
		ktap_not_ok "$name" "no $what, or $drv does not load"
	else
		echo "$dev" > "/sys/bus/pci/drivers/$drv/unbind"
		echo N > $D/fail_page_alloc/ignore-gfp-wait
		echo 0 > $D/fail_page_alloc/min-order
		ktap_diag "failslab and fail_page_alloc: $drv's probe of $dev"
		$S bind "$drv" pci "$dev"; ktap_result $? "$name"
		echo Y > $D/fail_page_alloc/ignore-gfp-wait
		echo 1 > $D/fail_page_alloc/min-order
		rmmod "$drv"
		ktap_result $? "$drv unloads after the sweep"
	fi
}
# pci_device_where ATTR VALUE: the (last) PCI device whose sysfs ATTR is
# VALUE; ATTR 'id' is "vendor:device".
pci_device_where() {
	found=
	for d in /sys/bus/pci/devices/*; do
		if [ "$1" = id ]; then v="$(cat "$d/vendor"):$(cat "$d/device")"; else v=$(cat "$d/$1"); fi
		[ "$v" = "$2" ] && found=${d##*/}
	done
	echo "$found"
}
if want edu; then
	# kcxx_edu's probe (a PCI device: suite run with --device edu): enable,
	# the BAR, the DMA buffer (pages), the interrupt, the misc device, the
	# sysfs attributes; each failure must unwind completely - DMA-API
	# debug reports a buffer left allocated, kmemleak the rest.  Two
	# kernel defects (6.12.118) keep the sweep off two paths: with MSI, a
	# fault in the kernel's register_irq_proc() (which ignores it) makes
	# the later free WARN (name 'smp_affinity', fs/proc/generic.c), so the
	# sweep runs with INTx (use_msi=0); and ACPICA reads freed memory after
	# an AE_NO_MEMORY in _PRT, so the suite boots with acpi=noirq.
	sweep_probe kcxx_edu "$(pci_device_where id 0x1234:0x11e8)" "edu device (--device edu)" use_msi=0
fi
if want cnvme; then
	# cnvme's probe (suite run with --device nvme and a namespace):
	# enable, the BAR, the admin queue and data buffer (coherent DMA), the
	# interrupt, the controller's reset and identify, the I/O queue (INTx:
	# one, sharing the admin queue's interrupt), the namespaces, the tag
	# set and the disk, the character device, sysfs (and, nvme-core not
	# loaded here, cnvme's /sys/class/nvme devices: 1036 fault points
	# with them, 852 before).  Booted with
	# pci=nomsi and acpi=noirq for the two kernel defects the edu part
	# names.  A third (6.12.118): when a disk's bio slab ("bio-96", made
	# by the first disk of the system) fails its sysfs kobject,
	# sysfs_slab_add() leaks the kobject's name (no kobject_put(); kmemleak
	# reports it) - so a null_blk disk keeps that slab alive meanwhile.
	modprobe null_blk nr_devices=1
	sweep_probe cnvme "$(pci_device_where class 0x010802)" "NVMe controller (--device nvme)"
	rmmod null_blk
fi
if want pages; then
	# Page allocations of any order, with or without direct reclaim.
	echo N > $D/fail_page_alloc/ignore-gfp-wait
	echo N > $D/fail_page_alloc/ignore-gfp-highmem
	echo 0 > $D/fail_page_alloc/min-order
	# Only where the module allocates pages: qr_panic's buffers and zlib
	# workspace, kcxx_misc's buffer (vmalloc, large kmalloc); the other
	# modules' allocations are slab objects.  The module loader's own
	# vmalloc calls are swept with kcxx_misc's init (all its points).
	ktap_diag "failslab and fail_page_alloc: qr_panic, kcxx_misc (with the module loader's fault points)"
	$S init qr_panic $M/qr_panic.ko 0 from_init; ktap_result $? "failslab_and_fail_page_alloc/init_qr_panic"
	$S init kcxx_misc $M/kcxx_misc.ko; ktap_result $? "failslab_and_fail_page_alloc/init_kcxx_misc"
	if insmod $M/kcxx_misc.ko; then
		$S misc open; ktap_result $? "failslab_and_fail_page_alloc/misc_open"
		rmmod kcxx_misc
	fi
fi
echo Y > $D/fail_page_alloc/ignore-gfp-wait
echo Y > $D/fail_page_alloc/ignore-gfp-highmem
echo 1 > $D/fail_page_alloc/min-order
echo Y > $D/failslab/ignore-gfp-wait
echo "$printk_level" > /proc/sys/kernel/printk

# Leaks: kmemleak ignores objects younger than 5 s.
ktap_kmemleak_final "kmemleak finds nothing after the sweeps"
ktap_end
