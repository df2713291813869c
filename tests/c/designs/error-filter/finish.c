/*
 * Design "error-filter": mm/util.c mmap_action_finish() and check_mmap_action()
 * in v1/v2 of "remove mmap_action success, error hooks" (the v3 interdiff
 * shows them before the rename to error_override).
 */
static int mmap_action_finish(struct vm_area_struct *vma,
			      struct mmap_action *action, int err,
			      bool is_compat)
{
	size_t len;

	if (!err)
		err = call_vma_mapped(vma);

	/* do_munmap() might take rmap lock, so release if held. */
	maybe_rmap_unlock_action(vma, action);
	/*
	 * If this is invoked from the compatibility layer, post-mmap() hook
	 * logic will handle cleanup for us.
	 */
	if (!err || is_compat)
		return err;

	/*
	 * If an error occurs, unmap the VMA altogether and return an error. We
	 * only clear the newly allocated VMA, since this function is only
	 * invoked if we do NOT merge, so we only clean up the VMA we created.
	 */
	len = vma_pages(vma) << PAGE_SHIFT;
	do_munmap(current->mm, vma->vm_start, len, NULL);

	return action->error_filter ?: err;
}

#ifdef CONFIG_MMU

static int check_mmap_action(struct mmap_action *action)
{
	const unsigned long filter = action->error_filter;

	if (WARN_ON_ONCE(filter && !IS_ERR_VALUE(filter)))
		return -EINVAL;

	return 0;
}

#endif
