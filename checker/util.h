/* SPDX-License-Identifier: GPL-2.0 */
/*
 * util.h - allocation that cannot fail (out of memory ends the process with
 * one line, like git's xmalloc: no finding is worth reporting half-parsed)
 * and whole-file reads for small auxiliary files (autoconf.h, iommu.h).
 */
#ifndef IOMMU_LINT_UTIL_H
#define IOMMU_LINT_UTIL_H

#include <stddef.h>

void die_oom(void) __attribute__((noreturn));
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
/* The whole file, NUL-terminated, malloc'ed; NULL if it cannot be read. */
char *read_text_file(const char *path);

/*
 * Open path for reading without blocking on a FIFO, and refuse anything but
 * a regular file (a FIFO, a device, a directory, a socket): returns the
 * descriptor (blocking again), or -errno with a one-line reason in err.
 */
int open_regular(const char *path, char *err, size_t errlen);
/* The same check, closing the descriptor: 0 or -errno. */
int check_regular(const char *path, char *err, size_t errlen);

#endif
