/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: configfs (include/linux/configfs.h, fs/configfs/,
 * exported by configfs.ko).
 *
 * Only declarations of exported functions: C++ calls them directly.  No
 * helper in bindings/helpers.c may call into configfs, because every kcxx
 * module links helpers.c, and a reference there would make every kcxx
 * module depend on configfs.ko.  A module that uses kcxx/configfs.h imports
 * these symbols itself (modinfo: depends=configfs).
 *
 * The structs that C++ builds as constants (configfs_attribute,
 * config_item_type, configfs_item_operations, configfs_group_operations)
 * are mirrored in include/kcxx/configfs.h and checked against
 * bindings/layout.c; configfs_group_operations differs between 6.1
 * (commit_item) and 6.12 (is_visible, is_bin_visible), so it is a table of
 * slots at the offsets layout.c reports.  config_group and
 * configfs_subsystem are embedded by size only (KernelStruct).
 */
#ifndef KCXX_BINDINGS_CONFIGFS_H
#define KCXX_BINDINGS_CONFIGFS_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(config_item);
KCXX_OPAQUE_STRUCT(config_group);
KCXX_OPAQUE_STRUCT(config_item_type);
KCXX_OPAQUE_STRUCT(configfs_subsystem);

/* fs/configfs/item.c, exported. */
int config_item_set_name(struct config_item *item, const char *fmt, ...) KCXX_PRINTF(2, 3);
void config_group_init_type_name(struct config_group *group, const char *name,
				 const struct config_item_type *type);
void config_item_put(struct config_item *item);

/* fs/configfs/dir.c, exported. */
int configfs_register_subsystem(struct configfs_subsystem *subsys);
void configfs_unregister_subsystem(struct configfs_subsystem *subsys);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_CONFIGFS_H */
