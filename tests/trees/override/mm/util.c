// SPDX-License-Identifier: GPL-2.0-only
/*
 * Small mm utilities, the mmap_prepare action code and its compat layer.
 *
 * Fixture of the mmap-action-verifier test suite (design "override"):
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
 * The compat path once mmap_prepare has run on @desc: prepare the action,
 * copy the descriptor into @vma, complete.  The caller owns @vma and tears it
 * down itself on failure, hence is_compat.
 */
int __compat_vma_mmap(struct vm_area_desc *desc, struct vm_area_struct *vma)
{
	int ret = mmap_action_prepare(desc);

	if (ret)
		return ret;
	compat_set_vma_from_desc(vma, desc);
	return mmap_action_complete(vma, &desc->action, true);
}
EXPORT_SYMBOL(__compat_vma_mmap);

/*
 * Run @file's mmap_prepare hook on a VMA a legacy ->mmap caller already set
 * up, and carry out the action it asks for.
 */
int compat_vma_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	int ret;

	compat_set_desc_from_vma(&desc, file, vma);
	ret = vfs_mmap_prepare(file, &desc);
	if (!ret) {
		/* The caller's VMA is not in the tree yet: nothing to hide it from. */
		desc.action.hide_from_rmap_until_complete = false;
		ret = __compat_vma_mmap(&desc, vma);
	}
	return ret;
}
EXPORT_SYMBOL(compat_vma_mmap);

/*
 * Give the driver's ->mapped callback, if it has one, its say on the new
 * mapping; on success it may have replaced the VMA's private data.
 */
static int call_vma_mapped(struct vm_area_struct *vma)
{
	const struct vm_operations_struct *ops = vma->vm_ops;
	void *priv = vma->vm_private_data;
	int ret = 0;

	if (ops && ops->mapped) {
		ret = ops->mapped(vma->vm_start, vma->vm_end, vma->vm_pgoff,
				  vma->vm_file, &priv);
		if (!ret)
			vma->vm_private_data = priv;
	}
	return ret;
}

/*
 * Common tail of mmap_action_complete(): the ->mapped callback, the rmap
 * lock, and on failure of a fresh mmap() the removal of the VMA.
 */
static int mmap_action_finish(struct vm_area_struct *vma,
			      struct mmap_action *action, int err,
			      bool is_compat)
{
	struct mm_struct *mm = current->mm;
	size_t len;

	if (!err)
		err = call_vma_mapped(vma);

	/* Unlock first: do_munmap() below would take i_mmap again. */
	maybe_rmap_unlock_action(vma, action);

	/* Success, or a compat caller that cleans up after itself. */
	if (!err || is_compat)
		return err;

	/* The VMA is ours (a merge runs no action): remove all of it. */
	len = vma_pages(vma) << PAGE_SHIFT;
	do_munmap(mm, vma->vm_start, len, NULL);

	/* the driver may have asked for one error to stand for all others */
	return action->error_override ?: err;
}

#ifdef CONFIG_MMU

/*
 * The override is an int but is checked as an unsigned long, the way an
 * mmap() result travels back to user space: only 0 or an encoded error may
 * pass.
 */
static int check_mmap_action(struct mmap_action *action)
{
	const unsigned long as_result = action->error_override;
	bool bad = as_result && !IS_ERR_VALUE(as_result);

	if (WARN_ON_ONCE(bad))
		return -EINVAL;
	return 0;
}

/*
 * Validate the action of @desc and run the preparation its type needs, before
 * any VMA exists.  Returns 0 or a negated errno.
 */
int mmap_action_prepare(struct vm_area_desc *desc)
{
	int ret = check_mmap_action(&desc->action);

	if (ret)
		return ret;

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
 * Carry out @action on the VMA that now exists, then finish.  On failure of a
 * normal mmap() (!@is_compat) the VMA is gone when this returns.
 */
int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action, bool is_compat)
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

	return mmap_action_finish(vma, action, ret, is_compat);
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
int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action, bool is_compat)
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

	return mmap_action_finish(vma, action, ret, is_compat);
}
EXPORT_SYMBOL(mmap_action_complete);

#endif /* CONFIG_MMU */

/* Is @addr inside @vma?  (unrelated helper) */
bool vma_contains(const struct vm_area_struct *vma, unsigned long addr)
{
	return addr >= vma->vm_start && addr < vma->vm_end;
}
EXPORT_SYMBOL(vma_contains);
