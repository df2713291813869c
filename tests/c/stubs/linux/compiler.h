/* Stub header of the C harness (project-written): compiler annotations. */
#ifndef STUB_LINUX_COMPILER_H
#define STUB_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define __must_check	__attribute__((warn_unused_result))
#define __force

#endif
