/* SPDX-License-Identifier: GPL-2.0 */
/* kcxx bindings: the kernel's own utsname (init_utsname()). */
#ifndef KCXX_BINDINGS_UTSNAME_H
#define KCXX_BINDINGS_UTSNAME_H

KCXX_BINDINGS_BEGIN

/* NUL-terminated, valid for the kernel's lifetime (init_uts_ns). */
const char *kcxx_helper_utsname_machine(void);
const char *kcxx_helper_utsname_release(void);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_UTSNAME_H */
