// SPDX-License-Identifier: GPL-2.0
/*
 * explain.c - --explain RULE: the rule's documentation page, embedded at
 * build time so an installed binary needs no docs directory.  The same
 * pages are the SARIF rules' help.markdown.
 */
#include <errno.h>
#include <string.h>

#include "engine.h"
#include "explain.h"

const char *explain_doc(const char *id)
{
	const struct explain_doc *d;

	for (d = explain_docs; d->id; d++)
		if (!strcmp(d->id, id))
			return d->text;
	return NULL;
}

void explain_help_uri(const char *id, char *buf, size_t n)
{
	snprintf(buf, n, "%s/rules/%s.md", explain_doc_url, id);
}

int explain_print(FILE *out, const char *id, char *err, size_t errlen)
{
	const char *text;
	int i;

	if (!id) {
		fputs("iommu-lint --explain RULE prints the documentation of one of:\n", out);
		for (i = 0; i < RULE_COUNT; i++)
			fprintf(out, "  %-26s %s\n", rule_meta[i].id, rule_meta[i].summary);
		return 0;
	}
	text = explain_doc(id);
	if (!text) {
		snprintf(err, errlen, "--explain: unknown rule id '%s' (see --list-rules)", id);
		return -EINVAL;
	}
	fputs(text, out);
	return 0;
}
