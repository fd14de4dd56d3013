# SPDX-License-Identifier: GPL-2.0
# Guest script: the ASIX PHY driver in C++ (drivers/cphy_ax88796b) against
# Debian's C ax88796b, on the software MDIO bus of tests/kernel/mdio_sim
# (three PHYs: AX88772A at 1, AX88772C at 2, AX88796B at 3, each with a
# network device to attach to; docs/phy.md).
#
# One scenario runs twice in this boot, once with each driver: the bus
# scan; the driver's load, with the AX88772A's first probe failing on a
# read error, then its bind; per PHY attach and start, link down and up, a
# 10 Mb/s link partner (the cable moved), a partner that leaves LPA 0 (the AX88772A quirk),
# forced 10/half and 100/full, autonegotiation again, stop, a read error
# under ethtool's restart of autonegotiation, suspend with a read error and
# without, resume, start, system sleep (pm_test=devices: the PM core
# suspends and resumes every PHY); on the AX88772A a read error inside its
# link-change reset; detach, attach with a read error; then per PHY unbind,
# bind, attach; the driver's unload while a PHY is attached (refused)
# and while bound (unbinds), and its load with the PHYs present.  After
# each step the bus's register-access trace since the previous step and
# each PHY's state (phylib's state, link, speed, duplex, autoneg, suspended,
# the carrier, the errors of the step's commands) are kept; then the two
# runs are compared step by step: trace for trace, state for state.  The
# PHY state machine runs only when the script says (no polling), so both
# traces are exact; only in system sleep, where the PM core resumes one PHY
# while the state machine its resume queued for another may run, is the
# interleaving of PHYs arbitrary: there each PHY's accesses are compared in
# their order, PHY by PHY.  A read error where phylib's state machine would see
# it is not injected: phylib answers it with a WARN (phy_error()), which
# this harness counts as a failure whatever the driver.
#
# On the debug kernel (KCXX_KERNEL=6.12-debug) only the C++ driver runs the
# scenario, its per-PHY steps on the AX88772A only (under KASAN, lockdep,
# KFENCE, kmemleak), then every allocation of its probe of the AX88772A (a
# sysfs bind) is failed in turn (tests/userspace/fault_sweep); nothing may
# report or leak.
# Modules: kcxx_mdio_sim.ko cphy_ax88796b.ko, --kmod ax88796b; debug:
# files: fault_sweep.
. /kcxx/lib/ktap.sh
M=/kcxx/modules
D=/sys/kernel/debug/kcxx_mdio_sim
BUS=/sys/bus/mdio_bus

name_of() {
	case $1 in
	1) echo "Asix Electronics AX88772A" ;;
	2) echo "Asix Electronics AX88772C" ;;
	3) echo "Asix Electronics AX88796B" ;;
	esac
}

load_drv() {
	if [ "$1" = ax88796b ]; then modprobe ax88796b; else insmod $M/cphy_ax88796b.ko; fi
}

# note TEXT: a line in the current step's state file.
note() { echo "$*" >> "$out/pending"; }

# cmd ARGS: a command of the simulator; its error (if any) goes into the
# step's state.  No subshell: forks are slow on the debug kernel.
cmd() {
	if ! { echo "$*" > $D/ctl; } 2> $out/err; then
		read -r err < $out/err
		note "$* -> ${err##*: }"
	fi
}

# sysfs_write FILE VALUE: likewise for a sysfs write.
sysfs_write() {
	if ! { echo "$2" > "$1"; } 2> $out/err; then
		read -r err < $out/err
		note "${1##*/} $2 -> ${err##*: }"
	fi
}

# snap NAME: the end of a step.
snap() {
	n=$((n + 1))
	case $n in ?) f=$out/0$n-$1 ;; *) f=$out/$n-$1 ;; esac
	if [ -d $D ]; then
		cat $D/trace > "$f.trace"
		echo > $D/trace
		cat $D/state "$out/pending" > "$f.state"
	else
		: > "$f.trace"
		cat "$out/pending" > "$f.state"
		echo "no simulator" >> "$f.state"
	fi
	: > "$out/pending"
	steps="$steps ${f##*/}"
}

scenario() {
	drv=$1
	out=/tmp/$drv
	mkdir -p $out
	: > $out/pending
	n=0
	steps=
	insmod $M/kcxx_mdio_sim.ko || note "loading kcxx_mdio_sim failed"
	snap bus-scan
	# The first probe of the AX88772A fails: its BMSR read (phylib reads
	# the abilities).
	cmd fail 1 1 1
	load_drv $drv || note "loading $drv failed"
	cmd fail 1 1 0
	if [ -w /sys/power/pm_test ]; then
		echo 0 > /sys/module/suspend/parameters/pm_test_delay
		echo devices > /sys/power/pm_test
	fi
	snap probe
	sysfs_write "$BUS/drivers/$(name_of 1)/bind" kcxx-sim:01; snap bind-after-failed-probe
	for a in $phys; do
		cmd attach $a; cmd start $a; snap $a-autoneg
		cmd link $a 0; cmd kick $a; snap $a-link-down
		cmd link $a 1; cmd kick $a; snap $a-link-up
		# Another link partner: the cable moves to it.
		cmd link $a 0; cmd kick $a; cmd partner $a 0x0061; cmd link $a 1; cmd kick $a
		snap $a-partner-10
		cmd link $a 0; cmd kick $a; cmd partner $a 0x05e1; cmd lpa_zero $a 1; cmd link $a 1
		cmd kick $a; snap $a-lpa-zero
		cmd lpa_zero $a 0; cmd force $a 10 half; cmd kick $a; snap $a-forced-10-half
		cmd force $a 100 full; cmd kick $a; snap $a-forced-100-full
		cmd aneg $a; cmd kick $a; snap $a-autoneg-again
		cmd stop $a; snap $a-stop
		# Stopped: ethtool restarts autonegotiation itself (started, 6.12
		# hands it to the state machine, which WARNs on the error).
		cmd fail $a 32 1; cmd aneg $a; cmd fail $a 32 0; snap $a-aneg-read-error
		# Stopping suspended the PHY (on 6.12): resume it first.
		cmd resume $a; snap $a-resume-stopped
		cmd fail $a 0 1; cmd suspend $a; cmd fail $a 0 0; snap $a-suspend-read-error
		cmd suspend $a; snap $a-suspend
		cmd resume $a; snap $a-resume
		cmd start $a; snap $a-restart
		# System sleep through the PM core (phylib's mdio_bus_phy_suspend
		# and _resume for every PHY on the bus; resume re-initialises the
		# PHY and queues the state machine of an attached one).
		if [ -w /sys/power/pm_test ]; then
			sysfs_write /sys/power/state freeze; cmd settle $a; snap $a-system-sleep
		fi
		if [ $a = 1 ]; then
			# The AX88772A resets itself when the link goes down: its
			# soft reset's BMCR read (the second BMCR read) fails.
			cmd fail $a 0 1 1; cmd link $a 0; cmd kick $a; cmd fail $a 0 0
			snap $a-notify-read-error
			cmd link $a 1; cmd kick $a; snap $a-notify-recovered
		fi
		cmd detach $a; snap $a-detach
		cmd fail $a 0 1; cmd attach $a; cmd fail $a 0 0; snap $a-attach-read-error
		cmd detach $a; snap $a-detach-again
	done
	for a in $phys; do
		dir="$BUS/drivers/$(name_of $a)"
		sysfs_write "$dir/unbind" kcxx-sim:0$a; snap $a-unbind
		sysfs_write "$dir/bind" kcxx-sim:0$a; snap $a-bind
		cmd attach $a; cmd start $a; snap $a-attach-after-rebind
		cmd detach $a; snap $a-detach-after-rebind
	done
	cmd attach 2; cmd start 2
	rmmod $drv 2>/dev/null; note "rmmod while attached: $?"
	snap unload-while-attached
	cmd detach 2
	rmmod $drv 2>/dev/null; note "rmmod while bound: $?"
	snap unload-while-bound
	load_drv $drv || note "loading $drv again failed"
	snap load-with-phys
	rmmod kcxx_mdio_sim || note "unloading kcxx_mdio_sim failed"
	rmmod $drv || note "unloading $drv failed"
	grep -q "^$drv " /proc/modules && note "$drv still loaded"
	echo "$steps" > $out/steps
}

# expect STEP ADDR TEXT: the state line of PHY ADDR after STEP contains TEXT
# (for both drivers: the simulator and the oracle behave as they should).
expect() {
	for drv in $drivers; do
		f=$(ls /tmp/$drv/*-$1.state 2>/dev/null | head -1)
		if [ -n "$f" ] && grep "^$2 " "$f" | grep -qF -- "$3"; then
			ktap_ok "$drv: after $1, PHY $2 has $3"
		else
			ktap_not_ok "$drv: after $1, PHY $2 has $3" "$(grep "^$2 " "$f" 2>/dev/null)"
		fi
	done
}

ktap_begin

ktap_run "the aliases of cphy_ax88796b are ax88796b's" \
	sh -c "[ \"\$(modinfo -F alias ax88796b | sort)\" = \"\$(modinfo -F alias $M/cphy_ax88796b.ko | sort)\" ] && [ -n \"\$(modinfo -F alias ax88796b)\" ]"

# The debug kernel runs the C++ driver's scenario only (its KASAN, lockdep,
# KFENCE and kmemleak checks; the two drivers were compared on 6.1 and
# 6.12, from the same sources), and the per-PHY steps on the AX88772A only
# (the PHY that uses every operation of the driver), in budget.
drivers="ax88796b cphy_ax88796b"
phys="1 2 3"
if [ "${KCXX_KERNEL:-}" = 6.12-debug ] || [ "${KCXX_KERNEL:-}" = 6.12-clang ]; then
	drivers=cphy_ax88796b
	phys=1
fi
for drv in $drivers; do
	scenario $drv
done

expect probe 1 'bound="none" driver="Asix Electronics AX88772A"'
expect probe 3 'bound="Asix Electronics AX88796B" driver="Asix Electronics AX88796B" state=READY'
expect bind-after-failed-probe 1 'bound="Asix Electronics AX88772A" driver="Asix Electronics AX88772A" state=READY'
for a in $phys; do
	expect $a-autoneg $a 'state=RUNNING link=1 speed=100 duplex=1 autoneg=1 aneg_complete=1'
	expect $a-link-down $a 'state=NOLINK link=0'
	expect $a-link-up $a 'state=RUNNING link=1 speed=100 duplex=1'
	expect $a-partner-10 $a 'link=1 speed=10 duplex=1'
	expect $a-forced-10-half $a 'link=1 speed=10 duplex=0 autoneg=0'
	expect $a-forced-100-full $a 'link=1 speed=100 duplex=1 autoneg=0'
	expect $a-stop $a "state=HALTED"
	expect $a-restart $a 'state=RUNNING link=1 speed=100 duplex=1'
	expect $a-attach-after-rebind $a 'state=RUNNING link=1'
	[ -w /sys/power/pm_test ] && expect $a-system-sleep $a 'state=RUNNING link=1 speed=100 duplex=1'
done
# The AX88772A's quirk: with LPA 0 the link is still 100/full (from BMCR).
expect 1-lpa-zero 1 'link=1 speed=100 duplex=1'
expect 1-suspend 1 'suspended=1'
[ "$phys" = 1 ] || expect 2-suspend 2 'suspended=1'
expect 1-suspend-read-error 'suspend 1' 'suspend 1 -> Input/output error'
expect 1-attach-read-error 'attach 1' 'attach 1 -> Input/output error'
expect unload-while-attached 'rmmod while attached:' 'rmmod while attached: 1'
expect unload-while-bound 'rmmod while bound:' 'rmmod while bound: 0'
expect unload-while-bound 1 'bound="none"'
expect load-with-phys 1 'bound="Asix Electronics AX88772A"'

# per_phy TRACE: the trace's accesses and link adjustments of PHY 1, then
# of PHY 2, then of PHY 3, each in its order.
per_phy() {
	for a in 1 2 3; do
		grep -e "^[RWE] $a " -e "^# adjust_link $a " "$1"
	done
}

# The comparison, step by step.
if [ "$drivers" = "ax88796b cphy_ax88796b" ]; then
	steps_c=$(cat /tmp/ax88796b/steps)
	steps_cxx=$(cat /tmp/cphy_ax88796b/steps)
	if [ "$steps_c" != "$steps_cxx" ]; then
		ktap_not_ok "both runs have the same steps" "$steps_c / $steps_cxx"
	fi
	for s in $steps_c; do
		for kind in trace state; do
			c=/tmp/ax88796b/$s.$kind cxx=/tmp/cphy_ax88796b/$s.$kind
			case $s.$kind in *-system-sleep.trace)
				# The PM core resumes one PHY while the state
				# machine of another (queued by its resume) may
				# run: each PHY's accesses in order, PHY by PHY.
				per_phy "$c" > "$c.per-phy"; c=$c.per-phy
				per_phy "$cxx" > "$cxx.per-phy"; cxx=$cxx.per-phy
			esac
			if cmp -s "$c" "$cxx"; then
				ktap_ok "$s: same $kind ($(grep -c '^[RWE]' "$c") accesses)"
			else
				ktap_not_ok "$s: same $kind" "$(diff "$c" "$cxx" | head -40)"
			fi
		done
	done
	total=$(cat /tmp/ax88796b/*.trace | grep -c '^[RWE]')
	ktap_diag "register accesses per run: $total; steps: $(echo $steps_c | wc -w)"
fi

# The debug kernel: every allocation of cphy_ax88796b's probe of the
# AX88772A (a sysfs bind) failed in turn (tests/userspace/fault_sweep, as
# tests/vm/fault_injection.sh does for kcxx_edu and cnvme).
S=/kcxx/files/fault_sweep
F=/sys/kernel/debug
if [ "${KCXX_KERNEL:-}" = 6.12-debug ] || [ "${KCXX_KERNEL:-}" = 6.12-clang ]; then
	if [ ! -d $F/failslab ] || [ ! -x $S ]; then
		ktap_not_ok "failslab_and_fail_page_alloc/probe_cphy_ax88796b" "no fault injection or no $S"
	elif ! insmod $M/kcxx_mdio_sim.ko || ! insmod $M/cphy_ax88796b.ko; then
		ktap_not_ok "failslab_and_fail_page_alloc/probe_cphy_ax88796b" "the modules do not load"
	else
		printk_level=$(cut -f1 /proc/sys/kernel/printk)
		echo 1 > /proc/sys/kernel/printk
		for f in failslab fail_page_alloc; do
			echo 2 > $F/$f/verbose
			echo 0 > $F/$f/verbose_ratelimit_interval_ms
			echo 0 > $F/$f/probability
		done
		echo N > $F/failslab/ignore-gfp-wait
		echo N > $F/fail_page_alloc/ignore-gfp-wait
		echo 0 > $F/fail_page_alloc/min-order
		drv="Asix Electronics AX88772A"
		echo kcxx-sim:01 > "$BUS/drivers/$drv/unbind"
		ktap_diag "failslab and fail_page_alloc: cphy_ax88796b's probe of kcxx-sim:01"
		$S bind "$drv" mdio_bus kcxx-sim:01
		ktap_result $? "failslab_and_fail_page_alloc/probe_cphy_ax88796b"
		echo Y > $F/fail_page_alloc/ignore-gfp-wait
		echo 1 > $F/fail_page_alloc/min-order
		echo "$printk_level" > /proc/sys/kernel/printk
		rmmod cphy_ax88796b
		ktap_result $? "cphy_ax88796b unloads after the sweep"
		rmmod kcxx_mdio_sim
		ktap_result $? "kcxx_mdio_sim unloads after the sweep"
	fi
fi

ktap_end
