#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Self-test host check (tools/vm/run --host-check): every screendump the
# harness saved is a PPM, and the log it was given is the run's.
echo "KTAP version 1"
n=0
for f in $KCXX_VM_SCREENDUMPS; do n=$((n + 1)); done
echo "1..$((n + 1))"
i=0
for f in $KCXX_VM_SCREENDUMPS; do
	i=$((i + 1))
	if [ "$(head -c 2 "$f" 2>/dev/null)" = P6 ]; then echo "ok $i $(basename "$f") is a PPM"
	else echo "not ok $i $(basename "$f") is a PPM"; fi
done
if grep -q "sysrq: Trigger a crash" "$KCXX_VM_LOG"; then echo "ok $((i + 1)) the log is the run's"
else echo "not ok $((i + 1)) the log is the run's"; fi
