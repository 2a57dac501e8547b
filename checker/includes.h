/* SPDX-License-Identifier: GPL-2.0 */
/* includes.h - no #include of a FIFO or device reaches libclang (includes.c). */
#ifndef IOMMU_LINT_INCLUDES_H
#define IOMMU_LINT_INCLUDES_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend.h"

/*
 * Walk the TU's #include graph as its search paths resolve it: 0, or
 * -EINVAL with err naming the include that is not a regular file.
 */
int includes_check(const struct tu_job *job, char *err, size_t errlen);
/*
 * The header `want` ("linux/iommu.h") as the TU's search paths find it,
 * through its own "..." headers and <...> headers named for an IOMMU, a
 * few levels deep (every #include line whatever its #if): its path in
 * path, or false.  Reads a handful of files; no set of its own is kept.
 */
bool includes_find(const struct tu_job *job, const char *want, char *path, size_t len);
/* Forget the headers walked so far (tests). */
void includes_reset(void);

#endif
