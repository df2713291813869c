/*
 * Design "hooks": mm/util.c mmap_action_finish() in the mm tree with
 * c50ca15dd496 ("mm: add vm_ops->mapped hook") and 619eab23e1ce ("mm/vma: do
 * not try to unmap a VMA if mmap_prepare() invoked from mmap()"), before the
 * series that removed the hooks.
 */
static int mmap_action_finish(struct vm_area_struct *vma,
			      struct mmap_action *action, int err,
			      bool is_compat)
{
	size_t len;

	if (!err)
		err = call_vma_mapped(vma);
	if (!err && action->success_hook)
		err = action->success_hook(vma);

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
	if (action->error_hook) {
		/* We may want to filter the error. */
		err = action->error_hook(err);
		/* The caller should not clear the error. */
		VM_WARN_ON_ONCE(!err);
	}
	return err;
}

#ifdef CONFIG_MMU
/*
 * Not in this design: check_mmap_action() came with error_override.  The
 * hooks-era mmap_action_prepare() starts at the switch; a check that always
 * passes keeps mm/util.c shared between the designs.
 */
static inline int check_mmap_action(struct mmap_action *action)
{
	return 0;
}
#endif
