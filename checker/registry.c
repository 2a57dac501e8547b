// SPDX-License-Identifier: GPL-2.0
/*
 * registry.c - the metadata table, generated from rules/rules.def, and the
 * prefilter words of each rule with its @table references expanded from
 * rules/data, so that a row added to a table is a word of the prefilter.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "registry.h"
#include "table.h"

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

struct words {
	size_t len, cap;
	size_t group;		/* offset of the current group's first word */
	char *v;		/* NUL-separated */
};

static char *prefilters[RULE_COUNT];
static char init_err[256];
static pthread_once_t prefilter_once = PTHREAD_ONCE_INIT;

static bool words_has(const struct words *w, const char *word)
{
	size_t off;

	for (off = w->group; off < w->len; off += strlen(w->v + off) + 1)
		if (!strcmp(w->v + off, word))
			return true;
	return false;
}

static void words_add(struct words *w, const char *word)
{
	size_t n = strlen(word) + 1;
	bool sep = !strcmp(word, "&") || !strcmp(word, "|") || !strcmp(word, "+");

	if (!sep && words_has(w, word))
		return;
	if (w->len + n + 1 > w->cap) {
		w->cap = (w->len + n + 1) * 2;
		w->v = xrealloc(w->v, w->cap);
	}
	memcpy(w->v + w->len, word, n);
	w->len += n;
	if (sep)
		w->group = w->len;
}

/*
 * @TABLE        field 0 of every row
 * @TABLE:CLASS  field 0 of the rows whose field 1 is CLASS (pairs.tbl)
 * @TABLE/KIND   field 1 of the rows whose field 0 is KIND (iommu-api.tbl)
 * @TABLE:CLASS:release  the callees of the release forms (fields 4 on) of
 *               those rows (pairs.tbl: "put_device" of "put_device(&$->dev)"),
 *               for rules whose summaries read functions that release
 */
static int expand_ref(struct words *w, const char *spec, char *err, size_t errlen)
{
	size_t n = strcspn(spec, ":/");
	const char *rel = strstr(spec, ":release");
	char name[64], ref[128], callee[128];
	const struct tbl *t;
	unsigned i, k, found = 0;

	snprintf(ref, sizeof(ref), "%.*s", rel && !rel[8] ? (int)(rel - spec) : (int)strlen(spec),
		 spec);
	if (rel && rel[8])
		rel = NULL;
	snprintf(name, sizeof(name), "%.*s", (int)n, ref);
	t = tbl_get(name);
	if (!t) {
		snprintf(err, errlen, "prefilter '@%s': no table rules/data/%s.tbl", ref, name);
		return -EINVAL;
	}
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];
		unsigned key = ref[n] == '/' ? 0 : 1, out = ref[n] == '/' ? 1 : 0;

		if (ref[n] && (r->nfields < 2 || strcmp(r->fields[key], ref + n + 1)))
			continue;
		for (k = 4; rel && k < r->nfields; k++) {
			snprintf(callee, sizeof(callee), "%.*s", (int)strcspn(r->fields[k], "("),
				 r->fields[k]);
			words_add(w, callee);
		}
		if (!rel)
			words_add(w, r->fields[out]);
		found++;
	}
	if (!found) {
		snprintf(err, errlen, "prefilter '@%s' selects no row of rules/data/%s.tbl", ref,
			 name);
		return -EINVAL;
	}
	return 0;
}

/*
 * "&" ends a group (a file must have a word of each group), "+" a group
 * that must share a top-level declaration with the next one, "|" an
 * alternative; none may leave a group empty, and "+" may not follow the
 * first group of an alternative (the one clang mode reads).
 */
int prefilter_expand(const char *spec, char **words, char *err, size_t errlen)
{
	struct words w = { 0 };
	const char *p;
	bool empty = true;
	unsigned ngroups = 0;

	for (p = spec; *p; p += strlen(p) + 1) {
		if (!strcmp(p, "&") || !strcmp(p, "|") || !strcmp(p, "+")) {
			if (empty) {
				snprintf(err, errlen, "prefilter: '%s' after no word", p);
				goto out_err;
			}
			if (*p == '+' && !ngroups) {
				snprintf(err, errlen, "prefilter: '+' after the first group");
				goto out_err;
			}
			ngroups = *p == '|' ? 0 : ngroups + 1;
			empty = true;
		} else if (*p != '@') {
			empty = false;
		} else if (expand_ref(&w, p + 1, err, errlen)) {
			goto out_err;
		} else {
			empty = false;
		}
		if (*p != '@')
			words_add(&w, p);
	}
	if (empty && spec[0]) {
		snprintf(err, errlen, "prefilter: ends with an empty group");
		goto out_err;
	}
	w.group = w.len;
	words_add(&w, "");	/* the terminating empty word */
	*words = w.v;
	return 0;
out_err:
	free(w.v);
	*words = NULL;
	return -EINVAL;
}

static void expand_all(void)
{
	char err[200];
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		if (prefilter_expand(rule_meta[i].prefilter, &prefilters[i], err, sizeof(err))) {
			snprintf(init_err, sizeof(init_err), "rules.def: %s: %s", rule_meta[i].id,
				 err);
			break;
		}
	}
}

int registry_init(char *err, size_t errlen)
{
	pthread_once(&prefilter_once, expand_all);
	if (!init_err[0])
		return 0;
	snprintf(err, errlen, "%s", init_err);
	return -EINVAL;
}

const char *rule_prefilter(int rule)
{
	pthread_once(&prefilter_once, expand_all);
	return prefilters[rule] ? prefilters[rule] : "";
}
