# SPDX-License-Identifier: GPL-2.0
# Guest script: the harness runs code that another vCPU has just patched
# correctly.  The sched tracepoints (static keys, patched live with
# text_poke_bp's int3 protocol) are switched on and off while fork loops on
# every CPU run through the patched code.  Multi-threaded TCG (QEMU 7.2)
# can execute a stale translation of the old int3 after the patch is done:
# 'Oops: int3' (docs/vm-harness.md, "Why single-threaded TCG").
# Modules: none.  Run with --smp 2.
. /kcxx/lib/ktap.sh
T=/sys/kernel/tracing
[ -d $T/events ] || T=/sys/kernel/debug/tracing
event=$T/events/sched/enable
rounds=10

ktap_begin 2
cpus=$(grep -c ^processor /proc/cpuinfo)
if [ "$cpus" -ge 2 ]; then ktap_ok "two CPUs"; else ktap_not_ok "two CPUs (got $cpus; run with --smp 2)"; fi

sh -c 'while :; do /bin/true; done' &
busy0=$!
sh -c 'while :; do /bin/true; done' &
busy1=$!
i=0
while [ $i -lt $rounds ]; do
	echo 1 > $event
	echo 0 > $event
	i=$((i + 1))
done
kill $busy0 $busy1
# An Oops would have ended the VM (oops=panic) before this line.
ktap_ok "switched the sched tracepoints $rounds times while both CPUs ran through them"
