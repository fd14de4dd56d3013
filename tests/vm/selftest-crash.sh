# Self-test: a kernel crash must fail the run, and end it at once
# (panic=-1 with -no-reboot), long before the timeout.
echo c >/proc/sysrq-trigger
sleep 600
