/* SPDX-License-Identifier: GPL-2.0 */
/* report.h - writers for findings: gcc-style text, JSON, SARIF 2.1.0. */
#ifndef IOMMU_LINT_REPORT_H
#define IOMMU_LINT_REPORT_H

#include <stdio.h>

#include <json-c/json.h>

#include "engine.h"

struct tu_failure {
	char *file;
	char *reason;
};

struct run_summary {
	unsigned tus, parsed, skipped, failed, functions, findings;
	double seconds;
	const struct tu_failure *failures;
	bool tool_failed;
	unsigned notes;		/* findings at level note (counted in findings too) */
	/* the parsed TUs, for the frontends' limit notes (fx_tu.limits); may be NULL */
	const struct fx_program *prog;
};

/* Print a JSON document (pretty, '/' unescaped) and a newline; -1 on a write error. */
int report_put_json(FILE *out, struct json_object *doc);
int report_text(FILE *out, const struct findings *f, const struct run_summary *sum);
int report_json(FILE *out, const struct findings *f, const struct run_summary *sum);
int report_sarif(FILE *out, const struct findings *f, const struct run_summary *sum);

#define IOMMU_LINT_VERSION "0.1.0"

#endif
