/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rule.h - the API a rule file sees: hooks on facts, and report().
 * A rule registers hooks in rule_<sym>_register(); the engine calls them per
 * TU after every TU of the run has been parsed, so a hook may look into
 * other TUs through the program (whole-program binding).
 */
#ifndef IOMMU_LINT_RULE_H
#define IOMMU_LINT_RULE_H

#include "facts.h"
#include "registry.h"
#include "edit.h"

struct rule_ctx;
struct rule_reg;

typedef void (*tu_hook_fn)(struct rule_ctx *ctx, const struct fx_tu *tu);
typedef void (*func_hook_fn)(struct rule_ctx *ctx, const struct fx_tu *tu,
			     const struct fx_func *fn);
typedef void (*var_hook_fn)(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *var);

void hook_tu(struct rule_reg *r, tu_hook_fn fn);
void hook_func(struct rule_reg *r, func_hook_fn fn);
/* Called for each file-scope variable whose (element) record is `record`. */
void hook_var(struct rule_reg *r, const char *record, var_hook_fn fn);

const struct fx_program *ctx_program(const struct rule_ctx *ctx);
/* The --kernel=VER given on the command line ("6.1"), or NULL. */
const char *ctx_kernel_version(const struct rule_ctx *ctx);

/*
 * One finding at loc, attributed to symbol (function or variable name).
 * At most one finding per (rule, symbol, file, line) is kept: a second
 * report there returns the first one's handle and changes nothing.
 * Returns a handle (>= 0) that later calls may use to add evidence or
 * edits to the finding during the same hook call.
 */
int report(struct rule_ctx *ctx, const struct fx_loc *loc, const char *symbol,
	   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Evidence for finding h (a handle from report()): a related location with
 * its own message ("reference taken here", "returned here without a put").
 * Identical (location, message) pairs are kept once, in source order; past
 * RELATED_MAX of them the rest become one "and N more" entry.  Printed as
 * gcc-style note lines after the finding, SARIF relatedLocations.
 */
void report_related(struct rule_ctx *ctx, int h, const struct fx_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/*
 * Finding h's own level (SEV_NOTE, SEV_WARNING, SEV_ERROR) instead of the
 * rule's default.  -Werror=<id> still makes it an error; -Werror makes a
 * warning an error and leaves a note a note.
 */
void report_level(struct rule_ctx *ctx, int h, enum severity level);
/*
 * Fixes (docs/fixes.md).  Only a fix right by construction: when the rule
 * cannot be sure, it says why with report_fix_note() instead.
 * report_edit: replace the main file's bytes from `from` (inclusive) to `to`
 * (exclusive) with text; from == to inserts.  Positions are resolved to
 * byte offsets against the file as parsed at the end of the run; an edit
 * outside the TU's main file, or two edits of one finding that overlap,
 * drop the finding's whole fix.
 * report_fix_note: the finding has no fix, and why (JSON, --explain).
 * report_fix_explain: the patch mail's subject (after "iommu/foo: ",
 * imperative) and its body paragraph (the contract broken and what follows
 * from it); either may be NULL (defaults: the rule id and the message).
 */
void report_edit(struct rule_ctx *ctx, int h, const struct fx_loc *from,
		 const struct fx_loc *to, const char *text);
void report_fix_note(struct rule_ctx *ctx, int h, const char *why);
void report_fix_explain(struct rule_ctx *ctx, int h, const char *title, const char *why);

#define RULE(sym, id, sev, conf, eng, pre, sum) void rule_##sym##_register(struct rule_reg *r);
#include "../rules/rules.def"
#undef RULE

#endif
