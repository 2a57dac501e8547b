// SPDX-License-Identifier: GPL-2.0
/*
 * baseline.c - fingerprints that survive line shifts, and baseline files:
 * a JSON list of the findings a project has accepted, so CI and pre-commit
 * report only new ones.  An entry carries the fingerprint (the key) and,
 * for the reader, rule, file, symbol and message; no line number, so a
 * baseline rewritten after an unrelated edit does not change.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "baseline.h"
#include "util.h"
#include "output.h"

struct baseline_entry {
	char fp[FINGERPRINT_LEN + 1];
	bool used;
};

struct baseline {
	unsigned n;
	struct baseline_entry *v;
};

const char *finding_rel_file(const char *file, const char *cwd)
{
	size_t n = cwd ? strlen(cwd) : 0;

	if (file[0] == '/' && n > 1 && !strncmp(file, cwd, n) && file[n] == '/')
		file += n + 1;
	while (file[0] == '.' && file[1] == '/')
		file += 2;
	return file;
}

/* FNV-1a over s and a terminating 0, optionally without digits. */
static uint64_t fnv1a(uint64_t h, const char *s, bool skip_digits)
{
	for (;; s++) {
		if (*s && skip_digits && isdigit((unsigned char)*s))
			continue;
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
		if (!*s)
			return h;
	}
}

void finding_fingerprint(const struct finding *f, const char *cwd,
			 char out[FINGERPRINT_LEN + 1])
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv1a(h, rule_meta[f->rule].id, false);
	h = fnv1a(h, finding_rel_file(f->file, cwd), false);
	h = fnv1a(h, f->symbol ? f->symbol : "", false);
	h = fnv1a(h, f->message ? f->message : "", true);
	snprintf(out, FINGERPRINT_LEN + 1, "%016llx", (unsigned long long)h);
}

static bool valid_fingerprint(const char *s)
{
	size_t i;

	for (i = 0; i < FINGERPRINT_LEN; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s[i] == '\0';
}

static const char *get_string(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static int cmp_fp(const void *a, const void *b)
{
	return strcmp(((const struct baseline_entry *)a)->fp, ((const struct baseline_entry *)b)->fp);
}

int baseline_load(const char *path, struct baseline **out, char *err, size_t errlen)
{
	struct json_object *root = NULL, *arr, *ver;
	char why[128], *text = NULL;
	struct baseline *b;
	size_t len;
	unsigned i;
	int ret = -EINVAL;

	*out = NULL;
	ret = read_input(path, "a baseline", LIMIT_BASELINE, &text, &len, why, sizeof(why));
	if (ret) {
		snprintf(err, errlen, "baseline %s: %s", path, why);
		return ret;
	}
	ret = -EINVAL;
	root = memchr(text, '\0', len) ? NULL : json_tokener_parse(text);
	free(text);
	if (!root) {
		snprintf(err, errlen, "baseline %s: not valid JSON", path);
		return -EINVAL;
	}
	if (!json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "version", &ver) || json_object_get_int(ver) != 1 ||
	    !json_object_object_get_ex(root, "findings", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		snprintf(err, errlen,
			 "baseline %s: not an iommu-lint baseline (want {\"version\": 1, \"findings\": [...]})",
			 path);
		goto out_put;
	}
	b = calloc(1, sizeof(*b));
	if (b)
		b->v = calloc(json_object_array_length(arr) + 1, sizeof(*b->v));
	if (!b || !b->v) {
		free(b);
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out_put;
	}
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *e = json_object_array_get_idx(arr, i);
		const char *fpr = get_string(e, "fingerprint"), *rule = get_string(e, "rule");

		if (!fpr || !valid_fingerprint(fpr)) {
			snprintf(err, errlen, "baseline %s: entry %u: no fingerprint of %d hex digits",
				 path, i + 1, FINGERPRINT_LEN);
			goto out_free;
		}
		if (!rule || rule_lookup(rule) < 0) {
			snprintf(err, errlen, "baseline %s: entry %u: unknown rule id '%s' (see --list-rules)",
				 path, i + 1, rule ? rule : "");
			goto out_free;
		}
		memcpy(b->v[b->n].fp, fpr, FINGERPRINT_LEN + 1);
		b->n++;
	}
	/* sorted by fingerprint: each finding is looked up by binary search */
	qsort(b->v, b->n, sizeof(*b->v), cmp_fp);
	*out = b;
	ret = 0;
	goto out_put;
out_free:
	baseline_free(b);
out_put:
	json_object_put(root);
	return ret;
}

struct baseline_match {
	struct baseline *b;
	const char *cwd;
	const char *why;
};

/* Each baseline entry hides one finding: a second identical one still shows. */
static const char *in_baseline(const struct finding *x, void *arg)
{
	struct baseline_match *m = arg;
	char fp[FINGERPRINT_LEN + 1];
	unsigned k, lo, hi;

	finding_fingerprint(x, m->cwd, fp);
	/* the first entry with this fingerprint, then the equal ones after it */
	lo = 0;
	hi = m->b->n;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (strcmp(m->b->v[mid].fp, fp) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < m->b->n && !strcmp(m->b->v[k].fp, fp); k++) {
		if (!m->b->v[k].used) {
			m->b->v[k].used = true;
			return m->why;
		}
	}
	return NULL;
}

unsigned baseline_filter(struct baseline *b, struct findings *f, struct findings *keep,
			 const char *why)
{
	char cwd[PATH_MAX];
	struct baseline_match m = { .b = b, .cwd = getcwd(cwd, sizeof(cwd)) ? cwd : NULL,
				    .why = why ? why : "in the baseline" };

	return findings_hide(f, in_baseline, &m, HIDE_EXTERNAL, keep);
}

void baseline_free(struct baseline *b)
{
	if (!b)
		return;
	free(b->v);
	free(b);
}

struct entry_ref {
	const struct finding *f;
	const char *file;
	char fp[FINGERPRINT_LEN + 1];
};

/* Baseline order: file, rule, symbol, message: stable under line shifts. */
static int cmp_entry(const void *a, const void *b)
{
	const struct entry_ref *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (!c)
		c = strcmp(rule_meta[x->f->rule].id, rule_meta[y->f->rule].id);
	if (!c)
		c = strcmp(x->f->symbol, y->f->symbol);
	if (!c)
		c = strcmp(x->fp, y->fp);
	if (!c)
		c = strcmp(x->f->message, y->f->message);
	return c;
}

static int write_text(FILE *out, const void *arg)
{
	return fputs(arg, out) < 0 || fputc('\n', out) == EOF ? -EIO : 0;
}

int baseline_write(const char *path, const struct findings *f, char *err, size_t errlen)
{
	struct json_object *root = json_object_new_object(), *arr = json_object_new_array();
	struct entry_ref *refs = calloc(f->n + 1, sizeof(*refs));
	char cwd[PATH_MAX];
	bool have_cwd = getcwd(cwd, sizeof(cwd)) != NULL;
	const char *text;
	unsigned i;
	int ret = -ENOMEM;

	if (!refs || !root || !arr) {
		snprintf(err, errlen, "out of memory");
		goto out_free;
	}
	for (i = 0; i < f->n; i++) {
		refs[i].f = &f->v[i];
		refs[i].file = finding_rel_file(f->v[i].file, have_cwd ? cwd : NULL);
		finding_fingerprint(&f->v[i], have_cwd ? cwd : NULL, refs[i].fp);
	}
	if (f->n)
		qsort(refs, f->n, sizeof(*refs), cmp_entry);
	json_object_object_add(root, "version", json_object_new_int(1));
	json_object_object_add(root, "tool", json_object_new_string("iommu-lint"));
	for (i = 0; i < f->n; i++) {
		struct json_object *e = json_object_new_object();

		json_object_object_add(e, "fingerprint", json_object_new_string(refs[i].fp));
		json_object_object_add(e, "rule", json_object_new_string(rule_meta[refs[i].f->rule].id));
		json_object_object_add(e, "file", json_object_new_string(refs[i].file));
		json_object_object_add(e, "symbol", json_object_new_string(refs[i].f->symbol));
		json_object_object_add(e, "message", json_object_new_string(refs[i].f->message));
		json_object_array_add(arr, e);
	}
	json_object_object_add(root, "findings", arr);
	arr = NULL;
	text = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text) {
		snprintf(err, errlen, "out of memory");
		goto out_free;
	}
	ret = output_write(path, write_text, text, err, errlen);
	if (ret)
		goto out_free;
	ret = 0;
out_free:
	free(refs);
	json_object_put(arr);
	json_object_put(root);
	return ret;
}
