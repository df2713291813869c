/* Stub header of the C harness (project-written): the C library's string.h. */
#ifndef STUB_LINUX_STRING_H
#define STUB_LINUX_STRING_H

#include <string.h>

#endif
