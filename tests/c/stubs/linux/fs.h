/*
 * Stub header of the C harness (project-written): files, their operations and
 * the i_mmap lock.  The lock functions are harness callees (harness.c) that
 * record who holds i_mmap_rwsem.
 */
#ifndef STUB_LINUX_FS_H
#define STUB_LINUX_FS_H

#include <linux/types.h>

struct vm_area_desc;

struct address_space {
	int i_mmap_rwsem;
};

struct file_operations {
	int (*mmap_prepare)(struct vm_area_desc *desc);
};

struct file {
	const struct file_operations *f_op;
	struct address_space *f_mapping;
};

void i_mmap_lock_write(struct address_space *mapping);
void i_mmap_unlock_write(struct address_space *mapping);

/* The driver's mmap_prepare hook. */
static inline int vfs_mmap_prepare(struct file *file, struct vm_area_desc *desc)
{
	return file->f_op->mmap_prepare(desc);
}

#endif
