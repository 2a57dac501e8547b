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
