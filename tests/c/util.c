/*
 * mm/util.c: the mmap_action code and the compat layer, as in the mm tree
 * (mid 2026).  The design's own mmap_action_finish() and check_mmap_action()
 * come from designs/<design>/finish.c (the include path picks the design).
 * CONFIG_MMU is a compile-time choice, as in the kernel (gcc -DCONFIG_MMU).
 */

void compat_set_desc_from_vma(struct vm_area_desc *desc,
			      const struct file *file,
			      const struct vm_area_struct *vma)
{
	memset(desc, 0, sizeof(*desc));

	desc->mm = vma->vm_mm;
	desc->file = (struct file *)file;
	desc->start = vma->vm_start;
	desc->end = vma->vm_end;

	desc->pgoff = vma->vm_pgoff;
	desc->vm_file = vma->vm_file;
	desc->vm_ops = vma->vm_ops;

	/* Default. */
	desc->action.type = MMAP_NOTHING;
}

int mmap_action_prepare(struct vm_area_desc *desc);
int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action, bool is_compat);

int __compat_vma_mmap(struct vm_area_desc *desc,
		      struct vm_area_struct *vma)
{
	int err;

	/* Perform any preparatory tasks for mmap action. */
	err = mmap_action_prepare(desc);
	if (err)
		return err;
	/* Update the VMA from the descriptor. */
	compat_set_vma_from_desc(vma, desc);
	/* Complete any specified mmap actions. */
	return mmap_action_complete(vma, &desc->action, /*is_compat=*/true);
}

int compat_vma_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vm_area_desc desc;
	struct mmap_action *action;
	int err;

	compat_set_desc_from_vma(&desc, file, vma);
	err = vfs_mmap_prepare(file, &desc);
	if (err)
		return err;
	action = &desc.action;

	/* being invoked from .mmmap means we don't have to enforce this. */
	action->hide_from_rmap_until_complete = false;

	return __compat_vma_mmap(&desc, vma);
}

static int call_vma_mapped(struct vm_area_struct *vma)
{
	const struct vm_operations_struct *vm_ops = vma->vm_ops;
	void *vm_private_data = vma->vm_private_data;
	int err;

	if (!vm_ops || !vm_ops->mapped)
		return 0;

	err = vm_ops->mapped(vma->vm_start, vma->vm_end, vma->vm_pgoff,
			     vma->vm_file, &vm_private_data);
	if (err)
		return err;

	if (vm_private_data != vma->vm_private_data)
		vma->vm_private_data = vm_private_data;
	return 0;
}

#include "finish.c"	/* the design's mmap_action_finish(), check_mmap_action() */

#ifdef CONFIG_MMU

/**
 * mmap_action_prepare - Perform preparatory setup for an VMA descriptor
 * action which need to be performed.
 * @desc: The VMA descriptor to prepare for its @desc->action.
 *
 * Returns: %0 on success, otherwise error.
 */
int mmap_action_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;
	int err;

	err = check_mmap_action(action);
	if (err)
		return err;

	switch (action->type) {
	case MMAP_NOTHING:
		return 0;
	case MMAP_REMAP_PFN:
		return remap_pfn_range_prepare(desc);
	case MMAP_IO_REMAP_PFN:
		return io_remap_pfn_range_prepare(desc);
	case MMAP_SIMPLE_IO_REMAP:
		return simple_ioremap_prepare(desc);
	case MMAP_MAP_KERNEL_PAGES:
		return map_kernel_pages_prepare(desc);
	}

	WARN_ON_ONCE(1);
	return -EINVAL;
}
EXPORT_SYMBOL(mmap_action_prepare);

/**
 * mmap_action_complete - Execute VMA descriptor action.
 * @vma: The VMA to perform the action upon.
 * @action: The action to perform.
 * @is_compat: Is this being invoked from the compatibility layer?
 *
 * Similar to mmap_action_prepare().
 *
 * Return: 0 on success, or error, at which point the VMA will be unmapped if
 * !@is_compat.
 */
int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action, bool is_compat)
{
	int err = 0;

	switch (action->type) {
	case MMAP_NOTHING:
		break;
	case MMAP_REMAP_PFN:
		err = remap_pfn_range_complete(vma, action);
		break;
	case MMAP_MAP_KERNEL_PAGES:
		err = map_kernel_pages_complete(vma, action);
		break;
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
		/* Should have been delegated. */
		WARN_ON_ONCE(1);
		err = -EINVAL;
		break;
	}

	return mmap_action_finish(vma, action, err, is_compat);
}
EXPORT_SYMBOL(mmap_action_complete);
#else
int mmap_action_prepare(struct vm_area_desc *desc)
{
	switch (desc->action.type) {
	case MMAP_NOTHING:
		break;
	case MMAP_REMAP_PFN:
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
	case MMAP_MAP_KERNEL_PAGES:
		WARN_ON_ONCE(1); /* nommu cannot handle these. */
		break;
	}

	return 0;
}
EXPORT_SYMBOL(mmap_action_prepare);

int mmap_action_complete(struct vm_area_struct *vma,
			 struct mmap_action *action,
			 bool is_compat)
{
	int err = 0;

	switch (action->type) {
	case MMAP_NOTHING:
		break;
	case MMAP_REMAP_PFN:
	case MMAP_IO_REMAP_PFN:
	case MMAP_SIMPLE_IO_REMAP:
	case MMAP_MAP_KERNEL_PAGES:
		WARN_ON_ONCE(1); /* nommu cannot handle this. */

		err = -EINVAL;
		break;
	}

	return mmap_action_finish(vma, action, err, is_compat);
}
EXPORT_SYMBOL(mmap_action_complete);
#endif
