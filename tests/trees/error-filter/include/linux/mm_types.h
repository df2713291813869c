/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory-management types: the VMA, its descriptor and the mmap action.
 *
 * Fixture of the mmap-action-verifier test suite (design "error-filter"):
 * kernel-style C written for the project from the documented semantics, not a
 * copy of the kernel file.  Only the types the mmap_action code touches are
 * here, with a few neighbours for company.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;
struct file;
struct mm_struct;
struct page;
struct vm_operations_struct;

/* Bookkeeping of one page-fragment cache (unrelated to the mmap path). */
struct page_frag_cache {
	void *va;
	unsigned int offset;
	unsigned int size;
	bool pfmemalloc;
};

#define VMA_LOCK_OFFSET	0x40000000
#define VM_NONE		0x00000000UL

/* One mapped range of an address space. */
struct vm_area_struct {
	unsigned long vm_start;		/* first byte */
	unsigned long vm_end;		/* one past the last byte */
	struct mm_struct *vm_mm;	/* owner */
	unsigned long vm_flags;
	unsigned long vm_pgoff;		/* offset into vm_file, in pages */
	struct file *vm_file;		/* backing file, or NULL */
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
};

/* What a driver may ask mmap() to do once the VMA exists. */
enum mmap_action_type {
	MMAP_NOTHING,		/* the driver did all the work in mmap_prepare */
	MMAP_REMAP_PFN,		/* map a physical page-frame range */
	MMAP_IO_REMAP_PFN,	/* the same for I/O memory; turned into a PFN remap */
	MMAP_SIMPLE_IO_REMAP,	/* I/O remap given as a physical address and size */
	MMAP_MAP_KERNEL_PAGES,	/* insert an array of kernel pages */
};

/*
 * Filled in by a driver's mmap_prepare hook; the mm core performs it after
 * the VMA has been set up.
 */
struct mmap_action {
	union {
		/* MMAP_REMAP_PFN, MMAP_IO_REMAP_PFN */
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
		} remap;
		/* MMAP_SIMPLE_IO_REMAP */
		struct {
			phys_addr_t start_phys_addr;
			unsigned long size;
		} simple_ioremap;
		/* MMAP_MAP_KERNEL_PAGES */
		struct {
			unsigned long start;
			struct page **pages;
			unsigned long nr_pages;
			pgoff_t pgoff;
		} map_kernel;
	};
	enum mmap_action_type type;

	/*
	 * Zero, or the negated errno that mmap() reports in place of the error
	 * the action ran into.  It must itself be 0 or an errno in
	 * -MAX_ERRNO..-1; prepare refuses anything else.
	 */
	int error_filter;

	/*
	 * Keep the new VMA out of the file's reverse map (i_mmap held for
	 * write) until the action has completed.
	 */
	bool hide_from_rmap_until_complete :1;
};

/* The VMA-to-be, as a driver's mmap_prepare hook sees and edits it. */
struct vm_area_desc {
	/* read-only for the driver */
	struct mm_struct *mm;
	struct file *file;
	unsigned long start;
	unsigned long end;

	/* the driver may change these */
	unsigned long pgoff;
	struct file *vm_file;
	unsigned long vm_flags;

	/* the driver's own */
	const struct vm_operations_struct *vm_ops;
	void *private_data;

	/* run by the mm core once the VMA exists */
	struct mmap_action action;
};

/* Counters kept per mm (unrelated to the mmap path). */
enum mm_counter_kind {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

#endif /* _LINUX_MM_TYPES_H */
