/*
 * mm/vma.c: the normal mmap() path, __mmap_region(), reduced to what decides
 * the mmap_action outcome.  Setup, merging, allocation and the tree store are
 * harness stand-ins (harness.c); call_mmap_prepare(), vma_link_file() and the
 * order of __mmap_region() are the kernel's (mm tree with 619eab23e1ce).
 */
struct mmap_state {
	struct mm_struct *mm;
	unsigned long addr;
	unsigned long end;
	unsigned long pgoff;
	struct file *file;
	unsigned long vm_flags;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	struct vm_area_struct *prev;
	struct vm_area_struct *next;
	bool hold_file_rmap_lock;
};

#define MMAP_STATE(name, mm_, addr_, len_, pgoff_, file_)	\
	struct mmap_state name = {				\
		.mm = mm_,					\
		.addr = addr_,					\
		.end = (addr_) + (len_),			\
		.pgoff = pgoff_,				\
		.file = file_,					\
	}

/* Harness stand-ins for the parts of mm/vma.c outside the action's path. */
int __mmap_setup(struct mmap_state *map, struct vm_area_desc *desc, struct list_head *uf);
struct vm_area_struct *vma_merge_new_range(struct mmap_state *map);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vma_iter_store_new(struct mmap_state *map, struct vm_area_struct *vma);
void __mmap_complete(struct mmap_state *map, struct vm_area_struct *vma);
void vms_abort_munmap_vmas(struct mmap_state *map);
void __vma_link_file(struct vm_area_struct *vma, struct address_space *mapping);

static int call_action_prepare(struct mmap_state *map,
			       struct vm_area_desc *desc)
{
	int err;

	err = mmap_action_prepare(desc);
	if (err)
		return err;

#ifdef RMAP_UNLOCK_IN_CALLER
	if (desc->action.hide_from_rmap_until_complete)
		map->hold_file_rmap_lock = true;
#endif
	return 0;
}

#ifdef RMAP_UNLOCK_IN_CALLER
/* ac0a3fc9c07d .. f96e1d5f15b7: the caller drops the rmap lock after completing. */
static int call_action_complete(struct mmap_state *map,
				struct mmap_action *action,
				struct vm_area_struct *vma)
{
	int ret;

	ret = mmap_action_complete(vma, action, /*is_compat=*/false);

	/* If we held the file rmap we need to release it. */
	if (map->hold_file_rmap_lock) {
		struct file *file = vma->vm_file;

		i_mmap_unlock_write(file->f_mapping);
	}
	return ret;
}
#endif

/*
 * Invoke the f_op->mmap_prepare() callback for a file-backed mapping that
 * specifies it.
 */
static int call_mmap_prepare(struct mmap_state *map,
		struct vm_area_desc *desc)
{
	int err;

	/* Invoke the hook. */
	err = vfs_mmap_prepare(map->file, desc);
	if (err)
		return err;

	err = call_action_prepare(map, desc);
	if (err)
		return err;

	/* Update fields permitted to be changed. */
	map->pgoff = desc->pgoff;
	map->vm_flags = desc->vm_flags;
	/* User-defined fields. */
	map->vm_ops = desc->vm_ops;
	map->vm_private_data = desc->private_data;

	return 0;
}

static void set_vma_user_defined_fields(struct vm_area_struct *vma,
		struct mmap_state *map)
{
	if (map->vm_ops)
		vma->vm_ops = map->vm_ops;
	vma->vm_private_data = map->vm_private_data;
}

static void vma_link_file(struct vm_area_struct *vma, bool hold_rmap_lock)
{
	struct file *file = vma->vm_file;
	struct address_space *mapping;

	if (file) {
		mapping = file->f_mapping;
		i_mmap_lock_write(mapping);
		__vma_link_file(vma, mapping);
		if (!hold_rmap_lock)
			i_mmap_unlock_write(mapping);
	}
}

static int __mmap_new_vma(struct mmap_state *map, struct vm_area_struct **vmap,
	struct mmap_action *action)
{
	struct vm_area_struct *vma;

	vma = vm_area_alloc(map->mm);
	if (!vma)
		return -ENOMEM;

	vma->vm_start = map->addr;
	vma->vm_end = map->end;
	vma->vm_pgoff = map->pgoff;
	vma->vm_file = map->file;

	vma_iter_store_new(map, vma);
	map->mm->map_count++;
	vma_link_file(vma, action->hide_from_rmap_until_complete);

	*vmap = vma;
	return 0;
}

static unsigned long __mmap_region(struct file *file, unsigned long addr,
		unsigned long len, unsigned long pgoff, struct list_head *uf)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = NULL;
	bool have_mmap_prepare = file && file->f_op->mmap_prepare;
	MMAP_STATE(map, mm, addr, len, pgoff, file);
	struct vm_area_desc desc = {
		.mm = mm,
		.file = file,
		.action = {
			.type = MMAP_NOTHING, /* Default to no further action. */
		},
	};
	bool allocated_new = false;
	int error;

	error = __mmap_setup(&map, &desc, uf);
	if (!error && have_mmap_prepare)
		error = call_mmap_prepare(&map, &desc);
	if (error)
		goto abort_munmap;

	/* Attempt to merge with adjacent VMAs... */
	if (map.prev || map.next)
		vma = vma_merge_new_range(&map);

	/* ...but if we can't, allocate a new VMA. */
	if (!vma) {
		error = __mmap_new_vma(&map, &vma, &desc.action);
		if (error)
			goto abort_munmap;
		allocated_new = true;
	}

	if (have_mmap_prepare)
		set_vma_user_defined_fields(vma, &map);

	__mmap_complete(&map, vma);

	if (have_mmap_prepare && allocated_new) {
#ifdef RMAP_UNLOCK_IN_CALLER
		error = call_action_complete(&map, &desc.action, vma);
#else
		error = mmap_action_complete(vma, &desc.action,
					     /*is_compat=*/false);
#endif
		if (error)
			return error;
	}

	return addr;

abort_munmap:
	vms_abort_munmap_vmas(&map);
	return error;
}
