// SPDX-License-Identifier: GPL-2.0
/* registry.c - the metadata table, generated from rules/rules.def. */
#include <string.h>

#include "registry.h"

const struct rule_meta rule_meta[RULE_COUNT] = {
#define RULE(sym, id_, sev, conf, eng, pre, sum)                                            \
	[RULE_##sym] = { .id = id_, .severity = SEV_##sev, .confidence = CONF_##conf,      \
			 .engines = eng, .prefilter = pre "\0", .summary = sum },
#include "../rules/rules.def"
#undef RULE
};

int rule_lookup(const char *id)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++)
		if (!strcmp(rule_meta[i].id, id))
			return i;
	return -1;
}

const char *severity_name(enum severity s)
{
	static const char *const names[] = { "note", "warning", "error" };

	return names[s];
}

const char *confidence_name(enum confidence c)
{
	static const char *const names[] = { "low", "medium", "high" };

	return names[c];
}
