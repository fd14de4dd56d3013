# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/nvme: fio against Debian's C nvme driver and
# the C++ cnvme (drivers/cnvme) on two identical QEMU NVMe controllers
# (null-co block backends: no host disk in the measurement), alternating
# the two disks.  The first controller in bus order (class 0x010802) is
# bound to nvme, the second to cnvme (driver_override).
#
# Parameters from the kernel command line (tools/bench/nvme sets them):
#   kcxx_nvme_bench.cells=RW:BS:QD:JOBS,...  e.g. randread:4k:32:1; QD 1
#                           runs psync, any other QD io_uring
#   kcxx_nvme_bench.reps=N        measured pairs per cell (after one warm-up
#                                 run per side)
#   kcxx_nvme_bench.runtime=T     fio --runtime of a measured run (1s, 500ms)
#   kcxx_nvme_bench.warmup=T      fio --runtime of a warm-up run
#   kcxx_nvme_bench.sched=none    the I/O scheduler set on both disks
#                                 ("keep": leave what the kernel chose)
#   kcxx_nvme_bench.cxx_params=A=1,B=2  cnvme's module parameters
#   kcxx_nvme_bench.soak=1        a SCHED_IDLE busy loop per CPU, for busy_ns
#   kcxx_nvme_bench.standin=1     no cnvme: both controllers bound to nvme,
#                                 the second one's disk as the C++ side (the
#                                 pipeline's own noise; ratios near 1)
#   kcxx_nvme_bench.blocks=RW:BS:N  instead of the cells (tools/bench/nvme-blocks):
#                                 the drivers' symbols and modules
#                                 (kcxx-nvme-sym:, kcxx-nvme-module: lines,
#                                 from /proc/kallsyms and /proc/modules), then per side
#                                 kcxx-nvme-blocks-on: SIDE, N psync I/Os,
#                                 kcxx-nvme-blocks-off: SIDE ios=N (the host
#                                 logs the translation blocks run in between)
# Output: one line per fio run,
#   kcxx-nvme: rw=RW bs=BS qd=N jobs=N side=c|cxx rep=w|1.. iops=N ios=N irqs=N idle=P timeouts=N busy_ns=N
# (irqs: the interrupts of that driver's I/O queues during the run, from
# /proc/interrupts, -1 if they were set up again (a controller reset); idle:
# the guest CPUs' idle share of the run, percent, from /proc/stat;
# timeouts: the driver's I/O timeout messages in the kernel log during the
# run; busy_ns: with soak=1 the CPU time of everything but the soak loops
# during fio (below), else 0),
# kcxx-nvme-env: lines, and kcxx-nvme-done at the end.
# Host args: --kmod nvme --bin /usr/bin/fio --module cnvme.ko, two
# --device nvme,drive=... on null-co -blockdev nodes.
set -u
M=/kcxx/modules
cells= reps=10 runtime=1s warmup=500ms sched=none standin=0 cxx_params= soak=0 blocks=
for arg in $(cat /proc/cmdline); do
	case $arg in
	kcxx_nvme_bench.*=*)
		kv=${arg#kcxx_nvme_bench.}
		eval "${kv%%=*}=\${kv#*=}"
		;;
	esac
done

fail() {
	echo "kcxx-nvme-error: $*"
	exit 1
}

# wait_for PATH: up to 30 s (the C driver probes asynchronously).
wait_for() {
	i=0
	while [ $i -lt 300 ] && [ ! -e "$1" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -e "$1" ]
}

set -- $(for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/class")" = 0x010802 ] && echo "${d##*/}"
done)
[ $# -eq 2 ] || fail "need two NVMe controllers, found: $*"
c_pci=$1 x_pci=$2
echo nvme > /sys/bus/pci/devices/$c_pci/driver_override
if [ "$standin" = 1 ]; then
	echo nvme > /sys/bus/pci/devices/$x_pci/driver_override
else
	echo cnvme > /sys/bus/pci/devices/$x_pci/driver_override
fi
modprobe nvme || fail "modprobe nvme"
[ "$standin" = 1 ] || insmod $M/cnvme.ko $(echo "$cxx_params" | tr , ' ') || fail "insmod cnvme $cxx_params"
# nvme_disk PCI: the C driver's disk (namespace 1) of the controller at PCI.
nvme_disk() {
	i=0
	while [ $i -lt 300 ]; do
		for n in /sys/block/nvme*n1; do
			[ -e "$n" ] || continue
			case $(readlink -f "$n/device/device") in
			*/$1) echo "${n##*/}"; return 0 ;;
			esac
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
C=$(nvme_disk $c_pci) || fail "no disk of nvme on $c_pci"
if [ "$standin" = 1 ]; then
	X=$(nvme_disk $x_pci) || fail "no disk of nvme on $x_pci"
else
	X=$(cut -d' ' -f1 /sys/bus/pci/devices/$x_pci/disks 2>/dev/null)
	[ -n "$X" ] || fail "no disk of cnvme on $x_pci"
fi
wait_for /dev/$C || fail "/dev/$C did not appear"
wait_for /dev/$X || fail "/dev/$X did not appear"

sched_of() {
	# the one in brackets
	sed 's/.*\[\(.*\)\].*/\1/' /sys/block/$1/queue/scheduler
}
CPUS=$(grep -c ^processor /proc/cpuinfo)
q() { cat /sys/block/$1/queue/$2; }
echo "kcxx-nvme-env: release=$(uname -r) cpus=$CPUS" \
	"clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)" \
	"fio=$(fio --version) reps=$reps runtime=$runtime warmup=$warmup" \
	"c=$C@$c_pci cxx=$X@$x_pci standin=$standin"
# What each disk got from the kernel, before the benchmark sets anything.
for d in $C $X; do
	echo "kcxx-nvme-env: disk=$d scheduler=$(sched_of $d) hwq=$(ls /sys/block/$d/mq | wc -l)" \
		"nr_requests=$(q $d nr_requests) lbs=$(q $d logical_block_size)" \
		"max_sectors_kb=$(q $d max_sectors_kb) io_poll=$(q $d io_poll)" \
		"rotational=$(q $d rotational) nomerges=$(q $d nomerges) rq_affinity=$(q $d rq_affinity)" \
		"wbt_lat_usec=$(cat /sys/block/$d/queue/wbt_lat_usec 2>/dev/null || echo -)" \
		"add_random=$(q $d add_random) iostats=$(q $d iostats) write_cache=$(q $d write_cache)"
done
echo "kcxx-nvme-env: nvme module: $(for p in poll_queues write_queues io_queue_depth; do
	printf '%s=%s ' $p "$(cat /sys/module/nvme/parameters/$p 2>/dev/null)"; done)"
dmesg | grep -E 'nvme nvme[0-9]+: [0-9]+/[0-9]+/[0-9]+ default/read/poll' | sed 's/^/kcxx-nvme-env: /'
for f in io_queues; do
	[ -e /sys/bus/pci/devices/$x_pci/$f ] &&
		echo "kcxx-nvme-env: cnvme $f=$(cat /sys/bus/pci/devices/$x_pci/$f)"
done
if [ "$sched" != keep ]; then
	for d in $C $X; do
		echo "$sched" > /sys/block/$d/queue/scheduler || fail "scheduler $sched on $d"
	done
fi
echo "kcxx-nvme-env: scheduler during the runs: $C=$(sched_of $C) $X=$(sched_of $X)"

# The interrupts of a driver's I/O queues: nvme's are named nvme<N>q<M>
# (q0 is the admin queue), cnvme's cnvme-<pci>q<M>.
c_ctl=$(ls /sys/bus/pci/devices/$c_pci/nvme 2>/dev/null | head -n 1)
irq_pat_c="^${c_ctl:-nvme0}q[1-9]"
irq_pat_x="^cnvme-${x_pci}q[1-9]"
# Their I/O timeouts in the kernel log (QEMU 7.2's controller loses
# submissions now and then: bench/README.md).
tmo_pat_c="nvme ${c_ctl:-nvme0}: I/O .*timeout"
tmo_pat_x="cnvme ${x_pci}: I/O .*timed out"
if [ "$standin" = 1 ]; then
	x_ctl=$(ls /sys/bus/pci/devices/$x_pci/nvme 2>/dev/null | head -n 1)
	irq_pat_x="^${x_ctl:-nvme1}q[1-9]"
	tmo_pat_x="nvme ${x_ctl:-nvme1}: I/O .*timeout"
fi
timeouts() { dmesg | grep -c -E "$1"; }
# The idle and total jiffies of all CPUs (/proc/stat: idle and iowait).
cpu_jiffies() {
	awk '$1 == "cpu" { t = 0; for (i = 2; i <= NF; i++) t += $i; print $5 + $6, t }' /proc/stat
}
# soak=1 (tools/bench/nvme --icount): a busy loop per CPU at SCHED_IDLE
# (/kcxx/files/cpu_soak, tests/userspace/cpu_soak.c) counts in a file
# whenever no other task wants the CPU, so a CPU never idles.  Under
# -icount shift=0,sleep=off a guest ns is a guest instruction, and busy_ns
# - the CPUs' time less the loops' counts times the loop's ns per count
# (calibrated over 1 s before the cells) - is what everything else executed
# during fio: fio, the block layer, the driver, its interrupts (one that
# lands on a loop stops its count).  Without soak=1: 0.
soakers= soak_ns=
now_ns() { awk '/^now at/ { print $3; exit }' /proc/timer_list; }
soak_count() {
	for c in $(seq 0 $((CPUS - 1))); do od -An -tu8 -N8 /tmp/soak.$c; done | awk '{ s += $1 } END { printf "%.0f\n", s }'
}
# busy_ns: a point in time, "NOW COUNT" (the difference of two: busy_delta).
busy_ns() {
	[ -n "$soakers" ] || { echo "0 0"; return; }
	echo "$(now_ns) $(soak_count)"
}
busy_delta() {
	echo "$1 $2" | awk -v n="$CPUS" -v k="${soak_ns:-0}" '{ printf "%.0f", ($3 - $1) * n - ($4 - $2) * k }'
}
irqs() {
	awk -v p="$1" '$NF ~ p { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' \
		/proc/interrupts
}
irq_lines() {
	grep -E "nvme|cnvme" /proc/interrupts | sed 's/^/kcxx-nvme-env: /'
}

# run RW BS QD JOBS SIDE REP RUNTIME
run() {
	rw=$1 bs=$2 qd=$3 jobs=$4 side=$5 rep=$6 rt=$7
	engine=io_uring
	[ "$qd" = 1 ] && engine=psync
	if [ "$side" = c ]; then
		dev=$C pat=$irq_pat_c tpat=$tmo_pat_c
	else
		dev=$X pat=$irq_pat_x tpat=$tmo_pat_x
	fi
	# One job per vCPU when there are enough (more jobs share them).
	pin=
	[ "$jobs" -le "$CPUS" ] && pin="--cpus_allowed=0-$((jobs - 1)) --cpus_allowed_policy=split"
	i0=$(irqs "$pat")
	j0=$(cpu_jiffies)
	t0=$(timeouts "$tpat")
	b0=$(busy_ns)
	# shellcheck disable=SC2086 # $pin: zero or two words
	out=$(fio --name="$rw" --filename=/dev/$dev --rw="$rw" --bs="$bs" \
		--ioengine="$engine" --iodepth="$qd" --direct=1 --numjobs="$jobs" $pin \
		--group_reporting --time_based --runtime="$rt" --minimal 2>&1)
	status=$?
	b1=$(busy_ns)
	i1=$(irqs "$pat")
	j1=$(cpu_jiffies)
	t1=$(timeouts "$tpat")
	n_irqs=$((i1 - i0))
	[ $n_irqs -lt 0 ] && n_irqs=-1
	idle=$(echo "$j0 $j1" | awk '{ t = $4 - $2; print (t > 0 ? int(100 * ($3 - $1) / t + 0.5) : 0) }')
	# Terse v3: field 5 the error, 6/47 read/write KiB, 8/49 read/write IOPS.
	res=$(echo "$out" | awk -F';' -v bs="$bs" '
		BEGIN { b = bs; if (b ~ /k$/) b = substr(b, 1, length(b) - 1) * 1024 }
		$1 == "3" && $5 == "0" { printf "%d %d", $8 + $49, ($6 + $47) * 1024 / b; n++ }
		END { if (n != 1) print "bad" }')
	if [ $status -ne 0 ] || [ -z "$res" ] || [ "${res#*bad}" != "$res" ]; then
		echo "$out"
		fail "fio on $dev ($rw, bs $bs, QD $qd, $jobs jobs): status $status"
	fi
	set -- $res
	echo "kcxx-nvme: rw=$rw bs=$bs qd=$qd jobs=$jobs side=$side rep=$rep iops=$1 ios=$2" \
		"irqs=$n_irqs idle=$idle timeouts=$((t1 - t0)) busy_ns=$(busy_delta "$b0" "$b1")"
}

# Let the boot's background work settle.
sleep 2
if [ -n "$blocks" ]; then
	IFS=: read -r rw bs n <<EOF
$blocks
EOF
	awk '$2 ~ /^[tTwW]$/ && $4 ~ /^\[(cnvme|nvme|nvme_core)\]$/ { print "kcxx-nvme-sym: " $1 " " $4 " " $3 }' \
		/proc/kallsyms
	awk '$1 ~ /^(cnvme|nvme|nvme_core)$/ { print "kcxx-nvme-module: " $1 " " $2 " " $6 }' /proc/modules
	for side in c cxx; do
		if [ $side = c ]; then dev=$C; else dev=$X; fi
		# Warm: the first I/Os of a disk take other paths.
		fio --name=warm --filename=/dev/$dev --rw="$rw" --bs="$bs" --ioengine=psync --direct=1 \
			--number_ios=200 --minimal > /dev/null 2>&1 || fail "fio on $dev"
	done
	for side in c cxx; do
		if [ $side = c ]; then dev=$C; else dev=$X; fi
		echo "kcxx-nvme-blocks-on: $side"
		sleep 1 # the host turns the log on
		i0=$(awk -v d=$dev '$3 == d { print $4 + $8 }' /proc/diskstats)
		fio --name=blocks --filename=/dev/$dev --rw="$rw" --bs="$bs" --ioengine=psync --direct=1 \
			--number_ios="$n" --minimal > /dev/null 2>&1 || fail "fio on $dev"
		i1=$(awk -v d=$dev '$3 == d { print $4 + $8 }' /proc/diskstats)
		echo "kcxx-nvme-blocks-off: $side ios=$((i1 - i0))"
		sleep 1
	done
	echo "kcxx-nvme-done"
	exit 0
fi
if [ "$soak" = 1 ]; then
	for c in $(seq 0 $((CPUS - 1))); do
		taskset -c "$c" chrt -i 0 /kcxx/files/cpu_soak /tmp/soak.$c &
		soakers="$soakers $!"
	done
	sleep 0.5
	s0="$(now_ns) $(soak_count)"
	sleep 1
	s1="$(now_ns) $(soak_count)"
	soak_ns=$(echo "$s0 $s1" | awk -v n="$CPUS" '{ printf "%.6f", ($3 - $1) * n / ($4 - $2) }')
	echo "kcxx-nvme-env: soak: cpu_soak at SCHED_IDLE on each CPU ($soakers), $soak_ns ns per count"
fi
for cell in $(echo "$cells" | tr , ' '); do
	IFS=: read -r rw bs qd jobs <<EOF
$cell
EOF
	# One warm-up run per side, then pairs alternating which side goes
	# first: C, C++ | C++, C | ...
	run "$rw" "$bs" "$qd" "$jobs" c w "$warmup"
	run "$rw" "$bs" "$qd" "$jobs" cxx w "$warmup"
	r=1
	while [ $r -le "$reps" ]; do
		if [ $((r % 2)) -eq 1 ]; then
			run "$rw" "$bs" "$qd" "$jobs" c $r "$runtime"
			run "$rw" "$bs" "$qd" "$jobs" cxx $r "$runtime"
		else
			run "$rw" "$bs" "$qd" "$jobs" cxx $r "$runtime"
			run "$rw" "$bs" "$qd" "$jobs" c $r "$runtime"
		fi
		r=$((r + 1))
	done
done
irq_lines
echo "kcxx-nvme-done"
