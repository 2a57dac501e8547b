/* SPDX-License-Identifier: GPL-2.0 */
/* engine.h - rule dispatch over the facts of a whole run, and the findings. */
#ifndef IOMMU_LINT_ENGINE_H
#define IOMMU_LINT_ENGINE_H

#include <stdbool.h>

#include "facts.h"
#include "registry.h"

struct finding {
	int rule;
	enum severity severity;
	char *file;
	unsigned line, col;
	char *symbol;
	char *message;
};

struct findings {
	unsigned n, cap;
	struct finding *v;
};

struct rule_settings {
	bool enabled[RULE_COUNT];
	enum severity severity[RULE_COUNT];
	const char *kernel;	/* --kernel=VER: API version when the tree does not say */
	const char *frontend;	/* frontend_ops.name of the run; NULL = every engine */
};

void rule_settings_default(struct rule_settings *rs);
/* Enabled, and its rules.def engines name the running frontend. */
bool rule_runs(const struct rule_settings *rs, int rule);
/* Prefilter words of every enabled rule, NUL-separated, double-NUL-terminated. */
bool engine_tu_may_match(const struct rule_settings *rs, const char *src, size_t len);
void engine_run(const struct rule_settings *rs, const struct fx_program *prog,
		struct findings *out);
void findings_sort(struct findings *f);
/* Drop (and free) every finding for which hide() is true; returns how many. */
unsigned findings_filter(struct findings *f, bool (*hide)(const struct finding *x, void *arg),
			 void *arg);
void findings_free(struct findings *f);

#endif
