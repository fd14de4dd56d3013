// SPDX-License-Identifier: GPL-2.0
/// \file
/// riscv64's get_user()/put_user() for kcxx/uaccess.h: calls of C helpers
/// (bindings/helpers/user_mm.c) that expand the kernel's own macros, as on
/// arm64 (kcxx/arch/arm64/uaccess.h).  Those inline the access between
/// __enable_user_access()/__disable_user_access() (csrs/csrc of
/// sstatus.SUM) with an exception-table entry (_ASM_EXTABLE_UACCESS_ERR_ZERO):
/// formats that are the kernel's internals, so C++ does not repeat them.
/// Included by kcxx/uaccess.h only.
#pragma once

#include <kcxx/arch/uaccess_helpers.h>
