// SPDX-License-Identifier: GPL-2.0
/// \file
/// arm64's get_user()/put_user() for kcxx/uaccess.h: calls of C helpers
/// (bindings/helpers/user_mm.c) that expand the kernel's own macros.  Those
/// inline an ldtr/sttr with an exception-table entry, a masked pointer
/// (uaccess_mask_ptr) and, with CONFIG_ARM64_SW_TTBR0_PAN, the TTBR0
/// switch around the access: formats and sequences that are the kernel's
/// internals (the exception table's entry types change between releases),
/// so C++ does not repeat them.  Included by kcxx/uaccess.h only.
#pragma once

#include <kcxx/arch/uaccess_helpers.h>
