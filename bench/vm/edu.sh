# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/edu: the C reference edu driver (edu_ref)
# against kcxx_edu, one edu device each (tools/vm/run --device edu
# --device edu), through tests/userspace/edu_bench.  For each interrupt
# mode (MSI, INTx) both modules are loaded with use_msi=1/0; each device's
# driver_override names the one driver that may bind it.  With swap=1 the
# devices change drivers and the benchmark runs again (label MODE-swap).
# Parameters from the kernel command line: kcxx_edu_bench.reps=N
# .scale=PERCENT .modes=msi,intx .swap=0|1 .icount=0|1 .only_c=0|1
# .skip=NAME,NAME (edu_bench's EDU_BENCH_SKIP)
# (only_c: edu_ref on both devices, the pipeline's own noise).
M=/kcxx/modules
B=/kcxx/files/edu_bench
reps=11 scale=100 modes=msi,intx swap=0 icount=0 only_c=0 skip=
for arg in $(cat /proc/cmdline); do
	case $arg in
	kcxx_edu_bench.*=*)
		kv=${arg#kcxx_edu_bench.}
		eval "${kv%%=*}=\${kv#*=}"
		;;
	esac
done
[ "$icount" = 1 ] && export EDU_BENCH_ICOUNT=1
[ -n "$skip" ] && export EDU_BENCH_SKIP="$skip"

devs=
for d in /sys/bus/pci/devices/*; do
	if [ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ]; then
		devs="$devs ${d##*/}"
	fi
done
set -- $devs
if [ $# -ne 2 ]; then
	echo "edu-bench: FAIL need two edu devices, found: $devs"
	exit 1
fi
dev_a=$1 dev_b=$2
cxx=kcxx_edu
[ "$only_c" = 1 ] && cxx=edu_ref

# Let the boot's background work finish (free under -icount sleep=off).
sleep 3
cs=/sys/devices/system/clocksource/clocksource0/current_clocksource
echo "edu-bench-env: release=$(uname -r) clocksource=$(cat $cs) reps=$reps scale=$scale icount=$icount devices=$dev_a,$dev_b cxx=$cxx"

# run LABEL C_PCI CXX_PCI
run() {
	echo edu_ref >/sys/bus/pci/devices/$2/driver_override
	echo $cxx >/sys/bus/pci/devices/$3/driver_override
	insmod $M/edu_ref.ko use_msi=$msi || { echo "edu-bench: FAIL insmod edu_ref"; exit 1; }
	if [ $cxx = kcxx_edu ]; then
		insmod $M/kcxx_edu.ko use_msi=$msi || { echo "edu-bench: FAIL insmod kcxx_edu"; exit 1; }
	fi
	c_dev=/dev/edu_ref-$2 x_dev=/dev/$cxx-$3
	for f in $c_dev $x_dev; do
		[ -e "$f" ] || { echo "edu-bench: FAIL no $f"; ls /dev; exit 1; }
	done
	echo "edu-bench-env: $1: C $c_dev (irq $(cat /sys/bus/pci/devices/$2/irq)) C++ $x_dev (irq $(cat /sys/bus/pci/devices/$3/irq))"
	$B $c_dev $x_dev $reps $scale $1 || echo "edu-bench: FAIL edu_bench $1"
	grep -E 'edu|kcxx' /proc/interrupts | sed 's/^/edu-bench-env: /'
	rmmod edu_ref
	[ $cxx = kcxx_edu ] && rmmod kcxx_edu
	echo >/sys/bus/pci/devices/$2/driver_override
	echo >/sys/bus/pci/devices/$3/driver_override
}

for mode in $(echo "$modes" | tr , ' '); do
	case $mode in
	msi) msi=1 ;;
	intx) msi=0 ;;
	*) echo "edu-bench: FAIL unknown mode $mode"; exit 1 ;;
	esac
	run $mode $dev_a $dev_b
	[ "$swap" = 1 ] && run $mode-swap $dev_b $dev_a
done
echo "edu-bench-done"
