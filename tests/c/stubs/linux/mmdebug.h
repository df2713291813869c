/*
 * Stub header of the C harness (project-written).  VM_WARN_ON_ONCE is the
 * CONFIG_DEBUG_VM=y flavour: a WARN_ON_ONCE whose value is discarded.
 */
#ifndef STUB_LINUX_MMDEBUG_H
#define STUB_LINUX_MMDEBUG_H

#include <linux/bug.h>

#define VM_WARN_ON_ONCE(cond)	((void)WARN_ON_ONCE(cond))

#endif
