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
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

/* Why this TU binds through DT, for the message; NULL when it does not. */
static const char *dt_evidence(const struct fx_tu *tu, const struct fx_loc **where)
{
	unsigned i;

	for (i = 0; i < tu->nvars; i++) {
		const struct fx_var *v = &tu->vars[i];

		if (v->record && !strcmp(v->record, "of_device_id") && v->is_array &&
		    !v->is_extern && v->nelems) {
			*where = &v->loc;
			return v->name;
		}
	}
	for (i = 0; i < tu->nmacros; i++) {
		if (!strcmp(tu->macros[i].name, "IOMMU_OF_DECLARE")) {
			*where = &tu->macros[i].loc;
			return "IOMMU_OF_DECLARE";
		}
	}
	return NULL;
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

struct args_use {
	const char *param;		/* name of the of_phandle_args parameter */
	const struct fx_expr *read;	/* first use of param->args */
	bool counted;			/* param->args_count is looked at */
};

static bool scan_args_use(const struct fx_expr *e, void *arg)
{
	struct args_use *u = arg;

	if (q_is_var_member(e, u->param, "args_count"))
		u->counted = true;
	else if (!u->read && q_is_var_member(e, u->param, "args"))
		u->read = e;
	return true;
}

/* The of_xlate callback reads the phandle cells without knowing how many there are. */
static void check_args_count(struct rule_ctx *ctx, const struct fx_tu *tu,
			     const struct fx_var *ops)
{
	const struct fx_func *fn = fx_find_func(ctx_program(ctx), tu,
						fx_init_callback(ops, "of_xlate"), NULL);
	struct args_use u = { 0 };

	if (!fn || !fn->body || fn->nparams < 2 || !fn->params[1].name)
		return;
	u.param = fn->params[1].name;
	fx_walk_stmt(fn->body, NULL, scan_args_use, &u);
	if (u.read && !u.counted) {
		int h = report(ctx, &u.read->loc, fn->name,
			       "of_xlate callback '%s' of iommu_ops '%s' reads %s->args without checking %s->args_count: a device tree with fewer #iommu-cells leaves those cells uninitialised",
			       fn->name, ops->name, u.param, u.param);
		const struct fx_tu *ftu = fx_func_tu(ctx_program(ctx), fn);
		const char *why = "the callback's text is not in a file of this run";

		if (h >= 0 && (!ftu || !fg_args_count_fix(ctx, ftu, fn, u.param, h, &why)))
			report_fix_note(ctx, h, why);
	}
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
	const struct fx_loc *where = NULL;
	const char *why;
	int h = -1;

	if (!ops->init || ops->is_array)
		return;
	check_args_count(ctx, tu, ops);
	why = dt_evidence(tu, &where);
	if (!why || parses_iommus_itself(tu))
		return;
	f = fx_init_get(ops->init, "of_xlate");
	if (!f && probes_nothing(ctx, tu, ops))
		return;
	if (!f) {
		h = report(ctx, &ops->loc, ops->name,
		       "iommu_ops '%s' has no .of_xlate, but this driver binds through the device tree ('%s' at line %u): the core cannot translate its masters' \"iommus\" phandles",
		       ops->name, why, where->line);
		report_fix_note(ctx, h, "an .of_xlate has to map the driver's own master ids and per-device data: not a mechanical edit");
		return;
	}
	if (f->inactive)
		h = report(ctx, &f->loc, ops->name,
			   "'.of_xlate' of iommu_ops '%s' is compiled out by '%s' in this configuration; provide it unconditionally",
			   ops->name, f->cond ? f->cond : "#if");
	else if (f->cond)
		h = report(ctx, &f->loc, ops->name,
			   "'.of_xlate' of iommu_ops '%s' sits under '%s': configurations without it build a driver that cannot bind device-tree masters; provide it unconditionally",
			   ops->name, f->cond);
	if (h >= 0)
		report_fix_note(ctx, h, "dropping the #if around .of_xlate also needs the callback (and what it calls) built in every configuration: not a local edit");
}

void rule_of_xlate_presence_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
