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
 *
 * The rules.def prefilter says which files the rule can report in: for
 * each way it reports, an alternative of AND-groups ("device_register\0&\0
 * kfree\0|\0..."), each group a set of words one of which the file must
 * contain for that way to fire (read the code: a word the rule merely
 * relates to is not a condition).  The first group of an alternative must
 * be written in the main file in clang mode too; the later ones are
 * checked in fast mode only.  A file that supplies facts to another file's
 * finding (a callback bound elsewhere, a helper's summary) needs its own
 * alternative.  docs/fast-mode.md ("The prefilter") has the details.
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
