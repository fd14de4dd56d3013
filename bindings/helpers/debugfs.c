// SPDX-License-Identifier: GPL-2.0
/* kcxx bindings: debugfs write files (see kcxx_bindings/debugfs.h). */

static ssize_t kcxx_debugfs_write(struct file *file, const char __user *ubuf, size_t count,
				  loff_t *ppos)
{
	struct kcxx_debugfs_write_handler *handler = file->private_data;
	char text[KCXX_DEBUGFS_WRITE_MAX + 1];
	int ret;

	if (count > KCXX_DEBUGFS_WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(text, ubuf, count))
		return -EFAULT;
	text[count] = '\0';
	ret = handler->write(handler, text, count);
	if (ret < 0)
		return ret;
	*ppos += count;
	return count;
}

static const struct file_operations kcxx_debugfs_write_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = kcxx_debugfs_write,
	.llseek = noop_llseek,
};

struct dentry *kcxx_helper_debugfs_create_write_file(const char *name, umode_t mode,
						     struct dentry *parent,
						     struct kcxx_debugfs_write_handler *handler)
{
	return debugfs_create_file(name, mode, parent, handler, &kcxx_debugfs_write_fops);
}
