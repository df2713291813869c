/*
 * Design "hooks-2025": include/linux/mm_types.h as of ac0a3fc9c07d ("mm: add
 * ability to take further action in vm_area_desc", Oct 2025): success_hook
 * and error_hook.
 */

/*
 * mm/vma.c then released the rmap lock in call_action_complete(), after
 * mmap_action_complete() returned (fixed by f96e1d5f15b7); vma.c compiles
 * that caller when this is set.
 */
#define RMAP_UNLOCK_IN_CALLER 1
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
