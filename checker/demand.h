/* SPDX-License-Identifier: GPL-2.0 */
/*
 * demand.h - files parsed only when the run asks for what they define
 * (demand.c): a rules.def alternative marked "~" keeps a file only on
 * demand: device-lookup-put's release helpers (for the summaries) and
 * embedded-device-release's bindings (a file that binds a release
 * callback matters when the callback is one the rule reports).
 */
#ifndef IOMMU_LINT_DEMAND_H
#define IOMMU_LINT_DEMAND_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct demand;

/* What a file kept on demand may supply (demand_profile_hits()). */
#define DEMAND_SUMMARIES 1u	/* functions the run calls, put helpers */
#define DEMAND_RELEASES 2u	/* bindings of release candidates */
#define DEMAND_ALL (DEMAND_SUMMARIES | DEMAND_RELEASES)

/* What rule i's "~" alternative asks of a file (DEMAND_ALL if not known). */
unsigned demand_kind(int rule);

/*
 * What the TUs of prog may ask of a file not in the run: the name of
 * every function they call (its summary), the return record of every
 * function that acquires a pairs.tbl resource (own_has_put_helper() looks
 * for a put helper of that record in any file), and the release
 * candidates another file may bind (an external void fn(struct device *)
 * that frees its argument or is empty, a class or device_type naming one).
 */
struct demand *demand_of(const struct fx_program *prog);
/*
 * The same, growing: add what the TUs of fresh ask (all: the whole
 * program, fresh's TUs among them, for the classes and device types that
 * name a release candidate).
 */
void demand_add(struct demand *d, const struct fx_program *fresh, const struct fx_program *all);
/*
 * A file wanted only for its summaries (DEMAND_SUMMARIES) need not be read
 * whole: *spans gets the function definitions (header and body, pairs of
 * byte offsets [start, end), *nspans of them) that neither define what d
 * asks nor are called or named by one that does, in this file; fast mode
 * blanks them (tu_job.skip).  rels: a file embedded-device-release wants
 * keeps, besides, every definition that rule may read (a call of
 * device-lifetime.tbl, a binding's member, container_of(), a release-
 * shaped header) and what those name.  Returns how many definitions are kept; a run
 * asking more keeps more, never fewer (main.c parses again when it grows).
 */
unsigned demand_slice(const struct demand *d, const char *text, size_t len, bool rels,
		      unsigned **spans, unsigned *nspans);
/*
 * Could a file not in the run supply what d asks, as its text says: define
 * a name d asks for (at brace depth 0, outside comments and literals; a put
 * helper of a record d names), or bind a release candidate (name one of
 * d's, or define one: a release shaped like one the rule reports, a kfree
 * after a device_register of the same container)?  Over-approximates,
 * never misses.  In two steps, for a file asked again each round: what its
 * text can supply (read once), and how many of those d asks for now, of
 * kinds (DEMAND_*; 0: not wanted; it never falls as d grows).
 */
struct demand_profile;
struct demand_profile *demand_profile_new(const char *src, size_t len, unsigned kinds);
unsigned demand_profile_hits(const struct demand *d, const struct demand_profile *pr,
			     unsigned kinds);
void demand_profile_free(struct demand_profile *pr);
unsigned demand_size(const struct demand *d);
void demand_free(struct demand *d);

#endif
