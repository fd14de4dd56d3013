# SPDX-License-Identifier: GPL-2.0
# Guest script: the drivers for QEMU's edu device (-device edu, 1234:11e8)
# through their user ABI (drivers/edu/uapi/kcxx_edu.h), driven by
# tests/userspace/edu_test.  Runs against every driver whose module is in
# /kcxx/modules: edu_ref.ko (the C reference, drivers/edu/reference) and
# kcxx_edu.ko (the C++ driver, drivers/edu), each with MSI (use_msi=1) and
# with the legacy INTx line (use_msi=0):
#   load: the misc device, the sysfs attributes, the interrupt type
#   sleep: system sleep with pm_test=devices (every device suspends and
#      resumes, the machine does not sleep; needs CONFIG_PM_DEBUG, which
#      Debian's kernels have and the debug kernel has not): suspend to
#      idle, to RAM, hibernation's freeze and thaw; the driver counts each
#      call (sysfs suspends, resumes) and the device works afterwards
#   functional, errors, concurrent (2 processes x 2 threads), lifetime
#   (unbind/bind with files open and DMA in flight), with --device edu
#   also hot unplug and plug (QMP device_del/device_add), fuzz (random
#   ioctls over 2 processes: KCXX_EDU_FUZZ, default 200000 (20000 on the
#   debug kernel), for kcxx_edu
#   with MSI; a tenth of that for the C reference and for INTx, whose
#   paths the other cases cover - make check's time goes to the driver
#   under test)
#   unload: refused while a file is open, then the node and attributes go
# The harness fails the run on any kernel report and on a QEMU abort (an
# out-of-range DMA).
# Host: tools/vm/run --script tests/vm/edu.sh --smp 2 --device edu
#       --file build/userspace/edu_test
#       --module build/<k>/drivers/edu/reference/edu_ref.ko
#       [--module build/<k>/drivers/edu/kcxx_edu.ko]
. /kcxx/lib/ktap.sh
. /kcxx/lib/host.sh
M=/kcxx/modules
T=/kcxx/files/edu_test
fuzz=${KCXX_EDU_FUZZ:-200000}
# The debug kernel (KASAN, lockdep) runs a tenth: the 200k run is on 6.1
# and 6.12, and make check's time on the debug kernel is its long pole.
case ${KCXX_KERNEL:-} in *-debug | *-clang) fuzz=${KCXX_EDU_FUZZ:-20000} ;; esac
seed=$(date +%s)

# The edu device's PCI name.
pci=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		pci=${d##*/}
	fi
done
# Hot unplug needs the device from tools/vm/run --device edu (QEMU id edu0)
# and a kernel with PCI hot-plug (acpiphp/pciehp: /sys/bus/pci/slots/*).
hotplug= nohotplug="no --device edu"
if [ -n "$pci" ] && [ "$(kcxx_pci_addr edu0 2>/dev/null)" = "$pci" ]; then
	nohotplug="the kernel has no PCI hot-plug slots (CONFIG_HOTPLUG_PCI)"
	[ -n "$(ls /sys/bus/pci/slots 2>/dev/null)" ] && hotplug=edu0 nohotplug=
fi
drivers=
for m in edu_ref kcxx_edu; do
	[ -f "$M/$m.ko" ] && drivers="$drivers $m"
done

ktap_begin
if [ -z "$pci" ]; then
	ktap_not_ok "an edu device (1234:11e8) on the PCI bus" "run with --qemu-arg=-device --qemu-arg=edu"
	ktap_end
	exit 1
fi
if [ -z "$drivers" ]; then
	ktap_not_ok "an edu driver in /kcxx/modules" "no edu_ref.ko or kcxx_edu.ko (--module)"
	ktap_end
	exit 1
fi
ktap_diag "edu device $pci; drivers:$drivers; fuzz $fuzz ioctls, seed $seed; hot unplug: ${hotplug:-no ($nohotplug)}"

# wait_for PRESENT|ABSENT PATH: up to 10 s for a device node to (dis)appear.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		if [ "$1" = present ]; then
			[ -e "$2" ] && return 0
		else
			[ -e "$2" ] || return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "$2 is not $1 after 10 s"
	return 1
}

# The interrupt chip /proc/interrupts names for the device's INTx: the
# IO-APIC on x86, the GIC on arm64's virt machine.
case $(uname -m) in
aarch64) intx_chip=GICv3 ;;
*) intx_chip=IO-APIC ;;
esac

for m in $drivers; do
	ko=$M/$m.ko
	dev=/dev/$m-$pci
	ktap_suite_begin "${m}_module"
	ktap_run "$m: MODULE_DEVICE_TABLE has pci:v00001234d000011E8" \
		sh -c "modinfo $ko | grep -q 'alias: *pci:v00001234d000011E8sv'"
	ktap_run "$m: parameter use_msi" sh -c "modinfo $ko | grep -q 'parm: *use_msi'"
	ktap_suite_end
	for mode in msi intx; do
		if [ $mode = msi ]; then msi=1 yn=Y irqtype=MSI; else msi=0 yn=N irqtype=$intx_chip; fi
		name=${m}_$mode
		ktap_suite_begin "${name}_load"
		ktap_run "insmod $m use_msi=$msi" insmod "$ko" use_msi=$msi
		ktap_run "$dev appears" wait_for present "$dev"
		ktap_run "it is a character device" test -c "$dev"
		ktap_run "/sys/module/$m/parameters/use_msi is $yn" \
			sh -c "test \"\$(cat /sys/module/$m/parameters/use_msi)\" = $yn"
		ktap_run "$pci is bound to $m" \
			sh -c "test \"\$(basename \$(readlink /sys/bus/pci/devices/$pci/driver))\" = $m"
		ktap_run "sysfs card_id reads 0x010000ed" \
			sh -c "test \"\$(cat /sys/bus/pci/devices/$pci/card_id)\" = 0x010000ed"
		ktap_run "sysfs interrupts reads 0" \
			sh -c "test \"\$(cat /sys/bus/pci/devices/$pci/interrupts)\" = 0"
		ktap_run "the interrupt is $irqtype in /proc/interrupts" \
			sh -c "grep -E ' $m-$pci\$' /proc/interrupts | grep -q $irqtype"
		ktap_suite_end

		if [ -w /sys/power/pm_test ]; then
			ktap_suite_begin "${name}_sleep"
			echo 0 > /sys/module/suspend/parameters/pm_test_delay
			echo devices > /sys/power/pm_test
			for state in freeze mem disk; do
				ktap_run "$state: devices suspended and resumed (pm_test=devices)" \
					sh -c "echo $state > /sys/power/state"
			done
			echo none > /sys/power/pm_test
			ktap_run "sysfs suspends and resumes read 3" sh -c \
				"test \"\$(cat /sys/bus/pci/devices/$pci/suspends) \$(cat /sys/bus/pci/devices/$pci/resumes)\" = '3 3'"
			ktap_suite_end
			$T fresh "$dev"; ktap_result $? "${name}_after_sleep"
		else
			ktap_skip "${name}_sleep" "no /sys/power/pm_test (CONFIG_PM_DEBUG)"
		fi
		$T functional "$dev" $mode; ktap_result $? "${name}_functional"
		$T errors "$dev"; ktap_result $? "${name}_errors"
		$T concurrent "$dev" 2 2 8; ktap_result $? "${name}_concurrent"
		$T lifetime "$dev" 2; ktap_result $? "${name}_lifetime"
		if [ -n "$hotplug" ]; then
			# Unplugged with two files open and DMA in flight.
			rm -f /tmp/edu_ready /tmp/edu_unplug.rc
			($T unplug "$dev" /tmp/edu_ready >/tmp/edu_unplug.out 2>&1
			 echo $? >/tmp/edu_unplug.rc) &
			wait_for present /tmp/edu_ready >/dev/null
			kcxx_device_del $hotplug; del=$?
			wait
			cat /tmp/edu_unplug.out
			ktap_result "$(cat /tmp/edu_unplug.rc)" "${name}_unplug"
			ktap_result $del "${name}: hot unplug with files open and DMA in flight (${kcxx_elapsed}s)"
			kcxx_device_add $hotplug
			ktap_result $? "${name}: plugged in again (${kcxx_elapsed}s)"
			$T fresh "$dev"; ktap_result $? "${name}_replug"
		else
			ktap_skip "${name}: hot unplug with files open and DMA in flight" "$nohotplug"
		fi
		n=$fuzz
		[ "$name" = kcxx_edu_msi ] || n=$((fuzz / 10))
		$T fuzz "$dev" "$n" "$seed" 2; ktap_result $? "${name}_fuzz"
		ktap_run "${name}: /proc/interrupts counts what sysfs says" sh -c \
			"test \"\$(grep -E ' $m-$pci\$' /proc/interrupts | awk '{print \$2 + \$3}')\" -ge \"\$(cat /sys/bus/pci/devices/$pci/interrupts)\""

		ktap_suite_begin "${name}_unload"
		exec 3<"$dev"
		ktap_run "rmmod is refused while a file is open" sh -c "! rmmod $m 2>/dev/null"
		exec 3<&-
		ktap_run "rmmod $m" rmmod "$m"
		ktap_run "$dev is gone" wait_for absent "$dev"
		ktap_run "sysfs card_id is gone" sh -c "! test -e /sys/bus/pci/devices/$pci/card_id"
		ktap_run "$pci has no driver" sh -c "! test -e /sys/bus/pci/devices/$pci/driver"
		ktap_suite_end
	done
done
ktap_end
