// SPDX-License-Identifier: GPL-2.0
/*
 * register-unwind: a failure exit of a function that still holds a
 * registration it made (iommu_device_sysfs_add, iommu_device_register and
 * the other pairs of class "register" in rules/data/pairs.tbl), and a
 * driver of any bus (platform, virtio, PCI, AMBA ...: a record named
 * *_driver, rules/data/drivers.tbl) whose remove callback does not undo a
 * registration its probe made.
 *
 * A probe that fails after iommu_device_sysfs_add() must call
 * iommu_device_sysfs_remove(), and one that fails after
 * iommu_device_register() must unregister, or the core keeps a dangling
 * iommu_device in its list and sysfs.  VT-d's alloc_iommu() got it wrong
 * in 2021 through a goto to the wrong label, qcom_iommu left sysfs behind
 * for nine years, and ipmmu-vmsa in Linux 6.12 still returns straight out
 * of probe when iommu_device_register() fails after
 * iommu_device_sysfs_add().
 *
 * Only exits that return a failure (-EXXX, PTR_ERR(), dev_err_probe(), an
 * error variable known nonzero on that path) are checked, so the success
 * path of a probe is not.  When the path left through a goto, the finding
 * is put on that goto and names its label: the label is the wrong one.
 * Undoing through a helper (or a devm action) that calls the release
 * function is recognised two calls deep.
 *
 * Only objects the function made are checked (the handle is based on a
 * local variable): a registration on an object passed in is the caller's
 * to undo (AMD's iommu_init_pci(), torn down by free_iommu_one()).
 *
 * remove() must also undo in reverse order: probe registers after
 * iommu_device_sysfs_add(), so remove must unregister before
 * iommu_device_sysfs_remove(); the other way round, devices still bound to
 * the registered iommu_device unlink from a sysfs device that is gone.
 * Only release calls written directly in remove() are ordered.
 *
 * Known false positives: an exit whose failure is decided by something
 * the engine does not follow (a flag set earlier), and undo done by a
 * caller for an object created here.
 */
#include <stdio.h>
#include <string.h>

#include "../checker/cfg.h"
#include "../checker/fixgen-unwind.h"
#include "../checker/rule.h"
#include "../checker/table.h"

/*
 * One finding per registration step left in place on some failure path,
 * at the step, with each such path as a related location: the goto that
 * skips the undo when there is one, else the failing return.
 */
static void report_defect(const struct fg_leaks *u, unsigned d)
{
	const struct fg_leak_copy *c = NULL;
	unsigned i, nfail = 0;
	int h;

	for (i = 0; i < u->n; i++)
		if (u->l[i].defect == d && !nfail++)
			c = &u->l[i];
	if (!nfail)
		return;
	h = report(u->ctx, &c->acq_loc, u->fn->name,
		   "%s(%s) is not undone on %u failure path%s (returning at line %u%s); undo it with %s",
		   c->acquire, c->handle, nfail, nfail == 1 ? "" : "s", c->exit_loc.line,
		   nfail == 1 ? "" : ", ...", c->release);
	for (i = 0; i < u->n; i++) {
		const struct fg_leak_copy *l = &u->l[i];

		if (l->defect != d)
			continue;
		if (l->via) {
			report_related(u->ctx, h, &l->via_loc,
				       "'goto %s' skips the undo: the failure path returning at line %u never calls %s",
				       l->via_label, l->exit_loc.line, l->release);
			report_related(u->ctx, h, &l->exit_loc,
				       "failure return reached through 'goto %s' at line %u",
				       l->via_label, l->via_loc.line);
		} else {
			report_related(u->ctx, h, &l->exit_loc,
				       "failure return leaves %s(%s) in place", l->acquire, l->handle);
		}
	}
	if (h >= 0)
		fg_leaks_fix(u, d, h, "undo the registration on the failure path",
			     "A failure exit left a registration made earlier in the function in place: the IOMMU core keeps the iommu_device in its list and sysfs, pointing at memory the failed probe frees. Undo every step made so far, last one first, on that path.");
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct fg_leaks u;
	struct cfg_track t = {
		.class = "register",
		.tu = tu,
		.prog = ctx_program(ctx),
		.arg = &u,
		.defect = fg_leaks_collect,
	};
	unsigned d;

	memset(&u, 0, sizeof(u));
	u.ctx = ctx;
	u.tu = tu;
	u.fn = fn;
	cfg_check_pairs(fn, &t);
	for (d = 0; d < u.ndefects; d++)
		report_defect(&u, d);
}

struct remove_check {
	struct rule_ctx *ctx;
	const struct fx_func *remove;
	char missing[256];	/* "iommu_device_unregister, iommu_device_sysfs_remove" */
	const char *first;	/* first registering call of probe left undone */
	unsigned first_line;
	struct fx_loc first_loc;
};

/* A registration made by probe must have a release call in remove. */
static bool check_register_call(const struct fx_expr *e, void *arg)
{
	struct remove_check *rc = arg;
	char release[128];
	unsigned i;

	if (e->kind != FXE_CALL || !cfg_is_acquire(e->name, "register"))
		return true;
	for (i = 0; cfg_release_name(e->name, i, release, sizeof(release)); i++)
		if (cfg_func_calls(ctx_program(rc->ctx), rc->remove, release, 2))
			return true;
	if (!cfg_release_name(e->name, 0, release, sizeof(release)) ||
	    strstr(rc->missing, release))
		return true;
	if (!rc->first) {
		rc->first = e->name;
		rc->first_line = e->loc.line;
		rc->first_loc = e->loc;
	}
	if (strlen(rc->missing) + strlen(release) + 3 < sizeof(rc->missing)) {
		if (rc->missing[0])
			strcat(rc->missing, ", ");
		strcat(rc->missing, release);
	}
	return true;
}

#define MAX_STEPS 8

/* Registrations of probe in source order, and where remove undoes each. */
struct order_check {
	unsigned n;
	const char *acquire[MAX_STEPS];
	char release[MAX_STEPS][64];
	unsigned acq_line[MAX_STEPS];
	struct fx_loc acq_loc[MAX_STEPS];
	unsigned rel_line[MAX_STEPS];	/* first direct call in remove; 0: none */
	struct fx_loc rel_loc[MAX_STEPS];
};

static bool collect_steps(const struct fx_expr *e, void *arg)
{
	struct order_check *oc = arg;
	unsigned i;

	if (e->kind != FXE_CALL || !cfg_is_acquire(e->name, "register") || oc->n == MAX_STEPS)
		return true;
	for (i = 0; i < oc->n; i++)
		if (!strcmp(oc->acquire[i], e->name))
			return true;
	if (!cfg_release_name(e->name, 0, oc->release[oc->n], sizeof(oc->release[0])))
		return true;
	oc->acquire[oc->n] = e->name;
	oc->acq_loc[oc->n] = e->loc;
	oc->acq_line[oc->n++] = e->loc.line;
	return true;
}

static bool find_releases(const struct fx_expr *e, void *arg)
{
	struct order_check *oc = arg;
	unsigned i;

	if (e->kind != FXE_CALL || !e->name)
		return true;
	for (i = 0; i < oc->n; i++) {
		if (!oc->rel_line[i] && !strcmp(oc->release[i], e->name)) {
			oc->rel_line[i] = e->loc.line;
			oc->rel_loc[i] = e->loc;
		}
	}
	return true;
}

/* Swap the two undo calls of remove(): whole statements of one block. */
static void fix_order(struct rule_ctx *ctx, const struct fx_func *remove,
		      const struct fx_loc *first, const struct fx_loc *second, int h)
{
	const struct fx_tu *tu = fx_func_tu(ctx_program(ctx), remove);
	struct fg_pos a, b;
	struct fg_fix fix;
	unsigned i;

	if (!tu || !fg_find_stmt(remove->body, FXS_EXPR, first, &a) ||
	    !fg_find_stmt(remove->body, FXS_EXPR, second, &b) || a.parent != b.parent ||
	    !fg_swap_stmts(tu, a.s, b.s, &fix)) {
		report_fix_note(ctx, h, "the two undo calls are not whole statements of one block, each alone on its lines");
		return;
	}
	for (i = 0; i < fix.n; i++)
		report_edit(ctx, h, &fix.e[i].from, &fix.e[i].to, fix.e[i].text);
	report_fix_explain(ctx, h, "undo the registrations in reverse order in remove",
			   "remove() must undo what probe() did in reverse order: iommu_device_unregister() before iommu_device_sysfs_remove(). The other way round, devices still bound to the registered iommu_device unlink from a sysfs device that is already gone. The two calls are swapped; nothing else changes.");
}

/* remove() undoes two steps of probe in the order probe made them. */
static void check_remove_order(struct rule_ctx *ctx, const struct fx_func *probe,
			       const struct fx_func *remove)
{
	struct order_check oc = { 0 };
	unsigned a, b;
	int h;

	fx_walk_stmt(probe->body, NULL, collect_steps, &oc);
	fx_walk_stmt(remove->body, NULL, find_releases, &oc);
	for (a = 0; a < oc.n; a++) {
		for (b = a + 1; b < oc.n; b++) {
			if (!oc.rel_line[a] || !oc.rel_line[b] || oc.acq_line[a] >= oc.acq_line[b] ||
			    oc.rel_line[a] >= oc.rel_line[b])
				continue;
			h = report(ctx, &oc.rel_loc[a], remove->name,
				   "remove callback %s() calls %s() before %s() (line %u), but probe %s() made them in the order %s() (line %u), %s() (line %u): undo in reverse order",
				   remove->name, oc.release[a], oc.release[b], oc.rel_line[b],
				   probe->name, oc.acquire[a], oc.acq_line[a], oc.acquire[b],
				   oc.acq_line[b]);
			if (h < 0)
				return;
			report_related(ctx, h, &oc.acq_loc[a], "probe makes %s() first", oc.acquire[a]);
			report_related(ctx, h, &oc.acq_loc[b], "then %s(): remove must undo it first",
				       oc.acquire[b]);
			report_related(ctx, h, &oc.rel_loc[b], "%s() comes second in remove",
				       oc.release[b]);
			fix_order(ctx, remove, &oc.rel_loc[a], &oc.rel_loc[b], h);
			return;
		}
	}
}

static const struct fx_func *callback(const struct rule_ctx *ctx, const struct fx_tu *tu,
				      const struct fx_var *var, const char *field)
{
	return fx_find_func(ctx_program(ctx), tu, fx_init_callback(var, field), NULL);
}

/* The record is a bus driver's: its name ends in a record-suffix of drivers.tbl. */
static bool is_driver_record(const char *record)
{
	const struct tbl *t = tbl_get("drivers");
	size_t n = record ? strlen(record) : 0;
	unsigned i;

	for (i = 0; t && record && i < t->nrows; i++) {
		const char *suf = t->rows[i].fields[1];

		if (t->rows[i].nfields >= 2 && !strcmp(t->rows[i].fields[0], "record-suffix") &&
		    n > strlen(suf) && !strcmp(record + n - strlen(suf), suf))
			return true;
	}
	return false;
}

/* The remove callback of drv: the first remove field of drivers.tbl it binds. */
static const struct fx_func *remove_callback(const struct rule_ctx *ctx, const struct fx_tu *tu,
					     const struct fx_var *drv)
{
	const struct tbl *t = tbl_get("drivers");
	const struct fx_func *fn;
	unsigned i;

	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2 && !strcmp(t->rows[i].fields[0], "remove") &&
		    (fn = callback(ctx, tu, drv, t->rows[i].fields[1])))
			return fn;
	return NULL;
}

/*
 * Any bus's driver (platform, virtio, PCI, AMBA ...): what probe registers,
 * remove undoes, in reverse order.
 */
static void match_driver(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_var *drv)
{
	const struct fx_func *probe, *remove;
	int h;

	if (!drv->init || drv->is_array || !is_driver_record(drv->record))
		return;
	probe = callback(ctx, tu, drv, "probe");
	remove = remove_callback(ctx, tu, drv);
	if (probe && remove) {
		struct remove_check rc = { .ctx = ctx, .remove = remove };

		fx_walk_stmt(probe->body, NULL, check_register_call, &rc);
		if (rc.first && (h = report(ctx, &remove->loc, remove->name,
					    "remove callback %s() never calls %s, but probe %s() registers (%s() at line %u)",
					    remove->name, rc.missing, probe->name, rc.first,
					    rc.first_line)) >= 0) {
			report_related(ctx, h, &rc.first_loc, "%s() in probe: remove never undoes it", rc.first);
			report_fix_note(ctx, h, "where the missing undo goes in remove() and on which object is not decided by construction: add it by hand, before the undo of any step probe made earlier");
		} else if (!rc.first) {
			check_remove_order(ctx, probe, remove);
		}
	}
}

static void match_tu(struct rule_ctx *ctx, const struct fx_tu *tu)
{
	unsigned i;

	for (i = 0; i < tu->nvars; i++)
		match_driver(ctx, tu, &tu->vars[i]);
}

void rule_register_unwind_register(struct rule_reg *r)
{
	hook_func(r, match_func);
	hook_tu(r, match_tu);
}
