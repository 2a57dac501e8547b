/* SPDX-License-Identifier: GPL-2.0 */
/* frontend.h - what the driver asks of a frontend: one TU in, facts out. */
#ifndef IOMMU_LINT_FRONTEND_H
#define IOMMU_LINT_FRONTEND_H

#include "facts.h"

struct tu_job {
	const char *file;	/* main file as the DB or command line names it */
	const char *directory;	/* working directory of the compile command */
	int argc;		/* sanitised compiler arguments, file excluded */
	char **argv;
};

/* Per-thread frontend state (a CXIndex for libclang). */
struct fe_clang;
struct fe_clang *fe_clang_new(void);
void fe_clang_free(struct fe_clang *fe);

/*
 * Parse job into tu (whose arena, file, src are set by the caller).
 * Returns 0, or -EINVAL with a one-line reason in err (parse errors, a
 * missing header, a libclang failure).
 */
int fe_clang_parse(struct fe_clang *fe, const struct tu_job *job, struct fx_tu *tu,
		   char *err, size_t errlen);

#endif
