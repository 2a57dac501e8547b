/* SPDX-License-Identifier: GPL-2.0 */
/*
 * suppress.h - inline suppressions written in the scanned source:
 *
 *     / * iommu-lint: ignore <rule-id>[,<rule-id>...] -- <reason> * /
 *
 * A suppression hides findings of the named rules on the line it is written
 * on (a trailing comment) or, standing alone, on the next line of code after
 * it.  The reason is required: a suppression without one hides nothing and
 * is reported by the suppression-reason rule, as is an unknown rule id.
 */
#ifndef IOMMU_LINT_SUPPRESS_H
#define IOMMU_LINT_SUPPRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

#define SUPPRESS_MAX_IDS 8

struct suppression {
	unsigned line, col;		/* where the comment starts */
	unsigned first, last;		/* lines whose findings it hides */
	unsigned nids;
	char *ids[SUPPRESS_MAX_IDS];	/* rule ids as written */
	char *reason;			/* NULL when missing */
};

struct suppression_list {
	unsigned n, cap;
	struct suppression *v;
};

/* Every suppression comment of src.  Returns 0 or -ENOMEM. */
int suppress_scan(const char *src, size_t len, struct suppression_list *out);
void suppress_list_free(struct suppression_list *l);
/* true when s names rule id and has a reason, so it takes effect. */
bool suppression_hides(const struct suppression *s, const char *id, unsigned line);

/*
 * Remove every finding a suppression of its TU's main file hides; keep, when
 * not NULL, gets them (HIDE_IN_SOURCE, the reason).  Returns the number
 * removed, or -ENOMEM.
 */
int suppress_apply(const struct fx_program *prog, struct findings *f, struct findings *keep);

#endif
