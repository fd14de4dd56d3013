# Self-test: a KTAP "not ok" must fail the run although the script exits 0.
. /kcxx/lib/ktap.sh
ktap_begin 2
ktap_ok "fine"
ktap_not_ok "expected_failure" "this case fails on purpose"
ktap_end
exit 0
