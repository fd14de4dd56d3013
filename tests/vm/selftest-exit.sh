# Self-test: a non-zero exit status must fail the run.
echo "exiting with status 3"
exit 3
