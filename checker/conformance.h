/* SPDX-License-Identifier: GPL-2.0 */
/*
 * conformance.h - --conformance: one row per iommu_ops instance of the run,
 * a column per rule (contract) with the row's findings, and the API
 * generation the ops table uses (docs/conformance.md).  conformance_build()
 * makes the matrix as data; the text and JSON writers here and the HTML
 * report's section (report-html.c) all show that one matrix.
 */
#ifndef IOMMU_LINT_CONFORMANCE_H
#define IOMMU_LINT_CONFORMANCE_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "facts.h"

#define CONF_MAX_COLS 16

/* A cell of a contract column: findings, or why there are none. */
enum conf_status { CONF_FAIL, CONF_PASS, CONF_NA, CONF_OFF };

struct conf_row {
	const struct fx_tu *tu;
	const struct fx_var *ops;	/* ops->name, ops->loc.file, ops->loc.line */
	unsigned version;		/* API version 100 * major + minor, 0: unknown */
	char api[CONF_MAX_COLS][64];	/* labels of each API column, "" for none */
	unsigned count[RULE_COUNT];
	unsigned first[RULE_COUNT];	/* index into f of the row's first finding + 1, 0: none */
	enum conf_status status[RULE_COUNT];
};

/* Findings in a file that defines no ops table. */
struct conf_other {
	const char *file;
	unsigned count[RULE_COUNT];
};

struct conf_matrix {
	unsigned nrows, nothers, ncols;
	struct conf_row *rows;
	struct conf_other *others;
	const char *cols[CONF_MAX_COLS];	/* API column names (rules/data/conformance.tbl) */
	unsigned totals[RULE_COUNT];
	unsigned nfindings;
};

/*
 * Build the matrix of the run's findings f over the ops tables of prog.  A
 * finding belongs to the ops instance defined in the finding's file (the
 * ops it names when that file defines several, else the first); findings
 * in files that define none are unattributed, so every finding is counted
 * once.  Returns 0, or -1 out of memory; conformance_free() either way.
 */
int conformance_build(struct conf_matrix *m, const struct rule_settings *rs,
		      const struct fx_program *prog, const struct findings *f);
void conformance_free(struct conf_matrix *m);
/* "pass", "n/a", "off", or "fail" for a count. */
const char *conformance_status_name(enum conf_status s);
/* "device-group-ref" -> "dgr": the column heading of a rule. */
void conformance_short_id(const char *id, char *buf, size_t len);
/* Length of the directory prefix every row's file shares (a single row's directory). */
size_t conformance_common_dir(const struct conf_matrix *m);

/*
 * Write the matrix (conformance_build()) as a text table or (json) one
 * JSON document.  Returns 0, or -1 on a write error.
 */
int conformance_write(FILE *out, bool json, const struct rule_settings *rs,
		      const struct fx_program *prog, const struct findings *f);

#endif
