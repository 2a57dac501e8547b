// SPDX-License-Identifier: GPL-2.0
/*
 * summary.c - per-function ownership summaries (see summary.h).
 *
 * A summary is built from the function's facts alone: every call and
 * assignment in its body, whatever the path (may-release, may-store: a
 * reference handed to such a function is not reported as leaked by the
 * caller).  Recursion is cut at SUM_DEPTH callees and on cycles.  The memo
 * is a hash table keyed by (function, class), guarded by a mutex.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg-internal.h"
#include "summary.h"
#include "table.h"

#define SUM_DEPTH 4
#define SUM_BUCKETS 4096

struct summary_stats summary_stats;

struct sum {
	struct sum *next;
	const struct fx_func *fn;
	const char *class;
	bool busy;		/* being computed: a cycle reads it as empty */
	unsigned char flags[];	/* per parameter */
};

static struct sum *memo[SUM_BUCKETS];
static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;

static bool table_kind(const char *callee, const char *kind)
{
	const struct tbl *t = tbl_get("ownership");
	const struct tbl_row *r = t && callee ? tbl_find(t, 0, callee) : NULL;

	return r && r->nfields > 1 && !strcmp(r->fields[1], kind);
}

bool own_is_wrapper(const char *callee)
{
	const char *to;

	if (!callee)
		return false;
	if (!strncmp(callee, "to_", 3) && callee[3])
		return true;
	to = strstr(callee, "_to_");
	if (to && to != callee && to[4])
		return true;
	return table_kind(callee, "wrapper");
}

bool own_is_drvdata(const char *callee)
{
	return table_kind(callee, "drvdata");
}

static bool is_null(const struct fx_expr *e)
{
	e = fx_strip(e);
	return e && e->text && (!strcmp(e->text, "NULL") || !strcmp(e->text, "0"));
}

static bool first_var(const struct fx_expr *e, void *arg)
{
	const char **name = arg;

	if (e->kind == FXE_IDENT && (e->ref == FXR_LOCAL || e->ref == FXR_PARAM) && e->name &&
	    strncmp(e->name, "__", 2)) {
		*name = e->name;
		return false;
	}
	return true;
}

const char *own_root(const struct fx_expr *e, bool any_member)
{
	while ((e = fx_strip(e))) {
		/* a conversion macro expanded (clang): the variable it is given */
		if (e->macro && own_is_wrapper(e->macro) && e->kind != FXE_CALL) {
			const char *name = NULL;

			if (e->kind == FXE_STMTEXPR)
				fx_walk_stmt(e->stmt, NULL, first_var, &name);
			else
				fx_walk_expr(e, first_var, &name);
			return name;
		}
		switch (e->kind) {
		case FXE_IDENT:
			return e->ref == FXR_LOCAL || e->ref == FXR_PARAM ? e->name : NULL;
		case FXE_UNARY:
			if (!e->op || strcmp(e->op, "&") || !e->nkids)
				return NULL;
			e = e->kids[0];
			break;
		case FXE_MEMBER:
			if (!e->nkids || (!any_member && (!e->name || strcmp(e->name, "dev"))))
				return NULL;
			e = e->kids[0];
			break;
		case FXE_SUBSCRIPT:
			if (!any_member || !e->nkids)
				return NULL;
			e = e->kids[0];
			break;
		case FXE_CALL:
			if (e->nkids < 2 || !own_is_wrapper(e->name))
				return NULL;
			e = e->kids[1];
			break;
		case FXE_COND:
			/* c ? &p->dev : NULL */
			if (e->nkids != 3)
				return NULL;
			e = is_null(e->kids[2]) ? e->kids[1] : is_null(e->kids[1]) ? e->kids[2] : NULL;
			break;
		default:
			return NULL;
		}
	}
	return NULL;
}

const char *own_record_of(const char *type, char *buf, size_t size)
{
	const char *t = fx_strip_record_tag(type);
	size_t n;

	if (!t || !size)
		return NULL;
	n = strcspn(t, " *");
	if (!n || n >= size || !strchr(t + n, '*'))
		return NULL;
	memcpy(buf, t, n);
	buf[n] = 0;
	return buf;
}

static int param_index(const struct fx_func *fn, const char *name)
{
	unsigned i;

	for (i = 0; name && i < fn->nparams; i++)
		if (fn->params[i].name && !strcmp(fn->params[i].name, name))
			return (int)i;
	return -1;
}

struct sum_walk {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	const char *class;
	unsigned depth;
	unsigned char *flags;
	unsigned nlocals;		/* locals converted from a parameter */
	const char *local[8];
	int local_param[8];
};

static unsigned arg_flags(const struct fx_program *prog, const struct fx_tu *from,
			  const char *callee, const char *class, unsigned k, unsigned depth);

/* The parameter root names, directly or through a local converted from it. */
static int param_of(const struct sum_walk *sw, const char *root)
{
	unsigned i;

	for (i = 0; root && i < sw->nlocals; i++)
		if (!strcmp(sw->local[i], root))
			return sw->local_param[i];
	return param_index(sw->fn, root);
}

static void mark(struct sum_walk *sw, const struct fx_expr *e, bool any_member, unsigned f)
{
	int p = param_of(sw, own_root(e, any_member));

	if (p >= 0)
		sw->flags[p] |= f;
}

static bool sum_visit(const struct fx_expr *e, void *arg)
{
	struct sum_walk *sw = arg;
	const struct sink *k;
	unsigned i;

	if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2) {
		const struct fx_expr *l = fx_strip(e->kids[0]);

		if (l && (l->kind != FXE_IDENT || l->ref == FXR_GLOBAL)) {
			mark(sw, e->kids[1], false, SUM_STORES);
		} else if (l && l->ref == FXR_LOCAL && sw->nlocals < 8) {
			int p = param_of(sw, own_root(e->kids[1], false));

			if (p >= 0) {
				sw->local[sw->nlocals] = l->name;
				sw->local_param[sw->nlocals++] = p;
			}
		}
		return true;
	}
	if (e->kind != FXE_CALL || !e->name || e->nkids < 2)
		return true;
	if (is_release_of_class(e->name, sw->class)) {
		mark(sw, e->kids[1], false, SUM_RELEASES);
		return true;
	}
	for (i = 0; (k = sink_at(i)); i++)
		if (!strcmp(k->name, e->name) && k->arg < e->nkids)
			mark(sw, e->kids[k->arg], true, SUM_STORES);
	if (!sw->depth || pair_of(e->name, NULL))
		return true;
	for (i = 1; i < e->nkids; i++) {
		int p = param_of(sw, own_root(e->kids[i], false));

		if (p >= 0 && !(sw->flags[p] & SUM_RELEASES))
			sw->flags[p] |= arg_flags(sw->prog, sw->tu, e->name, sw->class, i,
						  sw->depth - 1);
	}
	return true;
}

static bool sum_stmt(const struct fx_stmt *st, void *arg)
{
	struct sum_walk *sw = arg;

	if (st->kind == FXS_RETURN && st->expr)
		mark(sw, st->expr, false, SUM_RETURNS);
	if (st->kind == FXS_DECL && st->expr && st->name && sw->nlocals < 8) {
		int p = param_of(sw, own_root(st->expr, false));

		if (p >= 0) {
			sw->local[sw->nlocals] = st->name;
			sw->local_param[sw->nlocals++] = p;
		}
	}
	return true;
}

static struct sum *lookup(const struct fx_func *fn, const char *class, unsigned *bucket)
{
	struct sum *s;

	*bucket = (unsigned)(((uintptr_t)fn >> 4) ^ (unsigned char)class[0]) % SUM_BUCKETS;
	for (s = memo[*bucket]; s; s = s->next)
		if (s->fn == fn && !strcmp(s->class, class))
			return s;
	return NULL;
}

static unsigned arg_flags(const struct fx_program *prog, const struct fx_tu *from,
			  const char *callee, const char *class, unsigned k, unsigned depth)
{
	const struct fx_tu *tu = NULL;
	const struct fx_func *fn;
	struct sum_walk sw;
	struct sum *s;
	unsigned b, f;

	if (!prog || !callee || !class || !k)
		return 0;
	fn = fx_find_func(prog, from, callee, &tu);
	if (!fn || !fn->body || k > fn->nparams)
		return 0;
	pthread_mutex_lock(&memo_lock);
	s = lookup(fn, class, &b);
	if (s) {
		f = s->busy ? 0 : s->flags[k - 1];
		pthread_mutex_unlock(&memo_lock);
		return f;
	}
	s = calloc(1, sizeof(*s) + fn->nparams + 1);
	if (!s) {
		pthread_mutex_unlock(&memo_lock);
		return 0;
	}
	s->fn = fn;
	s->class = class;
	s->busy = true;
	s->next = memo[b];
	memo[b] = s;
	pthread_mutex_unlock(&memo_lock);

	sw = (struct sum_walk){ .prog = prog, .tu = tu, .fn = fn, .class = class,
				.depth = depth, .flags = s->flags };
	fx_walk_stmt(fn->body, sum_stmt, sum_visit, &sw);

	pthread_mutex_lock(&memo_lock);
	s->busy = false;
	f = s->flags[k - 1];
	stat_add(&summary_stats.computed, 1);
	pthread_mutex_unlock(&memo_lock);
	return f;
}

unsigned summary_arg(const struct fx_program *prog, const struct fx_tu *from,
		     const char *callee, const char *class, unsigned k)
{
	return arg_flags(prog, from, callee, class, k, SUM_DEPTH);
}

/* ---- put helpers by record type ---- */

struct put_scan {
	const struct fx_func *fn;
	const char *local;	/* tsa = tsa_serial_get_tsa(serial): derived from the param */
	bool found;
};

/* Is e derived from the parameter: itself, a part of it, or a call on it? */
static bool from_param(const struct put_scan *ps, const struct fx_expr *e)
{
	const char *root;
	unsigned i;

	e = fx_strip(e);
	root = own_root(e, true);
	if (root && (param_index(ps->fn, root) >= 0 || (ps->local && !strcmp(root, ps->local))))
		return true;
	for (i = 1; e && e->kind == FXE_CALL && i < e->nkids; i++)
		if (from_param(ps, e->kids[i]))
			return true;
	return false;
}

static bool put_decl(const struct fx_stmt *st, void *arg)
{
	struct put_scan *ps = arg;

	if (st->kind == FXS_DECL && st->expr && st->name && !ps->local && from_param(ps, st->expr))
		ps->local = st->name;
	return true;
}

static bool put_visit(const struct fx_expr *e, void *arg)
{
	struct put_scan *ps = arg;
	const struct fx_expr *a;

	if (e->kind != FXE_CALL || e->nkids < 2 || !is_release_of_class(e->name, "device"))
		return true;
	a = fx_strip(e->kids[1]);
	if (a && a->kind == FXE_UNARY && a->op && !strcmp(a->op, "&") && a->nkids)
		a = fx_strip(a->kids[0]);
	if (a && a->kind == FXE_MEMBER && a->nkids && from_param(ps, a->kids[0])) {
		ps->found = true;
		return false;
	}
	return true;
}

static const struct fx_program *put_prog;
static char **put_records;
static unsigned nput_records;
static pthread_mutex_t put_lock = PTHREAD_MUTEX_INITIALIZER;

/* Forget the put records (put_lock held). */
static void put_records_free(void)
{
	unsigned i;

	for (i = 0; i < nput_records; i++)
		free(put_records[i]);
	free(put_records);
	put_records = NULL;
	nput_records = 0;
	put_prog = NULL;
}

static void put_scan_program(const struct fx_program *prog)
{
	unsigned t, i, cap = 0;

	put_records_free();
	put_prog = prog;
	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; tu && i < tu->nfuncs; i++) {
			const struct fx_func *fn = &tu->funcs[i];
			struct put_scan ps = { fn, NULL, false };
			char rec[128];
			char **grown;

			if (fn->nparams != 1 || !fn->body ||
			    !own_record_of(fn->params[0].type, rec, sizeof(rec)))
				continue;
			fx_walk_stmt(fn->body, put_decl, put_visit, &ps);
			if (!ps.found)
				continue;
			if (nput_records == cap) {
				cap = cap ? 2 * cap : 32;
				grown = realloc(put_records, cap * sizeof(*grown));
				if (!grown)
					return;
				put_records = grown;
			}
			put_records[nput_records] = strdup(rec);
			if (put_records[nput_records])
				nput_records++;
		}
	}
}

bool own_has_put_helper(const struct fx_program *prog, const char *record)
{
	bool found = false;
	unsigned i;

	if (!prog || !record)
		return false;
	pthread_mutex_lock(&put_lock);
	if (put_prog != prog)
		put_scan_program(prog);
	for (i = 0; i < nput_records && !found; i++)
		found = !strcmp(put_records[i], record);
	pthread_mutex_unlock(&put_lock);
	return found;
}

void summary_reset(void)
{
	unsigned b;

	pthread_mutex_lock(&memo_lock);
	for (b = 0; b < SUM_BUCKETS; b++) {
		while (memo[b]) {
			struct sum *s = memo[b];

			memo[b] = s->next;
			free(s);
		}
	}
	pthread_mutex_unlock(&memo_lock);
	pthread_mutex_lock(&put_lock);
	put_records_free();
	pthread_mutex_unlock(&put_lock);
}
