/* SPDX-License-Identifier: GPL-2.0 */
/*
 * conformance.h - --conformance: one row per iommu_ops instance of the run,
 * a column per rule (contract) with the row's findings, and the API
 * generation the ops table uses (docs/conformance.md).
 */
#ifndef IOMMU_LINT_CONFORMANCE_H
#define IOMMU_LINT_CONFORMANCE_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "facts.h"

/*
 * Write the matrix of the run's findings f over the ops tables of prog, as
 * a text table or (json) one JSON document.  A finding belongs to the
 * ops instance defined in the finding's file (the ops it names when that
 * file defines several, else the first there); findings in files that
 * define none are listed as unattributed, so every finding is counted
 * once.  Returns 0, or -1 on a write error.
 */
int conformance_write(FILE *out, bool json, const struct rule_settings *rs,
		      const struct fx_program *prog, const struct findings *f);

#endif
