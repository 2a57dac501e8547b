/* SPDX-License-Identifier: GPL-2.0 */
/*
 * explain.h - the rule docs (docs/rules/<id>.md) built into the binary by
 * scripts/gen-explain.sh: --explain prints them, SARIF carries them as
 * help.markdown with a helpUri under the documentation URL.
 */
#ifndef IOMMU_LINT_EXPLAIN_H
#define IOMMU_LINT_EXPLAIN_H

#include <stddef.h>
#include <stdio.h>

struct explain_doc {
	const char *id;
	const char *text;		/* the markdown page */
};

/* generated: one entry per docs/rules/<id>.md, then { 0, 0 } */
extern const struct explain_doc explain_docs[];
/* generated: where the docs are published (make DOC_URL=...), no trailing '/' */
extern const char explain_doc_url[];

/* The markdown doc of rule id, or NULL. */
const char *explain_doc(const char *id);
/* DOC_URL/rules/<id>.md into buf. */
void explain_help_uri(const char *id, char *buf, size_t n);
/*
 * --explain: print the doc of rule id, or with id NULL the ids and summaries
 * of the rules.  Returns 0, or -EINVAL with a one-line reason in err.
 */
int explain_print(FILE *out, const char *id, char *err, size_t errlen);

#endif
