/* SPDX-License-Identifier: GPL-2.0 */
/* report.h - writers for findings: gcc-style text, JSON, SARIF 2.1.0, HTML. */
#ifndef IOMMU_LINT_REPORT_H
#define IOMMU_LINT_REPORT_H

#include <limits.h>
#include <stdio.h>

#include <json-c/json.h>

#include "engine.h"

struct tu_failure {
	char *file;
	char *reason;
};

struct run_summary {
	unsigned tus, parsed, skipped, failed, functions, findings;
	double seconds;
	const struct tu_failure *failures;
	bool tool_failed;
	unsigned notes;		/* findings at level note (counted in findings too) */
	const struct findings *hidden;	/* suppressed and baselined (SARIF), or NULL */
	/* the parsed TUs, for the frontends' limit notes (fx_tu.limits); may be NULL */
	const struct fx_program *prog;
	/*
	 * --shard=K/N: this run is shard k of n (0 of 0: not sharded); sig
	 * identifies the whole job list and the options the shards share, so
	 * the merge step refuses shards of different runs (facts files only)
	 */
	unsigned shard_k, shard_n;
	unsigned long long shard_sig;
};

/* Print a JSON document (pretty, '/' unescaped) and a newline; -1 on a write error. */
int report_put_json(FILE *out, struct json_object *doc);
/* How the text report is shown (options_text_style() fills it from --color/--caret). */
struct text_style {
	bool color;		/* gcc's colours (SGR escapes) */
	bool caret;		/* each location's source line and a caret under its column */
	char cwd[PATH_MAX];	/* paths under it printed relative to it; "": as they are */
};

/* Plain: paths as the findings have them, no colour, no caret. */
int report_text(FILE *out, const struct findings *f, const struct run_summary *sum);
int report_text_styled(FILE *out, const struct findings *f, const struct run_summary *sum,
		       const struct text_style *st);
int report_json(FILE *out, const struct findings *f, const struct run_summary *sum);
int report_sarif(FILE *out, const struct findings *f, const struct run_summary *sum);
/*
 * One self-contained HTML page; source excerpts from prog's TUs or the files;
 * the conformance matrix of the rules rs ran when prog has iommu_ops tables.
 */
int report_html(FILE *out, const struct rule_settings *rs, const struct fx_program *prog,
		const struct findings *f, const struct run_summary *sum);
/* GitLab Code Quality: a JSON array of issues (docs/ci.md). */
int report_codequality(FILE *out, const struct findings *f, const struct run_summary *sum);

/* scripts/version-gen.sh at build time (the Makefile generates version.c) */
extern const char iommu_lint_version[];
#define IOMMU_LINT_VERSION iommu_lint_version

#endif
