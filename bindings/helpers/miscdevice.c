// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for misc devices (kcxx_bindings/miscdevice.h). */

void kcxx_helper_wait_var_zero(int *counter)
{
	wait_var_event(counter, READ_ONCE(*counter) == 0);
}
