// SPDX-License-Identifier: GPL-2.0
/*
 * device-lookup-put: a struct device reference taken by a lookup
 * (of_find_device_by_node, bus_find_device*, driver_find_device*,
 * class_find_device; rules/data/pairs.tbl class "device") that some path
 * of the function neither drops nor hands over.
 *
 * The lookups return the device with a reference held for the caller.
 * IOMMU drivers call them in .of_xlate and .probe_device to reach the
 * IOMMU instance behind an "iommus" phandle, read its drvdata and forget
 * the reference on the success path: fixed driver by driver in 2020 and
 * 2022, and again in Johan Hovold's 2025 series "iommu: fix device leaks"
 * ("iommu/qcom: fix device leak on of_xlate()", "iommu/omap: fix device
 * leaks on probe_device()", ... apple-dart, exynos, ipmmu-vmsa, mediatek,
 * sun50i, tegra).
 *
 * The path engine (checker/cfg.c) follows each lookup: a NULL test
 * (also under WARN_ON) ends it on the failing branch; put_device(&p->dev)
 * or platform_device_put(p) releases it; returning it, storing it in a
 * field or global, or copying it to another variable hands it over.
 * Reading drvdata from it is not a hand-over.
 *
 * Known false positives: a reference handed over through a helper that
 * stores it (not in the table), or a path infeasible for reasons the
 * engine does not track (values other than the lookup result, return
 * codes and repeated conditions).
 */
#include <stdio.h>

#include "../checker/leak-report.h"
#include "../checker/rule.h"

static const struct leak_words words = {
	.class = "device",
	.what = "device reference",
	.verb = "dropped",
	.untested = " (the lookup result is never tested)",
	.title = "Drop the device reference taken by %s()",
	.why = "The lookup returns the device with a reference held for the caller; this function reads what it needs from it and returns without put_device(), so the device (and its driver data) can never be freed. Drop the reference once it is no longer used, on every path that leaves the function holding it.",
};

/* One finding per acquisition, with each leaking exit as a related location. */
static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	leak_check(ctx, tu, fn, &words);
}

void rule_device_lookup_put_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
