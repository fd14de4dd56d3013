/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kcxx bindings: files and file operations (include/linux/fs.h, poll.h),
 * as include/kcxx/file.h, poll.h and miscdevice.h use them.
 *
 * C++ never sees struct file, struct inode or struct file_operations: it
 * reaches the few fields it needs by offsets from bindings/layout.c, and
 * builds a file_operations table as an array of pointer-sized slots at the
 * members' offsets (their layout differs between 6.1 and 6.12).
 */
#ifndef KCXX_BINDINGS_FS_H
#define KCXX_BINDINGS_FS_H

KCXX_BINDINGS_BEGIN

KCXX_KERNEL_TYPE(kcxx_loff_t, loff_t, long long);
KCXX_KERNEL_TYPE(kcxx_ssize_t, ssize_t, long);
KCXX_KERNEL_TYPE(kcxx_poll_t, __poll_t, unsigned int);
KCXX_KERNEL_TYPE(kcxx_umode_t, umode_t, unsigned short);

KCXX_OPAQUE_STRUCT(file);
KCXX_OPAQUE_STRUCT(inode);
KCXX_OPAQUE_STRUCT(file_operations);
KCXX_OPAQUE_STRUCT(poll_table_struct);
KCXX_OPAQUE_STRUCT(wait_queue_head);

/* llseek implementations (fs/read_write.c), exported. */
kcxx_loff_t noop_llseek(struct file *file, kcxx_loff_t offset, int whence);
kcxx_loff_t default_llseek(struct file *file, kcxx_loff_t offset, int whence);
kcxx_loff_t generic_file_llseek_size(struct file *file, kcxx_loff_t offset, int whence,
				     kcxx_loff_t maxsize, kcxx_loff_t eof);
kcxx_loff_t fixed_size_llseek(struct file *file, kcxx_loff_t offset, int whence,
			      kcxx_loff_t size);
/* Clears FMODE_LSEEK/PREAD/PWRITE (fs/open.c), exported. */
int nonseekable_open(struct inode *inode, struct file *filp);

/* compat_ioctl for commands whose argument is a pointer (fs/ioctl.c). */
long compat_ptr_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/*
 * A wait queue that pollers may still be queued on goes away: wake them
 * with POLLFREE (kernel/sched/wait.c), then let an RCU grace period pass
 * (synchronize_rcu(), kcxx_bindings/sync.h) before the memory is freed.
 */
void __wake_up_pollfree(struct wait_queue_head *wq_head);

/* poll_wait() is a static inline (include/linux/poll.h). */
void kcxx_helper_poll_wait(struct file *filp, struct wait_queue_head *wait_address,
			   struct poll_table_struct *p);

KCXX_BINDINGS_END

#endif /* KCXX_BINDINGS_FS_H */
