// SPDX-License-Identifier: GPL-2.0
/*
 * RULE-ID: what the rule detects, in one sentence.
 *
 * Why: the contract and the kernel history behind it (commit titles, the
 * drivers that broke it).  Known false positives and what the rule does
 * about them.
 *
 * Copy this file with `scripts/new-rule RULE-ID`, which also makes the
 * fixtures folder, the doc page and the rules/rules.def line.  A rule sees
 * only the facts IR (checker/facts.h) through the hooks of checker/rule.h;
 * kernel knowledge (function names, pairs, versions) belongs in
 * rules/data/<name>.tbl, read with checker/table.h.  Analyses the core
 * already does are not rewritten here: checker/query.h (uses of a local,
 * spellings, the API version), checker/flow.h (a dataflow over the CFG),
 * checker/cfg.h (acquire/release pairs along every path).
 */
#include <string.h>

#include "../checker/rule.h"

/* Called once per function defined in a scanned TU. */
static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	(void)ctx;
	(void)tu;
	(void)fn;
	/* report(ctx, &loc, fn->name, "what is wrong, naming both ends"); */
}

void rule_SYM_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
