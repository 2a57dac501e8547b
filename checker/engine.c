// SPDX-License-Identifier: GPL-2.0
/*
 * engine.c - registers every rule's hooks, dispatches facts to them, and
 * collects findings (deduplicated per rule, symbol and line, then sorted so
 * output does not depend on -j).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "engine.h"
#include "rule.h"
#include "edit.h"
#include "srcscan.h"

#define MAX_HOOKS 8

struct var_hook {
	const char *record;
	var_hook_fn fn;
};

struct rule_reg {
	unsigned ntu, nfunc, nvar;
	tu_hook_fn tu[MAX_HOOKS];
	func_hook_fn func[MAX_HOOKS];
	struct var_hook var[MAX_HOOKS];
};

struct rule_ctx {
	int rule;
	enum severity severity;
	const struct fx_program *prog;
	struct findings *out;
	const char *kernel;
};

static void too_many_hooks(void)
{
	fputs("iommu-lint: internal error: a rule registers more than 8 hooks of one kind\n",
	      stderr);
	abort();
}

void hook_tu(struct rule_reg *r, tu_hook_fn fn)
{
	if (r->ntu == MAX_HOOKS)
		too_many_hooks();
	r->tu[r->ntu++] = fn;
}

void hook_func(struct rule_reg *r, func_hook_fn fn)
{
	if (r->nfunc == MAX_HOOKS)
		too_many_hooks();
	r->func[r->nfunc++] = fn;
}

void hook_var(struct rule_reg *r, const char *record, var_hook_fn fn)
{
	if (r->nvar == MAX_HOOKS)
		too_many_hooks();
	r->var[r->nvar].record = record;
	r->var[r->nvar++].fn = fn;
}

const struct fx_program *ctx_program(const struct rule_ctx *ctx)
{
	return ctx->prog;
}

const char *ctx_kernel_version(const struct rule_ctx *ctx)
{
	return ctx->kernel;
}

int report(struct rule_ctx *ctx, const struct fx_loc *loc, const char *symbol,
	   const char *fmt, ...)
{
	struct findings *out = ctx->out;
	struct finding *f;
	char msg[1024];
	va_list ap;
	unsigned i;

	for (i = 0; i < out->n; i++) {
		f = &out->v[i];
		if (f->rule == ctx->rule && f->line == loc->line &&
		    !strcmp(f->file, loc->file ? loc->file : "") &&
		    !strcmp(f->symbol, symbol ? symbol : ""))
			return (int)i;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->rule = ctx->rule;
	f->severity = ctx->severity;
	f->file = xstrdup(loc->file ? loc->file : "");
	f->line = loc->line;
	f->col = loc->col;
	f->symbol = xstrdup(symbol ? symbol : "");
	f->message = xstrdup(msg);
	return (int)(out->n - 1);
}

static struct finding *handle_finding(struct rule_ctx *ctx, int h)
{
	if (h < 0 || (unsigned)h >= ctx->out->n) {
		fprintf(stderr, "iommu-lint: internal error: a rule used finding handle %d of %u\n",
			h, ctx->out->n);
		abort();
	}
	return &ctx->out->v[h];
}

void report_edit(struct rule_ctx *ctx, int h, const struct fx_loc *from,
		 const struct fx_loc *to, const char *text)
{
	struct finding *f = handle_finding(ctx, h);
	struct finding_edit *e;
	const char *file = from->file ? from->file : "";
	unsigned i;

	if (f->no_fix || (from->line == to->line && from->col == to->col && !(text && *text)))
		return;
	if (to->file && strcmp(to->file, file)) {
		f->no_fix = xstrdup("internal: an edit spans two files; fix refused");
		return;
	}
	for (i = 0; i < f->nedits; i++) {
		e = &f->edits[i];
		/* the same edit again (a duplicate report of the finding) */
		if (!strcmp(e->file, file) && e->line == from->line && e->col == from->col &&
		    e->end_line == to->line && e->end_col == to->col && !strcmp(e->text, text))
			return;
	}
	f->edits = xrealloc(f->edits, (f->nedits + 1) * sizeof(*f->edits));
	e = &f->edits[f->nedits++];
	memset(e, 0, sizeof(*e));
	e->file = xstrdup(file);
	e->line = from->line;
	e->col = from->col;
	e->end_line = to->line;
	e->end_col = to->col;
	e->text = xstrdup(text ? text : "");
}

void report_fix_note(struct rule_ctx *ctx, int h, const char *why)
{
	struct finding *f = handle_finding(ctx, h);
	unsigned i;

	if (f->no_fix)
		return;
	for (i = 0; i < f->nedits; i++) {
		free(f->edits[i].file);
		free(f->edits[i].text);
	}
	free(f->edits);
	f->edits = NULL;
	f->nedits = 0;
	f->no_fix = xstrdup(why);
}

void report_fix_explain(struct rule_ctx *ctx, int h, const char *title, const char *why)
{
	struct finding *f = handle_finding(ctx, h);

	if (title) {
		free(f->fix_title);
		f->fix_title = xstrdup(title);
	}
	if (why) {
		free(f->fix_why);
		f->fix_why = xstrdup(why);
	}
}

void rule_settings_default(struct rule_settings *rs)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		rs->enabled[i] = true;
		rs->severity[i] = rule_meta[i].severity;
	}
}

bool engine_tu_may_match(const struct rule_settings *rs, const char *src, size_t len)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		if (!rs->enabled[i])
			continue;
		if (!rule_meta[i].prefilter[0] || srcscan_has_any(src, len, rule_meta[i].prefilter))
			return true;
	}
	return false;
}

static void (*const registrars[RULE_COUNT])(struct rule_reg *) = {
#define RULE(sym, id, sev, conf, eng, pre, needs, sum) [RULE_##sym] = rule_##sym##_register,
#include "../rules/rules.def"
#undef RULE
};

static void run_rule(struct rule_ctx *ctx, const struct rule_reg *reg, const struct fx_tu *tu)
{
	unsigned h, i;

	for (h = 0; h < reg->ntu; h++)
		reg->tu[h](ctx, tu);
	for (h = 0; h < reg->nfunc; h++)
		for (i = 0; i < tu->nfuncs; i++)
			reg->func[h](ctx, tu, &tu->funcs[i]);
	for (h = 0; h < reg->nvar; h++)
		for (i = 0; i < tu->nvars; i++)
			if (tu->vars[i].record && !strcmp(tu->vars[i].record, reg->var[h].record))
				reg->var[h].fn(ctx, tu, &tu->vars[i]);
}

void engine_run(const struct rule_settings *rs, const struct fx_program *prog,
		struct findings *out)
{
	struct rule_reg reg;
	struct rule_ctx ctx = { .prog = prog, .out = out, .kernel = rs->kernel };
	unsigned t;
	int r;

	for (r = 0; r < RULE_COUNT; r++) {
		if (!rs->enabled[r])
			continue;
		memset(&reg, 0, sizeof(reg));
		registrars[r](&reg);
		ctx.rule = r;
		ctx.severity = rs->severity[r];
		for (t = 0; t < prog->ntus; t++)
			if (prog->tus[t])
				run_rule(&ctx, &reg, prog->tus[t]);
	}
	edits_resolve(prog, out);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return strcmp(x->message, y->message);
}

void findings_sort(struct findings *f)
{
	if (f->n)
		qsort(f->v, f->n, sizeof(*f->v), cmp_finding);
}

unsigned findings_filter(struct findings *f, bool (*hide)(const struct finding *x, void *arg),
			 void *arg)
{
	unsigned i, keep = 0, removed = 0;

	for (i = 0; i < f->n; i++) {
		struct finding *x = &f->v[i];

		if (hide(x, arg)) {
			finding_free(x);
			removed++;
		} else {
			f->v[keep++] = *x;
		}
	}
	f->n = keep;
	return removed;
}

void finding_free(struct finding *x)
{
	unsigned i;

	free(x->file);
	free(x->symbol);
	free(x->message);
	for (i = 0; i < x->nedits; i++) {
		free(x->edits[i].file);
		free(x->edits[i].text);
	}
	free(x->edits);
	free(x->no_fix);
	free(x->fix_title);
	free(x->fix_why);
}

void findings_free(struct findings *f)
{
	unsigned i;

	for (i = 0; i < f->n; i++)
		finding_free(&f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}
