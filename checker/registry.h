/* SPDX-License-Identifier: GPL-2.0 */
/* registry.h - rule metadata expanded from rules/rules.def. */
#ifndef IOMMU_LINT_REGISTRY_H
#define IOMMU_LINT_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

enum rule_index {
#define RULE(sym, id, sev, conf, eng, pre, sum) RULE_##sym,
#include "../rules/rules.def"
#undef RULE
	RULE_COUNT
};

enum severity { SEV_NOTE, SEV_WARNING, SEV_ERROR };
enum confidence { CONF_LOW, CONF_MEDIUM, CONF_HIGH };

struct rule_meta {
	const char *id;
	enum severity severity;
	enum confidence confidence;
	const char *engines;
	const char *prefilter;	/* rules.def spelling: words and @table references */
	const char *summary;
};

extern const struct rule_meta rule_meta[RULE_COUNT];

int rule_lookup(const char *id);	/* index or -1 */
/*
 * Expand every rule's prefilter (its @table references, see rules.def) from
 * rules/data once.  Returns 0, or -EINVAL with a one-line reason in err (an
 * unknown table, a reference that selects no row).
 */
int registry_init(char *err, size_t errlen);
/*
 * Expand one rules.def prefilter spec (NUL-separated, double-NUL-terminated)
 * into *words (malloc()ed, same shape).  Returns 0, or -EINVAL with a
 * one-line reason in err.
 */
int prefilter_expand(const char *spec, char **words, char *err, size_t errlen);
/*
 * The prefilter words of rule, NUL-separated, double-NUL-terminated ("" =
 * always parse); expanded on first use, "" when registry_init() failed.
 */
const char *rule_prefilter(int rule);
const char *severity_name(enum severity s);
const char *confidence_name(enum confidence c);

#endif
