# SPDX-License-Identifier: GPL-2.0
# Guest script: several suites' guest scripts in one boot (tests/vm/suites.debug,
# units_debug).  Runs every /kcxx/files/*.sh (--file tests/vm/SUITE.sh) in
# name order, each with KCXX_SUITE set to its suite's name, the way its own
# boot would run it; the status is not 0 if any script's was not.  Each
# script's KTAP (and the KTAP its test modules print) is its own top-level
# document, so the case names are the same as in a boot of its own.
#
# Why: on the debug kernel every boot costs 25-30 s before and after the
# script (boot with KASAN and kmemleak, then the 5 s wait and the kmemleak
# scan), more than the small test-module suites themselves take there.
# What it costs: a crash in one script ends the boot, so the scripts after
# it report nothing (the log says which one was running); a kernel report
# or a leak fails the whole group - the report's stack names the module.
# The same suites run one per boot on 6.1 and 6.12, and one alone on the
# debug kernel with tools/vm/run --kernel 6.12-debug --script tests/vm/SUITE.sh
# and its modules (tests/vm/suites).
rc=0
for f in /kcxx/files/*.sh; do
	s=${f##*/}
	s=${s%.sh}
	echo "# group: suite $s (/kcxx/files/$s.sh)"
	echo "kcxx group: suite $s" > /dev/kmsg
	KCXX_SUITE=$s sh "$f" < /dev/null
	st=$?
	if [ $st -ne 0 ]; then
		echo "# group: suite $s: exit status $st"
		rc=1
	fi
done
exit $rc
