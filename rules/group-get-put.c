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

#include "../checker/leak-report.h"
#include "../checker/rule.h"

static const struct leak_words words = {
	.class = "group",
	.what = "iommu_group reference",
	.verb = "put",
	.untested = " (the result is never tested)",
	.title = "Put the iommu_group reference taken by %s()",
	.why = "The call takes a reference on the group for the caller; returning without iommu_group_put() pins the group and its sysfs directory for good. Put the reference on every path that leaves the function holding it.",
};

/* One finding per acquisition, with each leaking exit as a related location. */
static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	leak_check(ctx, tu, fn, &words);
}

void rule_group_get_put_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
