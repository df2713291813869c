/*
 * Stub header of the C harness (project-written): the basic kernel types a
 * fixture tree uses, for a user-space build at -m32 or -m64.
 */
#ifndef STUB_LINUX_TYPES_H
#define STUB_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>

typedef unsigned long pgoff_t;
typedef unsigned long long phys_addr_t;
typedef unsigned long vm_flags_t;

struct list_head {
	struct list_head *next, *prev;
};

#endif
