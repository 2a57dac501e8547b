/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ts.h - the tree-sitter frontend ("fast mode"): parse the text of one .c
 * file, without preprocessing or headers, into the same facts IR as the
 * libclang frontend.
 */
#ifndef IOMMU_LINT_FRONTEND_TS_H
#define IOMMU_LINT_FRONTEND_TS_H

#include <stddef.h>

#include "../frontend.h"

/* Per-file parse time limit; a file that takes longer is a reported failure. */
#define FE_TS_TIMEOUT_US 10000000ull

/*
 * The text tree-sitter is given: preprocessor directives, the bodies of
 * "#if 0" blocks and attribute-like kernel macros (table in macros.h)
 * replaced by blanks, so that lines and columns stay those of src.
 * Returns a malloc()ed copy of len bytes plus a NUL, or NULL.
 */
char *fe_ts_blank(const char *src, size_t len);

#endif
