# SPDX-License-Identifier: GPL-2.0
# Guest script (debug kernel only, tests/vm/suites.debug): every sample
# module and kcxx_misc_devices (a test module that loads without running a
# test suite) loaded and unloaded LOOPS times (init_module/delete_module from
# tests/userspace/fault_sweep: no fork or exec per cycle).  Slab usage must
# come back to its baseline and kmemleak must find nothing.
#
# Measurement: after one warm-up cycle, and after the loop, RCU-deferred
# frees are given a second to finish; then 'fault_sweep slabinfo' shrinks
# every slab cache (/sys/kernel/slab/*/shrink: frees empty slabs and drains
# KASAN's quarantine of that cache, which otherwise holds up to 1/32 of
# memory in freed objects) and reads each cache's active objects from
# /proc/slabinfo, with nothing freed in between (tests/userspace/
# fault_sweep.c says why that matters: a shell loop over the shrink files
# left 100-260 objects of its own in the quarantine of filp and kmalloc-*,
# and CI failed on it: kmalloc-32 +216 after 400 cycles, kmemleak clean).
# The noise left, measured with nothing loaded in between: kmalloc-128
# +-121 (flips between snapshots), kmemleak_object +-140 (kmemleak's own
# metadata, which mirrors every other cache and is not checked), others
# under 10.  /proc/meminfo Slab/SUnreclaim are compared as well.
# A failure prints the allocation sites of the caches that grew when the VM
# booted with slub_debug=U (--append=slub_debug=U on the rerun command).
# LOOPS is 400 (was 1000: 55-90 s per module on the debug kernel; a leak of
# one object per cycle still shows as 400 objects in one cache).
# Tolerance: a leak of one object per cycle adds LOOPS objects to some cache;
# the check fails when any cache but kmemleak's gained LOOPS/2 active
# objects or more (the noise above is at most 121), or
# SUnreclaim grew by more than TOL_KB.  TOL_KB (256) is the noise of the
# measurement itself (kmemleak's metadata, the shell), a few tens of KB
# here, with margin; a leak of a 256-byte object per cycle already exceeds
# it.
# Modules: hello.ko kcxx_misc.ko qr_panic.ko kcxx_misc_devices.ko;
# files: fault_sweep.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
S=/kcxx/files/fault_sweep
LOOPS=${KCXX_LOAD_LOOPS:-400}
TOL_KB=256

meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }

settle() { sleep 1; }

# snapshot FILE: "cache active_objects" per line, every cache shrunk first
snapshot() {
	if [ -r /proc/slabinfo ]; then
		$S slabinfo | sort > "$1"
	else
		: > "$1"
	fi
}

# Two boots (tests/vm/suites.debug): load_loop_1 hello and kcxx_misc,
# load_loop_2 qr_panic and kcxx_misc_devices; any other suite name runs all.
case ${KCXX_SUITE:-} in
load_loop_1) mods="hello kcxx_misc" ;;
load_loop_2) mods="qr_panic kcxx_misc_devices" ;;
*) mods="hello kcxx_misc qr_panic kcxx_misc_devices" ;;
esac
# Unloading waits for RCU grace periods (synchronize_rcu in the module
# loader); expedited ones cut a cycle's time without changing its work.
[ -w /sys/kernel/rcu_expedited ] && echo 1 > /sys/kernel/rcu_expedited

ktap_begin
for mod in $mods; do
	ko=$M/$mod.ko
	# warm-up cycle: first-use allocations (module loader caches, sysfs)
	insmod $ko && rmmod $mod
	settle
	snapshot /tmp/slab0
	slab0=$(meminfo Slab)
	sunr0=$(meminfo SUnreclaim)
	$S loop $mod $ko "$LOOPS"
	ktap_result $? "$mod: $LOOPS load/unload cycles"
	settle
	snapshot /tmp/slab1
	slab1=$(meminfo Slab)
	sunr1=$(meminfo SUnreclaim)
	ktap_diag "$mod: Slab ${slab0} kB -> ${slab1} kB ($((slab1 - slab0)) kB)," \
		"SUnreclaim ${sunr0} kB -> ${sunr1} kB ($((sunr1 - sunr0)) kB)"
	# Caches whose active objects changed, largest growth first.
	awk 'NR == FNR { a[$1] = $2; next } $2 != a[$1] { print $2 - a[$1], $1, a[$1] + 0, $2 }' \
		/tmp/slab0 /tmp/slab1 | sort -rn > /tmp/slabdiff
	head -n 5 /tmp/slabdiff | while read -r d c a b; do
		ktap_diag "$mod: slabinfo $c: $a -> $b active objects ($d)"
	done
	grow=$(awk -v lim=$((LOOPS / 2)) '$1 >= lim && $2 !~ /^kmemleak_/' /tmp/slabdiff)
	if [ -z "$grow" ] && [ $((sunr1 - sunr0)) -le $TOL_KB ]; then
		ktap_ok "$mod: slab usage back to its baseline"
	else
		ktap_not_ok "$mod: slab usage back to its baseline" "grew: $grow"
		# Who allocated the objects of the caches that grew (most first).
		echo "$grow" | while read -r d c a b; do
			t=/sys/kernel/debug/slab/$c/alloc_traces
			[ -r "$t" ] || continue
			ktap_diag "$c: allocation sites of its $b objects ($t):"
			head -n 40 "$t" | while IFS= read -r line; do ktap_diag "  $line"; done
		done
	fi
done

ktap_kmemleak_final "kmemleak finds nothing after the loops"
ktap_end
