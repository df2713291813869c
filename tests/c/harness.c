/*
 * The C harness: the kernel's mmap_action code (util.c, memory.c, vma.c and
 * the design's finish.c) with concrete callees whose results a scenario
 * chooses.  It reads one scenario per line on stdin and answers one outcome
 * line on stdout, so one process serves thousands of scenarios.
 *
 * Build (tests/c/harness.py does this):
 *   gcc -m64|-m32 [-DCONFIG_MMU] -Itests/c/designs/<design> -Itests/c tests/c/harness.c
 *
 * Scenario line (decimal; see struct harness_scenario):
 *   compat prepare_err type override hide action_prepare_err merged complete_err
 *   mapped_err vm_start vm_end success_hook_set success_hook_ret error_hook_set
 *   error_hook_ret
 * Outcome line:
 *   user_ret vma_created vma_mapped unmapped unmap_start unmap_len
 *   lock_held_at_unmap rmap_held_at_end unlock_unheld unmap_detached warnings
 * where user_ret is what the caller passes up as unsigned long (the address on
 * success of the normal path), and warnings lists, comma-separated, the
 * functions whose WARN_ON_ONCE fired ("-" for none).
 */
#include <stdio.h>
#include <stdlib.h>

#include "kernel.h"
#include "harness.h"
#include "mm_types.h"		/* the design's struct mmap_action */

/* include/linux/mm_types.h */
struct vm_area_desc {
	struct mm_struct *mm;
	struct file *file;
	unsigned long start;
	unsigned long end;
	unsigned long pgoff;
	struct file *vm_file;
	unsigned long vm_flags;
	const struct vm_operations_struct *vm_ops;
	void *private_data;
	struct mmap_action action;
};

/* include/linux/fs.h */
static inline int vfs_mmap_prepare(struct file *file, struct vm_area_desc *desc)
{
	return file->f_op->mmap_prepare(desc);
}

void compat_set_vma_from_desc(struct vm_area_struct *vma, struct vm_area_desc *desc);

#include "mm_internal.h"
#include "util.c"
#include "memory.c"
#include "vma.c"

/* ---- the harness: state, the callees' results, the driver ---------------- */

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

static int harness_vm_mapped(unsigned long start, unsigned long end, unsigned long pgoff,
			     const struct file *file, void **vm_private_data)
{
	return S.mapped_err;
}

static const struct vm_operations_struct harness_vm_ops = { .mapped = harness_vm_mapped };

/* The driver's f_op->mmap_prepare: sets the action as the scenario says. */
static int driver_mmap_prepare(struct vm_area_desc *desc)
{
	DRIVER_SETS_ACTION(&desc->action, &S);
	desc->vm_ops = &harness_vm_ops;
	return S.prepare_err;
}

static const struct file_operations harness_fops = { .mmap_prepare = driver_mmap_prepare };
static struct file harness_file = { .f_op = &harness_fops, .f_mapping = &harness_mapping };

int harness_success_hook(const struct vm_area_struct *vma) { return S.success_hook_ret; }
int harness_error_hook(int err) { return S.error_hook_ret; }

/* The prepare helpers mark the mapping special (mm/memory.c: VM_REMAP_FLAGS;
 * map_kernel_pages_prepare: VM_MIXEDMAP), which refuses a merge. */
int remap_pfn_range_prepare(struct vm_area_desc *desc)
{
	desc->vm_flags |= VM_REMAP_FLAGS;
	return S.action_prepare_err;
}
int map_kernel_pages_prepare(struct vm_area_desc *desc)
{
	desc->vm_flags |= VM_MIXEDMAP;
	return S.action_prepare_err;
}
int remap_pfn_range_complete(struct vm_area_struct *vma, struct mmap_action *action)
{
	return S.complete_err;
}
int map_kernel_pages_complete(struct vm_area_struct *vma, struct mmap_action *action)
{
	return S.complete_err;
}

int __simple_ioremap_prep(unsigned long vm_len, unsigned long vm_pgoff,
			  unsigned long long start_phys, unsigned long size,
			  unsigned long *pfnp)
{
	*pfnp = 0;
	return 0;
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

int do_munmap(struct mm_struct *mm, unsigned long start, size_t len, struct list_head *uf)
{
	/* free_pgtables() -> unlink_file_vma_batch_process() takes i_mmap_rwsem. */
	if (O.rmap_held)
		O.lock_held_at_unmap = true;
	if (!O.vma_attached)
		O.unmap_detached = true;
	O.unmapped = true;
	O.vma_mapped = false;
	O.unmap_start = start;
	O.unmap_len = len;
	return 0;
}

int __mmap_setup(struct mmap_state *map, struct vm_area_desc *desc, struct list_head *uf)
{
	/* vms_gather_munmap_vmas() etc.; a neighbour exists when the range merges. */
	map->prev = S.merged ? &harness_neighbour : NULL;
	return 0;
}

/* mm/vma.c vma_merge_new_range(): a special mapping never merges. */
struct vm_area_struct *vma_merge_new_range(struct mmap_state *map)
{
	if (map->vm_flags & VM_SPECIAL)
		return NULL;
	return map->prev;
}

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	memset(&harness_vma, 0, sizeof(harness_vma));
	harness_vma.vm_mm = mm;
	return &harness_vma;
}

void vma_iter_store_new(struct mmap_state *map, struct vm_area_struct *vma)
{
	vma->attached = true;
	O.vma_created = O.vma_attached = O.vma_mapped = true;
}

void __vma_link_file(struct vm_area_struct *vma, struct address_space *mapping) { }
void __mmap_complete(struct mmap_state *map, struct vm_area_struct *vma) { }
void vms_abort_munmap_vmas(struct mmap_state *map) { }

/* The compat path's VMA: the mmap() caller has not added it to the tree yet. */
void compat_set_vma_from_desc(struct vm_area_struct *vma, struct vm_area_desc *desc)
{
	vma->vm_pgoff = desc->pgoff;
	vma->vm_file = desc->vm_file;
	vma->vm_ops = desc->vm_ops;
	vma->vm_private_data = desc->private_data;
	O.vma_created = O.vma_mapped = true;
	O.vma_attached = vma->attached;
}

static unsigned long run(void)
{
	memset(&O, 0, sizeof(O));
	if (S.compat) {
		memset(&harness_vma, 0, sizeof(harness_vma));
		harness_vma.vm_start = S.vm_start;
		harness_vma.vm_end = S.vm_end;
		harness_vma.vm_mm = &harness_mm;
		harness_vma.vm_file = &harness_file;
		harness_vma.attached = false;
		return (unsigned long)compat_vma_mmap(&harness_file, &harness_vma);
	}
	return __mmap_region(&harness_file, S.vm_start, S.vm_end - S.vm_start, 0, NULL);
}

static int parse(char *line)
{
	long long v[15];
	char *p = line, *end;

	for (int i = 0; i < 15; i++) {
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
		.error_hook_set = v[13], .error_hook_ret = (int)v[14],
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
	printf("harness design=%s word=%d mmu=%d\n", HARNESS_DESIGN, (int)(8 * sizeof(long)), mmu);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin)) {
		unsigned long ret;

		if (parse(line)) {
			printf("error: malformed scenario line\n");
			fflush(stdout);
			continue;
		}
		ret = run();
		printf("%lu %d %d %d %lu %lu %d %d %d %d ", ret, O.vma_created, O.vma_mapped,
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
