/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/* /dev/@NAME@'s ioctls, for user space (main.cpp has the same numbers). */
#ifndef @NAME_UPPER@_UAPI_H
#define @NAME_UPPER@_UAPI_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* The number of writes since the module was loaded. */
#define @NAME_UPPER@_GET_WRITES _IOR('k', 1, __u64)

#endif
