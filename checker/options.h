/* SPDX-License-Identifier: GPL-2.0 */
/* options.h - the command line. */
#ifndef IOMMU_LINT_OPTIONS_H
#define IOMMU_LINT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "engine.h"

enum out_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_PATCH, FMT_HTML, FMT_CODEQUALITY };
/*
 * --engine: DEFAULT is AUTO with a compile DB or -- flags (CHECK mode
 * too), tree-sitter for bare files; AUTO reads every TU with tree-sitter
 * and has libclang confirm the TUs whose findings rest on code the text
 * may show otherwise than the compiler (checker/confirm.c).
 */
enum engine_kind { ENGINE_DEFAULT, ENGINE_CLANG, ENGINE_TS, ENGINE_AUTO };
/* --color, --caret, --progress; AUTO: when the stream is a terminal */
enum when { WHEN_AUTO, WHEN_ALWAYS, WHEN_NEVER };

struct options {
	const char *compdb;		/* -p */
	int nfiles;
	char **files;			/* positional, then --files-from's; malloc'ed */
	const char *files_from;		/* --files-from FILE ("-": stdin) */
	char *files_buf;		/* its text; files[] points into it */
	int nextra;
	char **extra;			/* compiler flags after -- (every call's); malloc'ed */
	int jobs;			/* -j; 0 = number of cores */
	enum out_format format;
	bool format_set;		/* --format given (a facts merge defaults to sarif) */
	unsigned shard_k, shard_n;	/* --shard=K/N; 0 0: not sharded */
	enum engine_kind engine;	/* --engine=auto|clang|ts, --fast */
	bool confirm_all;		/* --confirm=all: auto confirms every TU with a finding */
	bool confirm_set;		/* --confirm given (only the auto engine has one) */
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
	bool explain;			/* --explain [RULE] */
	const char *explain_id;		/* its RULE, or NULL: list the rules */
	struct rule_settings rules;
	enum severity fail_on;		/* --fail-on=error|warning|note */
	enum when color;		/* --color[=WHEN]; NO_COLOR turns auto off */
	enum when caret;		/* --caret[=WHEN], --no-caret: source line and caret */
	enum when progress;		/* --progress[=WHEN], --no-progress: on stderr */
	bool no_warnings;		/* a re-parse (config.c): its warnings were said */
};

/*
 * Parsing in layers (a config file's words, then the command line):
 * options_init(), options_parse_args() once per layer, options_finish().
 * Strings are not copied: every argv given must outlive o.
 */
void options_init(struct options *o);
/*
 * argv[0..argc) are option words (no program name), getopt_long-style:
 * --name=V or --name V, -xV or -x V, -W<id> switches, positional files;
 * words after "--" are compiler flags.  A later layer overrides an earlier
 * one; files and compiler flags accumulate.  origin (NULL for the command
 * line) prefixes messages, e.g. ".iommu-lint:3".  Returns 0, or -EINVAL
 * with a one-line reason in err; -Wno-<unknown id> is a warning on stderr.
 */
int options_parse_args(struct options *o, int argc, char **argv, const char *origin, char *err,
		       size_t errlen);
/* Checks across options, then --files-from.  0, or -EINVAL with err. */
int options_finish(struct options *o, char *err, size_t errlen);
/* All three for a plain argv (argv[0] the program).  0, or -EINVAL with err. */
int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen);
/*
 * Is word one of iommu-lint's own options in a kbuild CHECK command (the
 * -W rule switches aside); *value_next: its value is the next word.
 */
bool options_check_word(const char *word, bool *value_next);
void options_free(struct options *o);
struct text_style;
/*
 * The text report's style for a stream that is (tty) or is not a terminal:
 * --color (auto: a terminal, NO_COLOR unset or empty, TERM not dumb),
 * --caret (auto: a terminal, not CHECK mode), paths relative to the cwd.
 */
void options_text_style(const struct options *o, bool tty, struct text_style *st);
/* --progress: auto shows it when stderr is a terminal, not in CHECK mode nor CI. */
bool options_progress(const struct options *o);
void options_usage(FILE *out);

#endif
