/*
 * Design "override": mm/util.c mmap_action_finish() and check_mmap_action()
 * as in the mm tree after "remove mmap_action success, error hooks" v3.
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

	return action->error_override ?: err;
}

#ifdef CONFIG_MMU

static int check_mmap_action(struct mmap_action *action)
{
	const unsigned long override = action->error_override;

	if (WARN_ON_ONCE(override && !IS_ERR_VALUE(override)))
		return -EINVAL;

	return 0;
}

#endif
