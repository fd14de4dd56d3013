# KTAP output for userspace checks in a kcxx test VM: source /kcxx/lib/ktap.sh
# (busybox sh). Lets a shell test report cases the way KUnit and kernel test
# modules do, so tools/vm/run counts them alike.
#
#   ktap_begin [N]            start a document (top level, or nested inside a
#                             suite); N = planned cases, else the plan is
#                             printed by ktap_end
#   ktap_suite_begin NAME [N] start a nested suite (a subtest document)
#   ktap_suite_end            end it: prints the suite's own result line in the
#                             parent (not ok if any case in it failed)
#   ktap_ok NAME              a passing case
#   ktap_not_ok NAME [MSG]    a failing case (MSG printed as a diagnostic)
#   ktap_skip NAME REASON     a skipped case (ok N NAME # SKIP REASON)
#   ktap_result RC NAME       ok if RC is 0, else not ok
#   ktap_run NAME CMD [ARG]...  run CMD; its output becomes diagnostics, its
#                             exit status the result
#   ktap_diag MSG...          a diagnostic line (# MSG)
#   ktap_expect_log NAME TEXT ok if a kernel log line contains TEXT
#   ktap_skip_all REASON      a document with no cases (1..0 # SKIP REASON)
#   ktap_kmemleak_final NAME  the script's last step: a case, ok if kmemleak
#                             (debug kernels) reports nothing; skipped
#                             without kmemleak
#   ktap_end                  end the top-level document; prints the totals;
#                             returns 1 if any case failed
#
# Example:
#   . /kcxx/lib/ktap.sh
#   ktap_begin 2
#   ktap_run "null_blk loads" modprobe null_blk
#   ktap_suite_begin nullb0 1
#   ktap_result $([ -b /dev/nullb0 ]; echo $?) "device exists"
#   ktap_suite_end
#   ktap_end

_ktap_depth=0
_ktap_ind=""
_ktap_n_0=0
_ktap_plan_0=""
_ktap_fail_0=0
_ktap_pass=0
_ktap_failed=0
_ktap_skipped=0

_ktap_set_indent() {
	_ktap_ind=""
	_i=0
	while [ "$_i" -lt "$_ktap_depth" ]; do
		_ktap_ind="$_ktap_ind    "
		_i=$((_i + 1))
	done
}

_ktap_get() { eval "echo \"\${_ktap_$1_$_ktap_depth}\""; }
_ktap_put() { eval "_ktap_$1_$_ktap_depth=\"\$2\""; }

ktap_expect_log() {
	if dmesg | grep -qF -- "$2"; then
		ktap_ok "$1"
	else
		ktap_not_ok "$1" "no kernel log line contains: $2"
	fi
}

ktap_diag() {
	printf '%s# %s\n' "$_ktap_ind" "$*"
}

# _ktap_line ok|not_ok|skip NAME [REASON]
_ktap_line() {
	_n=$(($(_ktap_get n) + 1))
	_ktap_put n "$_n"
	case "$1" in
	ok)
		printf '%sok %d %s\n' "$_ktap_ind" "$_n" "$2"
		_ktap_pass=$((_ktap_pass + 1)) ;;
	skip)
		printf '%sok %d %s # SKIP %s\n' "$_ktap_ind" "$_n" "$2" "$3"
		_ktap_skipped=$((_ktap_skipped + 1)) ;;
	*)
		printf '%snot ok %d %s\n' "$_ktap_ind" "$_n" "$2"
		_ktap_put fail $(($(_ktap_get fail) + 1))
		_ktap_failed=$((_ktap_failed + 1)) ;;
	esac
}

ktap_begin() {
	printf '%sKTAP version 1\n' "$_ktap_ind"
	_ktap_put n 0
	_ktap_put fail 0
	_ktap_put plan "${1:-}"
	[ -n "${1:-}" ] && printf '%s1..%d\n' "$_ktap_ind" "$1"
	return 0
}

ktap_suite_begin() {
	_ktap_put name_next "$1"
	_ktap_depth=$((_ktap_depth + 1))
	_ktap_set_indent
	printf '%sKTAP version 1\n' "$_ktap_ind"
	printf '%s# Subtest: %s\n' "$_ktap_ind" "$1"
	_ktap_put n 0
	_ktap_put fail 0
	_ktap_put plan "${2:-}"
	_ktap_put name "$1"
	_ktap_put start "$(_ktap_uptime)"
	[ -n "${2:-}" ] && printf '%s1..%d\n' "$_ktap_ind" "$2"
	return 0
}

# Guest seconds since boot, to a tenth: ktap_suite_end reports how long
# each suite took (where the time of a VM suite goes: tests/vm/durations).
_ktap_uptime() { read -r _up _ < /proc/uptime; echo "${_up%?}"; }

ktap_suite_end() {
	[ "$_ktap_depth" -gt 0 ] || { echo "ktap_suite_end: no open suite" >&2; return 1; }
	_f=$(_ktap_get fail)
	_cnt=$(_ktap_get n)
	_t0=$(_ktap_get start)
	_t1=$(_ktap_uptime)
	# Tenths of a second: busybox sh has integer arithmetic only.  Not the
	# digits run together: "0.9" would be 09, which trixie's busybox (the
	# riscv64 guest's) rejects as an octal number.
	_dt=$(( ${_t1%.*} * 10 + ${_t1#*.} - ${_t0%.*} * 10 - ${_t0#*.} ))
	ktap_diag "$(_ktap_get name): $((_dt / 10)).$((_dt % 10)) s"
	[ -z "$(_ktap_get plan)" ] && printf '%s1..%d\n' "$_ktap_ind" "$_cnt"
	_ktap_depth=$((_ktap_depth - 1))
	_ktap_set_indent
	_name=$(_ktap_get name_next)
	_n=$(($(_ktap_get n) + 1))
	_ktap_put n "$_n"
	if [ "$_f" -gt 0 ]; then
		printf '%snot ok %d %s\n' "$_ktap_ind" "$_n" "$_name"
		_ktap_put fail $(($(_ktap_get fail) + 1))
	else
		printf '%sok %d %s\n' "$_ktap_ind" "$_n" "$_name"
	fi
}

ktap_ok() { _ktap_line ok "$1"; }
ktap_not_ok() {
	_ktap_line not_ok "$1"
	shift
	[ $# -gt 0 ] && ktap_diag "$*"
	return 0
}
ktap_skip() { _ktap_line skip "$1" "${2:-skipped}"; }

ktap_result() {
	if [ "$1" = 0 ]; then ktap_ok "$2"; else ktap_not_ok "$2" "exit status $1"; fi
}

ktap_run() {
	_name=$1
	shift
	_out=$("$@" 2>&1)
	_rc=$?
	[ -n "$_out" ] && printf '%s\n' "$_out" | while IFS= read -r _l; do ktap_diag "$_l"; done
	ktap_result "$_rc" "$_name"
	return "$_rc"
}

ktap_skip_all() {
	printf '%sKTAP version 1\n' "$_ktap_ind"
	printf '%s1..0 # SKIP %s\n' "$_ktap_ind" "$*"
}

ktap_end() {
	[ -z "$(_ktap_get plan)" ] && printf '%s1..%d\n' "$_ktap_ind" "$(_ktap_get n)"
	ktap_diag "totals: pass:$_ktap_pass fail:$_ktap_failed skip:$_ktap_skipped"
	[ "$_ktap_failed" = 0 ]
}

# ktap_kmemleak_final NAME: kmemleak scans (objects younger than 5 s are not
# reported: it waits that long first) and the case NAME is ok if it reports
# nothing; a report is printed, and fails the run in the harness too.  The
# last thing a script does: the guest's init then skips its own scan after
# the script, which would be the same work again (20-25 s on the debug
# kernel).
ktap_kmemleak_final() {
	_kml=/sys/kernel/debug/kmemleak
	if [ -w $_kml ]; then
		sleep 5
		echo scan > $_kml
		_leaks=$(grep -c "^unreferenced" $_kml)
		ktap_diag "kmemleak: $_leaks suspect(s)"
		[ "$_leaks" = 0 ] || cat $_kml
		ktap_result $([ "$_leaks" = 0 ]; echo $?) "$1"
		: > /tmp/.kcxx-kmemleak-final
	else
		ktap_skip "$1" "no kmemleak"
	fi
}
