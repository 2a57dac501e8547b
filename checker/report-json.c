// SPDX-License-Identifier: GPL-2.0
/* report-json.c - one JSON document: findings, failures and the summary. */
#include <json-c/json.h>

#include <string.h>

#include "report.h"

/* [{"file", "line", "column", "message"}] in source order. */
static struct json_object *related_json(const struct finding *x)
{
	struct json_object *arr = json_object_new_array();
	unsigned k;

	for (k = 0; k < x->nrelated; k++) {
		const struct related_loc *r = &x->related[k];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "file", json_object_new_string(r->file));
		json_object_object_add(o, "line", json_object_new_int((int)r->line));
		json_object_object_add(o, "column", json_object_new_int((int)r->col));
		json_object_object_add(o, "message", json_object_new_string(r->message));
		json_object_array_add(arr, o);
	}
	return arr;
}

/* "fix": {"edits": [...]} or null, with "no_fix_reason" when one is known. */
static void add_fix(struct json_object *o, const struct finding *x)
{
	struct json_object *fix, *edits;
	unsigned k;

	if (!x->nedits) {
		json_object_object_add(o, "fix", NULL);
		if (x->no_fix)
			json_object_object_add(o, "no_fix_reason", json_object_new_string(x->no_fix));
		return;
	}
	fix = json_object_new_object();
	edits = json_object_new_array();
	for (k = 0; k < x->nedits; k++) {
		const struct finding_edit *e = &x->edits[k];
		struct json_object *j = json_object_new_object();

		json_object_object_add(j, "file", json_object_new_string(e->file));
		json_object_object_add(j, "line", json_object_new_int((int)e->line));
		json_object_object_add(j, "column", json_object_new_int((int)e->col));
		json_object_object_add(j, "end_line", json_object_new_int((int)e->end_line));
		json_object_object_add(j, "end_column", json_object_new_int((int)e->end_col));
		json_object_object_add(j, "offset", json_object_new_int64((int64_t)e->offset));
		json_object_object_add(j, "length", json_object_new_int64((int64_t)e->length));
		json_object_object_add(j, "text", json_object_new_string(e->text));
		json_object_array_add(edits, j);
	}
	json_object_object_add(fix, "edits", edits);
	json_object_object_add(o, "fix", fix);
}

int report_json(FILE *out, const struct findings *f, const struct run_summary *sum)
{
	struct json_object *root = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	struct json_object *fails = json_object_new_array();
	struct json_object *limits = json_object_new_array();
	struct json_object *s = json_object_new_object();
	unsigned i;
	int ret;

	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "rule", json_object_new_string(rule_meta[x->rule].id));
		json_object_object_add(o, "severity", json_object_new_string(severity_name(x->severity)));
		json_object_object_add(o, "file", json_object_new_string(x->file));
		json_object_object_add(o, "line", json_object_new_int((int)x->line));
		json_object_object_add(o, "column", json_object_new_int((int)x->col));
		json_object_object_add(o, "symbol", json_object_new_string(x->symbol));
		json_object_object_add(o, "message", json_object_new_string(x->message));
		json_object_object_add(o, "level", json_object_new_string(severity_name(x->severity)));
		json_object_object_add(o, "related", related_json(x));
		add_fix(o, x);
		json_object_array_add(arr, o);
	}
	for (i = 0; i < sum->failed; i++) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "file", json_object_new_string(sum->failures[i].file));
		json_object_object_add(o, "reason", json_object_new_string(sum->failures[i].reason));
		json_object_array_add(fails, o);
	}
	/* what a frontend could not read (fx_limit): a note, not a finding */
	for (i = 0; sum->prog && i < sum->prog->ntus; i++) {
		const struct fx_tu *tu = sum->prog->tus[i];
		unsigned k;

		for (k = 0; tu && k < tu->nlimits; k++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "file", json_object_new_string(tu->limits[k].loc.file));
			json_object_object_add(o, "line", json_object_new_int((int)tu->limits[k].loc.line));
			json_object_object_add(o, "column", json_object_new_int((int)tu->limits[k].loc.col));
			json_object_object_add(o, "message", json_object_new_string(tu->limits[k].message));
			json_object_array_add(limits, o);
		}
	}
	json_object_object_add(s, "tus", json_object_new_int((int)sum->tus));
	json_object_object_add(s, "parsed", json_object_new_int((int)sum->parsed));
	json_object_object_add(s, "skipped", json_object_new_int((int)sum->skipped));
	json_object_object_add(s, "failed", json_object_new_int((int)sum->failed));
	json_object_object_add(s, "functions", json_object_new_int((int)sum->functions));
	json_object_object_add(s, "findings", json_object_new_int((int)sum->findings));
	json_object_object_add(s, "notes", json_object_new_int((int)sum->notes));
	json_object_object_add(s, "seconds", json_object_new_double(sum->seconds));
	json_object_object_add(root, "tool", json_object_new_string("iommu-lint"));
	json_object_object_add(root, "version", json_object_new_string(IOMMU_LINT_VERSION));
	json_object_object_add(root, "findings", arr);
	json_object_object_add(root, "failures", fails);
	json_object_object_add(root, "limits", limits);
	json_object_object_add(root, "summary", s);
	ret = report_put_json(out, root);
	json_object_put(root);
	return ret;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, past U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * json-c copies string bytes as they are: a file name or source text that is
 * not UTF-8 would make the document invalid JSON.  Each byte that does not
 * begin a valid sequence becomes U+FFFD, as a decoder with errors=replace.
 */
int report_put_json(FILE *out, struct json_object *doc)
{
	const unsigned char *s = (const unsigned char *)json_object_to_json_string_ext(
		doc, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	size_t n = strlen((const char *)s), i = 0, run = 0, k;

	while (i + run < n) {
		k = utf8_seq(s + i + run, n - i - run);
		if (k) {
			run += k;
			continue;
		}
		fwrite(s + i, 1, run, out);
		fputs("\xef\xbf\xbd", out);
		i += run + 1;
		run = 0;
	}
	fwrite(s + i, 1, run, out);
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
