/* Stub header of the C harness (project-written): the current task. */
#ifndef STUB_LINUX_SCHED_H
#define STUB_LINUX_SCHED_H

struct mm_struct;

struct task_struct {
	struct mm_struct *mm;
};

extern struct task_struct *current;

#endif
