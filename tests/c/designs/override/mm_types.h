/*
 * Design "override": include/linux/mm_types.h after "remove mmap_action
 * success, error hooks" v3 (Jun 2026): no hooks, an int error_override.
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
	 * If non-zero, replace errors that arise from mmap actions with this
	 * value instead. Only valid error codes may be specified.
	 */
	int error_override;

	/*
	 * This should be set in rare instances where the operation required
	 * that the rmap should not be able to access the VMA until
	 * completely set up.
	 */
	bool hide_from_rmap_until_complete :1;
};

/* The driver's mmap_prepare sets the action (harness.c: driver_mmap_prepare). */
#define DRIVER_SETS_ACTION(action, s) do {			\
	(action)->type = (s)->type;				\
	(action)->error_override = (s)->override;		\
	(action)->hide_from_rmap_until_complete = (s)->hide;	\
} while (0)
