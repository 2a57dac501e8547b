/* SPDX-License-Identifier: GPL-2.0 */
/*
 * frontend.h - what the driver asks of a frontend: one TU in, facts out.
 * Each frontend exports one const struct frontend_ops; the driver picks one
 * by --engine and calls nothing else of it.
 */
#ifndef IOMMU_LINT_FRONTEND_H
#define IOMMU_LINT_FRONTEND_H

#include <stddef.h>

#include "facts.h"

struct tu_job {
	const char *file;	/* main file as the DB or command line names it */
	const char *directory;	/* working directory of the compile command */
	int argc;		/* sanitised compiler arguments, file excluded */
	char **argv;
	/*
	 * Fast mode only: byte ranges [skip[2i], skip[2i + 1]) of the text to
	 * read as blanks (function definitions a file parsed on demand does
	 * not need: demand_slice()), directive lines kept.
	 */
	const unsigned *skip;
	unsigned nskip;
	char *real;		/* its real path, when jobs_dedupe() found one */
};

struct frontend_ops {
	/* "clang", "ts": the --engine word and the rules.def engines word */
	const char *name;
	/*
	 * Once per run, before any init(): can this frontend work at all (the
	 * tree-sitter grammar ABI)?  NULL = always.  0 or -errno + reason.
	 */
	int (*check)(char *err, size_t errlen);
	/* Per-thread state (a CXIndex, a TSParser) in *state: 0 or -errno + reason. */
	int (*init)(void **state, char *err, size_t errlen);
	/*
	 * Parse job into tu (whose arena, file, src, src_len the caller set).
	 * Returns 0, or -errno with a one-line reason in err.
	 */
	int (*parse)(void *state, const struct tu_job *job, struct fx_tu *tu, char *err,
		     size_t errlen);
	void (*fini)(void *state);
};

extern const struct frontend_ops fe_clang_ops;	/* libclang, needs the TU's flags */
extern const struct frontend_ops fe_ts_ops;	/* tree-sitter on the file text ("fast") */

#endif
