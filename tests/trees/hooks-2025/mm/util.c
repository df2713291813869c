// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small mm utilities, the mmap_prepare action code and its compat layer.
 *
 * Fixture of the mmap-action-verifier test suite (design "hooks-2025"):
 * kernel-style C written for the project from the documented semantics, not a
 * copy of the kernel file.  The action code sits among unrelated helpers, as
 * in a real tree.
 */
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/mmdebug.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "internal.h"

/* How many of @nr flags words have any of @mask set (unrelated helper). */
unsigned long count_flagged(const unsigned long *words, unsigned long nr,
			    unsigned long mask)
{
	unsigned long i, hits = 0;

	for (i = 0; i < nr; i++)
		if (words[i] & mask)
			hits++;
	return hits;
}

/* Clamp a length so that @start + length stays inside the word. */
unsigned long clamp_range_len(unsigned long start, unsigned long len)
{
	if (start > ~0UL - len)
		return ~0UL - start;
	return len;
}

/* Copy a small string, reporting truncation (unrelated helper). */
int copy_label(char *dst, unsigned long size, const char *src)
{
	unsigned long n = strlen(src);

	if (!size)
		goto too_small;
	if (n >= size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		goto too_small;
	}
	memcpy(dst, src, n + 1);
	return 0;
too_small:
	return -ENOSPC;
}

/*
 * Build a descriptor from a VMA that already exists, for a legacy ->mmap
 * caller whose file only has mmap_prepare.  Start from all zeroes, so that no
 * action field holds stale stack contents.
 */
void compat_set_desc_from_vma(struct vm_area_desc *desc,
			      const struct file *file,
			      const struct vm_area_struct *vma)
{
	memset(desc, 0, sizeof(*desc));

	/* who maps what: the caller's mm and the file it was handed */
	desc->mm = vma->vm_mm;
	desc->file = (struct file *)file;

	/* the range and its backing, as the VMA has them */
	desc->start = vma->vm_start;
	desc->end = vma->vm_end;
	desc->vm_flags = vma->vm_flags;
	desc->vm_file = vma->vm_file;
	desc->pgoff = vma->vm_pgoff;
	desc->vm_ops = vma->vm_ops;

	desc->action.type = MMAP_NOTHING;
}
EXPORT_SYMBOL(compat_set_desc_from_vma);

/*
 * Run @file's mmap_prepare hook on a VMA a legacy ->mmap caller already set
 * up, and carry out the action it asks for.  In this design the compat path
 * completes the action exactly as mmap() does.
 */
int compat_vma_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int ret;

	compat_set_desc_from_vma(&desc, file, vma);
	ret = vfs_mmap_prepare(file, &desc);
	if (ret)
		return ret;

	/* The caller's VMA is not in the tree yet: nothing to hide it from. */
	desc.action.hide_from_rmap_until_complete = false;

	ret = mmap_action_prepare(&desc);
	if (!ret) {
		compat_set_vma_from_desc(vma, &desc);
		ret = mmap_action_complete(&desc.action, vma);
	}
	return ret;
}
EXPORT_SYMBOL(compat_vma_mmap);

/*
 * Common tail of mmap_action_complete(): on success run the driver's success
 * hook, whose result is returned as it is; on failure remove the VMA and let
 * the driver's error hook pick the error.
 */
static int mmap_action_finish(struct mmap_action *action,
			      const struct vm_area_struct *vma, int err)
{
	struct mm_struct *mm = current->mm;

	if (!err) {
		if (!action->success_hook)
			return 0;
		return action->success_hook(vma);
	}

	/* The VMA is ours (a merge runs no action): remove all of it. */
	do_munmap(mm, vma->vm_start, vma_pages(vma) << PAGE_SHIFT, NULL);

	if (action->error_hook) {
		/* the driver picks the error mmap() reports ... */
		err = action->error_hook(err);
		/* ... which had better still be one */
		VM_WARN_ON_ONCE(!err);
	}
	return err;
}

#ifdef CONFIG_MMU

/*
 * Run the preparation the action of @desc needs, before any VMA exists.
 * Returns 0 or a negated errno.
 */
int mmap_action_prepare(struct vm_area_desc *desc)
{
	switch (desc->action.type) {
	case MMAP_MAP_KERNEL_PAGES:
		return map_kernel_pages_prepare(desc);
	case MMAP_SIMPLE_IO_REMAP:
		return simple_ioremap_prepare(desc);
	case MMAP_IO_REMAP_PFN:
		return io_remap_pfn_range_prepare(desc);
	case MMAP_REMAP_PFN:
		return remap_pfn_range_prepare(desc);
	case MMAP_NOTHING:
		return 0;
	}

	/* A type outside the enum. */
	WARN_ON_ONCE(1);
	return -EINVAL;
}
EXPORT_SYMBOL(mmap_action_prepare);

/*
 * Carry out @action on the VMA that now exists, then finish.  On failure the
 * VMA is gone when this returns.
 */
int mmap_action_complete(struct mmap_action *action,
			 struct vm_area_struct *vma)
{
	int ret = 0;

	switch (action->type) {
	case MMAP_REMAP_PFN:
		ret = remap_pfn_range_complete(vma, action);
		break;
	case MMAP_MAP_KERNEL_PAGES:
		ret = map_kernel_pages_complete(vma, action);
		break;
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
		/* prepare turned these into MMAP_REMAP_PFN */
		WARN_ON_ONCE(1);
		ret = -EINVAL;
		break;
	case MMAP_NOTHING:
		break;
	}

	return mmap_action_finish(action, vma, ret);
}
EXPORT_SYMBOL(mmap_action_complete);

#else /* !CONFIG_MMU */

/* Without an MMU no action can be carried out: complain, but go on. */
int mmap_action_prepare(struct vm_area_desc *desc)
{
	switch (desc->action.type) {
	case MMAP_MAP_KERNEL_PAGES:
	case MMAP_SIMPLE_IO_REMAP:
	case MMAP_REMAP_PFN:
	case MMAP_IO_REMAP_PFN:
		WARN_ON_ONCE(1);
		break;
	case MMAP_NOTHING:
		break;
	}

	return 0;
}
EXPORT_SYMBOL(mmap_action_prepare);

/* ... and fail the mapping when it comes to completing one. */
int mmap_action_complete(struct mmap_action *action,
			 struct vm_area_struct *vma)
{
	int ret = 0;

	switch (action->type) {
	case MMAP_MAP_KERNEL_PAGES:
	case MMAP_SIMPLE_IO_REMAP:
	case MMAP_IO_REMAP_PFN:
	case MMAP_REMAP_PFN:
		WARN_ON_ONCE(1);
		ret = -EINVAL;
		break;
	case MMAP_NOTHING:
		break;
	}

	return mmap_action_finish(action, vma, ret);
}
EXPORT_SYMBOL(mmap_action_complete);

#endif /* CONFIG_MMU */

/* Is @addr inside @vma?  (unrelated helper) */
bool vma_contains(const struct vm_area_struct *vma, unsigned long addr)
{
	return addr >= vma->vm_start && addr < vma->vm_end;
}
EXPORT_SYMBOL(vma_contains);
