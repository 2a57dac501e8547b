/* SPDX-License-Identifier: GPL-2.0 */
/*
 * demand.h - files parsed only when the run asks for what they define
 * (demand.c): a rules.def alternative marked "~" keeps a file only on
 * demand (device-lookup-put's release helpers, for the summaries).
 */
#ifndef IOMMU_LINT_DEMAND_H
#define IOMMU_LINT_DEMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct demand;

/*
 * What the TUs of prog may ask of a file not in the run: the name of
 * every function they call (its summary), and the return record of every
 * function that acquires a pairs.tbl resource (own_has_put_helper() looks
 * for a put helper of that record in any file).
 */
struct demand *demand_of(const struct fx_program *prog);
/*
 * Could this text define something d asks for: an identifier of d at
 * brace depth 0 (a definition's name or a parameter's record, outside
 * comments and literals)?  Over-approximates, never misses.
 */
bool demand_wanted(const struct demand *d, const char *src, size_t len);
unsigned demand_size(const struct demand *d);
void demand_free(struct demand *d);

#endif
