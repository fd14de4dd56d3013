// SPDX-License-Identifier: GPL-2.0
/* kcxx helpers: doubly linked lists (include/linux/list.h). */

void kcxx_helper_list_add(struct list_head *entry, struct list_head *head)
{
	list_add(entry, head);
}

void kcxx_helper_list_add_tail(struct list_head *entry, struct list_head *head)
{
	list_add_tail(entry, head);
}

void kcxx_helper_list_del_init(struct list_head *entry)
{
	list_del_init(entry);
}
