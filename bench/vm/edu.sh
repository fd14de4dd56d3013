# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/edu: the C reference edu driver (edu_ref)
# against kcxx_edu, one edu device each (tools/vm/run --device edu
# --device edu), through tests/userspace/edu_bench.  For each interrupt
# mode both modules are loaded: msi with no parameters (both drivers'
# defaults: MSI), intx with use_msi=0; each device's
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

ncpu=$(grep -c ^processor /proc/cpuinfo)

# Let the boot's background work finish (free under -icount sleep=off).
sleep 3
cs=/sys/devices/system/clocksource/clocksource0/current_clocksource
echo "edu-bench-env: release=$(uname -r) clocksource=$(cat $cs) reps=$reps scale=$scale icount=$icount devices=$dev_a,$dev_b cxx=$cxx"

# run LABEL C_PCI CXX_PCI
run() {
	echo edu_ref >/sys/bus/pci/devices/$2/driver_override
	echo $cxx >/sys/bus/pci/devices/$3/driver_override
	# shellcheck disable=SC2086 # $params: none, or one parameter
	insmod $M/edu_ref.ko $params || { echo "edu-bench: FAIL insmod edu_ref"; exit 1; }
	if [ $cxx = kcxx_edu ]; then
		# shellcheck disable=SC2086
		insmod $M/kcxx_edu.ko $params || { echo "edu-bench: FAIL insmod kcxx_edu"; exit 1; }
	fi
	c_dev=/dev/edu_ref-$2 x_dev=/dev/$cxx-$3
	for f in $c_dev $x_dev; do
		[ -e "$f" ] || { echo "edu-bench: FAIL no $f"; ls /dev; exit 1; }
	done
	c_irq=$(cat /sys/bus/pci/devices/$2/irq) x_irq=$(cat /sys/bus/pci/devices/$3/irq)
	# With more than one CPU, both devices interrupt the last CPU and the
	# benchmark runs on the first: every completion is a cross-CPU
	# wake-up, the same for both drivers (left alone, the kernel spreads
	# the two interrupts over the CPUs, and the driver whose interrupt
	# lands on the benchmark's CPU looks several times faster).
	pin=
	if [ "$ncpu" -gt 1 ]; then
		mask=$(printf %x $((1 << (ncpu - 1))))
		echo "$mask" > /proc/irq/$c_irq/smp_affinity || echo "edu-bench: FAIL irq $c_irq affinity"
		echo "$mask" > /proc/irq/$x_irq/smp_affinity || echo "edu-bench: FAIL irq $x_irq affinity"
		pin="taskset 1"
	fi
	echo "edu-bench-env: $1: C $c_dev (irq $c_irq) C++ $x_dev (irq $x_irq), parameters: ${params:-none (defaults)}, $ncpu CPUs${pin:+, interrupts on CPU $((ncpu - 1)), benchmark on CPU 0}"
	$pin $B $c_dev $x_dev $reps $scale $1 || echo "edu-bench: FAIL edu_bench $1"
	grep -E 'edu|kcxx' /proc/interrupts | sed 's/^/edu-bench-env: /'
	rmmod edu_ref
	[ $cxx = kcxx_edu ] && rmmod kcxx_edu
	echo >/sys/bus/pci/devices/$2/driver_override
	echo >/sys/bus/pci/devices/$3/driver_override
}

for mode in $(echo "$modes" | tr , ' '); do
	case $mode in
	msi) params= ;; # the defaults: use_msi=Y in both drivers
	intx) params=use_msi=0 ;;
	*) echo "edu-bench: FAIL unknown mode $mode"; exit 1 ;;
	esac
	run $mode $dev_a $dev_b
	[ "$swap" = 1 ] && run $mode-swap $dev_b $dev_a
done
echo "edu-bench-done"
