/* SPDX-License-Identifier: GPL-2.0 */
/* engine.h - rule dispatch over the facts of a whole run, and the findings. */
#ifndef IOMMU_LINT_ENGINE_H
#define IOMMU_LINT_ENGINE_H

#include <stdbool.h>
#include <stdio.h>

#include "facts.h"
#include "registry.h"

/* One piece of evidence for a finding: a location with its own message. */
struct related_loc {
	char *file;
	unsigned line, col;
	char *message;
};

/*
 * severity is the finding's own level: the rule's default (rules.def) or
 * what the rule set with report_level(), after -Werror / -Werror=<id>.
 */

/*
 * One edit of a fix: replace [offset, offset + length) of file, as parsed,
 * with text.  Lines and columns are 1-based, columns in bytes; the end is
 * exclusive (end == start: an insertion).
 */
struct finding_edit {
	char *file;
	unsigned line, col, end_line, end_col;
	size_t offset, length;
	char *text;
};

struct finding {
	int rule;
	enum severity severity;
	char *file;
	unsigned line, col;
	char *symbol;
	char *message;
	/* report_related(): distinct, in source order, at most RELATED_MAX + 1 */
	unsigned nrelated;
	struct related_loc *related;
	/* the fix (checker/edit.c): edits sorted by offset, or why there is none */
	unsigned nedits;
	struct finding_edit *edits;
	char *no_fix;		/* why there is no fix (rule note, overlap), or NULL */
	char *fix_title;	/* patch subject after the "iommu/foo: " prefix, or NULL */
	char *fix_why;		/* the contract broken and its consequence, or NULL */
	/* hidden by an inline suppression or a baseline (kept for SARIF only) */
	enum hide_kind { HIDE_NONE, HIDE_IN_SOURCE, HIDE_EXTERNAL } hidden;
	char *justification;	/* why it is hidden, or NULL */
	bool fresh;		/* hidden by --write-baseline: the new baseline lists it */
};

/*
 * A finding keeps RELATED_MAX related locations; past that the next one
 * stands for the rest, with the message "and N more related locations".
 */
#define RELATED_MAX 32

struct findings {
	unsigned n, cap;
	struct finding *v;
};

struct rule_settings {
	bool enabled[RULE_COUNT];
	enum severity severity[RULE_COUNT];
	const char *kernel;	/* --kernel=VER: API version when the tree does not say */
	bool werror[RULE_COUNT];	/* -Werror=<id>: every finding of the rule is an error */
	bool werror_all;		/* -Werror: warnings are errors, notes stay notes */
	const char *frontend;	/* frontend_ops.name of the run; NULL = every engine */
};

void rule_settings_default(struct rule_settings *rs);
/* Enabled, and its rules.def engines name the running frontend. */
bool rule_runs(const struct rule_settings *rs, int rule);
/*
 * Can some running rule match a TU with this text (its rules.def
 * prefilter)?  0 no; PF_MATCH yes; PF_ON_DEMAND only if the file
 * supplies what the rest of the run asks for (demand.c); then kinds (when
 * not NULL) gets what the rules that kept it may ask (DEMAND_*).  rules
 * (when not NULL) gets bit i for each running rule i that may report in
 * this file by its prefilter under either engine (the first group of an
 * alternative, "~" ones too): the rule's hooks need not see the others
 * (fx_tu.rules).
 */
int engine_tu_may_match(const struct rule_settings *rs, const char *src, size_t len,
			unsigned *kinds, unsigned *rules);
/*
 * --stats: CPU time of the prefilter's scans, bytes scanned, files each
 * rule keeps, files each rule keeps only on demand.
 */
struct prefilter_stats {
	_Atomic unsigned long scan_ns, bytes, kept[RULE_COUNT], on_demand[RULE_COUNT];
};
extern struct prefilter_stats prefilter_stats;
/* The words of the running rules' prefilters as tokens, sep between them (for grep -wF). */
void engine_prefilter_words(FILE *out, const struct rule_settings *rs, char sep);
/* Are the prefilter's later groups exact for this run (fast mode reads only the text)? */
bool engine_prefilter_exact(const struct rule_settings *rs);
void engine_run(const struct rule_settings *rs, const struct fx_program *prog,
		struct findings *out);
/* The level a finding of rule reported at level gets under -Werror / -Werror=<id>. */
enum severity rule_level(const struct rule_settings *rs, int rule, enum severity level);
/*
 * A context reporting as rule into out, outside engine_run (tests, tools);
 * engine_ctx_free() caps the related lists as engine_run does.
 */
struct rule_ctx *engine_ctx_new(const struct rule_settings *rs, int rule, struct findings *out);
void engine_ctx_free(struct rule_ctx *ctx);
/* How many findings are at level or above (the exit status, --fail-on). */
unsigned findings_at_least(const struct findings *f, enum severity level);
/* Free a finding's related locations (the rest of it is freed by the caller). */
void finding_related_free(struct finding *x);
void findings_sort(struct findings *f);
/* Drop (and free) every finding for which hide() is true; returns how many. */
unsigned findings_filter(struct findings *f, bool (*hide)(const struct finding *x, void *arg),
			 void *arg);
/*
 * findings_filter() that keeps what it hides: hide() returns the reason
 * (NULL: keep the finding in f); the finding moves to into with kind and
 * the reason, or is freed when into is NULL.  Returns how many were hidden.
 */
unsigned findings_hide(struct findings *f,
		       const char *(*hide)(const struct finding *x, void *arg), void *arg,
		       enum hide_kind kind, struct findings *into);
void findings_free(struct findings *f);
/* Free one finding's fields (not the finding itself). */
void finding_free(struct finding *x);

#endif
