/* SPDX-License-Identifier: GPL-2.0 */
/*
 * config.h - .iommu-lint files, found from a directory upward (like
 * .editorconfig: every file up to the filesystem root or one that says
 * "root = true", the nearest last).  A line is a command-line option
 * ("--fail-on=note", "-Wno-resv-region", "--baseline FILE": relative paths
 * are relative to the file's directory), "exclude = GLOB" (a path relative
 * to the file's directory; '*' matches across '/', a directory excludes
 * what is under it), "root = true", a comment (#) or blank.
 *
 * The options of the files above the current directory apply to the run,
 * before the command line (so it wins).  Each scanned file also gets the
 * rule switches (-W...) and excludes of the files above its own directory:
 * a finding of a rule that the file's nearest switches disable is dropped
 * after the rules ran (the run enables a rule when any scanned file does),
 * and an excluded file is not scanned nor reported.
 */
#ifndef IOMMU_LINT_CONFIG_H
#define IOMMU_LINT_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

#include "compdb.h"
#include "engine.h"

#define CONFIG_NAME ".iommu-lint"

struct config_file;
struct config_dir;

struct config {
	bool disabled;			/* --no-config */
	bool print;			/* --print-config */
	struct config_dir *dirs;	/* directory -> nearest chain, cached */
	struct config_dir *last;	/* the last one looked up (jobs come by directory) */
	struct config_dir **index;	/* the dirs by name, open addressing */
	unsigned index_cap, ndirs;
	struct config_file *files;	/* every file read */
	int nrun;			/* the run's chain, farthest first */
	struct config_file **run;
	int argc;			/* the argv for options_parse() */
	char **argv;
	char **origin;			/* "FILE:LINE" or "command line", per argv word */
	int ncmd_rules;			/* -W words of the command line */
	char **cmd_rules;
};

/*
 * Read the .iommu-lint files above the current directory and make
 * c->argc/argv: argv[0], their options, then the command line (without
 * --no-config / --print-config, which set c->disabled / c->print).  Returns
 * 0, or -EINVAL with "FILE:LINE: reason" in err.
 */
int config_load(struct config *c, int argc, char **argv, char *err, size_t errlen);
/*
 * Drop the jobs an exclude of their directories names, and enable in rs
 * every rule a job's own directories enable.  Returns 0, or -EINVAL with a
 * reason in err (a malformed .iommu-lint below the current directory).
 */
int config_apply_jobs(struct config *c, struct job_list *jobs, struct rule_settings *rs,
		      char *err, size_t errlen);
/* Drop the findings in excluded files or of rules their directory disables. */
void config_filter_findings(struct config *c, struct findings *f);
/* --print-config: the effective settings and where each came from. */
int config_print(struct config *c, FILE *out, int nfiles, char *const *files);
void config_free(struct config *c);

#endif
