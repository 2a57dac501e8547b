/* SPDX-License-Identifier: GPL-2.0 */
/*
 * workflow.h - the CI and pre-commit features around a scan: the jobs of
 * --staged / --diff REV, --list-suppressions, and the findings filters run
 * after the rules (inline suppressions, changed code, baseline).
 */
#ifndef IOMMU_LINT_WORKFLOW_H
#define IOMMU_LINT_WORKFLOW_H

#include "baseline.h"
#include "compdb.h"
#include "gitdiff.h"
#include "options.h"

struct workflow {
	bool diff_mode;			/* --staged or --diff */
	struct git_diff diff;
	char *compdb;			/* compile DB found at the top of the tree */
	struct baseline *baseline;	/* --baseline, loaded before the scan */
	struct findings hidden;		/* suppressed and baselined: SARIF keeps them */
	bool failed;			/* the scan failed (exit 2): write no baseline */
};

/* Checks that need no scan (the --baseline file): fail before parsing. */
int workflow_start(const struct options *o, struct workflow *w);

/*
 * --staged / --diff REV: read the changes and make one job per changed
 * .c/.h file (positional files restrict them).  A compile_commands.json at
 * the top of the work tree is used as if given with -p (o->compdb is set),
 * and then only the changed .c files it lists are scanned.  Returns 0, or
 * -errno after printing one error line.
 */
int workflow_collect_jobs(struct options *o, struct workflow *w, struct job_list *jobs);
/* Print the suppressions of every job's main file.  Returns the exit code. */
int workflow_list_suppressions(const struct job_list *jobs);
/*
 * Drop suppressed findings, findings outside the changed code (diff mode),
 * then what the baseline lists.  Suppressed and baselined findings (in
 * changed code) move to w->hidden, sorted; with --write-baseline (and
 * w->failed false) every remaining finding moves there too, marked fresh:
 * a fresh baseline accepts them all.  Returns 0, or -errno after printing
 * one error line.
 */
int workflow_filter(const struct options *o, struct workflow *w, const struct fx_program *prog,
		    struct findings *f);
/*
 * Write --write-baseline from w->fresh: the last output of a run, so that
 * a run failing on an earlier one (-o, --export-fixes) leaves the baseline
 * as it was.  0, or -EIO after one error line.
 */
int workflow_write_baseline(const struct options *o, struct workflow *w);
void workflow_free(struct workflow *w);

#endif
