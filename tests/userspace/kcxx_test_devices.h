/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The devices of tests/kernel/miscdevice (kcxx_misc_devices.ko), which test
 * kcxx::miscdevice's defaults and lifetime rules from user space:
 *
 *   /dev/kcxx-test-stream     read only ("stream\n" each time); no llseek,
 *                             write, ioctl or poll: the kernel's defaults
 *   /dev/kcxx-test-noop       Seek::noop: lseek succeeds, nothing moves
 *   /dev/kcxx-test-exclusive  a second open fails with EBUSY
 *   /dev/kcxx-test-control    ioctls that create and destroy
 *   /dev/kcxx-test-victim     (read: 'V's); destroying it waits for its
 *                             open files
 *   /dev/kcxx-test-shared     (read: "S<reads so far>\n"); open() returns
 *                             an Arc: destroying it does not wait, its
 *                             open files keep the shared object alive
 *                             (SHARED_DESTROYED: how many were destroyed)
 */
#ifndef KCXX_TEST_DEVICES_H
#define KCXX_TEST_DEVICES_H

#include <linux/ioctl.h>

#define KCXX_TEST_CREATE_VICTIM _IO('t', 1)
#define KCXX_TEST_DESTROY_VICTIM _IO('t', 2)
#define KCXX_TEST_CREATE_SHARED _IO('t', 3)
#define KCXX_TEST_DESTROY_SHARED _IO('t', 4)
#define KCXX_TEST_SHARED_DESTROYED _IO('t', 5)
#define KCXX_TEST_CREATE_KEEPER _IO('t', 6)
#define KCXX_TEST_DESTROY_KEEPER _IO('t', 7)

#endif /* KCXX_TEST_DEVICES_H */
