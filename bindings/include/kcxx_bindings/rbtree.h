/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: red-black trees (lib/rbtree.c, exported).
 *
 * struct rb_node and struct rb_root are mirrored in C++ (include/kcxx/
 * rbtree.h, checked against bindings/layout.c); rb_link_node, a static
 * inline of three stores, is written out there.
 */
#ifndef KCXX_BINDINGS_RBTREE_H
#define KCXX_BINDINGS_RBTREE_H

KCXX_BINDINGS_BEGIN

struct rb_node;
struct rb_root;

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);
void rb_replace_node(struct rb_node *victim, struct rb_node *new_node, struct rb_root *root);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_RBTREE_H */
