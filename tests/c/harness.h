/*
 * The harness's state: the scenario (what each callee returns)
 * and what the call did (the observable outcome).  Shared by harness.c and
 * the stub headers; the fixture tree's code never reads it.
 */
#ifndef HARNESS_STATE_H
#define HARNESS_STATE_H

#include <stdbool.h>

struct harness_scenario {
	bool compat;			/* legacy ->mmap caller: compat_vma_mmap() */
	int prepare_err;		/* f_op->mmap_prepare() */
	int type;			/* desc->action.type the driver sets */
	int override;			/* desc->action.error_override (error_filter) */
	bool hide;			/* desc->action.hide_from_rmap_until_complete */
	int action_prepare_err;		/* remap_pfn_range_prepare(), map_kernel_pages_prepare() */
	bool merged;			/* vma_merge_new_range() found a neighbour */
	int complete_err;		/* remap_pfn_range_complete(), map_kernel_pages_complete() */
	int mapped_err;			/* vm_ops->mapped() */
	int munmap_err;			/* do_munmap(): 0, or an error with nothing unmapped */
	unsigned long vm_start, vm_end;
	bool success_hook_set;
	int success_hook_ret;
	bool error_hook_set;
	int error_hook_ret;
};

#define HARNESS_MAX_WARN 8

struct harness_outcome {
	int ret;			/* the int the caller got: 0 or an error */
	bool vma_created;		/* the action completes on a VMA */
	bool vma_attached;		/* that VMA is in the tree */
	bool vma_mapped;
	bool unmapped;			/* do_munmap() ran */
	unsigned long unmap_start, unmap_len;
	bool rmap_held;			/* i_mmap_rwsem held for write */
	bool lock_held_at_unmap;
	bool unlock_unheld;
	bool unmap_detached;
	int nwarn;
	const char *warned[HARNESS_MAX_WARN];	/* functions whose WARN fired */
};

extern struct harness_scenario S;
extern struct harness_outcome O;

#endif
