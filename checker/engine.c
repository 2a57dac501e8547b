// SPDX-License-Identifier: GPL-2.0
/*
 * engine.c - registers every rule's hooks, dispatches facts to them, and
 * collects findings (deduplicated per rule, symbol and line, then sorted so
 * output does not depend on -j).
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "demand.h"
#include "engine.h"
#include "rule.h"
#include "edit.h"
#include "srcscan.h"
#include "summary.h"

#define MAX_HOOKS 8
#define ENGINE_STACK ((size_t)1 << 30)

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

/*
 * The findings already in ctx->out by (rule, file, line, symbol): report()
 * keeps one finding per key, and a scan of every finding per report was
 * quadratic (thousands of functions on one line: every finding on line 1).
 * Open addressing over indices into out->v; entries appended by anyone are
 * indexed on the next report().
 */
struct seen {
	unsigned *slot;		/* index + 1; 0 = empty */
	unsigned cap, used, indexed;
};

struct rule_ctx {
	int rule;
	enum severity severity;
	const struct fx_program *prog;
	struct findings *out;
	const char *kernel;
	const struct rule_settings *rs;
	struct seen seen;
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

static unsigned seen_hash(int rule, unsigned line, const char *file, const char *symbol)
{
	unsigned h = 2166136261u ^ (unsigned)rule;

	h = (h ^ line) * 16777619u;
	for (; *file; file++)
		h = (h ^ (unsigned char)*file) * 16777619u;
	for (h *= 16777619u; *symbol; symbol++)
		h = (h ^ (unsigned char)*symbol) * 16777619u;
	return h;
}

static bool seen_match(const struct finding *f, int rule, unsigned line, const char *file,
		       const char *symbol)
{
	return f->rule == rule && f->line == line && !strcmp(f->file, file) &&
	       !strcmp(f->symbol, symbol);
}

static void seen_put(struct seen *s, const struct finding *v, unsigned i)
{
	unsigned h = seen_hash(v[i].rule, v[i].line, v[i].file, v[i].symbol) & (s->cap - 1);

	while (s->slot[h])
		h = (h + 1) & (s->cap - 1);
	s->slot[h] = i + 1;
	s->used++;
}

/* Index the findings appended since the last call; rebuild when out shrank or is full. */
static void seen_sync(struct seen *s, const struct findings *out)
{
	unsigned i;

	if (s->indexed > out->n || (out->n + 1) * 2 > s->cap) {
		free(s->slot);
		for (s->cap = s->cap ? s->cap : 64; (out->n + 1) * 2 > s->cap; s->cap *= 2)
			;
		s->slot = xcalloc(s->cap, sizeof(*s->slot));
		s->used = s->indexed = 0;
	}
	for (i = s->indexed; i < out->n; i++)
		seen_put(s, out->v, i);
	s->indexed = out->n;
}

/* The finding with this key, or -1. */
static int seen_find(struct seen *s, const struct findings *out, int rule, unsigned line,
		     const char *file, const char *symbol)
{
	unsigned h;

	seen_sync(s, out);
	for (h = seen_hash(rule, line, file, symbol) & (s->cap - 1); s->slot[h];
	     h = (h + 1) & (s->cap - 1))
		if (seen_match(&out->v[s->slot[h] - 1], rule, line, file, symbol))
			return (int)(s->slot[h] - 1);
	return -1;
}

int report(struct rule_ctx *ctx, const struct fx_loc *loc, const char *symbol,
	   const char *fmt, ...)
{
	struct findings *out = ctx->out;
	struct finding *f;
	char msg[1024];
	va_list ap;
	int i = seen_find(&ctx->seen, out, ctx->rule, loc->line, loc->file ? loc->file : "",
			  symbol ? symbol : "");

	if (i >= 0)
		return i;
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
	f->severity = rule_level(ctx->rs, ctx->rule, ctx->severity);
	f->file = xstrdup(loc->file ? loc->file : "");
	f->line = loc->line;
	f->col = loc->col;
	f->symbol = xstrdup(symbol ? symbol : "");
	f->message = xstrdup(msg);
	return (int)(out->n - 1);
}

enum severity rule_level(const struct rule_settings *rs, int rule, enum severity level)
{
	if (rs && rs->werror[rule])
		return SEV_ERROR;
	if (rs && rs->werror_all && level == SEV_WARNING)
		return SEV_ERROR;
	return level;
}

/* Finding h of this rule, or an internal error: a rule passed a bad handle. */
static struct finding *handle_finding(struct rule_ctx *ctx, int h, const char *fn)
{
	if (h < 0 || (unsigned)h >= ctx->out->n || ctx->out->v[h].rule != ctx->rule) {
		fprintf(stderr, "iommu-lint: internal error: %s() of rule %s: bad finding handle %d\n",
			fn, rule_meta[ctx->rule].id, h);
		abort();
	}
	return &ctx->out->v[h];
}

/* Source order of evidence: the finding's own file first, then by path. */
static int cmp_related(const struct finding *f, const char *file, unsigned line, unsigned col,
		       const struct related_loc *r)
{
	bool own_a = !strcmp(file, f->file), own_b = !strcmp(r->file, f->file);
	int c;

	if (own_a != own_b)
		return own_a ? -1 : 1;
	c = strcmp(file, r->file);
	if (c)
		return c;
	if (line != r->line)
		return line < r->line ? -1 : 1;
	if (col != r->col)
		return col < r->col ? -1 : 1;
	return 0;
}

void report_related(struct rule_ctx *ctx, int h, const struct fx_loc *loc, const char *fmt, ...)
{
	struct finding *f = handle_finding(ctx, h, __func__);
	const char *file = loc->file ? loc->file : "";
	unsigned lo = 0, hi = f->nrelated, mid;
	struct related_loc *r;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* after every entry at or before loc: same-place notes keep report order */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_related(f, file, loc->line, loc->col, &f->related[mid]) >= 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (mid = lo; mid > 0 &&
	     !cmp_related(f, file, loc->line, loc->col, &f->related[mid - 1]); mid--)
		if (!strcmp(f->related[mid - 1].message, msg))
			return;
	f->related = xrealloc(f->related, (f->nrelated + 1) * sizeof(*f->related));
	memmove(&f->related[lo + 1], &f->related[lo], (f->nrelated - lo) * sizeof(*f->related));
	f->nrelated++;
	r = &f->related[lo];
	r->file = xstrdup(file);
	r->line = loc->line;
	r->col = loc->col;
	r->message = xstrdup(msg);
}

void report_level(struct rule_ctx *ctx, int h, enum severity level)
{
	struct finding *f = handle_finding(ctx, h, __func__);

	f->severity = rule_level(ctx->rs, ctx->rule, level);
}

/* Keep RELATED_MAX related locations; the next one stands for the rest. */
static void cap_related(struct findings *out)
{
	unsigned i, k, more;
	char msg[64];

	for (i = 0; i < out->n; i++) {
		struct finding *f = &out->v[i];

		if (f->nrelated <= RELATED_MAX + 1)
			continue;
		more = f->nrelated - RELATED_MAX;
		snprintf(msg, sizeof(msg), "and %u more related locations", more);
		free(f->related[RELATED_MAX].message);
		f->related[RELATED_MAX].message = xstrdup(msg);
		for (k = RELATED_MAX + 1; k < f->nrelated; k++) {
			free(f->related[k].file);
			free(f->related[k].message);
		}
		f->nrelated = RELATED_MAX + 1;
	}
}

struct rule_ctx *engine_ctx_new(const struct rule_settings *rs, int rule, struct findings *out)
{
	struct rule_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->rule = rule;
	ctx->severity = rs->severity[rule];
	ctx->out = out;
	ctx->kernel = rs->kernel;
	ctx->rs = rs;
	return ctx;
}

void engine_ctx_free(struct rule_ctx *ctx)
{
	if (!ctx)
		return;
	cap_related(ctx->out);
	free(ctx->seen.slot);
	free(ctx);
}

void report_edit(struct rule_ctx *ctx, int h, const struct fx_loc *from,
		 const struct fx_loc *to, const char *text)
{
	struct finding *f = handle_finding(ctx, h, __func__);
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
	struct finding *f = handle_finding(ctx, h, __func__);
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
	struct finding *f = handle_finding(ctx, h, __func__);

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

/* fast mode reads only the text: every group of a prefilter is exact there */
bool engine_prefilter_exact(const struct rule_settings *rs)
{
	return rs->frontend && !strcmp(rs->frontend, "ts");
}

/*
 * The prefilters of the running rules, compiled once for a set of rules
 * (the last set asked for is kept: a run asks for one).
 */
static pthread_mutex_t pf_lock = PTHREAD_MUTEX_INITIALIZER;
static struct srcscan_pf *pf_cache;
static bool pf_runs[RULE_COUNT];

static const struct srcscan_pf *prefilter_for(const struct rule_settings *rs)
{
	const char *specs[RULE_COUNT];
	bool runs[RULE_COUNT];
	unsigned n = 0;
	int i;

	for (i = 0; i < RULE_COUNT; i++)
		if ((runs[i] = rule_runs(rs, i)))
			specs[n++] = rule_prefilter(i);
	pthread_mutex_lock(&pf_lock);
	if (!pf_cache || memcmp(runs, pf_runs, sizeof(runs))) {
		srcscan_pf_free(pf_cache);
		pf_cache = srcscan_pf_new(specs, n);
		memcpy(pf_runs, runs, sizeof(runs));
	}
	pthread_mutex_unlock(&pf_lock);
	return pf_cache;
}

struct prefilter_stats prefilter_stats;


int engine_tu_may_match(const struct rule_settings *rs, const char *src, size_t len,
			unsigned *kinds, unsigned *rules)
{
	const struct srcscan_pf *pf = prefilter_for(rs);
	bool match[RULE_COUNT], demand[RULE_COUNT], loose[RULE_COUNT];
	/* per file on the thread that scans it: with no more threads than cores, its CPU */
	double t = mono_seconds();
	unsigned long ns;
	int i, n = 0, k, full = 0;

	k = srcscan_pf_match_loose(pf, src, len, engine_prefilter_exact(rs), match, demand, loose);
	ns = (unsigned long)((mono_seconds() - t) * 1e9);
	atomic_fetch_add(&prefilter_stats.scan_ns, ns);
	atomic_fetch_add(&prefilter_stats.bytes, len);
	for (i = 0; i < RULE_COUNT; i++) {
		if (!rule_runs(rs, i))
			continue;
		if (rules && loose[n])
			*rules |= 1u << i;
		if (match[n] && !demand[n]) {
			atomic_fetch_add(&prefilter_stats.kept[i], 1);
			full++;
		} else if (demand[n]) {
			atomic_fetch_add(&prefilter_stats.on_demand[i], 1);
			if (kinds)
				*kinds |= demand_kind(i);
		}
		n++;
	}
	return full ? PF_MATCH : k ? PF_ON_DEMAND : 0;
}

void engine_prefilter_words(FILE *out, const struct rule_settings *rs, char sep)
{
	static char seen[512][64];
	unsigned n = 0, j;
	const char *w;
	char word[64];
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		if (!rule_runs(rs, i))
			continue;
		for (w = rule_prefilter(i); *w; w += strlen(w) + 1) {
			if (!strcmp(w, "&") || !strcmp(w, "|") || !strcmp(w, "+") || !strcmp(w, "~"))
				continue;
			/* ".release=" is the token release at its core */
			snprintf(word, sizeof(word), "%.*s", (int)strlen(w) - 2 * (w[0] == '.'),
				 w + (w[0] == '.'));
			for (j = 0; j < n && strcmp(seen[j], word); j++)
				;
			if (j < n || n == 512)
				continue;
			memcpy(seen[n++], word, sizeof(word));
			fprintf(out, "%s%s", n > 1 ? (char[]){ sep, 0 } : "", word);
		}
	}
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

_Static_assert(RULE_COUNT <= 32, "fx_tu.rules has a bit a rule");

/* The rules of one run, taken one at a time by RULE_THREADS threads. */
#define RULE_THREADS 4

struct rule_pool {
	const struct rule_settings *rs;
	const struct fx_program *prog;
	atomic_int next;
	struct findings out[RULE_COUNT];	/* each rule's own, merged in rule order */
};

static void run_one(struct rule_pool *p, int r)
{
	struct rule_reg reg;
	struct rule_ctx ctx = { .prog = p->prog, .out = &p->out[r], .kernel = p->rs->kernel,
				.rs = p->rs, .rule = r, .severity = p->rs->severity[r] };
	unsigned t;

	memset(&reg, 0, sizeof(reg));
	registrars[r](&reg);
	/* a TU whose text the rule's prefilter does not match: it cannot report there */
	for (t = 0; t < p->prog->ntus; t++)
		if (p->prog->tus[t] && (!p->prog->tus[t]->rules || p->prog->tus[t]->rules >> r & 1))
			run_rule(&ctx, &reg, p->prog->tus[t]);
	free(ctx.seen.slot);
}

static void *rule_worker(void *arg)
{
	struct rule_pool *p = arg;
	int r;

	while ((r = atomic_fetch_add(&p->next, 1)) < RULE_COUNT)
		if (rule_runs(p->rs, r))
			run_one(p, r);
	return NULL;
}

/*
 * Every running rule over the program.  Rules are independent (each has its
 * findings; the summaries and the header caches they share are locked), so
 * they run on up to RULE_THREADS threads, each with ENGINE_STACK of stack;
 * their findings are appended in rule order, as one thread would.
 */
static void run_all(const struct rule_settings *rs, const struct fx_program *prog,
		    struct findings *out)
{
	struct rule_pool *p = xcalloc(1, sizeof(*p));
	pthread_t th[RULE_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int n = cpus > RULE_THREADS ? RULE_THREADS : cpus > 1 ? (int)cpus : 1, started = 0, i, r;
	unsigned k;
	pthread_attr_t at;

	p->rs = rs;
	p->prog = prog;
	summary_reset();
	if (n > 1 && !pthread_attr_init(&at)) {
		if (!pthread_attr_setstacksize(&at, ENGINE_STACK))
			for (i = 0; i < n; i++)
				started += !pthread_create(&th[started], &at, rule_worker, p);
		pthread_attr_destroy(&at);
	}
	rule_worker(p);		/* this thread too (what the others left, or all) */
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	summary_reset();
	for (r = 0; r < RULE_COUNT; r++) {
		for (k = 0; k < p->out[r].n; k++) {
			if (out->n == out->cap) {
				out->cap = out->cap ? out->cap * 2 : 16;
				out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
			}
			out->v[out->n++] = p->out[r].v[k];
		}
		free(p->out[r].v);
	}
	free(p);
	cap_related(out);
	edits_resolve(prog, out);
}

struct engine_args {
	const struct rule_settings *rs;
	const struct fx_program *prog;
	struct findings *out;
};

static void *engine_thread(void *arg)
{
	struct engine_args *a = arg;

	run_all(a->rs, a->prog, a->out);
	return NULL;
}

/*
 * Rules and the path engine walk the facts recursively, as deep as the code
 * nests (a 10k-branch else-if chain is 10k levels): they run on a thread with
 * ENGINE_STACK of stack (virtual; only the pages used cost memory), not on
 * whatever stack the caller has (8 MiB, or less under ulimit -s).
 */
void engine_run(const struct rule_settings *rs, const struct fx_program *prog,
		struct findings *out)
{
	struct engine_args a = { rs, prog, out };
	pthread_attr_t at;
	pthread_t th;
	bool started = false;

	if (!pthread_attr_init(&at)) {
		started = !pthread_attr_setstacksize(&at, ENGINE_STACK) &&
			  !pthread_create(&th, &at, engine_thread, &a);
		pthread_attr_destroy(&at);
	}
	if (started)
		pthread_join(th, NULL);
	else
		run_all(rs, prog, out);
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

unsigned findings_hide(struct findings *f,
		       const char *(*hide)(const struct finding *x, void *arg), void *arg,
		       enum hide_kind kind, struct findings *into)
{
	unsigned i, keep = 0, removed = 0;

	for (i = 0; i < f->n; i++) {
		struct finding *x = &f->v[i];
		const char *why = hide(x, arg);

		if (!why) {
			f->v[keep++] = *x;
			continue;
		}
		removed++;
		if (!into) {
			finding_free(x);
			continue;
		}
		if (into->n == into->cap) {
			into->cap = into->cap ? into->cap * 2 : 16;
			into->v = xrealloc(into->v, into->cap * sizeof(*into->v));
		}
		x->hidden = kind;
		x->justification = xstrdup(why);
		into->v[into->n++] = *x;
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
	finding_related_free(x);
	free(x->fix_title);
	free(x->fix_why);
	free(x->justification);
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

void finding_related_free(struct finding *x)
{
	unsigned i;

	for (i = 0; i < x->nrelated; i++) {
		free(x->related[i].file);
		free(x->related[i].message);
	}
	free(x->related);
	x->related = NULL;
	x->nrelated = 0;
}

unsigned findings_at_least(const struct findings *f, enum severity level)
{
	unsigned i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].severity >= level)
			n++;
	return n;
}
