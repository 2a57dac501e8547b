/* SPDX-License-Identifier: GPL-2.0 */
#ifndef IOMMU_LINT_DUMP_H
#define IOMMU_LINT_DUMP_H

#include <stdio.h>

#include "facts.h"

void dump_facts(FILE *out, const struct fx_tu *tu);

#endif
