/*
 * Stub header of the C harness (project-written): what a fixture tree's mm
 * code takes from include/linux/mm.h and its neighbours.  The tree's own
 * include/linux/mm_types.h (found first on the include path) supplies the
 * VMA, the descriptor and struct mmap_action.  Every callee declared here is
 * defined by harness.c, with the result the scenario chooses.
 */
#ifndef STUB_LINUX_MM_H
#define STUB_LINUX_MM_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/mm_types.h>
#include <linux/fs.h>
#include <linux/sched.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

/* Flags that make a mapping special: harness.c refuses to merge those. */
#define VM_IO		0x00004000UL
#define VM_PFNMAP	0x00000400UL
#define VM_DONTEXPAND	0x00040000UL
#define VM_DONTDUMP	0x04000000UL
#define VM_MIXEDMAP	0x10000000UL
#define VM_SPECIAL	(VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP)
#define VM_REMAP_FLAGS	(VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP)

struct mm_struct {
	int map_count;
};

struct vm_operations_struct {
	int (*mapped)(unsigned long start, unsigned long end, pgoff_t pgoff,
		      const struct file *file, void **vm_private_data);
};

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_ops;
}

/* The architecture's I/O frame translation: the identity here. */
static inline unsigned long io_remap_pfn_range_pfn(unsigned long pfn, unsigned long size)
{
	return pfn;
}

/* Callees of the action code (harness.c). */
int remap_pfn_range_prepare(struct vm_area_desc *desc);
int remap_pfn_range_complete(struct vm_area_struct *vma, struct mmap_action *action);
int simple_ioremap_prepare(struct vm_area_desc *desc);
int map_kernel_pages_prepare(struct vm_area_desc *desc);
int map_kernel_pages_complete(struct vm_area_struct *vma, struct mmap_action *action);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len, struct list_head *uf);
void compat_set_vma_from_desc(struct vm_area_struct *vma, struct vm_area_desc *desc);

/* The action code itself, as mm/util.c of the tree defines it. */
int mmap_action_prepare(struct vm_area_desc *desc);
#ifdef STUB_MMAP_ACTION_COMPLETE_PARAMS	/* the tree's own parameters (tests/c/harness.py) */
int mmap_action_complete(STUB_MMAP_ACTION_COMPLETE_PARAMS);
#else
int mmap_action_complete(struct vm_area_struct *vma, struct mmap_action *action,
			 bool is_compat);
#endif
int compat_vma_mmap(struct file *file, struct vm_area_struct *vma);

#endif
