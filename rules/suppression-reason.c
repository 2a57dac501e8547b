// SPDX-License-Identifier: GPL-2.0
/*
 * suppression-reason: an inline suppression that gives no reason, names no
 * rule, or names a rule id iommu-lint does not have.
 *
 * Why: a suppression is a decision someone has to revisit when the code or
 * the rule changes; without the reason written next to it ("-- the core
 * drops this reference in release_device()") nobody can.  A misspelt rule
 * id would silently suppress nothing, which looks like a working
 * suppression until the finding shows up in CI.  A suppression without a
 * reason hides nothing (checker/suppress.c), so the finding it meant to
 * hide is reported as well.
 */
#include <string.h>

#include "../checker/registry.h"
#include "../checker/rule.h"
#include "../checker/suppress.h"

/* The function or file-scope variable whose extent holds line, or "". */
static const char *symbol_at(const struct fx_tu *tu, unsigned line)
{
	unsigned i;

	for (i = 0; i < tu->nfuncs; i++)
		if (tu->funcs[i].loc.line <= line && line <= tu->funcs[i].end_line)
			return tu->funcs[i].name;
	for (i = 0; i < tu->nvars; i++)
		if (tu->vars[i].loc.line <= line && line <= tu->vars[i].end_line)
			return tu->vars[i].name;
	return "";
}

static void match_tu(struct rule_ctx *ctx, const struct fx_tu *tu)
{
	struct suppression_list l = { 0 };
	unsigned i, k;

	if (!tu->src || suppress_scan(tu->src, tu->src_len, &l))
		goto out_free;
	for (i = 0; i < l.n; i++) {
		const struct suppression *s = &l.v[i];
		struct fx_loc loc = { .file = tu->file, .line = s->line, .col = s->col };
		const char *sym = symbol_at(tu, s->last);

		if (!s->nids)
			report_fix_note(ctx, report(ctx, &loc, sym,
						    "suppression names no rule: write 'iommu-lint: ignore <rule-id> -- <reason>'"),
					"which rule the comment meant to silence is its author's knowledge");
		for (k = 0; k < s->nids; k++)
			if (rule_lookup(s->ids[k]) < 0)
				report_fix_note(ctx, report(ctx, &loc, sym,
							    "suppression names unknown rule '%s' (see --list-rules)",
							    s->ids[k]),
						"the rule meant (a misspelling, or a rule of another tool) is its author's knowledge");
		if (s->nids && !s->reason)
			report_fix_note(ctx, report(ctx, &loc, sym,
						    "suppression of '%s' gives no reason, so it hides nothing: add '-- <why the finding is wrong or accepted>'",
						    s->ids[0]),
					"only a person can say why the finding is wrong or accepted");
	}
out_free:
	suppress_list_free(&l);
}

void rule_suppression_reason_register(struct rule_reg *r)
{
	hook_tu(r, match_tu);
}
