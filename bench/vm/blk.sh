# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/blk: fio against C null_blk and C++ cnull,
# the same module parameters for both, alternating the two disks; with
# RNULL=1 (on the Rust-enabled kernel) also against the Rust rnull, the three
# disks in rotation.
#
# /kcxx/files/blk.conf (written by tools/bench/blk) sets:
#   CELLS    "RW:IRQMODE:JOBS:ENGINE ..." for this boot (grouped by IRQMODE);
#            IRQMODE d: both modules loaded with their defaults, as users
#            load them (no parameter, scheduler untouched); ENGINE io_uring
#            (iodepth 32) or psync (iodepth 1)
#   REPS     measured runs per side and cell (after one warm-up run each)
#   RUNTIME  fio --runtime of a measured run (fio time units: 500ms, 1s)
#   WARMUP   fio --runtime of a warm-up run
#   SQ       submit_queues (= the number of vCPUs)
#   CXX_KO   the C++ module (/kcxx/modules/cnull.ko), or empty: the stand-in,
#            null_blk against itself (nr_devices=2, nullb0 against nullb1)
#   RNULL    1: also rnull (modprobe rnull_mod, disk rnullb0), and null_blk
#            and cnull get rnull's fixed geometry (rnull 6.12 has no
#            parameters): 1 hardware queue, 256 tags, 4 KiB blocks, 4 GiB,
#            no poll queue, requests ended in queue_rq (irqmode 0 only)
# Output: one line per fio run,
#   kcxx-blk: rw=RW irqmode=N|d jobs=N engine=E side=c|cxx|rust rep=w|1.. iops=N
# Host args: --kmod null_blk [--kmod rnull_mod] --bin /usr/bin/fio
#            --file CONF:/kcxx/files/blk.conf
# Modules: cnull.ko (optional)
set -u
RNULL=0
. /kcxx/files/blk.conf

fail() {
	echo "kcxx-blk-error: $*"
	exit 1
}

# The disk node appears when devtmpfs gets the uevent: wait for it.
wait_disk() {
	i=0
	while [ ! -b "$1" ]; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "$1 did not appear"
		sleep 0.05
	done
}

# Loads both drivers with the same parameters; sets C and CXX (the disks).
# IRQMODE d: the defaults of each (what 'modprobe null_blk' gives).
load() {
	params="queue_mode=2 submit_queues=$SQ hw_queue_depth=64 irqmode=$1 completion_nsec=10000"
	[ "$1" = d ] && params=
	if [ "$RNULL" = 1 ]; then
		[ "$1" = 0 ] || fail "rnull has irqmode 0 only, not $1"
		# rnull's TagSet::new(1, 256, 1), 4096-byte blocks, 4096 << 11 sectors
		params="queue_mode=2 submit_queues=1 poll_queues=0 hw_queue_depth=256 irqmode=0"
		params="$params bs=4096 gb=4 memory_backed=0"
	fi
	if [ -n "$CXX_KO" ]; then
		params="nr_devices=1 $params"
		modprobe null_blk $params || fail "modprobe null_blk $params"
		insmod "$CXX_KO" $params || fail "insmod $CXX_KO $params"
		cxx_name=$(basename "$CXX_KO" .ko)
		C=nullb0
		CXX=${cxx_name}0
	else
		params="nr_devices=2 $params"
		modprobe null_blk $params || fail "modprobe null_blk $params"
		C=nullb0
		CXX=nullb1
	fi
	wait_disk /dev/$C
	wait_disk /dev/$CXX
	R=
	if [ "$RNULL" = 1 ]; then
		modprobe rnull_mod || fail "modprobe rnull_mod"
		R=rnullb0
		wait_disk /dev/$R
	fi
	# The I/O scheduler blk-mq picks depends on the number of hardware
	# queues (mq-deadline for one); measure the drivers, not a scheduler.
	# With the defaults, what users get (none for both: they have a poll
	# queue).
	if [ "$1" != d ]; then
		for d in $C $CXX $R; do
			echo none > /sys/block/$d/queue/scheduler || fail "scheduler of $d"
		done
	fi
	echo "kcxx-blk-load: irqmode=$1 c=$C cxx=$CXX scheduler=$(sched $C)/$(sched $CXX)" \
		"hwq=$(ls /sys/block/$C/mq | wc -l)/$(ls /sys/block/$CXX/mq | wc -l)" \
		"io_poll=$(cat /sys/block/$C/queue/io_poll)/$(cat /sys/block/$CXX/queue/io_poll)" \
		"params=${params:-defaults}"
	if [ "$RNULL" = 1 ]; then
		# The three disks' geometry, to show it matches.
		for d in $C $CXX $R; do
			q=/sys/block/$d/queue
			echo "kcxx-blk-load: disk=$d lbs=$(cat $q/logical_block_size)" \
				"pbs=$(cat $q/physical_block_size) nr_requests=$(cat $q/nr_requests)" \
				"sectors=$(cat /sys/block/$d/size) hwq=$(ls /sys/block/$d/mq | wc -l)" \
				"scheduler=$(sched $d) io_poll=$(cat $q/io_poll)"
		done
	fi
}

sched() {
	# shellcheck disable=SC2046 # split at blanks
	set -- $(cat /sys/block/$1/queue/scheduler)
	echo "$*" | tr ' ' ,
}

unload() {
	if [ "$RNULL" = 1 ]; then
		rmmod rnull_mod || fail "rmmod rnull_mod"
	fi
	if [ -n "$CXX_KO" ]; then
		rmmod "$(basename "$CXX_KO" .ko)" || fail "rmmod cxx"
	fi
	rmmod null_blk || fail "rmmod null_blk"
}

# run RW JOBS IRQMODE ENGINE SIDE REP RUNTIME
run() {
	rw=$1 jobs=$2 irq=$3 engine=$4 side=$5 rep=$6 rt=$7
	qd=32
	[ "$engine" = psync ] && qd=1
	case $side in
	c) dev=$C ;;
	cxx) dev=$CXX ;;
	*) dev=$R ;;
	esac
	# One job per vCPU when there are enough (more jobs share them).
	pin=
	[ "$jobs" -le "$CPUS" ] && pin="--cpus_allowed=0-$((jobs - 1)) --cpus_allowed_policy=split"
	# shellcheck disable=SC2086 # $pin: zero or two words
	out=$(fio --name="$rw" --filename=/dev/$dev --rw="$rw" --bs=4k \
		--ioengine="$engine" --iodepth=$qd --direct=1 --numjobs="$jobs" $pin \
		--group_reporting --time_based --runtime="$rt" --minimal 2>&1)
	status=$?
	# Terse v3: field 5 the error, 8 read IOPS, 49 write IOPS.
	iops=$(echo "$out" | awk -F';' '$1 == "3" && $5 == "0" { print $8 + $49; n++ } END { if (n != 1) print "bad" }')
	if [ $status -ne 0 ] || [ "$iops" = bad ] || [ -z "$iops" ]; then
		echo "$out"
		fail "fio on $dev ($rw, $engine, $jobs jobs): status $status"
	fi
	echo "kcxx-blk: rw=$rw irqmode=$irq jobs=$jobs engine=$engine side=$side rep=$rep iops=$iops"
}

# Let the boot's background work settle (free under -icount sleep=off).
sleep 2
CPUS=$(grep -c ^processor /proc/cpuinfo)
echo "kcxx-blk-env: release=$(uname -r) cpus=$CPUS" \
	"clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)" \
	"fio=$(fio --version) reps=$REPS runtime=$RUNTIME warmup=$WARMUP sq=$SQ cxx=${CXX_KO:-stand-in}" \
	"rnull=$RNULL"

loaded=
for cell in $CELLS; do
	IFS=: read -r rw irq jobs engine <<EOF
$cell
EOF
	if [ "$loaded" != "$irq" ]; then
		[ -n "$loaded" ] && unload
		load "$irq"
		loaded=$irq
	fi
	# One warm-up run per side (the first runs after a load or after the
	# boot are slower: page faults, slab growth), then pairs alternating
	# which side goes first: C, C++ | C++, C | C, C++ ...
	run "$rw" "$jobs" "$irq" "$engine" c w "$WARMUP"
	run "$rw" "$jobs" "$irq" "$engine" cxx w "$WARMUP"
	if [ "$RNULL" = 1 ]; then
		# Three sides: rounds rotate the order (C, C++, Rust | C++, Rust,
		# C | Rust, C, C++ ...).
		run "$rw" "$jobs" "$irq" "$engine" rust w "$WARMUP"
		r=1
		while [ $r -le "$REPS" ]; do
			case $((r % 3)) in
			1) order="c cxx rust" ;;
			2) order="cxx rust c" ;;
			0) order="rust c cxx" ;;
			esac
			for side in $order; do
				run "$rw" "$jobs" "$irq" "$engine" $side $r "$RUNTIME"
			done
			r=$((r + 1))
		done
		continue
	fi
	r=1
	while [ $r -le "$REPS" ]; do
		if [ $((r % 2)) -eq 1 ]; then
			run "$rw" "$jobs" "$irq" "$engine" c $r "$RUNTIME"
			run "$rw" "$jobs" "$irq" "$engine" cxx $r "$RUNTIME"
		else
			run "$rw" "$jobs" "$irq" "$engine" cxx $r "$RUNTIME"
			run "$rw" "$jobs" "$irq" "$engine" c $r "$RUNTIME"
		fi
		r=$((r + 1))
	done
done
[ -n "$loaded" ] && unload
echo "kcxx-blk-done"
