// SPDX-License-Identifier: GPL-2.0
/// \file
/// kcxx's blk-mq abstraction, in one include: requests (request.h), tag sets
/// and the driver operations (tag_set.h), disks and majors (gen_disk.h),
/// statuses and operations (status.h).  See drivers/cnull for a driver.
#pragma once

#include <kcxx/block/gen_disk.h>
#include <kcxx/block/request.h>
#include <kcxx/block/status.h>
#include <kcxx/block/tag_set.h>
