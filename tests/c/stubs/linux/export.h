/* Stub header of the C harness (project-written): symbol exports are no-ops. */
#ifndef STUB_LINUX_EXPORT_H
#define STUB_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)

#endif
