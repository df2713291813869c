/*
 * The kernel definitions the mmap_action code needs, for a user-space build.
 *
 * Copied from the kernel where the value matters (MAX_ERRNO, IS_ERR_VALUE,
 * errno numbers, enum mmap_action_type, PAGE_SHIFT, vma_pages); everything
 * else is the smallest stand-in that lets mm/util.c and mm/vma.c read as
 * they do in the kernel.  `unsigned long` is the word of the build: 64 bits
 * with gcc -m64, 32 bits with gcc -m32.  `int` is 32 bits on both.
 */
#ifndef HARNESS_KERNEL_H
#define HARNESS_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* include/linux/compiler.h */
#define unlikely(x)	__builtin_expect(!!(x), 0)

/* include/linux/err.h */
#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

/* include/uapi/asm-generic/errno-base.h, errno.h */
#define EPERM		 1
#define EAGAIN		11
#define ENOMEM		12
#define EINVAL		22
#define ENOSYS		38

/* include/linux/mm.h: the VMA flags the merge decision reads */
#define VM_IO		0x00004000UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_PFNMAP	0x00000400UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
#define VM_REMAP_FLAGS	(VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP)

/* arch/x86/include/asm/page_types.h (4 KiB pages) */
#define PAGE_SHIFT	12

/*
 * include/asm-generic/bug.h: WARN_ON_ONCE(cond) evaluates to cond and warns
 * (once per site; the harness records every function whose warning fired).
 * include/linux/mmdebug.h: VM_WARN_ON_ONCE is WARN_ON_ONCE with
 * CONFIG_DEBUG_VM=y, which the harness assumes.
 */
void harness_warn(const char *func);
#define WARN_ON_ONCE(condition) ({			\
	int __ret_warn_once = !!(condition);		\
	if (unlikely(__ret_warn_once))			\
		harness_warn(__func__);			\
	unlikely(__ret_warn_once);			\
})
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)

#define EXPORT_SYMBOL(sym)

/* include/linux/mm_types.h: enum mmap_action_type */
enum mmap_action_type {
	MMAP_NOTHING,		/* Mapping is complete, no further action. */
	MMAP_REMAP_PFN,		/* Remap PFN range. */
	MMAP_IO_REMAP_PFN,	/* I/O remap PFN range. */
	MMAP_SIMPLE_IO_REMAP,	/* I/O remap with guardrails. */
	MMAP_MAP_KERNEL_PAGES,	/* Map kernel page range from array. */
};

struct list_head;
struct mm_struct { int map_count; };
struct address_space { int i_mmap_rwsem; };
struct vm_area_desc;
struct file_operations {
	int (*mmap_prepare)(struct vm_area_desc *desc);
};
struct file {
	const struct file_operations *f_op;
	struct address_space *f_mapping;
};
struct vm_area_struct;

struct vm_operations_struct {
	int (*mapped)(unsigned long start, unsigned long end, unsigned long pgoff,
		      const struct file *file, void **vm_private_data);
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	unsigned long vm_pgoff;
	struct mm_struct *vm_mm;
	struct file *vm_file;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	bool attached;		/* harness: in the mm's VMA tree */
};

struct task_struct { struct mm_struct *mm; };
extern struct task_struct *current;

/* include/linux/mm.h */
static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

#endif
