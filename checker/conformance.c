// SPDX-License-Identifier: GPL-2.0
/*
 * conformance.c - --conformance: the run's findings as a per-driver matrix.
 *
 * A row is one iommu_ops instance (a file-scope, initialised, non-array
 * struct iommu_ops of a TU's main file; the same (file, name) seen in two
 * TUs is one row).  Its contract columns are the rules: a finding count,
 * "pass" (the rule ran on the file and found nothing), "n/a" (none of the
 * rule's prefilter words occur in the file, so it has nothing the rule
 * checks) or "off" (disabled, or not run by this engine).  A finding is
 * the row's whose file it is in; a file that defines several ops tables
 * gives it to the one the finding names, else to the first.  Findings in
 * files that define no ops table (headers, io-pgtable, implementation
 * files of a multi-file driver) are listed per file as unattributed, so
 * rows plus unattributed add up to the run's findings, rule by rule.
 *
 * The API-generation columns come from rules/data/conformance.tbl: which
 * iommu_ops fields the initialiser sets (compiled-out #if branches do not
 * count; a label ending in '?' is under a preprocessor condition), and
 * for device_group, which generic helper it names.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "conformance.h"
#include "query.h"
#include "report.h"
#include "srcscan.h"
#include "table.h"

static bool is_ops_instance(const struct fx_tu *tu, const struct fx_var *v)
{
	return v->record && !strcmp(v->record, "iommu_ops") && v->init && !v->is_array &&
	       !v->is_extern && v->loc.file && !strcmp(v->loc.file, tu->file);
}

static void append_label(char *buf, size_t len, const char *label, bool cond)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s%s", n ? "," : "", label, cond ? "?" : "");
}

static int col_index(struct conf_matrix *m, const char *col)
{
	unsigned i;

	for (i = 0; i < m->ncols; i++)
		if (!strcmp(m->cols[i], col))
			return (int)i;
	if (m->ncols == CONF_MAX_COLS)
		return -1;
	m->cols[m->ncols] = col;
	return (int)m->ncols++;
}

/* Does a specific (non-'*') row of the table match field's value in ops? */
static bool specific_match(const struct tbl *t, const char *field, const char *value)
{
	unsigned i;

	for (i = 0; value && i < t->nrows; i++)
		if (t->rows[i].nfields >= 4 && !strcmp(t->rows[i].fields[1], field) &&
		    strcmp(t->rows[i].fields[2], "*") && !strcmp(t->rows[i].fields[2], value))
			return true;
	return false;
}

static void api_columns(struct conf_matrix *m, struct conf_row *r)
{
	const struct tbl *t = tbl_get("conformance");
	unsigned i;

	for (i = 0; t && i < t->nrows; i++) {
		const struct tbl_row *row = &t->rows[i];
		const struct fx_init_field *f;
		const char *value;
		int c;

		if (row->nfields < 4 || (c = col_index(m, row->fields[0])) < 0)
			continue;
		f = fx_init_get(r->ops->init, row->fields[1]);
		if (!f || f->inactive)
			continue;
		value = fx_init_callback(r->ops, row->fields[1]);
		if (strcmp(row->fields[2], "*") ? !value || strcmp(row->fields[2], value)
						: specific_match(t, row->fields[1], value))
			continue;
		append_label(r->api[c], sizeof(r->api[c]), row->fields[3], f->cond != NULL);
	}
}

static struct conf_row *row_for(struct conf_matrix *m, const struct finding *x)
{
	struct conf_row *first = NULL;
	unsigned i;

	for (i = 0; i < m->nrows; i++) {
		if (strcmp(m->rows[i].ops->loc.file, x->file))
			continue;
		if (x->symbol && !strcmp(m->rows[i].ops->name, x->symbol))
			return &m->rows[i];
		if (!first)
			first = &m->rows[i];
	}
	return first;
}

static struct conf_other *other_for(struct conf_matrix *m, const char *file)
{
	unsigned i;

	for (i = 0; i < m->nothers; i++)
		if (!strcmp(m->others[i].file, file))
			return &m->others[i];
	m->others[m->nothers].file = file;
	return &m->others[m->nothers++];
}

static bool duplicate(const struct conf_matrix *m, const struct fx_var *v)
{
	unsigned i;

	for (i = 0; i < m->nrows; i++)
		if (!strcmp(m->rows[i].ops->name, v->name) &&
		    !strcmp(m->rows[i].ops->loc.file, v->loc.file))
			return true;
	return false;
}

static bool applies(const struct rule_settings *rs, const struct conf_row *r, int rule)
{
	return srcscan_prefilter(r->tu->src, r->tu->src_len, rule_prefilter(rule),
				 engine_prefilter_exact(rs));
}

static enum conf_status status(const struct rule_settings *rs, const struct conf_row *r, int rule)
{
	if (r->count[rule])
		return CONF_FAIL;
	if (!rule_runs(rs, rule))
		return CONF_OFF;
	return applies(rs, r, rule) ? CONF_PASS : CONF_NA;
}

const char *conformance_status_name(enum conf_status s)
{
	static const char *const names[] = { "fail", "pass", "n/a", "off" };

	return names[s];
}

int conformance_build(struct conf_matrix *m, const struct rule_settings *rs,
		      const struct fx_program *prog, const struct findings *f)
{
	unsigned t, i, cap = 0;
	int k;

	for (t = 0; t < prog->ntus; t++)
		cap += prog->tus[t]->nvars;
	m->rows = calloc(cap + 1, sizeof(*m->rows));
	m->others = calloc(f->n + 1, sizeof(*m->others));
	if (!m->rows || !m->others)
		return -1;
	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nvars; i++) {
			struct conf_row *r = &m->rows[m->nrows];
			char why[96];

			if (!is_ops_instance(tu, &tu->vars[i]) || duplicate(m, &tu->vars[i]))
				continue;
			r->tu = tu;
			r->ops = &tu->vars[i];
			r->version = q_tree_version(tu, NULL, why, sizeof(why));
			api_columns(m, r);
			m->nrows++;
		}
	}
	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		struct conf_row *r = row_for(m, x);

		if (!r) {
			other_for(m, x->file)->count[x->rule]++;
		} else {
			if (!r->count[x->rule])
				r->first[x->rule] = i + 1;
			r->count[x->rule]++;
		}
		m->totals[x->rule]++;
		m->nfindings++;
	}
	for (i = 0; i < m->nrows; i++)
		for (k = 0; k < RULE_COUNT; k++)
			m->rows[i].status[k] = status(rs, &m->rows[i], k);
	return 0;
}

void conformance_free(struct conf_matrix *m)
{
	free(m->rows);
	free(m->others);
	memset(m, 0, sizeof(*m));
}

void conformance_short_id(const char *id, char *buf, size_t len)
{
	size_t n = 0;
	const char *p;

	for (p = id; *p && n + 1 < len; p++)
		if (p == id || p[-1] == '-')
			buf[n++] = *p;
	buf[n] = '\0';
}

size_t conformance_common_dir(const struct conf_matrix *m)
{
	size_t n = 0, k;
	unsigned i;

	if (!m->nrows)
		return 0;
	n = strlen(m->rows[0].ops->loc.file);
	for (i = 1; i < m->nrows; i++) {
		const char *a = m->rows[0].ops->loc.file, *b = m->rows[i].ops->loc.file;

		for (k = 0; k < n && a[k] == b[k]; k++)
			;
		n = k;
	}
	while (n && m->rows[0].ops->loc.file[n - 1] != '/')
		n--;
	return n;
}

static void fmt_version(unsigned v, char *buf, size_t len)
{
	if (v)
		snprintf(buf, len, ">=%u.%u", v / 100, v % 100);
	else
		snprintf(buf, len, "?");
}

static int max_int(int a, int b)
{
	return a > b ? a : b;
}

static int write_text(FILE *out, const struct conf_matrix *m)
{
	size_t skip = conformance_common_dir(m);
	char sid[16], ver[16];
	int k, wfile, wops, wcol[CONF_MAX_COLS];
	unsigned i, c;

	fprintf(out, "iommu-lint conformance: %u iommu_ops instances, %u findings",
		m->nrows, m->nfindings);
	if (skip)
		fprintf(out, " (files under %.*s)", (int)skip, m->rows[0].ops->loc.file);
	fputs("\ncontracts:", out);
	for (k = 0; k < RULE_COUNT; k++) {
		conformance_short_id(rule_meta[k].id, sid, sizeof(sid));
		fprintf(out, " %s=%s", sid, rule_meta[k].id);
	}
	fputs("\ncells: N findings, pass, n/a (nothing the rule checks in the file), off (rule not run); api labels ending in '?' are under #if\n\n",
	      out);
	wfile = 4;
	wops = 3;
	for (c = 0; c < m->ncols; c++)
		wcol[c] = (int)strlen(m->cols[c]);
	for (i = 0; i < m->nrows; i++) {
		const struct conf_row *r = &m->rows[i];

		wfile = max_int(wfile, (int)strlen(r->ops->loc.file + skip));
		wops = max_int(wops, (int)strlen(r->ops->name));
		for (c = 0; c < m->ncols; c++)
			wcol[c] = max_int(wcol[c], (int)strlen(r->api[c]));
	}
	fprintf(out, "%-*s %-*s %-7s", wfile, "file", wops, "ops", "api");
	for (c = 0; c < m->ncols; c++)
		fprintf(out, " %-*s", wcol[c], m->cols[c]);
	for (k = 0; k < RULE_COUNT; k++) {
		conformance_short_id(rule_meta[k].id, sid, sizeof(sid));
		fprintf(out, " %4s", sid);
	}
	fputc('\n', out);
	for (i = 0; i < m->nrows; i++) {
		const struct conf_row *r = &m->rows[i];

		fmt_version(r->version, ver, sizeof(ver));
		fprintf(out, "%-*s %-*s %-7s", wfile, r->ops->loc.file + skip, wops, r->ops->name, ver);
		for (c = 0; c < m->ncols; c++)
			fprintf(out, " %-*s", wcol[c], r->api[c][0] ? r->api[c] : "-");
		for (k = 0; k < RULE_COUNT; k++) {
			if (r->status[k] == CONF_FAIL)
				fprintf(out, " %4u", r->count[k]);
			else
				fprintf(out, " %4s", conformance_status_name(r->status[k]));
		}
		fputc('\n', out);
	}
	for (i = 0; i < m->nothers; i++) {
		fprintf(out, "%s%s (no iommu_ops):", i ? "" : "\nunattributed findings\n",
			m->others[i].file);
		for (k = 0; k < RULE_COUNT; k++)
			if (m->others[i].count[k])
				fprintf(out, " %s %u", rule_meta[k].id, m->others[i].count[k]);
		fputc('\n', out);
	}
	fputs("\ntotal:", out);
	for (k = 0; k < RULE_COUNT; k++)
		fprintf(out, " %s %u", rule_meta[k].id, m->totals[k]);
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

static struct json_object *counts_json(const unsigned *count)
{
	struct json_object *o = json_object_new_object();
	int k;

	for (k = 0; k < RULE_COUNT; k++)
		json_object_object_add(o, rule_meta[k].id, json_object_new_int((int)count[k]));
	return o;
}

static int write_json(FILE *out, const struct conf_matrix *m)
{
	struct json_object *root = json_object_new_object();
	struct json_object *rows = json_object_new_array(), *others = json_object_new_array();
	unsigned i, c;
	int k, ret;

	for (i = 0; i < m->nrows; i++) {
		const struct conf_row *r = &m->rows[i];
		struct json_object *o = json_object_new_object();
		struct json_object *api = json_object_new_object(), *st = json_object_new_object();
		char ver[16];

		json_object_object_add(o, "file", json_object_new_string(r->ops->loc.file));
		json_object_object_add(o, "line", json_object_new_int((int)r->ops->loc.line));
		json_object_object_add(o, "ops", json_object_new_string(r->ops->name));
		snprintf(ver, sizeof(ver), "%u.%u", r->version / 100, r->version % 100);
		json_object_object_add(o, "api_version",
				       r->version ? json_object_new_string(ver) : NULL);
		for (c = 0; c < m->ncols; c++)
			json_object_object_add(api, m->cols[c], json_object_new_string(r->api[c]));
		json_object_object_add(o, "api", api);
		for (k = 0; k < RULE_COUNT; k++)
			json_object_object_add(st, rule_meta[k].id,
					       json_object_new_string(conformance_status_name(r->status[k])));
		json_object_object_add(o, "status", st);
		json_object_object_add(o, "findings", counts_json(r->count));
		json_object_array_add(rows, o);
	}
	for (i = 0; i < m->nothers; i++) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "file", json_object_new_string(m->others[i].file));
		json_object_object_add(o, "findings", counts_json(m->others[i].count));
		json_object_array_add(others, o);
	}
	json_object_object_add(root, "rows", rows);
	json_object_object_add(root, "unattributed", others);
	json_object_object_add(root, "totals", counts_json(m->totals));
	json_object_object_add(root, "findings", json_object_new_int((int)m->nfindings));
	ret = report_put_json(out, root);
	json_object_put(root);
	return ret;
}

int conformance_write(FILE *out, bool json, const struct rule_settings *rs,
		      const struct fx_program *prog, const struct findings *f)
{
	struct conf_matrix m = { 0 };
	int ret = -1;

	if (conformance_build(&m, rs, prog, f))
		goto out_free;
	ret = json ? write_json(out, &m) : write_text(out, &m);
out_free:
	conformance_free(&m);
	return ret;
}
