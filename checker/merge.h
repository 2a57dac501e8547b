/* SPDX-License-Identifier: GPL-2.0 */
/*
 * merge.h - SARIF across many runs: --sarif-dir DIR makes each run (one
 * per file under kbuild) leave its SARIF log in DIR, and
 * `iommu-lint --merge DIR -o out.sarif` folds them into one log.
 */
#ifndef IOMMU_LINT_MERGE_H
#define IOMMU_LINT_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb.h"
#include "report.h"

/* The environment variable that stands for --sarif-dir (set it once for make). */
#define SARIF_DIR_ENV "IOMMU_LINT_SARIF_DIR"

/*
 * Write this run's SARIF log into dir (created if missing), atomically,
 * under a name made from the scanned file (one job) or from all of them,
 * so a re-run replaces its own log.  Returns 0 or -errno with err set.
 */
int sarif_dir_write(const char *dir, const struct job_list *jobs, const struct findings *f,
		    const struct run_summary *sum, char *err, size_t errlen);

/*
 * Merge every *.sarif log in dir into one SARIF 2.1.0 log with one run,
 * written atomically to output (stdout when NULL).  Returns the exit
 * status: 0 no results at fail_on or above, 1 some, 2 failure (reported
 * on stderr).  Results, their levels and related locations are kept as
 * they are; only URIs of a log from another directory are made absolute.
 */
int sarif_merge(const char *dir, const char *output, bool quiet, enum severity fail_on);

#endif
