// SPDX-License-Identifier: GPL-2.0
/*
 * group-get-put: an iommu_group reference from iommu_group_get(),
 * iommu_group_alloc() or iommu_group_ref_get() (rules/data/pairs.tbl
 * class "group") that some path neither puts nor hands over.
 *
 * iommu_group_get() takes a reference on the device's group; drivers that
 * only want to look at the group (is the device already in one, which
 * domain does it use) forget iommu_group_put() on an early return.  The
 * kernel fixed such leaks in "iommu/vt-d: Fix leak in
 * intel_pasid_alloc_table on error path"-style patches across drivers
 * and the core ("iommu: Fix missing put_device for iommu group" and the
 * device_group callbacks of arm-smmu, fsl_pamu and mtk_iommu that
 * returned a cached group without iommu_group_ref_get()).
 *
 * A group that is returned, stored in a field or global, or copied into
 * another variable is handed over and no longer followed.  A NULL or
 * IS_ERR test ends the reference on the failing branch.
 *
 * Known false positives: a group handed to a helper that keeps it (not in
 * the table), and paths infeasible for reasons the engine does not track.
 */
#include "../checker/cfg.h"
#include "../checker/rule.h"

static void on_leak(const struct cfg_leak *l, void *arg)
{
	struct rule_ctx *ctx = arg;

	report(ctx, &l->exit_loc, l->fn->name,
	       "iommu_group reference '%s' from %s() at line %u is not put on the path returning at line %u%s; release it with %s",
	       l->handle, l->acquire, l->acq_loc.line, l->exit_loc.line,
	       l->unchecked ? " (the result is never tested)" : "", l->release);
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct cfg_track t = {
		.class = "group",
		.tu = tu,
		.prog = ctx_program(ctx),
		.leak = on_leak,
		.arg = ctx,
	};

	cfg_check_pairs(fn, &t);
}

void rule_group_get_put_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
