/*
 * Stub header of the C harness (project-written).  WARN_ON_ONCE(cond) has the
 * value of cond and, when it is true, tells the harness which function warned
 * (harness.c records each function once per scenario).
 */
#ifndef STUB_LINUX_BUG_H
#define STUB_LINUX_BUG_H

#include <linux/compiler.h>

void harness_warn(const char *func);

#define WARN_ON_ONCE(cond) ({				\
	int __warned_now = !!(cond);			\
	if (unlikely(__warned_now))			\
		harness_warn(__func__);			\
	unlikely(__warned_now);				\
})
#define WARN_ON(cond)	WARN_ON_ONCE(cond)

#endif
