// SPDX-License-Identifier: GPL-2.0
/* fixgen-xlate.c - the args_count check an .of_xlate callback needs (see fixgen-xlate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "fixgen-unwind.h"
#include "fixgen-xlate.h"
#include "query.h"
#include "table.h"

/*
 * The cells read: args[K] with K a literal, or the array (args or
 * &args[K]) handed with a literal count to a function of
 * rules/data/cell-readers.tbl; every use of param->args must be so.
 */
struct cells {
	const char *param;
	unsigned uses, indexed, n;	/* n: highest cell read + 1 */
};

static bool literal(const struct fx_expr *k, unsigned long *v)
{
	char *end;

	k = fx_strip(k);
	if (!k || k->kind != FXE_INT || !k->text)
		return false;
	*v = strtoul(k->text, &end, 0);
	return !*end && *v < 16;
}

static bool is_args_cell(const struct fx_expr *e, const char *param, unsigned long *k)
{
	return e && e->kind == FXE_SUBSCRIPT && e->nkids == 2 &&
	       q_is_var_member(fx_strip(e->kids[0]), param, "args") && literal(e->kids[1], k);
}

static void need(struct cells *c, unsigned long n)
{
	c->indexed++;
	if (n > c->n)
		c->n = (unsigned)n;
}

/* A cell-readers.tbl call passing param->args (or &param->args[K]) and a literal count. */
static void scan_cell_reader(const struct fx_expr *e, struct cells *c)
{
	const struct tbl_row *r = e->name ? tbl_find(tbl_get("cell-readers"), 0, e->name) : NULL;
	unsigned long ai, ci, cnt, k = 0;
	const struct fx_expr *a;

	if (!r || r->nfields < 3)
		return;
	ai = strtoul(r->fields[1], NULL, 10);
	ci = strtoul(r->fields[2], NULL, 10);
	if (!ai || !ci || ai >= e->nkids || ci >= e->nkids || !literal(e->kids[ci], &cnt))
		return;
	a = fx_strip(e->kids[ai]);
	if (a && a->kind == FXE_UNARY && a->op && !strcmp(a->op, "&") && a->nkids == 1 &&
	    is_args_cell(fx_strip(a->kids[0]), c->param, &k))
		need(c, k + cnt);
	else if (q_is_var_member(a, c->param, "args"))
		need(c, cnt);
}

static bool scan_cells(const struct fx_expr *e, void *arg)
{
	struct cells *c = arg;
	unsigned long k;

	if (q_is_var_member(e, c->param, "args"))
		c->uses++;
	if (e->kind == FXE_CALL)
		scan_cell_reader(e, c);
	/* &args[K] escapes: one more use, accounted only by a cell reader */
	if (e->kind == FXE_UNARY && e->op && !strcmp(e->op, "&") && e->nkids == 1 &&
	    fx_strip(e->kids[0]) && fx_strip(e->kids[0])->kind == FXE_SUBSCRIPT &&
	    q_is_var_member(fx_strip(fx_strip(e->kids[0])->kids[0]), c->param, "args"))
		c->uses++;
	if (is_args_cell(e, c->param, &k))
		need(c, k + 1);
	return true;
}

static bool reads_cells(const struct fx_stmt *s, const char *param)
{
	struct cells c = { .param = param };

	fx_walk_stmt(s, NULL, scan_cells, &c);
	return c.uses;
}

static bool is_call_expr(const struct fx_expr *e, void *arg)
{
	*(bool *)arg |= e->kind == FXE_CALL;
	return !*(bool *)arg;
}

/* A declaration whose initialiser calls something (effects the check must come before). */
static bool decl_calls(const struct fx_stmt *d)
{
	bool found = false;

	if (d->expr)
		fx_walk_expr(d->expr, is_call_expr, &found);
	return found;
}

#define MAX_SPLIT 8

/*
 * "if (args->args_count != N) return -EINVAL;" as the first statement
 * after the declarations, N the cells read.  From the first declaration
 * that calls a function or reads a cell on, every initialised declaration
 * keeps its declaration and gets its value, in order, after the check: no
 * effect happens before the early return, and the check stays after the
 * declarations (-Wdeclaration-after-statement).
 */
bool fg_args_count_fix(struct rule_ctx *ctx, const struct fx_tu *tu,
		       const struct fx_func *fn, const char *param, int h, const char **why)
{
	const struct fx_stmt *b = fn->body, *d;
	struct cells c = { .param = param };
	struct fx_loc at, to, cut[MAX_SPLIT][2];
	char ind[32], init[256], chk[160], text[2048];
	unsigned f, p, i, ncut = 0;
	size_t len;
	int w;

	fx_walk_stmt(b, NULL, scan_cells, &c);
	*why = "args is read other than through constant subscripts or a cell-readers.tbl call with a constant count: how many cells it needs is not known";
	if (!c.n || c.uses != c.indexed || b->kind != FXS_BLOCK)
		return false;
	*why = "the callback does not return int";
	if (!fn->ret_type || strcmp(fn->ret_type, "int"))
		return false;
	for (f = 0; f < b->nkids && b->kids[f]->kind == FXS_DECL; f++)
		;
	for (p = 0; p < f && !reads_cells(b->kids[p], param) && !decl_calls(b->kids[p]); p++)
		;
	*why = "the first statement after the declarations is not clear (text not laid out one statement a line)";
	if (f == b->nkids || !src_line_indent(tu, b->kids[f]->loc.line, ind, sizeof(ind)))
		return false;
	snprintf(chk, sizeof(chk), "%sif (%s->args_count != %u)\n%s\treturn -EINVAL;\n", ind,
		 param, c.n, ind);
	if (p == f) {
		if (!src_line_start(tu, b->kids[f]->loc.line, &at))
			return false;
		snprintf(text, sizeof(text), "%s\n", chk);
		report_edit(ctx, h, &at, &at, text);
		goto explain;
	}
	snprintf(text, sizeof(text), "\n%s", chk);
	*why = "a declaration whose initialiser must move after the check is not 'T name = value;' alone on its line (several declarators, static, a const object, a braced or multi-line initialiser)";
	for (i = p; i < f; i++) {
		d = b->kids[i];
		if (!d->expr)
			continue;
		len = strlen(text);
		if (ncut == MAX_SPLIT ||
		    !fg_split_decl(tu, d, &cut[ncut][0], &cut[ncut][1], init, sizeof(init)))
			return false;
		w = snprintf(text + len, sizeof(text) - len, "%s%s = %s;\n", ind, d->name, init);
		if (w < 0 || (size_t)w >= sizeof(text) - len)
			return false;
		ncut++;
	}
	if (!fg_stmt_lines(tu, b->kids[f - 1], &at, &to))
		return false;
	for (i = 0; i < ncut; i++)
		report_edit(ctx, h, &cut[i][0], &cut[i][1], "");
	report_edit(ctx, h, &to, &to, text);
explain:
	report_fix_explain(ctx, h, "check args_count in of_xlate",
			   "of_parse_phandle_with_args() fills only as many cells as the IOMMU node's #iommu-cells says, and the core's of_phandle_args is not initialised: with fewer cells in the device tree, of_xlate reads stack garbage as a stream ID. Refuse a specifier with another cell count than the cells the callback reads.");
	return true;
}

