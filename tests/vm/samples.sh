# SPDX-License-Identifier: GPL-2.0
# Guest script for 'make run' (tools/run-samples): each sample at work.
#   hello         loads, prints, unloads
#   misc          /dev/kcxx-misc from the shell, then misc_test functional
#   pci_testdev   binds QEMU's pci-testdev (-device pci-testdev), runs its test
#   cnull         the null_blk clone under fio, memory-backed: 16 MiB of
#                 random writes verified (crc32c), then 3 s of random reads
# (qr_panic panics the kernel: tools/run-samples boots it on its own.)
# Modules: hello.ko kcxx_misc.ko kcxx_pci_testdev.ko cnull.ko; files:
# misc_test; --bin fio; --device pci-testdev.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
say() { echo; echo "--- $*"; }
klog() { dmesg | grep -E "$1" | grep -v taint | tail -n "${2:-5}"; }

ktap_begin 4

ktap_suite_begin hello 2
say "insmod hello.ko"
ktap_run "hello loads" insmod $M/hello.ko
klog "hello"
ktap_run "hello unloads" rmmod hello
klog "hello" 1
ktap_suite_end

ktap_suite_begin misc 5
say "insmod kcxx_misc.ko: /dev/kcxx-misc, a buffer of 4 KiB"
ktap_run "kcxx_misc loads" insmod $M/kcxx_misc.ko
klog "kcxx_misc" 1
say "echo 'hello from user space' > /dev/kcxx-misc; cat /dev/kcxx-misc"
echo 'hello from user space' > /dev/kcxx-misc
out=$(cat /dev/kcxx-misc)
echo "$out"
[ "$out" = "hello from user space" ]
ktap_result $? "what was written reads back"
say "dd if=/dev/kcxx-misc bs=1 skip=6 count=4 (seekable)"
out=$(dd if=/dev/kcxx-misc bs=1 skip=6 count=4 2>/dev/null)
echo "$out"
[ "$out" = "from" ]
ktap_result $? "a read at an offset"
say "misc_test functional: read/write/seek/poll/ioctl from a C program"
# Its KTAP suite one level deeper, inside this one.
/kcxx/files/misc_test functional > /tmp/misc_test.out 2>&1
rc=$?
sed 's/^/    /' /tmp/misc_test.out
ktap_result $rc misc_functional
ktap_run "kcxx_misc unloads" rmmod kcxx_misc
ktap_suite_end

ktap_suite_begin pci_testdev 3
say "insmod kcxx_pci_testdev.ko: binds QEMU's pci-testdev, runs the device's test"
ktap_run "kcxx_pci_testdev loads" insmod $M/kcxx_pci_testdev.ko
klog "kcxx_pci_testdev" 3
ktap_expect_log "the device counted the driver's write" "pci-testdev data-match count: 1"
ktap_run "kcxx_pci_testdev unloads (remove runs)" rmmod kcxx_pci_testdev
klog "Remove kcxx PCI" 1
ktap_suite_end

ktap_suite_begin cnull 4
say "insmod cnull.ko memory_backed=1 gb=1: /dev/cnull0, null_blk in C++"
ktap_run "cnull loads" insmod $M/cnull.ko memory_backed=1 gb=1
fio_run() {
	name=$1
	shift
	say "fio $*"
	out=$(/usr/bin/fio --name="$name" --filename=/dev/cnull0 --direct=1 --ioengine=libaio --bs=4k \
		--output-format=normal "$@" 2>&1)
	rc=$?
	echo "$out" | grep -E "^ +(read|write):|err=|verify" | head -n 4
	[ $rc -eq 0 ] && ! echo "$out" | grep -q "err= *[1-9-]"
}
fio_run verify --rw=randwrite --size=16m --iodepth=16 --verify=crc32c --do_verify=1
ktap_result $? "fio: random writes read back and verified (crc32c)"
fio_run randread --rw=randread --size=64m --iodepth=32 --time_based --runtime=3
ktap_result $? "fio: random reads"
ktap_run "cnull unloads" rmmod cnull
ktap_suite_end

ktap_end
