// SPDX-License-Identifier: GPL-2.0
/*
 * of-xlate-presence: a driver that binds through the device tree must give
 * the IOMMU core an .of_xlate callback, unconditionally.
 *
 * The core translates each "iommus" phandle of a DT master through
 * ops->of_xlate (commit "iommu: Introduce iommu_fwspec" and the of_iommu
 * configuration path); a driver matched by an of_device_id table, declared
 * with IOMMU_OF_DECLARE or registering an of_node fwnode, but whose
 * iommu_ops has no .of_xlate, never gets its masters.  Hiding the field
 * under #ifdef CONFIG_OF_IOMMU broke randconfig builds of mtk_iommu.c
 * ("iommu/mediatek: Fix randconfig build error", the seed) and leaves
 * configurations where the driver silently does nothing.
 *
 * A driver that resolves the "iommus" property itself (omap-iommu walks
 * the phandles in its probe_device) does not rely on the core's of_xlate
 * path and is not reported.
 *
 * The callback itself must check args->args_count before it reads
 * args->args[]: of_parse_phandle_with_args() fills only as many cells as the
 * IOMMU node's #iommu-cells says, and the core's of_phandle_args lives
 * uninitialised on the stack, so a device tree with fewer cells hands the
 * driver stack garbage as a stream id (arm-smmu, apple-dart and mtk_iommu
 * check; the callback is followed into another TU when it lives there).
 *
 * Issue 16 generalised both halves.  Any preprocessor condition around
 * .of_xlate (not only CONFIG_OF*) that the binding itself (the of_device_id
 * table, IOMMU_OF_DECLARE) is not also under leaves configurations with the
 * binding but without translation; a binding the configuration compiles
 * out is found in the text, so those configurations are seen too.  An
 * unchecked cell is hardening against a malformed tree, a note, unless it
 * then indexes an array or a register with no bound (a warning: an
 * out-of-bounds access on a bad tree); a driver that reads its own
 * "#iommu-cells" (arm-smmu-v3's probe) has validated the count.
 *
 * Evidence of device-tree binding is read from the TU holding the ops
 * table; a driver whose of_device_id table and ops table live in different
 * files is not seen (documented limitation).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/edit.h"
#include "../checker/fixgen-unwind.h"
#include "../checker/fixgen-xlate.h"
#include "../checker/ppcond.h"
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

static bool is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/*
 * The condition of .of_xlate, beyond those its ops table shares, that the
 * binding at bline is not also under; NULL when there is none.
 */
static const char *cond_not_shared(const struct fx_tu *tu, const struct fx_var *ops,
				   const struct fx_init_field *f, unsigned bline,
				   struct pp_conds *fs)
{
	struct pp_conds os, bs;
	unsigned i;

	pp_conds_at(tu, ops->loc.line, &os);
	pp_conds_at(tu, f->loc.line, fs);
	pp_conds_at(tu, bline, &bs);
	for (i = os.n; i < fs->n; i++)
		if (!pp_conds_has(&bs, fs->c[i]))
			return fs->c[i];
	return NULL;
}

/* "struct of_device_id NAME[] =" written in the text, also where #if hides it. */
static unsigned text_of_device_id(const struct fx_tu *tu, char *name, size_t size)
{
	static const char key[] = "struct of_device_id";
	const char *p, *q, *eol;
	unsigned line;
	size_t k;

	for (p = tu->src ? strstr(tu->src, key) : NULL; p; p = strstr(p + 1, key)) {
		for (q = p + sizeof(key) - 1; *q == ' ' || *q == '\t'; q++)
			;
		for (k = 0; is_ident_char(q[k]); k++)
			;
		eol = strchr(q, '\n');
		if (!k || q[k] != '[' || !eol || !memchr(q, '=', (size_t)(eol - q)))
			continue;
		for (line = 1, eol = tu->src; eol < p; eol++)
			line += *eol == '\n';
		snprintf(name, size, "%.*s", (int)k, q);
		return line;
	}
	return 0;
}

/* Why this TU binds through DT (into why), and where; 0 when it does not. */
static unsigned dt_evidence(const struct fx_tu *tu, char *why, size_t size)
{
	unsigned i;

	for (i = 0; i < tu->nvars; i++) {
		const struct fx_var *v = &tu->vars[i];

		if (v->record && !strcmp(v->record, "of_device_id") && v->is_array &&
		    !v->is_extern && v->nelems) {
			snprintf(why, size, "%s", v->name);
			return v->loc.line;
		}
	}
	for (i = 0; i < tu->nmacros; i++) {
		if (!strcmp(tu->macros[i].name, "IOMMU_OF_DECLARE")) {
			snprintf(why, size, "IOMMU_OF_DECLARE");
			return tu->macros[i].loc.line;
		}
	}
	return text_of_device_id(tu, why, size);
}

static bool is_iommus_literal(const struct fx_expr *e, void *arg)
{
	bool *found = arg;

	if (e->kind == FXE_STRING && e->text && !strcmp(e->text, "\"iommus\"")) {
		*found = true;
		return false;
	}
	return true;
}

/* Some function of the TU reads the "iommus" phandles itself. */
static bool parses_iommus_itself(const struct fx_tu *tu)
{
	bool found = false;
	unsigned i;

	for (i = 0; i < tu->nfuncs && !found; i++)
		fx_walk_stmt(tu->funcs[i].body, NULL, is_iommus_literal, &found);
	return found;
}

#define CELL_LOCALS 8

struct args_use {
	const char *param;		/* name of the of_phandle_args parameter */
	const struct fx_expr *read;	/* first use of param->args */
	bool counted;			/* param->args_count is looked at */
	const char *cells[CELL_LOCALS];	/* locals given a cell's value */
	unsigned ncells;
	const struct fx_expr *index;	/* an array subscript or register address from a cell */
	bool reg;			/* index is a register address */
	bool bounded;			/* a cell (or its local) is compared */
};

static bool cell_in(const struct fx_expr *e, void *arg)
{
	const struct args_use *u = ((const void **)arg)[0];
	bool *found = ((void **)arg)[1];
	unsigned i;

	if (q_is_var_member(e, u->param, "args"))
		*found = true;
	for (i = 0; e->kind == FXE_IDENT && e->name && i < u->ncells; i++)
		if (!strcmp(e->name, u->cells[i]))
			*found = true;
	return !*found;
}

/* e reads a phandle cell, directly or through a local holding one. */
static bool has_cell(const struct args_use *u, const struct fx_expr *e)
{
	bool found = false;
	const void *arg[2] = { u, &found };

	if (e)
		fx_walk_expr(e, cell_in, arg);
	return found;
}

static void add_cell_local(struct args_use *u, const char *name)
{
	unsigned i;

	for (i = 0; i < u->ncells; i++)
		if (!strcmp(u->cells[i], name))
			return;
	if (name && u->ncells < CELL_LOCALS)
		u->cells[u->ncells++] = name;
}

static bool scan_args_use(const struct fx_expr *e, void *arg)
{
	struct args_use *u = arg;
	const struct fx_expr *l;

	if (q_is_var_member(e, u->param, "args_count"))
		u->counted = true;
	else if (!u->read && q_is_var_member(e, u->param, "args"))
		u->read = e;
	l = q_is_assign(e) ? fx_strip(e->kids[0]) : NULL;
	if (l && l->kind == FXE_IDENT && l->ref == FXR_LOCAL && has_cell(u, e->kids[1]))
		add_cell_local(u, l->name);
	return true;
}

static bool scan_cell_decl(const struct fx_stmt *s, void *arg)
{
	struct args_use *u = arg;

	if (s->kind == FXS_DECL && s->name && has_cell(u, s->expr))
		add_cell_local(u, s->name);
	return true;
}

static bool is_comparison(const char *op)
{
	return op && (!strcmp(op, "<") || !strcmp(op, "<=") || !strcmp(op, ">") ||
		      !strcmp(op, ">="));
}

/* Where a cell indexes an array or addresses a register, and whether it is bounded. */
static bool scan_cell_index(const struct fx_expr *e, void *arg)
{
	struct args_use *u = arg;
	const struct tbl_row *r;
	unsigned n;

	if (e->kind == FXE_BINARY && is_comparison(e->op) && e->nkids == 2 &&
	    (has_cell(u, e->kids[0]) || has_cell(u, e->kids[1])))
		u->bounded = true;
	if (u->index)
		return true;
	if (e->kind == FXE_SUBSCRIPT && e->nkids == 2 &&
	    !q_is_var_member(fx_strip(e->kids[0]), u->param, "args") && has_cell(u, e->kids[1]))
		u->index = e;
	r = e->kind == FXE_CALL && e->name ? tbl_find(tbl_get("mmio"), 0, e->name) : NULL;
	if (r && r->nfields > 2 && !strcmp(r->fields[1], "write")) {
		n = (unsigned)atoi(r->fields[2]);
		if (n < e->nkids && has_cell(u, e->kids[n])) {
			u->index = e;
			u->reg = true;
		}
	}
	return true;
}

static bool reads_iommu_cells(const struct fx_expr *e, void *arg)
{
	unsigned i;

	if (e->kind != FXE_CALL || !e->name || !tbl_find(tbl_get("dt-props"), 0, e->name))
		return true;
	for (i = 1; i < e->nkids; i++) {
		const struct fx_expr *a = fx_strip(e->kids[i]);

		if (a && a->kind == FXE_STRING && a->text && !strcmp(a->text, "\"#iommu-cells\""))
			*(bool *)arg = true;
	}
	return !*(bool *)arg;
}

/* Some function of tu reads the IOMMU node's own "#iommu-cells" (arm-smmu-v3's probe). */
static bool validates_cells(const struct fx_tu *tu)
{
	bool found = false;
	unsigned i;

	for (i = 0; tu && i < tu->nfuncs && !found; i++)
		fx_walk_stmt(tu->funcs[i].body, NULL, reads_iommu_cells, &found);
	return found;
}

/*
 * The of_xlate callback reads the phandle cells without knowing how many
 * there are: a note, or a warning when such a cell then indexes an array
 * or addresses a register with no comparison bounding it.
 */
static void check_args_count(struct rule_ctx *ctx, const struct fx_tu *tu,
			     const struct fx_var *ops)
{
	const struct fx_func *fn = fx_find_func(ctx_program(ctx), tu,
						fx_init_callback(ops, "of_xlate"), NULL);
	const struct fx_tu *ftu;
	struct args_use u = { 0 };
	const char *why = "the callback's text is not in a file of this run";
	int h;

	if (!fn || !fn->body || fn->nparams < 2 || !fn->params[1].name)
		return;
	u.param = fn->params[1].name;
	fx_walk_stmt(fn->body, scan_cell_decl, scan_args_use, &u);
	ftu = fx_func_tu(ctx_program(ctx), fn);
	if (!u.read || u.counted || validates_cells(tu) || (ftu != tu && validates_cells(ftu)))
		return;
	fx_walk_stmt(fn->body, NULL, scan_cell_index, &u);
	if (u.index && !u.bounded) {
		h = report(ctx, &u.read->loc, fn->name,
			   "of_xlate callback '%s' of iommu_ops '%s' reads %s->args without checking %s->args_count, and the unchecked cell %s with no bound: a device tree with fewer #iommu-cells makes that an out-of-bounds access",
			   fn->name, ops->name, u.param, u.param,
			   u.reg ? "addresses a register" : "indexes an array");
		report_related(ctx, h, &u.index->loc, "the cell %s here",
			       u.reg ? "addresses a register" : "is the index");
	} else {
		h = report(ctx, &u.read->loc, fn->name,
			   "of_xlate callback '%s' of iommu_ops '%s' reads %s->args without checking %s->args_count: a device tree with fewer #iommu-cells leaves those cells uninitialised",
			   fn->name, ops->name, u.param, u.param);
		report_level(ctx, h, SEV_NOTE);
	}
	if (h >= 0 && (!ftu || !fg_args_count_fix(ctx, ftu, fn, u.param, h, &why)))
		report_fix_note(ctx, h, why);
}

static bool is_error_pointer(const struct fx_expr *e)
{
	const struct tbl_row *r = e->kind == FXE_CALL && e->name ?
				  tbl_find(tbl_get("group-refs"), 0, e->name) : NULL;

	return r && r->nfields > 1 && !strcmp(r->fields[1], "error");
}

static bool returns_success(const struct fx_stmt *s, void *arg)
{
	const struct fx_expr *e = s->kind == FXS_RETURN ? fx_strip(s->expr) : NULL;

	/* error-pointer constructors: rows of kind "error" in group-refs.tbl */
	if (s->kind == FXS_RETURN &&
	    !(e && (is_error_pointer(e) || (e->text && !strcmp(e->text, "NULL")))))
		*(bool *)arg = true;
	return !*(bool *)arg;
}

/*
 * A stub whose .probe_device only returns ERR_PTR()/NULL (xen's grant-dma
 * iommu: the bindings are read elsewhere) takes no master: no .of_xlate
 * is needed.
 */
static bool probes_nothing(struct rule_ctx *ctx, const struct fx_tu *tu,
			   const struct fx_var *ops)
{
	const struct fx_func *fn = fx_find_func(ctx_program(ctx), tu,
						fx_init_callback(ops, "probe_device"), NULL);
	bool success = false;

	if (!fn || !fn->body)
		return false;
	fx_walk_stmt(fn->body, returns_success, NULL, &success);
	return !success;
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *ops)
{
	const struct fx_init_field *f;
	struct pp_conds fs;
	const char *c;
	char why[128];
	unsigned where;
	int h = -1;

	if (!ops->init || ops->is_array)
		return;
	check_args_count(ctx, tu, ops);
	where = dt_evidence(tu, why, sizeof(why));
	if (!where || parses_iommus_itself(tu))
		return;
	f = fx_init_get(ops->init, "of_xlate");
	if (!f && probes_nothing(ctx, tu, ops))
		return;
	if (!f) {
		h = report(ctx, &ops->loc, ops->name,
		       "iommu_ops '%s' has no .of_xlate, but this driver binds through the device tree ('%s' at line %u): the core cannot translate its masters' \"iommus\" phandles",
		       ops->name, why, where);
		report_fix_note(ctx, h, "an .of_xlate has to map the driver's own master ids and per-device data: not a mechanical edit");
		return;
	}
	if (!f->cond || !(c = cond_not_shared(tu, ops, f, where, &fs)))
		return;
	if (f->inactive)
		h = report(ctx, &f->loc, ops->name,
			   "'.of_xlate' of iommu_ops '%s' is compiled out by '%s' in this configuration, but the device-tree binding '%s' (line %u) is not under '%s'; provide it unconditionally",
			   ops->name, f->cond, why, where, c);
	else
		h = report(ctx, &f->loc, ops->name,
			   "'.of_xlate' of iommu_ops '%s' sits under '%s', which the device-tree binding '%s' (line %u) does not share: configurations where '%s' does not hold build a driver that cannot bind device-tree masters; provide it unconditionally",
			   ops->name, f->cond, why, where, c);
	if (h >= 0)
		report_fix_note(ctx, h, "dropping the #if around .of_xlate also needs the callback (and what it calls) built in every configuration: not a local edit");
}

void rule_of_xlate_presence_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
