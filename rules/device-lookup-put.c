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

#include "../checker/cfg.h"
#include "../checker/fixgen.h"
#include "../checker/rule.h"

/*
 * One finding per lookup, at the lookup, with every exit that leaks it as
 * a related location.
 */
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
		   "device reference '%s' from %s() is not dropped on %u path%s (returning at line %u%s)%s; release it with %s",
		   v[0].handle, v[0].acquire, n, n == 1 ? "" : "s", v[0].exit_loc.line,
		   n == 1 ? "" : ", ...", unchecked ? " (the lookup result is never tested)" : "",
		   v[0].release);
	for (i = 0; i < n; i++) {
		if (v[i].via_label)
			report_related(ctx, h, &v[i].exit_loc,
				       "'%s' still held on this return (reached through 'goto %s' at line %u)",
				       v[0].handle, v[i].via_label, v[i].via_loc.line);
		else
			report_related(ctx, h, &v[i].exit_loc, "'%s' still held on this return",
				       v[0].handle);
	}
	fg_release_before_exits(&fix, ctx_program(ctx), a->tu, "device", v, n);
	fg_emit(ctx, h, &fix);
	snprintf(title, sizeof(title), "Drop the device reference taken by %s()", v[0].acquire);
	report_fix_explain(ctx, h, title,
			   "The lookup returns the device with a reference held for the caller; this function reads what it needs from it and returns without put_device(), so the device (and its driver data) can never be freed. Drop the reference once it is no longer used, on every path that leaves the function holding it.");
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct fg_rule_arg a = { ctx, tu };
	struct cfg_track t = {
		.class = "device",
		.tu = tu,
		.prog = ctx_program(ctx),
		.arg = &a,
		.defect = on_defect,
	};

	cfg_check_pairs(fn, &t);
}

void rule_device_lookup_put_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
