// SPDX-License-Identifier: GPL-2.0
/*
 * group-get-put: an iommu_group reference from iommu_group_get(),
 * iommu_group_alloc() or iommu_group_ref_get() (rules/data/pairs.tbl
 * class "group") that some path neither puts nor hands over.
 *
 * iommu_group_get() takes a reference on the device's group; code that
 * only looks at the group (is the device in one, how many devices, which
 * domain) forgets iommu_group_put() on an early return and pins the group
 * and its sysfs directory.  Linux 6.1's iommu_sva_bind_device() does so on
 * x86 (IS_ENABLED(CONFIG_X86) returns -EOPNOTSUPP with the reference held).
 * Returning a cached group without a new reference from .device_group is
 * the separate rule device-group-ref.
 *
 * A group that is returned, stored in a field or global, or copied into
 * another variable is handed over and no longer followed.  A NULL or
 * IS_ERR test ends the reference on the failing branch.
 *
 * Known false positives: a group handed to a helper that keeps it (not in
 * the table), and paths infeasible for reasons the engine does not track.
 */
#include <stdio.h>

#include "../checker/cfg.h"
#include "../checker/fixgen.h"
#include "../checker/rule.h"

/* One finding per acquisition, with each leaking exit as a related location. */
static void on_defect(const struct cfg_leak *v, unsigned n, void *arg)
{
	const struct fg_rule_arg *a = arg;
	struct rule_ctx *ctx = a->ctx;
	struct fg_fix fix = { 0 };
	bool unchecked = true;
	char title[128];
	unsigned i;
	int h;

	for (i = 0; i < n; i++)
		unchecked &= v[i].unchecked;
	h = report(ctx, &v[0].acq_loc, v[0].fn->name,
		   "iommu_group reference '%s' from %s() is not put on %u path%s (returning at line %u%s)%s; release it with %s",
		   v[0].handle, v[0].acquire, n, n == 1 ? "" : "s", v[0].exit_loc.line,
		   n == 1 ? "" : ", ...", unchecked ? " (the result is never tested)" : "",
		   v[0].release);
	for (i = 0; i < n; i++)
		report_related(ctx, h, &v[i].exit_loc, "'%s' still held on this return",
			       v[0].handle);
	fg_release_before_exits(&fix, ctx_program(ctx), a->tu, "group", v, n);
	fg_emit(ctx, h, &fix);
	snprintf(title, sizeof(title), "Put the iommu_group reference taken by %s()", v[0].acquire);
	report_fix_explain(ctx, h, title,
			   "The call takes a reference on the group for the caller; returning without iommu_group_put() pins the group and its sysfs directory for good. Put the reference on every path that leaves the function holding it.");
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct fg_rule_arg a = { ctx, tu };
	struct cfg_track t = {
		.class = "group",
		.tu = tu,
		.prog = ctx_program(ctx),
		.arg = &a,
		.defect = on_defect,
	};

	cfg_check_pairs(fn, &t);
}

void rule_group_get_put_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
