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
 * At most one finding per (rule, symbol, file, line) is kept.
 */
void report(struct rule_ctx *ctx, const struct fx_loc *loc, const char *symbol,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#define RULE(sym, id, sev, conf, eng, pre, sum) void rule_##sym##_register(struct rule_reg *r);
#include "../rules/rules.def"
#undef RULE

#endif
