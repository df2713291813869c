/*
 * Design "hooks-2025": mm/util.c mmap_action_finish() as of ac0a3fc9c07d
 * (Oct 2025): on error unmap, then the error hook; on success the success
 * hook, whose error leaves the VMA mapped.  No vm_ops->mapped (added by
 * c50ca15dd496), no rmap unlock here (the caller does it), and no is_compat
 * (added by 619eab23e1ce): the parameter is accepted so that util.c stays
 * shared, and ignored, as the code of the time had no way to know.
 */
static int mmap_action_finish(struct vm_area_struct *vma,
			      struct mmap_action *action, int err,
			      bool is_compat)
{
	/*
	 * If an error occurs, unmap the VMA altogether and return an error. We
	 * only clear the newly allocated VMA, since this function is only
	 * invoked if we do NOT merge, so we only clean up the VMA we created.
	 */
	if (err) {
		const size_t len = vma_pages(vma) << PAGE_SHIFT;

		do_munmap(current->mm, vma->vm_start, len, NULL);

		if (action->error_hook) {
			/* We may want to filter the error. */
			err = action->error_hook(err);

			/* The caller should not clear the error. */
			VM_WARN_ON_ONCE(!err);
		}
		return err;
	}

	if (action->success_hook)
		return action->success_hook(vma);

	return 0;
}

#ifdef CONFIG_MMU
/* Not in this design (see designs/hooks/finish.c). */
static inline int check_mmap_action(struct mmap_action *action)
{
	return 0;
}
#endif
