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

void report(struct rule_ctx *ctx, const struct fx_loc *loc, const char *symbol,
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
			return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
	}
	f = &out->v[out->n++];
	f->rule = ctx->rule;
	f->severity = ctx->severity;
	f->file = xstrdup(loc->file ? loc->file : "");
	f->line = loc->line;
	f->col = loc->col;
	f->symbol = xstrdup(symbol ? symbol : "");
	f->message = xstrdup(msg);
}

void rule_settings_default(struct rule_settings *rs)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		rs->enabled[i] = true;
		rs->severity[i] = rule_meta[i].severity;
	}
}

/* word is one of the comma-separated words of list */
static bool list_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
	return false;
}

bool rule_runs(const struct rule_settings *rs, int rule)
{
	return rs->enabled[rule] &&
	       (!rs->frontend || list_has(rule_meta[rule].engines, rs->frontend));
}

bool engine_tu_may_match(const struct rule_settings *rs, const char *src, size_t len)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		if (!rule_runs(rs, i))
			continue;
		if (!rule_prefilter(i)[0] || srcscan_has_any(src, len, rule_prefilter(i)))
			return true;
	}
	return false;
}

static void (*const registrars[RULE_COUNT])(struct rule_reg *) = {
#define RULE(sym, id, sev, conf, eng, pre, sum) [RULE_##sym] = rule_##sym##_register,
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
		if (!rule_runs(rs, r))
			continue;
		memset(&reg, 0, sizeof(reg));
		registrars[r](&reg);
		ctx.rule = r;
		ctx.severity = rs->severity[r];
		for (t = 0; t < prog->ntus; t++)
			if (prog->tus[t])
				run_rule(&ctx, &reg, prog->tus[t]);
	}
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
			free(x->file);
			free(x->symbol);
			free(x->message);
			removed++;
		} else {
			f->v[keep++] = *x;
		}
	}
	f->n = keep;
	return removed;
}

void findings_free(struct findings *f)
{
	unsigned i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].file);
		free(f->v[i].symbol);
		free(f->v[i].message);
	}
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}
