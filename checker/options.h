/* SPDX-License-Identifier: GPL-2.0 */
/* options.h - the command line. */
#ifndef IOMMU_LINT_OPTIONS_H
#define IOMMU_LINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "engine.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_PATCH };
/* --engine: AUTO is tree-sitter for files without a compile DB or -- flags */
enum engine_kind { ENGINE_AUTO, ENGINE_CLANG, ENGINE_TS };

struct options {
	const char *compdb;		/* -p */
	int nfiles;
	char **files;			/* positional, then --files-from's */
	const char *files_from;		/* --files-from FILE ("-": stdin) */
	char *files_buf;		/* its text; files[] points into it */
	int nextra;
	char **extra;			/* compiler flags after -- */
	int jobs;			/* -j; 0 = number of cores */
	enum out_format format;
	enum engine_kind engine;	/* --engine=clang|ts, --fast */
	const char *output;		/* -o */
	bool keep_going, stats, quiet, list_rules, help, version, dump_facts, print_commands;
	bool staged, list_suppressions;	/* --staged, --list-suppressions */
	const char *diff_rev;		/* --diff REV */
	const char *baseline;		/* --baseline FILE */
	const char *write_baseline;	/* --write-baseline FILE */
	bool kbuild, fail_on_findings;	/* CHECK mode (kbuild.c), --fail-on-findings */
	const char *with_sparse;	/* --with-sparse[=PROGRAM]; NULL = off */
	const char *sarif_dir;		/* --sarif-dir DIR */
	const char *merge_dir;		/* --merge DIR */
	bool fix;			/* --fix: apply the fixes in place */
	bool conformance;		/* --conformance: the per-driver matrix (conformance.c) */
	const char *export_fixes;	/* --export-fixes FILE: the fixes as a unified diff */
	const char *patch_dir;		/* --patch-dir DIR: one mail per fix */
	struct rule_settings rules;
	enum severity fail_on;		/* --fail-on=error|warning|note */
};

/* Returns 0, or -EINVAL with a one-line reason in err. */
int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen);
void options_free(struct options *o);
void options_usage(FILE *out);

#endif
