# SPDX-License-Identifier: GPL-2.0
# Guest script for tools/bench/run: load kcxx_bench.ko, which runs the
# benchmarks at load and prints KTAP and 'kcxx-bench:' result lines.
# Module parameters come from the kernel command line as 'kcxx_bench.NAME=V'
# (what modprobe would pass; busybox insmod does not read it).
# Modules: kcxx_bench.ko
params=
for arg in $(cat /proc/cmdline); do
	case $arg in
	kcxx_bench.*) params="$params ${arg#kcxx_bench.}" ;;
	esac
done
# Let the boot's background work (unbound kworkers) finish first: a
# measurement that is switched out is repeated, but a quiet CPU needs fewer.
# (Free under -icount with sleep=off: idle time is skipped.)
sleep 3
cs=/sys/devices/system/clocksource/clocksource0/current_clocksource
echo "kcxx-bench-env: release=$(uname -r) clocksource=$(cat $cs) params=${params# }"
# shellcheck disable=SC2086 # a list of NAME=VALUE words
insmod /kcxx/modules/kcxx_bench.ko $params || echo "insmod kcxx_bench failed"
rmmod kcxx_bench
