# SPDX-License-Identifier: GPL-2.0
# Guest script: kcxx container suites (List, RBTree); kcxx_containers_test.ko
# prints its own KTAP when loaded.
# Modules: kcxx_containers_test.ko
M=/kcxx/modules
insmod $M/kcxx_containers_test.ko || echo "insmod kcxx_containers_test failed"
rmmod kcxx_containers_test
