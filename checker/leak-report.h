/* SPDX-License-Identifier: GPL-2.0 */
/*
 * leak-report.h - one finding per acquisition the path engine found held
 * at some exit, for the pairing rules (device-lookup-put, group-get-put):
 * the finding at the acquisition, each leaking exit a related location,
 * and the fix (the release before each exit) when it is right.
 */
#ifndef IOMMU_LINT_LEAK_REPORT_H
#define IOMMU_LINT_LEAK_REPORT_H

#include "cfg.h"
#include "rule.h"

struct leak_words {
	const char *class;	/* pairs.tbl class, for the fix */
	const char *what;	/* "device reference" */
	const char *verb;	/* "dropped", "put" */
	const char *untested;	/* said when no exit tested the result */
	const char *title;	/* patch subject, "%s" the acquiring call */
	const char *why;	/* patch body: the contract and its consequence */
	bool failure_only;	/* report only exits known to fail (the rest hand over) */
	bool attach_holds;	/* pairs.tbl attach rows do not end tracking */
};

void leak_report(struct rule_ctx *ctx, const struct fx_tu *tu, const struct leak_words *w,
		 const struct cfg_leak *v, unsigned n);
/* A note at fn: its paths were followed only up to a walk's cap (any rule). */
void leak_limit(struct rule_ctx *ctx, const struct fx_func *fn, const char *why);

/* Walk fn for the acquisitions of w->class and report each leak (0 or -ENOMEM). */
int leak_check(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn,
	       const struct leak_words *w);

#endif
