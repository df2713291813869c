/*
 * Stub header of the C harness (project-written).  With CONFIG_DEBUG_VM,
 * VM_WARN_ON_ONCE is a WARN_ON_ONCE whose value is discarded; without it the
 * condition is only type-checked, never evaluated, and nothing warns.  The
 * harness is built both ways.
 */
#ifndef STUB_LINUX_MMDEBUG_H
#define STUB_LINUX_MMDEBUG_H

#include <linux/bug.h>

#ifdef CONFIG_DEBUG_VM
#define VM_WARN_ON_ONCE(cond)	((void)WARN_ON_ONCE(cond))
#else
#define VM_WARN_ON_ONCE(cond)	((void)sizeof((long)(cond)))
#endif

#endif
