/*
 * Design "hooks": include/linux/mm_types.h before "remove mmap_action
 * success, error hooks" (mm tree with 619eab23e1ce): success_hook and
 * error_hook, no error_override.
 */
struct mmap_action {
	union {
		/* Remap range. */
		struct {
			unsigned long start;
			unsigned long start_pfn;
			unsigned long size;
		} remap;
		struct {
			unsigned long long start_phys_addr;
			unsigned long size;
		} simple_ioremap;
	};
	enum mmap_action_type type;

	/*
	 * If specified, this hook is invoked after the selected action has been
	 * successfully completed. Note that the VMA write lock still held.
	 *
	 * The absolute minimum ought to be done here.
	 *
	 * Returns 0 on success, or an error code.
	 */
	int (*success_hook)(const struct vm_area_struct *vma);

	/*
	 * If specified, this hook is invoked when an error occurred when
	 * attempting the selection action.
	 *
	 * The hook can return an error code in order to filter the error, but
	 * it is not valid to clear the error here.
	 */
	int (*error_hook)(int err);

	/*
	 * This should be set in rare instances where the operation required
	 * that the rmap should not be able to access the VMA until
	 * completely set up.
	 */
	bool hide_from_rmap_until_complete :1;
};

int harness_success_hook(const struct vm_area_struct *vma);
int harness_error_hook(int err);

#define DRIVER_SETS_ACTION(action, s) do {				\
	(action)->type = (s)->type;					\
	(action)->success_hook = (s)->success_hook_set ? harness_success_hook : NULL; \
	(action)->error_hook = (s)->error_hook_set ? harness_error_hook : NULL; \
	(action)->hide_from_rmap_until_complete = (s)->hide;		\
} while (0)
