// SPDX-License-Identifier: GPL-2.0
/*
 * suppress.c - inline suppressions: find the "iommu-lint: ignore" comments
 * of a main file with a small C lexer (strings and character literals are
 * skipped, so a quoted comment marker is not one), work out which line each
 * one covers, and drop the findings they hide.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "suppress.h"

#define MARKER "iommu-lint:"

static bool is_id_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

static char *copy_span(const char *s, size_t n)
{
	char *p = malloc(n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

/*
 * The reason as one line: runs of white space become one space, and the
 * " * " that starts each continuation line of a block comment is dropped.
 */
static char *clean_reason(const char *s, size_t n)
{
	char *out = malloc(n + 1), *o = out;
	bool line_start = false, space = false;
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\n') {
			line_start = true;
			space = true;
			continue;
		}
		if (isspace((unsigned char)c)) {
			space = true;
			continue;
		}
		if (line_start && c == '*') {
			line_start = false;
			continue;
		}
		line_start = false;
		if (space && o != out)
			*o++ = ' ';
		space = false;
		*o++ = c;
	}
	*o = '\0';
	if (o == out) {
		free(out);
		return NULL;
	}
	return out;
}

static void suppression_free(struct suppression *s)
{
	unsigned k;

	for (k = 0; k < s->nids; k++)
		free(s->ids[k]);
	free(s->reason);
}

/*
 * Parse the text of one comment.  Returns 1 and fills s when it is a
 * suppression, 0 when it is an ordinary comment, -ENOMEM.
 */
static int parse_comment(const char *body, size_t n, struct suppression *s)
{
	const char *end = body + n, *p, *m = NULL;
	size_t ml = strlen(MARKER);

	for (p = body; p + ml <= end; p++) {
		if (!memcmp(p, MARKER, ml)) {
			m = p;
			break;
		}
	}
	if (!m)
		return 0;
	p = m + ml;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 6 || memcmp(p, "ignore", 6) || (p + 6 < end && is_id_char(p[6])))
		return 0;
	p += 6;
	memset(s, 0, sizeof(*s));
	for (;;) {
		const char *w;

		while (p < end && (isspace((unsigned char)*p) || *p == ','))
			p++;
		if (p >= end || (end - p >= 2 && p[0] == '-' && p[1] == '-'))
			break;
		for (w = p; p < end && is_id_char(*p) && !(p[0] == '-' && p + 1 < end && p[1] == '-');)
			p++;
		if (p == w) {
			p++;	/* stray punctuation: skip it */
			continue;
		}
		if (s->nids < SUPPRESS_MAX_IDS) {
			s->ids[s->nids] = copy_span(w, (size_t)(p - w));
			if (!s->ids[s->nids])
				goto out_nomem;
			s->nids++;
		}
	}
	if (end - p >= 2 && p[0] == '-' && p[1] == '-') {
		p += 2;
		s->reason = clean_reason(p, (size_t)(end - p));
	}
	return 1;
out_nomem:
	suppression_free(s);
	return -ENOMEM;
}

static int add(struct suppression_list *l, const struct suppression *s)
{
	if (l->n == l->cap) {
		unsigned cap = l->cap ? l->cap * 2 : 8;
		struct suppression *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = *s;
	return 0;
}

int suppress_scan(const char *src, size_t len, struct suppression_list *out)
{
	unsigned line = 1, code_line = 0, pending = out->n, k;
	size_t i = 0, line_start = 0;

	/* every suppression has the marker: a file without it has none (most files) */
	if (!memmem(src, len, MARKER, strlen(MARKER)))
		return 0;

	while (i < len) {
		char c = src[i];

		if (c == '\n') {
			line++;
			line_start = ++i;
			continue;
		}
		if (c == '/' && i + 1 < len && (src[i + 1] == '*' || src[i + 1] == '/')) {
			bool block = src[i + 1] == '*';
			unsigned sline = line, scol = (unsigned)(i - line_start) + 1;
			size_t b = i + 2, e = b;
			struct suppression s;
			int r;

			if (block) {
				while (e + 1 < len && !(src[e] == '*' && src[e + 1] == '/')) {
					if (src[e] == '\n') {
						line++;
						line_start = e + 1;
					}
					e++;
				}
				if (e + 1 >= len)
					e = len;
				i = e + 2 < len ? e + 2 : len;
			} else {
				while (e < len && src[e] != '\n')
					e++;
				i = e;
			}
			r = parse_comment(src + b, e - b, &s);
			if (r < 0)
				return r;
			if (r == 0)
				continue;
			s.line = sline;
			s.col = scol;
			s.first = sline;
			/* a trailing comment covers its own line; else wait for code */
			s.last = code_line == sline ? sline : 0;
			if (add(out, &s)) {
				suppression_free(&s);
				return -ENOMEM;
			}
			continue;
		}
		if (!isspace((unsigned char)c)) {
			code_line = line;
			for (k = pending; k < out->n; k++)
				if (!out->v[k].last)
					out->v[k].last = line;
			pending = out->n;
		}
		if (c == '"' || c == '\'') {
			/* skip the literal; an unterminated one ends at the newline */
			for (i++; i < len && src[i] != c && src[i] != '\n'; i++)
				if (src[i] == '\\' && i + 1 < len && src[i + 1] != '\n')
					i++;
			if (i < len && src[i] == c)
				i++;
			continue;
		}
		i++;
	}
	for (k = pending; k < out->n; k++)
		if (!out->v[k].last)
			out->v[k].last = out->v[k].line;
	return 0;
}

void suppress_list_free(struct suppression_list *l)
{
	unsigned i;

	for (i = 0; i < l->n; i++)
		suppression_free(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

bool suppression_hides(const struct suppression *s, const char *id, unsigned line)
{
	unsigned k;

	if (!s->reason || line < s->first || line > s->last)
		return false;
	for (k = 0; k < s->nids; k++)
		if (!strcmp(s->ids[k], id))
			return true;
	return false;
}

struct suppress_match {
	const struct fx_program *prog;
	struct suppression_list *lists;
};

/* The reason of the suppression that hides x, or NULL. */
static const char *suppressed_why(const struct finding *x, void *arg)
{
	const struct suppress_match *m = arg;
	unsigned t, k;

	for (t = 0; t < m->prog->ntus; t++) {
		if (!m->prog->tus[t] || strcmp(m->prog->tus[t]->file, x->file))
			continue;
		for (k = 0; k < m->lists[t].n; k++)
			if (suppression_hides(&m->lists[t].v[k], rule_meta[x->rule].id, x->line))
				return m->lists[t].v[k].reason;
	}
	return NULL;
}

int suppress_apply(const struct fx_program *prog, struct findings *f, struct findings *keep)
{
	struct suppression_list *lists;
	struct suppress_match m = { .prog = prog };
	unsigned t;
	int removed = 0;

	if (!f->n || !prog->ntus)
		return 0;
	lists = calloc(prog->ntus, sizeof(*lists));
	if (!lists)
		return -ENOMEM;
	for (t = 0; t < prog->ntus; t++) {
		if (prog->tus[t] && prog->tus[t]->src &&
		    suppress_scan(prog->tus[t]->src, prog->tus[t]->src_len, &lists[t])) {
			removed = -ENOMEM;
			goto out_free;
		}
	}
	m.lists = lists;
	removed = (int)findings_hide(f, suppressed_why, &m, HIDE_IN_SOURCE, keep);
out_free:
	for (t = 0; t < prog->ntus; t++)
		suppress_list_free(&lists[t]);
	free(lists);
	return removed;
}
