/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error values carried in pointers and in unsigned longs.
 *
 * Fixture of the mmap-action-verifier test suite: kernel-style C written for
 * the project from the documented semantics, not a copy of the kernel file.
 */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * The top MAX_ERRNO values of the address space are never valid pointers or
 * mapping addresses, so a negated errno fits there.
 */
#define MAX_ERRNO	4095

#ifndef __ASSEMBLY__

/* True for the last MAX_ERRNO values of an unsigned long: an encoded error. */
#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

/* Wrap a negated errno into a pointer. */
static inline void *__must_check ERR_PTR(long error)
{
	return (void *)error;
}

/* Unwrap it again. */
static inline long __must_check PTR_ERR(__force const void *ptr)
{
	return (long)ptr;
}

static inline bool __must_check IS_ERR(__force const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool __must_check IS_ERR_OR_NULL(__force const void *ptr)
{
	return !ptr || IS_ERR_VALUE((unsigned long)ptr);
}

/* Zero for a good pointer, the error it carries otherwise. */
static inline int __must_check PTR_ERR_OR_ZERO(__force const void *ptr)
{
	if (IS_ERR(ptr))
		return PTR_ERR(ptr);
	return 0;
}

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_ERR_H */
