# Self-test: a script that never ends must be killed at --timeout and fail.
sleep 600
