/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ppcond.h - the normalised preprocessor conditions around a line of a TU's
 * main file (ppcond.c says how they are spelt).
 */
#ifndef IOMMU_LINT_PPCOND_H
#define IOMMU_LINT_PPCOND_H

#include <stdbool.h>

#include "facts.h"

#define PP_CONDS_MAX 8

struct pp_conds {
	unsigned n;
	char c[PP_CONDS_MAX][128];	/* "CONFIG_OF", "!CONFIG_X", "A&&B" */
};

/* The conditions (outermost first) under which the text at line is compiled. */
void pp_conds_at(const struct fx_tu *tu, unsigned line, struct pp_conds *cs);
/* One of cs is c, as normalised. */
bool pp_conds_has(const struct pp_conds *cs, const char *c);

#endif
