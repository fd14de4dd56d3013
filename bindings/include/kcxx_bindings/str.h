/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: formatting into buffers (lib/vsprintf.c, exported).
 */
#ifndef KCXX_BINDINGS_STR_H
#define KCXX_BINDINGS_STR_H

KCXX_BINDINGS_BEGIN

/* Returns the length the whole output needs, not counting the NUL. */
int snprintf(char *buf, kcxx_size_t size, const char *fmt, ...) KCXX_PRINTF(3, 4);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_STR_H */
