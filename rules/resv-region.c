// SPDX-License-Identifier: GPL-2.0
/*
 * resv-region: reserved regions built for the core's get_resv_regions path
 * must be well formed.
 *
 * For every call of iommu_alloc_resv_region (in get_resv_regions callbacks
 * and in the helpers they call):
 *  - the result is NULL-checked before it is used (it is a kzalloc);
 *  - the type is one IOMMU_RESV_* enumerator (or a variable or expression
 *    choosing one), never an OR of several nor a bare integer: the type was
 *    a bit field only until "iommu: Disambiguate MSI region types" (4.11,
 *    the seed) turned it into an enum, and OR-ed values match no case of
 *    the core's switches;
 *  - a software-managed MSI window (MSI_IOVA_BASE/MSI_IOVA_LENGTH, the
 *    arm-smmu convention) is IOMMU_RESV_SW_MSI: reporting it as
 *    IOMMU_RESV_MSI tells VFIO and iommu-dma that hardware bypasses it, so
 *    no doorbell is ever mapped;
 *  - MSI windows are mapped IOMMU_WRITE | IOMMU_MMIO (a hardware MSI window
 *    with prot 0, the x86 interrupt-remapping range, is never mapped and is
 *    accepted);
 *  - the region ends up somewhere (a list, a return, a store), not leaked.
 * And per ops table: on a tree whose struct iommu_ops still has
 * put_resv_regions while struct iommu_resv_region has no ->free callback
 * (before "iommu: Add a free callback to iommu_resv_region"), an ops table
 * with .get_resv_regions needs a .put_resv_regions or the regions leak.
 *
 * Known false positives: a NULL check done by a helper the region is handed
 * to first is not seen; prot held in a parameter is not followed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/fixgen-unwind.h"
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

#define ALLOC "iommu_alloc_resv_region"

static bool mentions(const char *text, const char *word)
{
	return text && strstr(text, word);
}

static bool is_literal(const char *s)
{
	return s && *s >= '0' && *s <= '9';
}

/* The spelling a prot argument stands for, following one local. */
static const char *prot_text(const struct fx_tu *tu, const struct fx_func *fn,
			     const struct fx_expr *prot, const struct fx_loc *at,
			     char *buf, size_t len)
{
	const struct fx_expr *def;

	prot = fx_strip(prot);
	if (!prot || prot->ref == FXR_PARAM)
		return NULL;
	if (prot->kind != FXE_IDENT || prot->ref != FXR_LOCAL)
		return q_spell(tu, &prot->loc, buf, len);
	def = q_last_def(fn->body, prot->name, at);
	return def ? q_spell(tu, &fx_strip(def)->loc, buf, len) : NULL;
}

struct calls_scan {
	const char *callee;
	bool found;
};

static bool find_callee(const struct fx_expr *e, void *arg)
{
	struct calls_scan *c = arg;

	if (e->kind == FXE_CALL && e->name && !strcmp(e->name, c->callee))
		c->found = true;
	return !c->found;
}

/*
 * "get_resv_regions callback of X", or "called from get_resv_regions
 * callback cb of X" for a helper one call below it; NULL otherwise.  Names
 * resolve by C linkage from the TU that writes them.
 */
static const char *binding(const struct fx_program *prog, const struct fx_func *fn,
			   char *buf, size_t len)
{
	unsigned t, i;

	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nvars; i++) {
			const struct fx_var *v = &tu->vars[i];
			const struct fx_func *body;
			const struct fx_tu *btu = NULL;
			struct calls_scan c = { fn->name, false };
			const char *cb;

			if (!v->record || strcmp(v->record, "iommu_ops"))
				continue;
			cb = fx_init_callback(v, "get_resv_regions");
			if (!cb)
				continue;
			body = fx_find_func(prog, tu, cb, &btu);
			if (body == fn) {
				snprintf(buf, len, "get_resv_regions callback of %s", v->name);
				return buf;
			}
			if (body)
				fx_walk_stmt(body->body, NULL, find_callee, &c);
			if (c.found && fx_find_func(prog, btu, fn->name, NULL) == fn) {
				snprintf(buf, len, "called from %s, the get_resv_regions callback of %s",
					 cb, v->name);
				return buf;
			}
		}
	}
	return NULL;
}

struct call_scan {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	const char *where;
};

/* Fix: the literal becomes its enumerator, when the value says which one. */
static void fix_int_type(struct call_scan *c, const struct fx_expr *type, const char *text, int h)
{
	const char *name = fg_enumerator("resv-types", text, ctx_kernel_version(c->ctx));
	char title[160];
	struct fx_loc end;

	if (!name) {
		report_fix_note(c->ctx, h,
				"which IOMMU_RESV_* enumerator this value is depends on the kernel (5.3 inserted IOMMU_RESV_DIRECT_RELAXABLE): give --kernel=VER");
		return;
	}
	if (!src_expr_end(c->tu, type, &end)) {
		report_fix_note(c->ctx, h, "the literal is not spelled where it is used (a macro)");
		return;
	}
	report_edit(c->ctx, h, &type->loc, &end, name);
	snprintf(title, sizeof(title), "use %s, not %s, as the reserved region type", name, text);
	report_fix_explain(c->ctx, h, title,
			   "iommu_alloc_resv_region() takes an enum iommu_resv_type, and the core, VFIO and iommu-dma switch on it. A bare integer hides which kind of region is meant and silently changes meaning when the enumerators move, as they did in 5.3 when IOMMU_RESV_DIRECT_RELAXABLE was inserted. Spell the enumerator the value stands for on this kernel; the generated code is unchanged.");
}

/* Fix: "if (!var) return;" after the allocation, in a void callback that already returns so. */
static void fix_null_check(struct call_scan *c, const struct fx_expr *call, const char *var, int h)
{
	const char *why = NULL;
	struct fg_fix fix;

	if (h >= 0 && fg_null_return_after(c->tu, c->fn, &call->loc, var, &fix, &why))
		report_edit(c->ctx, h, &fix.e[0].from, &fix.e[0].to, fix.e[0].text);
	else if (h >= 0)
		report_fix_note(c->ctx, h, why);
}

static void check_alloc(struct call_scan *c, const struct fx_expr *call, const char *var)
{
	const struct fx_expr *type, *start, *prot;
	char tbuf[128], sbuf[128], pbuf[128];
	const char *ptext, *ttext, *stext;
	struct q_use u;
	bool sw, hw, found, escapes;
	struct fg_fix fix;
	int h;

	if (call->nkids < 5)
		return;
	start = fx_strip(call->kids[1]);
	prot = call->kids[3];
	type = fx_strip(call->kids[4]);
	ttext = type ? q_spell(c->tu, &type->loc, tbuf, sizeof(tbuf)) : NULL;
	stext = start ? q_spell(c->tu, &start->loc, sbuf, sizeof(sbuf)) : NULL;
	if (type && type->kind == FXE_BINARY && type->op &&
	    (!strcmp(type->op, "|") || !strcmp(type->op, "+")) &&
	    (h = report(c->ctx, &type->loc, c->fn->name,
			"reserved region type '%s' in %s combines several types: enum iommu_resv_type is one value per region since 4.11; allocate one region per type",
			ttext ? ttext : "?", c->where)) >= 0)
		report_fix_note(c->ctx, h, "which one region type was meant, or which regions to add, is not decidable from the code");
	else if (type && type->kind == FXE_INT && is_literal(ttext))
		fix_int_type(c, type, ttext,
			     report(c->ctx, &type->loc, c->fn->name,
				    "reserved region type given as the integer '%s' in %s: use an IOMMU_RESV_* enumerator",
				    ttext, c->where));
	sw = type && type->kind == FXE_IDENT && !strcmp(type->name, "IOMMU_RESV_SW_MSI");
	hw = type && type->kind == FXE_IDENT && !strcmp(type->name, "IOMMU_RESV_MSI");
	ptext = (sw || hw) ? prot_text(c->tu, c->fn, prot, &call->loc, pbuf, sizeof(pbuf)) : NULL;
	if (hw && mentions(stext, "MSI_IOVA_BASE") &&
	    (h = report(c->ctx, &type->loc, c->fn->name,
			"software-managed MSI window '%s' reported as IOMMU_RESV_MSI in %s: it must be IOMMU_RESV_SW_MSI, or no doorbell is ever mapped for it",
			stext, c->where)) >= 0) {
		if (mentions(ptext, "IOMMU_WRITE") && mentions(ptext, "IOMMU_MMIO") &&
		    fg_replace_expr(c->tu, type, "IOMMU_RESV_SW_MSI", &fix))
			report_edit(c->ctx, h, &fix.e[0].from, &fix.e[0].to, fix.e[0].text);
		else
			report_fix_note(c->ctx, h, "the window's prot is not IOMMU_WRITE | IOMMU_MMIO (or the type is spelled through a macro): as SW_MSI it would be mapped wrong");
	}
	if (ptext && !(hw && !strcmp(ptext, "0")) &&
	    (!mentions(ptext, "IOMMU_WRITE") || !mentions(ptext, "IOMMU_MMIO")) &&
	    (h = report(c->ctx, &call->loc, c->fn->name,
			"MSI reserved region in %s has prot '%s': an MSI doorbell window needs IOMMU_WRITE | IOMMU_MMIO",
			c->where, ptext)) >= 0)
		report_fix_note(c->ctx, h, "the prot may come from a variable or a macro shared with other regions: changing it there changes them too");
	if (!var)
		return;
	found = q_first_use(c->fn->body, var, Q_PARAMS, &call->loc, &u, &escapes);
	if (found && !u.cond && !u.escape)
		fix_null_check(c, call, var, report(c->ctx, &u.loc, c->fn->name,
						    "'%s' from iommu_alloc_resv_region() at line %u is used before it is checked for NULL in %s",
						    var, call->loc.line, c->where));
	else if (!escapes && (!found || u.cond) &&
		 (h = report(c->ctx, &call->loc, c->fn->name,
			     "reserved region '%s' allocated in %s is never added to the list (leaked)",
			     var, c->where)) >= 0)
		report_fix_note(c->ctx, h, "whether the region was meant to be added to the list or not allocated at all is the driver's intent");
}

static bool is_alloc(const struct fx_expr *e)
{
	e = fx_strip(e);
	return e && e->kind == FXE_CALL && e->name && !strcmp(e->name, ALLOC);
}

static bool match_alloc_expr(const struct fx_expr *e, void *arg)
{
	struct call_scan *c = arg;
	const struct fx_expr *lhs;

	if (q_is_assign(e) && is_alloc(e->kids[1])) {
		lhs = fx_strip(e->kids[0]);
		check_alloc(c, fx_strip(e->kids[1]),
			    lhs->kind == FXE_IDENT && lhs->ref == FXR_LOCAL ? lhs->name : NULL);
		return true;
	}
	return true;
}

static bool match_alloc_stmt(const struct fx_stmt *s, void *arg)
{
	struct call_scan *c = arg;

	if (s->kind == FXS_DECL && is_alloc(s->expr))
		check_alloc(c, fx_strip(s->expr), s->name);
	return true;
}

static bool calls_alloc(const struct fx_expr *e, void *arg)
{
	bool *found = arg;

	if (is_alloc(e))
		*found = true;
	return !*found;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct call_scan c = { ctx, tu, fn, NULL };
	char buf[256], where[320];
	bool found = false;

	if (!fn->body || !strcmp(fn->name, ALLOC))
		return;
	fx_walk_stmt(fn->body, NULL, calls_alloc, &found);
	if (!found)
		return;
	if (binding(ctx_program(ctx), fn, buf, sizeof(buf)))
		snprintf(where, sizeof(where), "%s (%s)", fn->name, buf);
	else
		snprintf(where, sizeof(where), "%s", fn->name);
	c.where = where;
	fx_walk_stmt(fn->body, match_alloc_stmt, match_alloc_expr, &c);
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *ops)
{
	const struct fx_init_field *get;

	/* before "iommu: Add a free callback to iommu_resv_region" (6.0) */
	if (!ops->init || ops->is_array || q_layout_has(tu, "iommu_ops.put_resv_regions") != 1 ||
	    q_layout_has(tu, "iommu_resv_region.free") != 0)
		return;
	get = fx_init_get(ops->init, "get_resv_regions");
	if (get && !get->inactive && !fx_init_get(ops->init, "put_resv_regions")) {
		int h = report(ctx, &get->loc, ops->name,
			       "iommu_ops '%s' has .get_resv_regions but no .put_resv_regions: this kernel's regions have no ->free callback, so the core leaks every region it gets",
			       ops->name);

		report_fix_note(ctx, h, "the put callback must free what this driver's get added (and hand MSI regions back): its body is the driver's, not a local edit");
	}
}

void rule_resv_region_register(struct rule_reg *r)
{
	hook_func(r, match_func);
	hook_var(r, "iommu_ops", match_iommu_ops);
}
