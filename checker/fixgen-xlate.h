/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixgen-xlate.h - the fix of of-xlate-presence's args_count finding: the
 * check "if (args->args_count != N) return -EINVAL;" placed after an
 * .of_xlate callback's declarations, N the phandle cells it reads.
 */
#ifndef IOMMU_LINT_FIXGEN_XLATE_H
#define IOMMU_LINT_FIXGEN_XLATE_H

#include "facts.h"
#include "rule.h"

/*
 * Attach the fix to finding h (fn reads param->args without checking its
 * count); false with *why when it is not right by construction.
 */
bool fg_args_count_fix(struct rule_ctx *ctx, const struct fx_tu *tu,
		       const struct fx_func *fn, const char *param, int h, const char **why);

#endif
