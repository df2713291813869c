// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pieces of the normal mmap() path that surround the mmap_prepare action.
 *
 * Fixture of the mmap-action-verifier test suite (design "hooks-2025"):
 * kernel-style C written for the project from the documented semantics, not a
 * copy of the kernel file.  In this design the caller, not
 * mmap_action_complete(), releases the rmap lock of a hidden VMA, and does
 * so only after the action has completed (or failed, and been unmapped).
 */
#include <linux/mm.h>
#include <linux/err.h>

#include "internal.h"

/* The state one mmap() call carries from step to step. */
struct mmap_state {
	struct mm_struct *mm;
	unsigned long addr;
	unsigned long end;
	unsigned long pgoff;
	struct file *file;
	unsigned long vm_flags;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	struct vm_area_struct *prev;

	/* vma_link_file() left i_mmap held for write */
	bool hold_file_rmap_lock;
};

/* Length in pages of the range being mapped (unrelated helper). */
static unsigned long mmap_state_pages(const struct mmap_state *map)
{
	return (map->end - map->addr) >> PAGE_SHIFT;
}

/* Does [addr, end) overlap @vma?  (unrelated helper) */
static bool range_overlaps(const struct vm_area_struct *vma, unsigned long addr,
			   unsigned long end)
{
	return addr < vma->vm_end && end > vma->vm_start;
}

/*
 * Prepare the driver's action; remember whether the new VMA is to stay
 * hidden from the rmap, so that its link keeps the lock.
 */
static int call_action_prepare(struct mmap_state *map,
			       struct vm_area_desc *desc)
{
	int ret = mmap_action_prepare(desc);

	if (!ret && desc->action.hide_from_rmap_until_complete)
		map->hold_file_rmap_lock = true;
	return ret;
}

/*
 * Complete the action, then let go of the rmap lock if the link kept it.
 * Note the order: a failed action has already been unmapped by now.
 */
static int call_action_complete(struct mmap_state *map,
				struct mmap_action *action,
				struct vm_area_struct *vma)
{
	int ret = mmap_action_complete(action, vma);

	if (map->hold_file_rmap_lock)
		i_mmap_unlock_write(vma->vm_file->f_mapping);
	return ret;
}
