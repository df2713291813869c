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
 * Negated errno values live in the top MAX_ERRNO values of an unsigned long,
 * where no mapping address or kernel pointer can be.
 */
#define MAX_ERRNO	4095

#ifndef __ASSEMBLY__

/* Is @v (any integer or pointer type), as an unsigned long, one of them? */
#define IS_ERR_VALUE(v)	unlikely((unsigned long)(void *)(v) >= (unsigned long)-MAX_ERRNO)

/* An errno as a pointer, and back; test a pointer for one. */
static inline void *__must_check ERR_PTR(long error) { return (void *)error; }
static inline long __must_check PTR_ERR(__force const void *p) { return (long)p; }
static inline bool __must_check IS_ERR(__force const void *p) { return IS_ERR_VALUE(p); }

/* The errno behind @p, or @fallback when @p is a real pointer. */
static inline long err_or(const void *p, long fallback)
{
	return IS_ERR(p) ? PTR_ERR(p) : fallback;
}

#endif /* __ASSEMBLY__ */

#endif /* _LINUX_ERR_H */
