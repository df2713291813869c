/*
 * mm/memory.c simple_ioremap_prepare() (from "mm: add MMAP_SIMPLE_IO_REMAP").
 * Its physical-range checks (__simple_ioremap_prep) are a harness callee that
 * passes: the model folds simple_ioremap_prepare's result into one input,
 * action_prepare_err, which here comes from remap_pfn_range_prepare().
 */
int __simple_ioremap_prep(unsigned long vm_len, unsigned long vm_pgoff,
			  unsigned long long start_phys, unsigned long size,
			  unsigned long *pfnp);

/* include/linux/mm.h mmap_action_ioremap_full(): an I/O remap of the whole range. */
static inline void mmap_action_ioremap_full(struct vm_area_desc *desc,
					    unsigned long start_pfn)
{
	struct mmap_action *action = &desc->action;

	action->remap.start = desc->start;
	action->remap.start_pfn = start_pfn;
	action->remap.size = desc->end - desc->start;
	action->type = MMAP_IO_REMAP_PFN;
}

static inline unsigned long vma_desc_size(const struct vm_area_desc *desc)
{
	return desc->end - desc->start;
}

int simple_ioremap_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	const unsigned long long start = action->simple_ioremap.start_phys_addr;
	const unsigned long size = action->simple_ioremap.size;
	unsigned long pfn;
	int err;

	err = __simple_ioremap_prep(vma_desc_size(desc), desc->pgoff,
				    start, size, &pfn);
	if (err)
		return err;

	/* The I/O remap logic does the heavy lifting. */
	mmap_action_ioremap_full(desc, pfn);
	return io_remap_pfn_range_prepare(desc);
}
