/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: doubly linked lists (include/linux/list.h).
 *
 * The list operations are static inlines; the helpers run them as the
 * kernel's C does, with CONFIG_DEBUG_LIST's corruption checks when the
 * kernel has them (Debian's do).  struct list_head is mirrored in C++
 * (include/kcxx/bindings.h).
 */
#ifndef KCXX_BINDINGS_LIST_H
#define KCXX_BINDINGS_LIST_H

KCXX_BINDINGS_BEGIN

struct list_head;

/* list_add(entry, head): entry goes right after head. */
void kcxx_helper_list_add(struct list_head *entry, struct list_head *head);
/* list_add_tail(entry, head): entry goes right before head. */
void kcxx_helper_list_add_tail(struct list_head *entry, struct list_head *head);
/* list_del_init(entry): unlinks entry and points it at itself. */
void kcxx_helper_list_del_init(struct list_head *entry);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_LIST_H */
