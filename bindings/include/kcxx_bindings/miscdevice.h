/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: misc character devices (include/linux/miscdevice.h).
 *
 * struct miscdevice is the same on 6.1 and 6.12; include/kcxx/miscdevice.h
 * mirrors it field by field, asserted against bindings/layout.c.
 */
#ifndef KCXX_BINDINGS_MISCDEVICE_H
#define KCXX_BINDINGS_MISCDEVICE_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(miscdevice);

/* drivers/char/misc.c, exported. */
int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

/*
 * Waiting for the last open file of a registration: the count is an int
 * that C++ changes with atomic builtins; the last release calls
 * wake_up_var() (kernel/sched/wait_bit.c, exported); wait_var_event() is
 * a macro.
 */
void wake_up_var(void *var);
void kcxx_helper_wait_var_zero(int *counter);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_MISCDEVICE_H */
