// SPDX-License-Identifier: GPL-2.0
/*
 * report-text.c - gcc-style lines: file:line:col: warning: message [rule-id]
 * (note: or error: after the finding's level), then one
 * file:line:col: note: message line per related location, as gcc does;
 * last, one file:line:col: note: line per limit a frontend met (fx_limit).
 */
#include "report.h"

int report_text(FILE *out, const struct findings *f, const struct run_summary *sum)
{
	unsigned i, k;

	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", x->file, x->line, x->col,
			severity_name(x->severity), x->message, rule_meta[x->rule].id);
		for (k = 0; k < x->nrelated; k++)
			fprintf(out, "%s:%u:%u: note: %s\n", x->related[k].file, x->related[k].line,
				x->related[k].col, x->related[k].message);
	}
	for (i = 0; sum && sum->prog && i < sum->prog->ntus; i++) {
		const struct fx_tu *tu = sum->prog->tus[i];

		for (k = 0; tu && k < tu->nlimits; k++)
			fprintf(out, "%s:%u:%u: note: %s\n", tu->limits[k].loc.file,
				tu->limits[k].loc.line, tu->limits[k].loc.col, tu->limits[k].message);
	}
	return ferror(out) ? -1 : 0;
}
