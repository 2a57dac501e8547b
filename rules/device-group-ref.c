// SPDX-License-Identifier: GPL-2.0
/*
 * device-group-ref: every non-error return of an iommu_ops .device_group
 * callback must hand the core a reference taken in this call.
 *
 * The core drops the reference it is given: a cached group must be returned
 * as iommu_group_ref_get(cached) (history: the doc).  A forward dataflow over
 * the callback's CFG (checker/flow.c), bound from every iommu_ops in the
 * run, tracks where each local or lvalue may come from: a call returning a
 * reference (rules/data/group-refs.tbl), an error or NULL, a cached place
 * (member, array element, global), or unknown; iommu_group_ref_get(x) as a
 * statement makes x owned; helpers are followed a few levels deep.  A
 * return that may carry a cached place is reported, and fixed by wrapping
 * it when it carries nothing else.
 *
 * Known false positives: a cache filled by a helper that already took the
 * extra reference for the caller (the rule sees the member read as cached).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/fixgen.h"
#include "../checker/flow.h"
#include "../checker/query.h"
#include "../checker/leak-report.h"
#include "../checker/rule.h"
#include "../checker/table.h"

#define SRC_REF		1u	/* reference taken in this call */
#define SRC_CACHED	2u	/* member, array element or global */
#define SRC_ERR		4u	/* ERR_PTR, NULL */
#define SRC_UNKNOWN	8u

#define MAX_KEYS	32
#define MAX_DEPTH	3

struct dg_state {
	unsigned nkeys;
	const char *key[MAX_KEYS];
	unsigned src[MAX_KEYS];
	unsigned dflt[MAX_KEYS];	/* source before any assignment */
};

struct dg_walk {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	unsigned depth;
	unsigned ret_src;		/* union over all returns */
	const struct cfg_node *bad_ret;	/* first return (in the source) that may be cached */
	unsigned *at;			/* per return node: its sources (callback only) */
	struct dg_state *st;		/* the state apply() changes */
};

static unsigned eval_func(struct dg_walk *w, const struct fx_tu *tu, const struct fx_func *fn);

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

	if (i >= 0)
		st->src[i] = src;
	if (!key || i >= 0 || st->nkeys == MAX_KEYS)
		return;
	st->key[st->nkeys] = key;
	st->dflt[st->nkeys] = dflt;
	st->src[st->nkeys++] = src;
}

/* a := a joined with b (union of possible sources); true if a grew. */
static bool state_join(void *into, const void *from, void *arg)
{
	struct dg_state *a = into, old = *a;
	const struct dg_state *b = from;
	unsigned i;

	for (i = 0; i < b->nkeys; i++) {
		int j = state_find(a, b->key[i]);

		if (j >= 0)
			a->src[j] |= b->src[i];
		else
			state_set(a, b->key[i], b->dflt[i], b->src[i] | b->dflt[i]);
	}
	for (i = 0; i < old.nkeys; i++)
		if (state_find(b, a->key[i]) < 0)
			a->src[i] |= a->dflt[i];
	return memcmp(&old, a, sizeof(old)) != 0;
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
	if ((e->kind == FXE_INT && e->text && !strcmp(e->text, "0")) ||
	    (e->text && !strcmp(e->text, "NULL")))
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
		return eval_func(w, ftu, fn);
	case FXE_COND:
		return e->nkids == 3 ? eval(w, st, e->kids[1]) | eval(w, st, e->kids[2]) :
				       SRC_UNKNOWN;
	case FXE_BINARY:
		return q_is_assign(e) ? eval(w, st, e->kids[1]) : SRC_UNKNOWN;
	case FXE_IDENT:
	case FXE_MEMBER:
	case FXE_SUBSCRIPT:
		i = state_find(st, key_of(e, &dflt));
		return i >= 0 ? st->src[i] : dflt;
	default:
		return SRC_UNKNOWN;
	}
}

/* Side effects of an expression: assignments and iommu_group_ref_get(x). */
static bool apply_expr(const struct fx_expr *e, void *arg)
{
	struct dg_walk *w = arg;
	const char *key;
	unsigned dflt;

	if (q_is_assign(e) && (key = key_of(e->kids[0], &dflt)))
		state_set(w->st, key, dflt, eval(w, w->st, e->kids[1]));
	else if (e->kind == FXE_CALL && e->name && e->nkids == 2 &&
		 !strcmp(e->name, "iommu_group_ref_get"))
		state_set(w->st, key_of(e->kids[1], &dflt), dflt, SRC_REF);
	return true;
}

static void apply(struct dg_walk *w, struct dg_state *st, const struct fx_expr *e)
{
	w->st = st;
	fx_walk_expr(e, apply_expr, w);
}

/* Effects of one CFG node; a return adds the sources it may carry. */
static void transfer(const struct cfg *g, unsigned n, void *state, void *arg)
{
	const struct cfg_node *node = &g->nodes[n];
	struct dg_walk *w = arg;
	struct dg_state *st = state;
	unsigned src;

	if (node->kind == CFG_EXPR) {
		apply(w, st, node->expr);
		if (node->decl)
			state_set(st, node->decl, SRC_UNKNOWN, eval(w, st, node->expr));
	} else if (node->kind == CFG_RETURN && node->expr) {
		apply(w, st, node->expr);
		src = eval(w, st, node->expr);
		w->ret_src |= src;
		if (w->at)
			w->at[n] |= src;
		if ((src & SRC_CACHED) &&
		    (!w->bad_ret || q_loc_before(&node->loc, &w->bad_ret->loc)))
			w->bad_ret = node;
	}
}

static const struct flow_ops dg_flow = {
	.size = sizeof(struct dg_state),
	.transfer = transfer,
	.join = state_join,
};

/* Union of the sources of fn's return values, for a helper w calls. */
static unsigned eval_func(struct dg_walk *w, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct dg_walk sub = { .prog = w->prog, .tu = tu, .depth = w->depth + 1 };
	struct dg_state st = { 0 };
	struct cfg *g = cfg_build(tu, fn);

	flow_run(g, &dg_flow, &st, &sub);
	cfg_free(g);
	return sub.ret_src;
}

/* Every cached return wrapped in iommu_group_ref_get(), if none may carry more. */
static void fix_returns(struct rule_ctx *ctx, int h, const struct fx_tu *tu,
			const struct cfg *g, const unsigned *at)
{
	struct fg_fix fix = { 0 };
	unsigned i;

	for (i = 0; i < g->nnodes; i++) {
		if (g->nodes[i].kind != CFG_RETURN || !(at[i] & SRC_CACHED))
			continue;
		if (at[i] != SRC_CACHED)
			fg_refuse(&fix, "the value returned at line %u is a cached group on one path and %s on another: the reference belongs on the cached path alone",
				  g->nodes[i].loc.line, at[i] & SRC_REF ? "a new reference" : "not");
		fg_wrap_expr(&fix, tu, fx_strip(g->nodes[i].expr), "iommu_group_ref_get(", ")");
	}
	fg_emit(ctx, h, &fix);
	report_fix_explain(ctx, h, "Take a reference on the cached group returned by device_group",
			   "The IOMMU core puts the group reference that .device_group returns once the device is added; a group cached by the driver and returned without iommu_group_ref_get() loses its only reference when the first device leaves, and every other master keeps a freed group.");
}

static void check_callback(struct rule_ctx *ctx, const struct fx_tu *tu,
			   const struct fx_var *ops, const struct fx_expr *val)
{
	struct dg_walk w = { .prog = ctx_program(ctx) };
	const struct fx_tu *ftu = tu;
	const struct fx_func *fn;
	struct dg_state st = { 0 };
	const char *text;
	struct cfg *g;
	int h;

	val = fx_strip(val);
	if (!val)
		return;
	if (val->kind == FXE_COND && val->nkids == 3) {
		check_callback(ctx, tu, ops, val->kids[1]);
		check_callback(ctx, tu, ops, val->kids[2]);
		return;
	}
	val = q_strip_addr(val);
	if (val->kind != FXE_IDENT || val->ref != FXR_FUNC ||
	    tbl_has("group-refs", 0, val->name))
		return;
	fn = fx_find_func(ctx_program(ctx), tu, val->name, &ftu);
	if (!fn || !fn->body)
		return;
	w.tu = ftu;
	g = cfg_build(ftu, fn);
	w.at = g ? calloc(g->nnodes, sizeof(*w.at)) : NULL;
	if (!w.at)
		goto out_cfg;
	if (flow_run(g, &dg_flow, &st, &w) == -E2BIG)
		leak_limit(ctx, fn, "stopped after " FLOW_STR(FLOW_MAX_VISITS) " dataflow node visits");
	if (!w.bad_ret)
		goto out_cfg;
	text = fx_strip(w.bad_ret->expr)->text;
	h = report(ctx, &w.bad_ret->loc, fn->name,
		   "device_group callback of %s returns '%s' without taking a reference for the core: a cached or shared group must be returned through iommu_group_ref_get() (the core puts the reference it is given)",
		   ops->name, text ? text : "the group");
	fix_returns(ctx, h, ftu, g, w.at);
out_cfg:
	free(w.at);
	cfg_free(g);
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
