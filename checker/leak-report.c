// SPDX-License-Identifier: GPL-2.0
/* leak-report.c - the finding, notes and fix of one leaked acquisition (see leak-report.h). */
#include <stdio.h>
#include <stdlib.h>

#include "fixgen.h"
#include "leak-report.h"

void leak_report(struct rule_ctx *ctx, const struct fx_tu *tu, const struct leak_words *w,
		 const struct cfg_leak *v, unsigned n)
{
	struct fg_fix fix = { 0 };
	bool unchecked = true;
	char title[128];
	unsigned i;
	int h;

	for (i = 0; i < n; i++)
		unchecked &= v[i].unchecked;
	h = report(ctx, &v[0].acq_loc, v[0].fn->name,
		   "%s '%s' from %s() is not %s on %u path%s (returning at line %u%s)%s; release it with %s",
		   w->what, v[0].handle, v[0].acquire, w->verb, n, n == 1 ? "" : "s",
		   v[0].exit_loc.line, n == 1 ? "" : ", ...", unchecked ? w->untested : "",
		   v[0].release);
	for (i = 0; i < n; i++) {
		if (v[i].via_label) {
			report_related(ctx, h, &v[i].via_loc, "'goto %s' taken with '%s' held",
				       v[i].via_label, v[0].handle);
			report_related(ctx, h, &v[i].exit_loc,
				       "'%s' still held on this return (reached through 'goto %s' at line %u)",
				       v[0].handle, v[i].via_label, v[i].via_loc.line);
		} else {
			report_related(ctx, h, &v[i].exit_loc, "'%s' still held on this return",
				       v[0].handle);
		}
	}
	fg_release_before_exits(&fix, ctx_program(ctx), tu, w->class, v, n);
	fg_emit(ctx, h, &fix);
	snprintf(title, sizeof(title), w->title, v[0].acquire);
	report_fix_explain(ctx, h, title, w->why);
}

void leak_limit(struct rule_ctx *ctx, const struct fx_func *fn, const char *why)
{
	int h = report(ctx, &fn->loc, fn->name,
		       "path analysis of %s() %s: defects it did not follow are not reported",
		       fn->name, why);

	report_level(ctx, h, SEV_NOTE);
	report_fix_note(ctx, h, "a limit of the analysis, not a defect");
}

struct leak_arg {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct leak_words *w;
};

static void on_defect(const struct cfg_leak *v, unsigned n, void *arg)
{
	const struct leak_arg *a = arg;
	struct cfg_leak *f;
	unsigned i, nf = 0;

	if (!a->w->failure_only) {
		leak_report(a->ctx, a->tu, a->w, v, n);
		return;
	}
	f = calloc(n, sizeof(*f));
	if (!f)
		return;
	for (i = 0; i < n; i++)
		if (v[i].exit == CFG_EXIT_FAILURE)
			f[nf++] = v[i];
	if (nf)
		leak_report(a->ctx, a->tu, a->w, f, nf);
	free(f);
}

static void on_limit(const struct fx_func *fn, const char *why, void *arg)
{
	const struct leak_arg *a = arg;

	leak_limit(a->ctx, fn, why);
}

int leak_check(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn,
	       const struct leak_words *w)
{
	struct leak_arg a = { ctx, tu, w };
	struct cfg_track t = {
		.class = w->class,
		.tu = tu,
		.prog = ctx_program(ctx),
		.arg = &a,
		.defect = on_defect,
		.limit = on_limit,
		.attach_holds = w->attach_holds,
	};

	return cfg_check_pairs(fn, &t);
}
