/* Stub header of the C harness (project-written): the errno numbers used. */
#ifndef STUB_LINUX_ERRNO_H
#define STUB_LINUX_ERRNO_H

#define EPERM		1
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EINVAL		22
#define ENOSPC		28
#define ENOSYS		38

#endif
