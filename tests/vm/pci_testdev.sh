# SPDX-License-Identifier: GPL-2.0
# Guest script: samples/pci_testdev (kcxx_pci_testdev), the C++ counterpart of
# Rust-for-Linux's PCI driver sample, on QEMU's pci-testdev (1b36:0005).
#   load: the ID table alias, the driver bound to the device, BAR0 claimed,
#         the device enabled, the probe's log lines with the count
#   rebind: unbind and bind through sysfs, three times: remove logs, the BAR
#         and the enable are released at unbind, each probe logs its count
#   hotplug: (with --device pci-testdev, QEMU id pci-testdev0) unplugged while
#         bound (remove runs), plugged in again (probed again)
#   unload: rmmod unbinds and unregisters the driver
#   sleep: (with tests/kernel/pci_pm's kcxx_pci_pm_test.ko in /kcxx/modules)
#         a kcxx PCI driver's system sleep hooks, with pm_test=devices
#         (devices suspend and resume, the machine does not sleep; needs
#         CONFIG_PM_DEBUG: Debian's kernels, not the debug kernel): suspend
#         to idle, to RAM and hibernation's freeze call suspend() and then
#         resume() once each; an error from suspend() aborts each of them
#         with that errno and the device is not resumed
# The count: writing the test index to TEST (re)starts pci-testdev's test and
# sets COUNT to 0 (QEMU's pci_testdev_start()); the probe's write of DATA at
# OFFSET then makes it 1.  So every probe logs "data-match count: 1", however
# often the device was probed before; what grows is the number of such lines
# (checked after each probe).
# Host: tools/vm/run --script tests/vm/pci_testdev.sh --device pci-testdev
#       --module build/<k>/samples/pci_testdev/kcxx_pci_testdev.ko
#       [--module build/<k>/tests/kernel/pci_pm/kcxx_pci_pm_test.ko]
. /kcxx/lib/ktap.sh
. /kcxx/lib/host.sh
m=kcxx_pci_testdev
ko=/kcxx/modules/$m.ko
drv=/sys/bus/pci/drivers/$m

pci=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1b36 ] && [ "$(cat "$d/device")" = 0x0005 ]; then
		pci=${d##*/}
	fi
done
hotplug=
[ -n "$pci" ] && [ "$(kcxx_pci_addr pci-testdev0 2>/dev/null)" = "$pci" ] && hotplug=pci-testdev0

ktap_begin
if [ -z "$pci" ]; then
	ktap_not_ok "a pci-testdev (1b36:0005) on the PCI bus" "run with --device pci-testdev"
	ktap_end
	exit 1
fi
if [ ! -f "$ko" ]; then
	ktap_not_ok "$m.ko in /kcxx/modules" "--module build/<k>/samples/pci_testdev/$m.ko"
	ktap_end
	exit 1
fi
ktap_diag "pci-testdev $pci; hot unplug: ${hotplug:-no (no --device pci-testdev)}"

# Each step writes a mark into the kernel log; expect_log checks the lines
# after the last mark only.
step=0
mark() {
	step=$((step + 1))
	echo "kcxx-pci-testdev-step $step: $*" >/dev/kmsg
}
expect_log() {
	if dmesg | sed -n "/kcxx-pci-testdev-step $step: /,\$p" | grep -qF -- "$2"; then
		ktap_ok "$1"
	else
		ktap_not_ok "$1" "no kernel log line since step $step contains: $2"
	fi
}
probes=0

# bound_checks NAME: the device is bound to the sample and probe did its work.
bound_checks() {
	probes=$((probes + 1))
	ktap_run "$1: $pci is bound to $m" \
		sh -c "test \"\$(basename \"\$(readlink /sys/bus/pci/devices/$pci/driver)\")\" = $m"
	ktap_run "$1: the device is enabled" sh -c "test \"\$(cat /sys/bus/pci/devices/$pci/enable)\" = 1"
	ktap_run "$1: BAR0 is claimed as $m in /proc/iomem" grep -q " : $m\$" /proc/iomem
	expect_log "$1: probe logs the PCI ID" "$m $pci: Probe kcxx PCI driver sample (PCI ID: 0x1b36, 0x0005)."
	expect_log "$1: probe logs the data-match count 1" "$m $pci: pci-testdev data-match count: 1"
	ktap_run "$1: $probes probes logged their count" \
		sh -c "test \"\$(dmesg | grep -c '$m [0-9a-f:.]*: pci-testdev data-match count: 1\$')\" = $probes"
}

# unbound_checks NAME: remove ran and unbind released what probe set up.
unbound_checks() {
	expect_log "$1: remove logs" "$m $pci: Remove kcxx PCI driver sample."
	ktap_run "$1: $pci has no driver" sh -c "! test -e /sys/bus/pci/devices/$pci/driver"
	ktap_run "$1: BAR0 is released" sh -c "! grep -q ' : $m\$' /proc/iomem"
	if [ -e "/sys/bus/pci/devices/$pci" ]; then
		ktap_run "$1: the device is disabled" \
			sh -c "test \"\$(cat /sys/bus/pci/devices/$pci/enable)\" = 0"
	fi
}

ktap_suite_begin load
ktap_run "MODULE_DEVICE_TABLE has pci:v00001B36d00000005" \
	sh -c "modinfo $ko | grep -q 'alias: *pci:v00001B36d00000005sv'"
mark insmod
ktap_run "insmod $m" insmod "$ko"
bound_checks load
ktap_suite_end

ktap_suite_begin rebind
for i in 1 2 3; do
	mark unbind $i
	ktap_run "unbind $i through sysfs" sh -c "echo $pci > $drv/unbind"
	unbound_checks "unbind $i"
	mark bind $i
	ktap_run "bind $i through sysfs" sh -c "echo $pci > $drv/bind"
	bound_checks "bind $i"
done
ktap_suite_end

if [ -n "$hotplug" ]; then
	ktap_suite_begin hotplug
	mark unplug
	# acpiphp removes the device within 0.2 s on 6.1 and 6.12; the
	# limit is a hang detector for a slow debug kernel on a busy host.
	kcxx_device_del $hotplug 180
	ktap_result $? "hot unplug of $hotplug while bound (${kcxx_elapsed:-?}s)"
	ktap_run "$pci is gone" sh -c "! test -e /sys/bus/pci/devices/$pci"
	unbound_checks unplug
	ktap_run "the driver stays registered" test -d "$drv"
	if [ "$(kcxx_host device_state $hotplug)" = unplugged ]; then
		mark replug
		if kcxx_device_add $hotplug 180; then
			ktap_ok "plugged in again (${kcxx_elapsed}s)"
			if [ "$kcxx_pci_addr" != "$pci" ]; then
				ktap_diag "the device came back as $kcxx_pci_addr (was $pci)"
				pci=$kcxx_pci_addr
			fi
		else
			ktap_not_ok "plugged in again"
		fi
		# The driver core probes the new device asynchronously to
		# the request's answer: wait up to 10 s for the binding.
		i=0
		while [ $i -lt 100 ] && ! test -e "/sys/bus/pci/devices/$pci/driver"; do
			sleep 0.1
			i=$((i + 1))
		done
		bound_checks replug
	else
		ktap_not_ok "plugged in again" "QEMU still has $hotplug: $(kcxx_host device_state $hotplug)"
	fi
	ktap_suite_end
else
	ktap_skip hotplug "no --device pci-testdev (QEMU id pci-testdev0)"
fi

ktap_suite_begin unload
mark rmmod
ktap_run "rmmod $m" rmmod "$m"
unbound_checks rmmod
ktap_run "the driver is unregistered" sh -c "! test -e $drv"
ktap_suite_end

pm=kcxx_pci_pm_test
D=/sys/bus/pci/devices/$pci
# counts_are NAME "SUSPENDS RESUMES FAILED": the driver's sysfs counters
counts_are() {
	got="$(cat $D/suspends) $(cat $D/resumes) $(cat $D/failed_suspends)"
	ktap_result $([ "$got" = "$2" ]; echo $?) "$1: suspends resumes failed_suspends are $2 (got $got)"
}
if [ ! -f /kcxx/modules/$pm.ko ]; then
	ktap_skip sleep "no $pm.ko in /kcxx/modules"
elif [ ! -w /sys/power/pm_test ]; then
	ktap_skip sleep "no /sys/power/pm_test (CONFIG_PM_DEBUG)"
else
	ktap_suite_begin sleep
	ktap_run "insmod $pm" insmod /kcxx/modules/$pm.ko
	ktap_run "$pci is bound to $pm" sh -c "test \"\$(basename \"\$(readlink $D/driver)\")\" = $pm"
	# kcxx::sysfs: a show() of more than a page ends at the page's last
	# byte but one (sysfs_emit_at()); a show() error is the read's errno.
	ktap_run "a 6400-byte attribute reads as its first 4095 bytes" \
		sh -c "test \$(wc -c < $D/long_text) = 4095 && head -c 64 $D/long_text | grep -q '^00 0*\$'"
	out=$(cat $D/failing 2>&1)
	ktap_result $(echo "$out" | grep -q "Input/output error"; echo $?) "an attribute whose show() fails reads as EIO ($out)"
	echo 0 > /sys/module/suspend/parameters/pm_test_delay
	echo devices > /sys/power/pm_test
	n=0
	for state in freeze mem disk; do
		n=$((n + 1))
		ktap_run "$state: devices suspended and resumed" sh -c "echo $state > /sys/power/state"
		counts_are "after $state" "$n $n 0"
	done
	echo 16 > /sys/module/$pm/parameters/suspend_error
	f=0
	for state in freeze mem disk; do
		f=$((f + 1))
		mark "$state with suspend_error=16"
		out=$(sh -c "echo $state > /sys/power/state" 2>&1)
		ktap_result $(echo "$out" | grep -q "busy"; echo $?) \
			"$state: suspend() answering EBUSY aborts it with EBUSY ($out)"
		expect_log "$state: the PM core logs the device's error" "error -16"
		counts_are "after the failed $state" "$n $n $f"
	done
	echo 0 > /sys/module/$pm/parameters/suspend_error
	n=$((n + 1))
	ktap_run "mem after the errors: suspended and resumed" sh -c "echo mem > /sys/power/state"
	counts_are "after the last mem" "$n $n $f"
	echo none > /sys/power/pm_test
	ktap_run "rmmod $pm" rmmod $pm
	ktap_suite_end
fi
ktap_end
