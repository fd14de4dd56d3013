// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: helpers for include/linux/poll.h (kcxx_bindings/fs.h). */

void kcxx_helper_poll_wait(struct file *filp, struct wait_queue_head *wait_address,
			   struct poll_table_struct *p)
{
	poll_wait(filp, wait_address, p);
}
