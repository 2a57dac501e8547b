/*
 * The bridge to the C library.  Every other file of the model includes
 * only the reference kernel headers; this one alone includes libc, so the
 * two sets of declarations never meet in one translation unit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* Prototypes as in core.h, which needs the kernel headers. */
void *host_alloc(size_t size);
void host_free(void *p);
void host_vlog(const char *fmt, va_list args);
void host_abort(void) __attribute__((__noreturn__));
const char *host_getenv(const char *name);

void *host_alloc(size_t size)
{
	return calloc(1, size ? size : 1);
}

void host_free(void *p)
{
	free(p);
}

void host_vlog(const char *fmt, va_list args)
{
	vfprintf(stderr, fmt, args);
}

void host_abort(void)
{
	fflush(stderr);
	abort();
}

const char *host_getenv(const char *name)
{
	return getenv(name);
}
