// SPDX-License-Identifier: GPL-2.0
/*
 * unchecked-return: the int result of an IOMMU core call that can fail is
 * thrown away.
 *
 * iommu_device_register() and iommu_device_sysfs_add() fail on memory
 * pressure or a name clash; a driver that ignores them goes on as if its
 * IOMMU were known to the core, and its remove path later unregisters
 * something that was never registered.  iommu_fwspec_init() and
 * iommu_fwspec_add_ids() fail with -ENOMEM (add_ids reallocates the
 * fwspec) or on a second IOMMU instance; an of_xlate that ignores them
 * reports success for a master that has no IDs.  The functions are listed
 * in rules/data/must-check.tbl.  Driver-defined .of_xlate callbacks (bound
 * from any iommu_ops of the program) and ops->of_xlate() calls are checked
 * the same way.
 *
 * A result is ignored when the call is a statement of its own, or when it
 * is stored in a local that is overwritten or never read afterwards.  An
 * explicit (void) cast is taken as a deliberate choice and not reported.
 *
 * The fix (docs/rules/unchecked-return.md) fails like the failure checks
 * around the call; right after the check of a pairs.tbl acquisition it
 * undoes that and fails the same way; with nothing with effects before
 * the call it returns the error.
 *
 * Known false positives: a store read only on a loop's next iteration is
 * not followed (stores inside loops are not checked).
 */
#include <stdio.h>
#include <string.h>

#include "../checker/fixgen.h"
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

struct ur_ctx {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	unsigned loop_depth;
};

/* An .of_xlate callback of some iommu_ops in the program. */
static const char *of_xlate_binding(const struct fx_program *prog, const struct fx_tu *tu,
				    const char *name)
{
	const struct fx_var *ops = fx_find_binding(prog, tu, "iommu_ops", "of_xlate", name);

	return ops ? ops->name : NULL;
}

/* What the call is, for the message, when its result must be checked. */
static const char *must_check(struct ur_ctx *u, const struct fx_expr *call,
			      char *buf, size_t len)
{
	const struct fx_expr *callee;
	const char *ops;

	if (call->kind != FXE_CALL)
		return NULL;
	if (call->name && tbl_has("must-check", 0, call->name)) {
		snprintf(buf, len, "%s()", call->name);
		return buf;
	}
	if (call->name && (ops = of_xlate_binding(ctx_program(u->ctx), u->tu, call->name))) {
		snprintf(buf, len, "%s() (of_xlate callback of %s)", call->name, ops);
		return buf;
	}
	callee = call->nkids ? fx_strip(call->kids[0]) : NULL;
	if (callee && callee->kind == FXE_MEMBER && callee->name &&
	    !strcmp(callee->name, "of_xlate")) {
		snprintf(buf, len, "ops->of_xlate()");
		return buf;
	}
	return NULL;
}

static bool is_void_cast(const struct fx_expr *e)
{
	return e && e->kind == FXE_CAST && e->name && !strcmp(e->name, "void");
}

static void check_store(struct ur_ctx *u, const char *var, const struct fx_expr *call)
{
	struct q_use use;
	char buf[256];
	const char *what;
	bool found;
	int h;

	if (u->loop_depth || !(what = must_check(u, call, buf, sizeof(buf))))
		return;
	found = q_first_use(u->fn->body, var, Q_OVERWRITES, &call->loc, &use, NULL);
	if (found && !use.overwrite)
		return;
	if (found)
		h = report(u->ctx, &call->loc, u->fn->name,
			   "result of %s stored in '%s' is overwritten at line %u before it is checked",
			   what, var, use.loc.line);
	else
		h = report(u->ctx, &call->loc, u->fn->name,
			   "result of %s stored in '%s' is never checked", what, var);
	report_fix_note(u->ctx, h, "a stored result gets no fix: where it should be checked cannot be told");
}

/* A failure check "if (v) return v;" or "if (v < 0) goto L;" (no else). */
struct ur_check {
	const char *var;
	char cond[80];
	char then[96];
};

static bool failure_check(const struct fx_stmt *s, struct ur_check *c)
{
	const struct fx_expr *e = s && s->kind == FXS_IF ? fx_strip(s->expr) : NULL, *v = e, *z;
	const struct fx_stmt *t = e && s->nkids ? s->kids[0] : NULL;

	if (!t || (s->nkids > 1 && s->kids[1]))
		return false;
	if (e->kind == FXE_BINARY && e->op && e->nkids == 2 &&
	    (!strcmp(e->op, "<") || !strcmp(e->op, "!=")) && (z = fx_strip(e->kids[1])) &&
	    z->text && !strcmp(z->text, "0"))
		v = fx_strip(e->kids[0]);
	while (t && t->kind == FXS_BLOCK)
		t = t->nkids ? t->kids[t->nkids - 1] : NULL;
	if (!v || v->kind != FXE_IDENT || v->ref != FXR_LOCAL || !t)
		return false;
	c->var = v->name;
	snprintf(c->cond, sizeof(c->cond), "%s%s", v->name,
		 v != e && !strcmp(e->op, "<") ? " < 0" : "");
	if (t->kind == FXS_GOTO && t->name)
		snprintf(c->then, sizeof(c->then), "goto %s", t->name);
	else if (t->kind == FXS_RETURN && q_is_var(t->expr, v->name, false))
		snprintf(c->then, sizeof(c->then), "return %s", v->name);
	else
		return false;
	return true;
}

static bool int_local(const struct fx_stmt *s, const char *name)
{
	unsigned i;

	if (s && s->kind == FXS_DECL && s->name && !strcmp(s->name, name))
		return s->type && !strcmp(s->type, "int");
	for (i = 0; s && i < s->nkids; i++)
		if (int_local(s->kids[i], name))
			return true;
	return false;
}

/* The nearest failure check from kids[k] on in direction d (+1, -1), no label between. */
static bool neighbour(const struct fx_stmt *b, unsigned k, int d, struct ur_check *c)
{
	unsigned i;

	for (i = k + d; i < b->nkids && b->kids[i]->kind != FXS_LABEL; i += d)
		if (failure_check(b->kids[i], c))
			return true;
	return false;
}

static bool is_call_of(const struct fx_expr *e, void *arg)
{
	if (e->kind == FXE_CALL && e->name && !strcmp(e->name, *(const char **)arg))
		*(const char **)arg = NULL;
	return *(const char **)arg;
}

/* A call of fname in the statements from label on, at the top of the body (or no such label). */
static bool calls_after_label(const struct fx_stmt *b, const char *label, const char *fname)
{
	const char *f = fname;
	unsigned i;

	for (i = 0; i < b->nkids; i++)
		if (b->kids[i]->kind == FXS_LABEL && b->kids[i]->name &&
		    !strcmp(b->kids[i]->name, label))
			break;
	for (f = i == b->nkids ? NULL : f; i < b->nkids && f; i++)
		fx_walk_stmt(b->kids[i], NULL, is_call_of, &f);
	return !f;
}

/*
 * kids[k] comes right after "var = ACQ(h, ...); <failure check p>", ACQ a
 * pairs.tbl acquisition with an int result on its first argument whose
 * release p's path does not do: the undo, "RELEASE(h)", into undo.
 */
static bool undo_previous(const struct fx_stmt *b, unsigned k, const struct ur_check *p,
			  char *undo, size_t n)
{
	const struct fx_stmt *a = k >= 2 ? b->kids[k - 2] : NULL;
	const struct fx_expr *e = a && a->kind == FXS_EXPR ? fx_strip(a->expr) : NULL, *call, *h;
	const struct tbl_row *r;
	struct ur_check c = { 0 };
	const char *d, *rel;
	char fname[64];

	if (!e || !failure_check(b->kids[k - 1], &c) || strcmp(c.var, p->var) ||
	    !q_is_assign(e) || !q_is_var(e->kids[0], p->var, false))
		return false;
	call = fx_strip(e->kids[1]);
	r = call && call->kind == FXE_CALL && call->name ?
	    tbl_find(tbl_get("pairs"), 0, call->name) : NULL;
	h = r && call->nkids > 1 ? call->kids[1] : NULL;
	if (!h || r->nfields < 5 || strcmp(r->fields[2], "int") || strcmp(r->fields[3], "arg1") ||
	    !h->text || h->macro || !(d = strchr(rel = r->fields[4], '$')) || !strchr(rel, '('))
		return false;
	snprintf(fname, sizeof(fname), "%.*s", (int)(strchr(rel, '(') - rel), rel);
	if (!strncmp(p->then, "goto ", 5) && calls_after_label(b, p->then + 5, fname))
		return false;
	return snprintf(undo, n, "%.*s%s%s", (int)(d - rel), rel, h->text, d + 1) < (int)n;
}

/* The fix of ignored call statement s: fail like the checks around it. */
static void fix_ignored(struct ur_ctx *u, int h, const struct fx_stmt *s)
{
	const struct fx_stmt *b = NULL;
	struct ur_check p = { 0 }, n = { 0 };
	struct fg_fix fix = { 0 }, first = { 0 };
	struct q_use use;
	char undo[160];
	unsigned k = 0;
	bool un = false;

	fg_stmt_at(u->fn, FXS_EXPR, &s->loc, &b);
	while (b && b->kind == FXS_BLOCK && k < b->nkids && b->kids[k] != s)
		k++;
	if (!b || b->kind != FXS_BLOCK || k == b->nkids)
		fg_refuse(&fix, "the call is not a statement of a block");
	else if (!neighbour(b, k, -1, &p) + !neighbour(b, k, 1, &n) == 2)
		fg_refuse(&fix, "no failure check on an error variable around the call: the error path to join cannot be told");
	else if (!(un = p.var && !n.var && undo_previous(b, k, &p, undo, sizeof(undo))) &&
		 (!p.var || !n.var))
		fg_refuse(&fix, "a failure check only %s the call: whether its failure must undo the steps before it cannot be told",
			  p.var ? "before" : "after");
	else if (!un && (strcmp(p.var, n.var) || strcmp(p.then, n.then)))
		fg_refuse(&fix, "the checks before and after the call fail differently ('%s', '%s')",
			  p.then, n.then);
	else if (!int_local(u->fn->body, p.var))
		fg_refuse(&fix, "'%s' is not an int local", p.var);
	/* after "if (ret)" ret is 0, as it is again when the call succeeds */
	else if (!(un && !strcmp(p.cond, p.var)) &&
		 q_first_use(u->fn->body, p.var, Q_OVERWRITES, &s->loc, &use, NULL) &&
		 !use.overwrite)
		fg_refuse(&fix, "'%s' is read at line %u before it is set again", p.var,
			  use.loc.line);
	fg_check_result_undo(&fix, u->tu, s, p.var, p.cond, un ? undo : NULL, p.then);
	/* nothing with effects before the call: nothing to undo, return its error */
	if (fix.why[0] && (fg_check_first_call(&first, ctx_program(u->ctx), u->tu, u->fn, s) ||
			   (!p.var && !n.var)))
		fix = first;
	fg_emit(u->ctx, h, &fix);
	report_fix_explain(u->ctx, h, "Check the result of a call that can fail",
			   "The call can fail; ignoring its result makes the caller go on, and report success, as if it had worked. Check it and fail the way the neighbouring steps of the function do.");
}

static void run(struct ur_ctx *u, const struct fx_stmt *s)
{
	const struct fx_expr *e;
	char buf[256];
	const char *what;
	unsigned i;
	bool loop;

	if (!s)
		return;
	e = s->expr;
	if (s->kind == FXS_EXPR && e && !is_void_cast(e)) {
		e = fx_strip(e);
		if ((what = must_check(u, e, buf, sizeof(buf))))
			fix_ignored(u, report(u->ctx, &e->loc, u->fn->name,
					      "result of %s is ignored: it can fail, and the caller goes on as if it had succeeded",
					      what), s);
		else if (q_is_assign(e) && fx_strip(e->kids[0])->kind == FXE_IDENT &&
			 fx_strip(e->kids[0])->ref == FXR_LOCAL)
			check_store(u, fx_strip(e->kids[0])->name, fx_strip(e->kids[1]));
	} else if (s->kind == FXS_DECL && e && s->name) {
		check_store(u, s->name, fx_strip(e));
	}
	loop = s->kind == FXS_WHILE || s->kind == FXS_DO || s->kind == FXS_FOR;
	u->loop_depth += loop;
	for (i = 0; i < s->nkids; i++)
		run(u, s->kids[i]);
	u->loop_depth -= loop;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct ur_ctx u = { ctx, tu, fn, 0 };

	run(&u, fn->body);
}

void rule_unchecked_return_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
