/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: debugfs (include/linux/debugfs.h).
 *
 * Directories are created and removed directly.  A file needs a struct
 * file_operations, which stays in C: kcxx_helper_debugfs_create_write_file()
 * makes a write-only file whose writes are copied into a small kernel buffer
 * (NUL-terminated) and handed to handler->write().
 */
#ifndef KCXX_BINDINGS_DEBUGFS_H
#define KCXX_BINDINGS_DEBUGFS_H

KCXX_BINDINGS_BEGIN

KCXX_OPAQUE_STRUCT(dentry);
KCXX_KERNEL_TYPE(kcxx_umode_t, umode_t, unsigned short);

/* fs/debugfs/inode.c, exported (GPL).  Both return an ERR_PTR on failure. */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
void debugfs_remove(struct dentry *dentry);

/* The longest write a write file takes, in bytes (longer: -EINVAL). */
#define KCXX_DEBUGFS_WRITE_MAX 63

/*
 * Embedded in the owner's object, which must outlive the file: debugfs
 * keeps a pointer to it.  write() gets the text and its length (at most
 * KCXX_DEBUGFS_WRITE_MAX) and returns 0 or a negative errno, which the
 * write(2) then returns.
 */
struct kcxx_debugfs_write_handler {
	int (*write)(struct kcxx_debugfs_write_handler *handler, const char *text,
		     kcxx_size_t len);
};

/* debugfs_create_file() with the helper's write-only file_operations. */
struct dentry *kcxx_helper_debugfs_create_write_file(const char *name, kcxx_umode_t mode,
						     struct dentry *parent,
						     struct kcxx_debugfs_write_handler *handler);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_DEBUGFS_H */
