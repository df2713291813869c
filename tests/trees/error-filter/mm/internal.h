/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers shared inside mm/ only.
 *
 * Fixture of the mmap-action-verifier test suite (design "error-filter"):
 * kernel-style C written for the project from the documented semantics, not a
 * copy of the kernel file.
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>

/* Bytes covered by a descriptor. */
static inline unsigned long vma_desc_size(const struct vm_area_desc *desc)
{
	return desc->end - desc->start;
}

/* Pages covered by a descriptor. */
static inline unsigned long vma_desc_pages(const struct vm_area_desc *desc)
{
	return vma_desc_size(desc) >> PAGE_SHIFT;
}

/* A rough per-mm event tally (unrelated to the mmap path). */
struct mm_event_tally {
	unsigned long faults;
	unsigned long remaps;
};

static inline void mm_tally_remap(struct mm_event_tally *t, unsigned long pages)
{
	t->remaps += pages;
}

/*
 * An I/O remap is a PFN remap once the architecture has translated the first
 * frame: translate it, let the PFN prepare step check the range, and from
 * then on treat the action as MMAP_REMAP_PFN, so that completion needs only
 * one case.
 */
static inline int io_remap_pfn_range_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *io = &desc->action;
	int ret;

	io->remap.start_pfn = io_remap_pfn_range_pfn(io->remap.start_pfn,
						     io->remap.size);
	ret = remap_pfn_range_prepare(desc);
	if (!ret)
		io->type = MMAP_REMAP_PFN;
	return ret;
}

/*
 * A VMA hidden from the reverse map was linked with the file's i_mmap lock
 * still held for write.  Drop it once the action is over, and in any case
 * before the VMA is unmapped: unmapping takes the same lock.
 */
static inline void maybe_rmap_unlock_action(struct vm_area_struct *vma,
					    struct mmap_action *action)
{
	if (action->hide_from_rmap_until_complete) {
		/* only a file mapping can have been hidden */
		VM_WARN_ON_ONCE(vma_is_anonymous(vma));
		action->hide_from_rmap_until_complete = false;
		i_mmap_unlock_write(vma->vm_file->f_mapping);
	}
}

/* Round a byte count up to whole pages (unrelated to the mmap path). */
#define BYTES_TO_PAGES(b)	(((b) + PAGE_SIZE - 1) >> PAGE_SHIFT)

#endif /* __MM_INTERNAL_H */
