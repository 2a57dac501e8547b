/*
 * The bridge to the C library.  Every other file of the model includes
 * only the reference kernel headers; this one alone includes libc, so the
 * two sets of declarations never meet in one translation unit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Prototypes as in core.h, which needs the kernel headers. */
void *host_alloc(size_t size);
void host_free(void *p);
void host_vlog(const char *fmt, va_list args);
void host_abort(void) __attribute__((__noreturn__));
const char *host_getenv(const char *name);

/*
 * Zeroed memory.  Power-of-two sizes up to 4K are naturally aligned, as
 * kmalloc guarantees since 5.4 (page-table pages rely on it).
 */
void *host_alloc(size_t size)
{
	size_t align = 16;
	void *p;

	if (!size)
		size = 1;
	if (size <= 4096 && !(size & (size - 1)) && size > align)
		align = size;
	size = (size + align - 1) & ~(align - 1);
	p = aligned_alloc(align, size);
	if (p)
		memset(p, 0, size);
	return p;
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
