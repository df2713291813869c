/*
 * The C harness: a fixture tree's mmap_action code (tests/trees/<design>/)
 * compiled with the project's stub headers (stubs/) and driven by the
 * project's own callers: a normal mmap() (harness_mmap_region, standing for
 * mm/vma.c __mmap_region) and a legacy ->mmap caller of compat_vma_mmap().
 * Every callee outside the tree is defined here and returns what the
 * scenario says.  One process reads one scenario per line on stdin and
 * answers one outcome line on stdout.
 *
 * Build (tests/c/harness.py does this; TREE is tests/trees/<design>):
 *   gcc -m64|-m32 [-DCONFIG_MMU] -I$TREE/include -Itests/c/stubs -Itests/c
 *       -DTREE_UTIL_C='"$TREE/mm/util.c"' [-DTREE_VMA_C='"$TREE/mm/vma.c"']
 *       [-DHARNESS_OVERRIDE_FIELD=error_override | -DHARNESS_HOOKS]
 *       tests/c/harness.c
 *
 * Scenario line (decimal; see struct harness_scenario):
 *   compat prepare_err type override hide action_prepare_err merged complete_err
 *   mapped_err vm_start vm_end success_hook_set success_hook_ret error_hook_set
 *   error_hook_ret munmap_err
 * Outcome line:
 *   ret user_ret vma_created vma_mapped unmapped unmap_start unmap_len
 *   lock_held_at_unmap rmap_held_at_end unlock_unheld unmap_detached warnings
 * where ret is the int the caller got, user_ret what the caller passes up as unsigned long (the address on
 * success of the normal path), and warnings lists, comma-separated, the
 * functions whose WARN_ON_ONCE fired ("-" for none).
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

#include TREE_UTIL_C
#ifdef TREE_VMA_C
#include TREE_VMA_C
#endif

struct harness_scenario S;
struct harness_outcome O;

static struct mm_struct harness_mm;
struct task_struct *current = &(struct task_struct){ .mm = &harness_mm };
static struct address_space harness_mapping;
static struct vm_area_struct harness_vma, harness_neighbour;

void harness_warn(const char *func)
{
	for (int i = 0; i < O.nwarn; i++)
		if (!strcmp(O.warned[i], func))
			return;
	if (O.nwarn < HARNESS_MAX_WARN)
		O.warned[O.nwarn++] = func;
}

/* ---- the driver ----------------------------------------------------------- */

static int harness_vm_mapped(unsigned long start, unsigned long end, pgoff_t pgoff,
			     const struct file *file, void **vm_private_data)
{
	return S.mapped_err;
}

static const struct vm_operations_struct harness_vm_ops = { .mapped = harness_vm_mapped };

#ifdef HARNESS_HOOKS
static int harness_success_hook(const struct vm_area_struct *vma)
{
	return S.success_hook_ret;
}

static int harness_error_hook(int err)
{
	return S.error_hook_ret;
}
#endif

/* f_op->mmap_prepare: the action the scenario asks for. */
static int driver_mmap_prepare(struct vm_area_desc *desc)
{
	struct mmap_action *action = &desc->action;

	action->type = S.type;
#ifdef HARNESS_HOOKS
	action->success_hook = S.success_hook_set ? harness_success_hook : NULL;
	action->error_hook = S.error_hook_set ? harness_error_hook : NULL;
#else
	action->HARNESS_OVERRIDE_FIELD = S.override;
#endif
	action->hide_from_rmap_until_complete = S.hide;
	desc->vm_ops = &harness_vm_ops;
	return S.prepare_err;
}

static const struct file_operations harness_fops = { .mmap_prepare = driver_mmap_prepare };
static struct file harness_file = { .f_op = &harness_fops, .f_mapping = &harness_mapping };

/* ---- callees outside the tree ----------------------------------------------- */

/* A PFN remap makes the mapping special (no merge), as the kernel's does. */
int remap_pfn_range_prepare(struct vm_area_desc *desc)
{
	desc->vm_flags |= VM_REMAP_FLAGS;
	return S.action_prepare_err;
}

int remap_pfn_range_complete(struct vm_area_struct *vma, struct mmap_action *action)
{
	return S.complete_err;
}

/*
 * mm/memory.c: checks the physical range (its result is the scenario's
 * action_prepare_err), then hands the full range over as an I/O remap,
 * which the tree's io_remap_pfn_range_prepare() turns into MMAP_REMAP_PFN.
 */
int simple_ioremap_prepare(struct vm_area_desc *desc)
{
	if (S.action_prepare_err)
		return S.action_prepare_err;
	desc->action.remap.start = desc->start;
	desc->action.remap.start_pfn = 0;
	desc->action.remap.size = desc->end - desc->start;
	desc->action.type = MMAP_IO_REMAP_PFN;
	return io_remap_pfn_range_prepare(desc);
}

int map_kernel_pages_prepare(struct vm_area_desc *desc)
{
	desc->vm_flags |= VM_MIXEDMAP;
	return S.action_prepare_err;
}

int map_kernel_pages_complete(struct vm_area_struct *vma, struct mmap_action *action)
{
	return S.complete_err;
}

void i_mmap_lock_write(struct address_space *mapping)
{
	O.rmap_held = true;
}

void i_mmap_unlock_write(struct address_space *mapping)
{
	if (!O.rmap_held)
		O.unlock_unheld = true;
	O.rmap_held = false;
}

/* Unmapping frees the page tables, which takes i_mmap_rwsem. */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len, struct list_head *uf)
{
	if (O.rmap_held)
		O.lock_held_at_unmap = true;
	if (!O.vma_attached)
		O.unmap_detached = true;
	O.unmap_start = start;
	O.unmap_len = len;
	/* do_vmi_munmap(): an error (-ENOMEM in the gather step) leaves everything mapped. */
	if (S.munmap_err)
		return S.munmap_err;
	O.unmapped = true;
	O.vma_mapped = false;
	return 0;
}

/* The compat path's VMA belongs to the legacy caller: not in the tree yet. */
void compat_set_vma_from_desc(struct vm_area_struct *vma, struct vm_area_desc *desc)
{
	vma->vm_pgoff = desc->pgoff;
	vma->vm_file = desc->vm_file;
	vma->vm_flags = desc->vm_flags;
	vma->vm_ops = desc->vm_ops;
	vma->vm_private_data = desc->private_data;
	O.vma_created = O.vma_mapped = true;
}

/* ---- the normal mmap() caller ------------------------------------------------ */

#ifdef TREE_VMA_C
/* The tree's mm/vma.c brings struct mmap_state and the two action steps. */
#define harness_action_prepare(map, desc)		call_action_prepare(map, desc)
#define harness_action_complete(map, action, vma)	call_action_complete(map, action, vma)
#else
struct mmap_state {
	struct mm_struct *mm;
	unsigned long addr, end, pgoff;
	struct file *file;
	unsigned long vm_flags;
	const struct vm_operations_struct *vm_ops;
	void *vm_private_data;
	struct vm_area_struct *prev;
};

static int harness_action_prepare(struct mmap_state *map, struct vm_area_desc *desc)
{
	return mmap_action_prepare(desc);
}

static int harness_action_complete(struct mmap_state *map, struct mmap_action *action,
				   struct vm_area_struct *vma)
{
	return mmap_action_complete(vma, action, false);
}
#endif

/*
 * What mm/vma.c __mmap_region() does around the action, for a file with
 * mmap_prepare: the driver's hook and the action's prepare (an error aborts
 * with nothing created), a merge into a neighbour (no action runs) or a new
 * VMA linked into the file's rmap (the lock kept when the action hides it),
 * then the action's completion, whose error is passed up.
 */
static unsigned long harness_mmap_region(struct file *file, unsigned long addr,
					 unsigned long len)
{
	struct mmap_state map = { .mm = current->mm, .addr = addr, .end = addr + len,
				  .file = file };
	struct vm_area_desc desc;
	struct vm_area_struct *vma;
	int err;

	memset(&desc, 0, sizeof(desc));
	desc.mm = map.mm;
	desc.file = file;
	desc.start = map.addr;
	desc.end = map.end;
	desc.vm_file = file;
	desc.action.type = MMAP_NOTHING;
	map.prev = S.merged ? &harness_neighbour : NULL;

	err = vfs_mmap_prepare(file, &desc);
	if (!err)
		err = harness_action_prepare(&map, &desc);
	O.ret = err;
	if (err)
		return err;
	map.pgoff = desc.pgoff;
	map.vm_flags = desc.vm_flags;
	map.vm_ops = desc.vm_ops;
	map.vm_private_data = desc.private_data;

	/* A special mapping never merges. */
	if (map.prev && !(map.vm_flags & VM_SPECIAL))
		return addr;

	vma = &harness_vma;
	memset(vma, 0, sizeof(*vma));
	vma->vm_mm = map.mm;
	vma->vm_start = map.addr;
	vma->vm_end = map.end;
	vma->vm_pgoff = map.pgoff;
	vma->vm_file = file;
	vma->vm_flags = map.vm_flags;
	O.vma_created = O.vma_attached = O.vma_mapped = true;
	i_mmap_lock_write(file->f_mapping);
	if (!desc.action.hide_from_rmap_until_complete)
		i_mmap_unlock_write(file->f_mapping);
	if (map.vm_ops)
		vma->vm_ops = map.vm_ops;
	vma->vm_private_data = map.vm_private_data;

	err = harness_action_complete(&map, &desc.action, vma);
	O.ret = err;
	if (err)
		return err;
	return addr;
}

/* A legacy ->mmap caller: its VMA exists but is not in the tree. */
static unsigned long harness_compat_caller(void)
{
	memset(&harness_vma, 0, sizeof(harness_vma));
	harness_vma.vm_start = S.vm_start;
	harness_vma.vm_end = S.vm_end;
	harness_vma.vm_mm = &harness_mm;
	harness_vma.vm_file = &harness_file;
	O.vma_attached = false;
	O.ret = compat_vma_mmap(&harness_file, &harness_vma);
	return (unsigned long)O.ret;
}

static unsigned long run(void)
{
	memset(&O, 0, sizeof(O));
	if (S.compat)
		return harness_compat_caller();
	return harness_mmap_region(&harness_file, S.vm_start, S.vm_end - S.vm_start);
}

static int parse(char *line)
{
	long long v[16];
	char *p = line, *end;

	for (int i = 0; i < 16; i++) {
		/* vm_start and vm_end are unsigned long: up to 2^64 - 1 */
		v[i] = (i == 9 || i == 10) ? (long long)strtoull(p, &end, 10) : strtoll(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	S = (struct harness_scenario){
		.compat = v[0], .prepare_err = (int)v[1], .type = (int)v[2],
		.override = (int)v[3], .hide = v[4], .action_prepare_err = (int)v[5],
		.merged = v[6], .complete_err = (int)v[7], .mapped_err = (int)v[8],
		.vm_start = (unsigned long)v[9], .vm_end = (unsigned long)v[10],
		.success_hook_set = v[11], .success_hook_ret = (int)v[12],
		.error_hook_set = v[13], .error_hook_ret = (int)v[14], .munmap_err = (int)v[15],
	};
	return 0;
}

#ifndef HARNESS_NO_MAIN	/* benchmarks/c/enumerate.c brings its own main() */
int main(void)
{
	char line[1024];

#ifdef CONFIG_MMU
	const int mmu = 1;
#else
	const int mmu = 0;
#endif
#ifdef CONFIG_DEBUG_VM
	const int debug_vm = 1;
#else
	const int debug_vm = 0;
#endif
	printf("harness design=%s word=%d mmu=%d debug_vm=%d\n", HARNESS_DESIGN,
	       (int)(8 * sizeof(long)), mmu, debug_vm);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		unsigned long ret;

		if (parse(line)) {
			printf("error: malformed scenario line\n");
			fflush(stdout);
			continue;
		}
		ret = run();
		printf("%d %lu %d %d %d %lu %lu %d %d %d %d ", O.ret, ret, O.vma_created, O.vma_mapped,
		       O.unmapped, O.unmap_start, O.unmap_len, O.lock_held_at_unmap, O.rmap_held,
		       O.unlock_unheld, O.unmap_detached);
		if (!O.nwarn)
			printf("-");
		for (int i = 0; i < O.nwarn; i++)
			printf("%s%s", i ? "," : "", O.warned[i]);
		printf("\n");
		fflush(stdout);
	}
	return 0;
}
#endif
