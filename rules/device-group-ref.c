// SPDX-License-Identifier: GPL-2.0
/*
 * device-group-ref: every non-error return of an iommu_ops .device_group
 * callback must hand the core a reference taken in this call.
 *
 * The core drops the reference it is given (iommu_group_put after adding
 * the device), so a driver that caches its groups in its own structures
 * must return iommu_group_ref_get(cached), never the cached pointer itself.
 * tegra-smmu returned group->group from its per-swgroup list without a
 * reference until "iommu/tegra-smmu: Fix group reference counting" (2020,
 * a use-after-free once the first device left); the helper itself came
 * with "iommu: Introduce iommu_group_ref_get()" (the seed), written for
 * arm-smmu's cached s2cr groups.
 *
 * The callback is bound from each iommu_ops initialiser (both arms of a
 * conditional initialiser), in any TU of the run.  Within it a small
 * forward dataflow over the statement tree tracks, per local variable or
 * lvalue spelling, where the value may come from: a reference-returning
 * call (rules/data/group-refs.tbl), an error pointer or NULL, a cached
 * place (struct member, array element, global), or something unknown.
 * iommu_group_ref_get(x) as a statement makes x owned.  Helpers defined in
 * the program are followed a few levels deep.  A return that may carry a
 * cached place is reported; unknown sources are not.
 *
 * Known false positives: a cache filled by a helper that already took the
 * extra reference for the caller (the rule sees the member read as cached);
 * back edges of loops are joined only once.
 */
#include <string.h>

#include "../checker/rule.h"
#include "../checker/table.h"

#define SRC_REF		1u	/* reference taken in this call */
#define SRC_CACHED	2u	/* member, array element or global */
#define SRC_ERR		4u	/* ERR_PTR, NULL */
#define SRC_UNKNOWN	8u

#define MAX_KEYS	32
#define MAX_LABELS	16
#define MAX_DEPTH	3

struct dg_state {
	bool dead;
	unsigned nkeys;
	const char *key[MAX_KEYS];
	unsigned src[MAX_KEYS];
	unsigned dflt[MAX_KEYS];	/* source before any assignment */
};

struct dg_walk {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	unsigned depth;
	unsigned nlabels;
	const char *label[MAX_LABELS];
	struct dg_state at_label[MAX_LABELS];
	unsigned ret_src;		/* union over all returns */
	const struct fx_stmt *bad_ret;	/* first return that may be cached */
	const char *bad_text;
};

static unsigned eval_func(const struct fx_program *prog, const struct fx_tu *tu,
			  const struct fx_func *fn, unsigned depth,
			  const struct fx_stmt **bad_ret, const char **bad_text);

/* The lvalue spelling tracked for e, and its source before assignment. */
static const char *key_of(const struct fx_expr *e, unsigned *dflt)
{
	e = fx_strip(e);
	*dflt = SRC_CACHED;
	if (!e)
		return NULL;
	if (e->kind == FXE_IDENT && (e->ref == FXR_LOCAL || e->ref == FXR_PARAM)) {
		*dflt = SRC_UNKNOWN;
		return e->name;
	}
	if (e->kind == FXE_IDENT && e->ref == FXR_GLOBAL)
		return e->name;
	if (e->kind == FXE_MEMBER || e->kind == FXE_SUBSCRIPT)
		return e->text;
	return NULL;
}

static int state_find(const struct dg_state *st, const char *key)
{
	unsigned i;

	for (i = 0; key && i < st->nkeys; i++)
		if (!strcmp(st->key[i], key))
			return i;
	return -1;
}

static void state_set(struct dg_state *st, const char *key, unsigned dflt, unsigned src)
{
	int i = state_find(st, key);

	if (!key)
		return;
	if (i >= 0) {
		st->src[i] = src;
		return;
	}
	if (st->nkeys == MAX_KEYS)
		return;
	st->key[st->nkeys] = key;
	st->dflt[st->nkeys] = dflt;
	st->src[st->nkeys++] = src;
}

/* a := a joined with b (union of possible sources). */
static void state_join(struct dg_state *a, const struct dg_state *b)
{
	unsigned i;

	if (b->dead)
		return;
	if (a->dead) {
		*a = *b;
		return;
	}
	for (i = 0; i < b->nkeys; i++) {
		int j = state_find(a, b->key[i]);

		if (j >= 0)
			a->src[j] |= b->src[i];
		else
			state_set(a, b->key[i], b->dflt[i], b->src[i] | b->dflt[i]);
	}
	for (i = 0; i < a->nkeys; i++)
		if (state_find(b, a->key[i]) < 0)
			a->src[i] |= a->dflt[i];
}

static bool is_null(const struct fx_expr *e)
{
	e = fx_strip(e);
	return e && e->kind == FXE_INT && e->text &&
	       (!strcmp(e->text, "0") || !strcmp(e->text, "NULL"));
}

static unsigned eval(struct dg_walk *w, const struct dg_state *st, const struct fx_expr *e)
{
	const struct tbl_row *row;
	const struct fx_func *fn;
	const struct fx_tu *ftu = w->tu;
	unsigned dflt;
	int i;

	e = fx_strip(e);
	if (!e)
		return SRC_UNKNOWN;
	if (is_null(e) || (e->text && !strcmp(e->text, "NULL")))
		return SRC_ERR;
	switch (e->kind) {
	case FXE_CALL:
		row = tbl_find(tbl_get("group-refs"), 0, e->name);
		if (row)
			return !strcmp(row->fields[1], "ref") ? SRC_REF : SRC_ERR;
		if (w->depth >= MAX_DEPTH || !e->name)
			return SRC_UNKNOWN;
		fn = fx_find_func(w->prog, w->tu, e->name, &ftu);
		if (!fn || !fn->body || !fn->ret_type || !strstr(fn->ret_type, "iommu_group"))
			return SRC_UNKNOWN;
		return eval_func(w->prog, ftu, fn, w->depth + 1, NULL, NULL);
	case FXE_COND:
		return e->nkids == 3 ? eval(w, st, e->kids[1]) | eval(w, st, e->kids[2]) :
				       SRC_UNKNOWN;
	case FXE_BINARY:
		if (e->op && !strcmp(e->op, "=") && e->nkids == 2)
			return eval(w, st, e->kids[1]);
		return SRC_UNKNOWN;
	case FXE_IDENT:
	case FXE_MEMBER:
	case FXE_SUBSCRIPT:
		i = state_find(st, key_of(e, &dflt));
		if (i >= 0)
			return st->src[i];
		return dflt;
	default:
		return SRC_UNKNOWN;
	}
}

struct dg_expr_arg {
	struct dg_walk *w;
	struct dg_state *st;
};

/* Side effects of an expression: assignments and iommu_group_ref_get(x). */
static bool apply_expr(const struct fx_expr *e, void *arg)
{
	struct dg_expr_arg *a = arg;
	const char *key;
	unsigned dflt;

	if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2) {
		key = key_of(e->kids[0], &dflt);
		if (key)
			state_set(a->st, key, dflt, eval(a->w, a->st, e->kids[1]));
	} else if (e->kind == FXE_CALL && e->name && e->nkids == 2 &&
		   !strcmp(e->name, "iommu_group_ref_get")) {
		key = key_of(e->kids[1], &dflt);
		state_set(a->st, key, dflt, SRC_REF);
	}
	return true;
}

static void apply(struct dg_walk *w, struct dg_state *st, const struct fx_expr *e)
{
	struct dg_expr_arg a = { w, st };

	fx_walk_expr(e, apply_expr, &a);
}

static int label_index(struct dg_walk *w, const char *name)
{
	unsigned i;

	for (i = 0; i < w->nlabels; i++)
		if (!strcmp(w->label[i], name))
			return i;
	if (w->nlabels == MAX_LABELS)
		return -1;
	w->label[w->nlabels] = name;
	w->at_label[w->nlabels].dead = true;
	w->at_label[w->nlabels].nkeys = 0;
	return w->nlabels++;
}

static void run(struct dg_walk *w, struct dg_state *st, const struct fx_stmt *s)
{
	struct dg_state other;
	unsigned i, src;
	int l;

	if (!s)
		return;
	switch (s->kind) {
	case FXS_DECL:
		if (s->expr) {
			apply(w, st, s->expr);
			state_set(st, s->name, SRC_UNKNOWN, eval(w, st, s->expr));
		} else {
			state_set(st, s->name, SRC_UNKNOWN, SRC_UNKNOWN);
		}
		return;
	case FXS_IF:
		apply(w, st, s->expr);
		other = *st;
		run(w, st, s->nkids > 0 ? s->kids[0] : NULL);
		run(w, &other, s->nkids > 1 ? s->kids[1] : NULL);
		state_join(st, &other);
		return;
	case FXS_WHILE:
	case FXS_FOR:
	case FXS_DO:
	case FXS_SWITCH:
		apply(w, st, s->expr);
		other = *st;
		for (i = 0; i < s->nkids; i++)
			run(w, &other, s->kids[i]);
		state_join(st, &other);
		return;
	case FXS_RETURN:
		if (st->dead)
			return;
		apply(w, st, s->expr);
		src = s->expr ? eval(w, st, s->expr) : SRC_UNKNOWN;
		w->ret_src |= src;
		if ((src & SRC_CACHED) && !w->bad_ret) {
			w->bad_ret = s;
			w->bad_text = fx_strip(s->expr)->text;
		}
		st->dead = true;
		return;
	case FXS_GOTO:
		l = label_index(w, s->name);
		if (l >= 0)
			state_join(&w->at_label[l], st);
		st->dead = true;
		return;
	case FXS_LABEL:
		l = label_index(w, s->name);
		if (l >= 0)
			state_join(st, &w->at_label[l]);
		break;
	case FXS_CASE:
	case FXS_DEFAULT:
		st->dead = false;
		break;
	default:
		apply(w, st, s->expr);
		break;
	}
	for (i = 0; i < s->nkids; i++)
		run(w, st, s->kids[i]);
}

/* Union of the sources of fn's return values; the first cached return. */
static unsigned eval_func(const struct fx_program *prog, const struct fx_tu *tu,
			  const struct fx_func *fn, unsigned depth,
			  const struct fx_stmt **bad_ret, const char **bad_text)
{
	static struct dg_walk walks[MAX_DEPTH + 1];
	struct dg_walk *w = &walks[depth];
	struct dg_state st = { 0 };

	memset(w, 0, sizeof(*w));
	w->prog = prog;
	w->tu = tu;
	w->depth = depth;
	run(w, &st, fn->body);
	if (bad_ret)
		*bad_ret = w->bad_ret;
	if (bad_text)
		*bad_text = w->bad_text;
	return w->ret_src;
}

static void check_callback(struct rule_ctx *ctx, const struct fx_tu *tu,
			   const struct fx_var *ops, const struct fx_expr *val)
{
	const struct fx_stmt *bad = NULL;
	const struct fx_tu *ftu = tu;
	const struct fx_func *fn;
	const char *text = NULL;

	val = fx_strip(val);
	if (!val)
		return;
	if (val->kind == FXE_COND && val->nkids == 3) {
		check_callback(ctx, tu, ops, val->kids[1]);
		check_callback(ctx, tu, ops, val->kids[2]);
		return;
	}
	if (val->kind == FXE_UNARY && val->op && !strcmp(val->op, "&") && val->nkids == 1)
		val = fx_strip(val->kids[0]);
	if (val->kind != FXE_IDENT || val->ref != FXR_FUNC ||
	    tbl_has("group-refs", 0, val->name))
		return;
	fn = NULL;
	for (unsigned i = 0; i < tu->nfuncs && !fn; i++)
		if (!strcmp(tu->funcs[i].name, val->name) && tu->funcs[i].body)
			fn = &tu->funcs[i];
	if (!fn)
		fn = fx_find_func(ctx_program(ctx), tu, val->name, &ftu);
	if (!fn || !fn->body)
		return;
	eval_func(ctx_program(ctx), ftu, fn, 0, &bad, &text);
	if (!bad)
		return;
	report(ctx, &bad->loc, fn->name,
	       "device_group callback of %s returns '%s' without taking a reference for the core: a cached or shared group must be returned through iommu_group_ref_get() (the core puts the reference it is given)",
	       ops->name, text ? text : "the group");
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *ops)
{
	const struct fx_init_field *f;

	if (!ops->init || ops->is_array)
		return;
	f = fx_init_get(ops->init, "device_group");
	if (f && !f->inactive)
		check_callback(ctx, tu, ops, f->value);
}

void rule_device_group_ref_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
