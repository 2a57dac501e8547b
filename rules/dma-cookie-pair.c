// SPDX-License-Identifier: GPL-2.0
/*
 * dma-cookie-pair: a driver whose iommu_ops .domain_alloc takes the DMA-API
 * cookie (iommu_get_dma_cookie(), 4.4 .. 5.14) puts it back with
 * iommu_put_dma_cookie() on the allocation's own failure paths and in
 * .domain_free.
 *
 * Until "iommu: Pull IOVA cookie management into the core" (5.15) each
 * driver got the IOVA cookie for IOMMU_DOMAIN_DMA domains itself and the
 * core never freed it: a domain_alloc that fails after the get, or a
 * domain_free without the put, leaks the cookie and its IOVA domain
 * (arm-smmu, arm-smmu-v3, ipmmu-vmsa, mtk, rockchip, exynos, sun50i all
 * carried the pair).  Since 5.15 the core does both and the calls are
 * removed driver API: ops-api reports them on such trees
 * (rules/data/iommu-api.tbl, kind driver-func).
 *
 * The path engine follows the cookie (pairs.tbl class "cookie") through
 * domain_alloc and reports it held at an exit known to fail (NULL,
 * ERR_PTR); the success exit hands the domain, cookie included, to the
 * core.  domain_free, or a helper two calls deep, must call the put when
 * domain_alloc (or its helpers) gets a cookie.
 *
 * Known false positives: a cookie put by a helper the run does not see.
 */
#include <stdio.h>
#include <string.h>

#include "../checker/leak-report.h"
#include "../checker/rule.h"
#include "../checker/table.h"

static const struct leak_words words = {
	.class = "cookie",
	.what = "DMA cookie of",
	.verb = "put when the domain allocation fails",
	.untested = "",
	.title = "Put the DMA cookie taken by %s() when domain_alloc fails",
	.why = "Before 5.15 the IOMMU core never frees the IOVA cookie a driver's domain_alloc takes with iommu_get_dma_cookie(): when the allocation fails after taking it, the cookie and its IOVA domain are leaked. Put it before each failing return.",
	.failure_only = true,
};

/*
 * fn, or a function it calls two levels deep, calls the acquire (release:
 * its first release) of a pairs.tbl row of class cookie; *name is the call.
 */
static bool calls_cookie(const struct fx_program *prog, const struct fx_func *fn, bool release,
			 char *name, size_t len)
{
	const struct tbl *t = tbl_get("pairs");
	unsigned i;

	for (i = 0; t && i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];

		if (r->nfields < 5 || strcmp(r->fields[1], words.class))
			continue;
		if (release)
			cfg_release_name(r->fields[0], 0, name, len);
		else
			snprintf(name, len, "%s", r->fields[0]);
		if (cfg_func_calls(prog, fn, name, 2))
			return true;
	}
	return false;
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_var *ops)
{
	const struct fx_program *prog = ctx_program(ctx);
	const struct fx_init_field *af;
	const struct fx_func *alloc, *dfree;
	const struct fx_tu *atu = NULL;
	const char *name;
	char get[128], put[128];
	int h;

	if (!ops->init || ops->is_array)
		return;
	name = fx_init_callback(ops, "domain_alloc");
	af = fx_init_get(ops->init, "domain_alloc");
	alloc = name ? fx_find_func(prog, tu, name, &atu) : NULL;
	if (!alloc || !alloc->body || !calls_cookie(prog, alloc, false, get, sizeof(get)))
		return;
	leak_check(ctx, atu, alloc, &words);
	name = fx_init_callback(ops, "domain_free");
	dfree = name ? fx_find_func(prog, tu, name, NULL) : NULL;
	if (!name) {
		cfg_release_name(get, 0, put, sizeof(put));
		h = report(ctx, &af->loc, ops->name,
			   "iommu_ops '%s' has no .domain_free: the DMA cookie %s() takes with %s() is never put with %s()",
			   ops->name, alloc->name, get, put);
		report_related(ctx, h, &alloc->loc, "%s() takes the cookie", alloc->name);
		report_fix_note(ctx, h, "a new .domain_free has to tear down the whole domain (page tables, its memory), not only put the cookie: not a local edit");
		return;
	}
	if (!dfree || !dfree->body || calls_cookie(prog, dfree, true, put, sizeof(put)))
		return;
	cfg_release_name(get, 0, put, sizeof(put));
	h = report(ctx, &dfree->loc, dfree->name,
		   "%s() never calls %s(): the DMA cookie %s() takes with %s() is leaked with every DMA domain",
		   dfree->name, put, alloc->name, get);
	report_related(ctx, h, &alloc->loc, "%s() takes the cookie", alloc->name);
	report_fix_note(ctx, h, "the put belongs after the domain's last use and before its memory is freed, in the driver's teardown order (usually first in domain_free): not placed automatically");
}

void rule_dma_cookie_pair_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
