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

struct fe_ts;

/*
 * Check that the compiled-in grammar's ABI is one the linked tree-sitter
 * library accepts.  Returns 0, or -EINVAL with a one-line reason in err.
 */
int fe_ts_check_grammar(char *err, size_t errlen);
struct fe_ts *fe_ts_new(void);
void fe_ts_free(struct fe_ts *fe);

/*
 * Parse job->file (an absolute or cwd-relative path whose text the caller
 * already put in tu->src) into tu.  Syntax errors are not failures: kernel
 * macros make ERROR nodes and the code around them is still read.  Returns
 * 0, or -EINVAL / -ETIMEDOUT with a one-line reason in err.
 */
int fe_ts_parse(struct fe_ts *fe, const struct tu_job *job, struct fx_tu *tu, char *err,
		size_t errlen);

/*
 * The text tree-sitter is given: preprocessor directives, the bodies of
 * "#if 0" blocks and attribute-like kernel macros (table in macros.h)
 * replaced by blanks, so that lines and columns stay those of src.
 * Returns a malloc()ed copy of len bytes plus a NUL, or NULL.
 */
char *fe_ts_blank(const char *src, size_t len);

#endif
