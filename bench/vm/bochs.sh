# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/bochs: the kernel's C bochs.ko against cbochs
# (drivers/cbochs) on two bochs-display adapters (tools/vm/run --device
# bochs-display --device bochs-display), the first bound to cbochs, the
# second to bochs (driver_override), through tests/userspace/bochs_bench.
# Parameters from the kernel command line: kcxx_bochs_bench.reps=N
# .frames=N .modesets=N .swap=0|1 (cbochs on the second adapter) .c_first=0|1
# (bochs.ko loaded first: fbcon on its card instead of cbochs's) .c_module=NAME
# (the C driver is /kcxx/modules/NAME.ko, a build of bochs.c - tools/bench/bochs
# --c-module -, not the kernel's bochs.ko) .same=c|cxx (the A/A control: both
# adapters bound to the C driver, or both to cbochs; "c" and "cxx" are then
# the second and the first adapter)
M=/kcxx/modules
B=/kcxx/files/bochs_bench
reps=11 frames=20 modesets=10 swap=0 c_first=0 c_module= same=
for arg in $(cat /proc/cmdline); do
	case $arg in
	kcxx_bochs_bench.*=*)
		kv=${arg#kcxx_bochs_bench.}
		eval "${kv%%=*}=\${kv#*=}"
		;;
	esac
done
set -- $(for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x1111 ] && echo "${d##*/}"
done)
if [ $# -ne 2 ]; then
	echo "bochs-bench: FAIL need two bochs-display adapters, found: $*"
	exit 1
fi
cxx_pci=$1 c_pci=$2
[ "$swap" = 1 ] && cxx_pci=$2 c_pci=$1
card_of() { ls "/sys/bus/pci/devices/$1/drm" 2>/dev/null | grep '^card[0-9]*$' | head -n 1; }
cxx_drv=cbochs c_drv=bochs-drm
[ "$same" = c ] && cxx_drv=bochs-drm
[ "$same" = cxx ] && c_drv=cbochs
echo $cxx_drv > /sys/bus/pci/devices/$cxx_pci/driver_override
echo $c_drv > /sys/bus/pci/devices/$c_pci/driver_override
load_cxx() { insmod $M/cbochs.ko || { echo "bochs-bench: FAIL insmod cbochs"; exit 1; }; }
load_c() {
	if [ -n "$c_module" ]; then
		insmod "$M/$c_module.ko" || { echo "bochs-bench: FAIL insmod $c_module"; exit 1; }
	else
		modprobe bochs || { echo "bochs-bench: FAIL modprobe bochs"; exit 1; }
	fi
}
if [ "$same" = c ]; then
	load_c
elif [ "$same" = cxx ]; then
	load_cxx
elif [ "$c_first" = 1 ]; then
	load_c
	load_cxx
else
	load_cxx
	load_c
fi
xcard=$(card_of $cxx_pci) ccard=$(card_of $c_pci)
if [ -z "$xcard" ] || [ -z "$ccard" ]; then
	echo "bochs-bench: FAIL no DRM card (cbochs: $xcard, bochs: $ccard)"
	exit 1
fi
# Let the boot's background work finish (free under -icount sleep=off).
sleep 3
cs=/sys/devices/system/clocksource/clocksource0/current_clocksource
echo "bochs-bench-env: release=$(uname -r) clocksource=$(cat $cs) c=$c_pci/$ccard cxx=$cxx_pci/$xcard fb0=$(cat /sys/class/graphics/fb0/name) swap=$swap c_first=$c_first c_module=${c_module:-bochs} same=${same:-no}"
$B /dev/dri/$ccard /dev/dri/$xcard "$reps" "$frames" "$modesets"
echo "bochs-bench-exit: $?"
