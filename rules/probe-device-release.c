// SPDX-License-Identifier: GPL-2.0
/*
 * probe-device-release: what an iommu_ops .probe_device (.add_device before
 * 5.8) allocates is undone on each of its failure paths, what it attaches
 * to the device with dev_iommu_priv_set() is freed by .release_device, and
 * .release_device does not free what the core frees after it.
 *
 * When probe_device fails the core never calls release_device: the
 * kzalloc'ed per-device structure the callback already hung on the device
 * is the callback's to free before it returns the error (arm-smmu-v3's
 * err_free_master, virtio-iommu's err_free_dev).  When it succeeds,
 * release_device is the only place that structure is freed.  The core
 * frees the fwspec itself after release_device (dev_iommu_free()).
 *
 * Three checks, per iommu_ops, on the callbacks it binds (any TU):
 *  - the path engine follows the allocations (pairs.tbl class "alloc") of
 *    probe_device with attach rows (dev_iommu_priv_set) not ending the
 *    walk, and reports those still held at an exit known to fail
 *    (ERR_PTR, -E..., a nonzero error variable); success exits hand the
 *    structure to the device and are not reported;
 *  - a local allocated and attached in probe_device whose release_device
 *    (or helpers two calls deep) never calls its release (kfree), or an
 *    ops without release_device;
 *  - release_device calling a core-owned free (probe-release.tbl).
 * Names (callbacks, core-owned frees) are in rules/data/probe-release.tbl.
 *
 * Known false positives: a structure freed on failure by a helper the run
 * does not see (summaries follow helpers of the run), or attached through
 * a helper and freed elsewhere than release_device (an of_xlate-owned
 * structure is never this rule's: it is not allocated in probe_device).
 */
#include <stdlib.h>
#include <string.h>

#include "../checker/leak-report.h"
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

static const struct leak_words words = {
	.class = "alloc",
	.what = "per-device allocation",
	.verb = "freed when the probe callback fails (the core then never calls release_device):",
	.untested = " (the allocation is never tested)",
	.title = "Free what %s() allocated when probe_device fails",
	.why = "When probe_device returns an error the IOMMU core does not call release_device, so what the callback allocated (and hung on the device with dev_iommu_priv_set()) before it failed is leaked. Free it before each failing return.",
	.failure_only = true,
	.attach_holds = true,
};

struct attach_scan {
	const struct fx_stmt *body;
	const struct fx_expr *call;	/* the attach call found */
	const struct fx_expr *alloc;	/* the allocation of its argument */
	const char *var;
};

/* dev_iommu_priv_set(dev, v) with v a local given an allocation of pairs.tbl. */
static bool attach_visit(const struct fx_expr *e, void *arg)
{
	struct attach_scan *as = arg;
	const struct tbl *t = tbl_get("pairs");
	const struct fx_expr *v;
	unsigned i, n;

	if (e->kind != FXE_CALL || !e->name || !t)
		return true;
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];

		if (r->nfields != 3 || strcmp(r->fields[1], "attach") || strcmp(r->fields[0], e->name))
			continue;
		n = (unsigned)atoi(r->fields[2]);
		v = n < e->nkids ? fx_strip(e->kids[n]) : NULL;
		if (!v || v->kind != FXE_IDENT || v->ref != FXR_LOCAL)
			continue;
		as->alloc = q_assigned(as->body, v->name, "pairs", words.class);
		if (as->alloc) {
			as->call = e;
			as->var = v->name;
			return false;
		}
	}
	return true;
}

/* release_device, or a helper two calls deep, calls a release of the allocation. */
static bool frees(const struct fx_program *prog, const struct fx_func *rel, const char *acquire)
{
	char name[128];
	unsigned r;

	for (r = 0; cfg_release_name(acquire, r, name, sizeof(name)); r++)
		if (cfg_func_calls(prog, rel, name, 2))
			return true;
	return false;
}

static void check_release(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_var *ops,
			  const struct fx_init_field *pf, const struct fx_func *probe,
			  const char *release_field)
{
	const struct fx_program *prog = ctx_program(ctx);
	struct attach_scan as = { .body = probe->body };
	const struct fx_init_field *rf = fx_init_get(ops->init, release_field);
	const char *rel_name = fx_init_callback(ops, release_field);
	const struct fx_func *rel;
	int h;

	fx_walk_stmt(probe->body, NULL, attach_visit, &as);
	if (!as.call)
		return;
	if (!rel_name) {
		if (rf && !rf->inactive)
			return;	/* bound to something not a plain function */
		h = report(ctx, &pf->loc, ops->name,
			   "iommu_ops '%s' has no .%s: the %s()'ed '%s' that %s() attaches with %s() is never freed",
			   ops->name, release_field, as.alloc->name, as.var, probe->name,
			   as.call->name);
		report_related(ctx, h, &as.call->loc, "'%s' attached to the device here", as.var);
		report_fix_note(ctx, h, "a new .release_device has to find the per-device data and undo what probe_device set up, in the driver's own order: not a local edit");
		return;
	}
	rel = fx_find_func(prog, tu, rel_name, NULL);
	if (!rel || !rel->body || frees(prog, rel, as.alloc->name))
		return;
	h = report(ctx, &rel->loc, rel->name,
		   "%s() never frees the %s()'ed '%s' that %s() attached with %s(); release it with %s",
		   rel->name, as.alloc->name, as.var, probe->name, as.call->name, "kfree()");
	report_related(ctx, h, &as.call->loc, "'%s' attached to the device here", as.var);
	report_fix_note(ctx, h, "the free belongs after the last use of the structure in release_device (hardware teardown, lists, locks), which is the driver's ordering to decide");
}

struct core_scan {
	struct rule_ctx *ctx;
	const struct fx_func *rel;
};

static bool core_visit(const struct fx_expr *e, void *arg)
{
	struct core_scan *cs = arg;
	const struct tbl_row *r;

	if (e->kind != FXE_CALL || !e->name)
		return true;
	r = tbl_find(tbl_get("probe-release"), 1, e->name);
	if (r && !strcmp(r->fields[0], "core-owned")) {
		int h = report(cs->ctx, &e->loc, cs->rel->name,
			       "%s() in %s(): release_device must not free what the IOMMU core still uses and frees itself after it returns",
			       e->name, cs->rel->name);

		report_fix_note(cs->ctx, h, "deleting the call is the change, but a driver that also builds for kernels whose core did not free it needs a version check: not offered automatically");
	}
	return true;
}

static void check_core_owned(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_var *ops,
			     const char *release_field)
{
	const char *name = fx_init_callback(ops, release_field);
	struct core_scan cs = { ctx, NULL };

	cs.rel = name ? fx_find_func(ctx_program(ctx), tu, name, NULL) : NULL;
	if (cs.rel && cs.rel->body)
		fx_walk_stmt(cs.rel->body, NULL, core_visit, &cs);
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_var *ops)
{
	const struct tbl *t = tbl_get("probe-release");
	unsigned i;

	if (!ops->init || ops->is_array || !t)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];
		const struct fx_init_field *pf;
		const struct fx_func *probe;
		const struct fx_tu *ptu = NULL;
		const char *name;

		if (strcmp(r->fields[0], "callback") || r->nfields < 3)
			continue;
		check_core_owned(ctx, tu, ops, r->fields[2]);
		name = fx_init_callback(ops, r->fields[1]);
		pf = fx_init_get(ops->init, r->fields[1]);
		if (!name || !pf)
			continue;
		probe = fx_find_func(ctx_program(ctx), tu, name, &ptu);
		if (!probe || !probe->body)
			continue;
		leak_check(ctx, ptu, probe, &words);
		check_release(ctx, tu, ops, pf, probe, r->fields[2]);
	}
}

void rule_probe_device_release_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
