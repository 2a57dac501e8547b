// SPDX-License-Identifier: GPL-2.0
/*
 * report-text.c - gcc-style lines: file:line:col: warning: message [rule-id]
 * (note: or error: after the finding's level), then one
 * file:line:col: note: message line per related location, as gcc does;
 * last, one file:line:col: note: line per limit a frontend met (fx_limit).
 * Styled (report_text_styled): paths under the current directory relative
 * to it, gcc's colours, and under each location its source line and a
 * caret with the identifier there underlined, in gcc's layout:
 *
 *	drv.c:13:9: warning: ... [device-lookup-put]
 *	   13 |         pdev = of_find_device_by_node(np);
 *	      |         ^~~~
 *
 * The source line is printed as it is (tabs kept), and the caret line
 * copies its tabs, so the caret sits under the column at any tab width;
 * a multi-byte UTF-8 character before the column counts as one column
 * (the column itself is clang's, in bytes).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "compdb.h"
#include "report.h"

/* gcc's default GCC_COLORS: locus bold, error red, warning magenta, note cyan, caret green */
#define SGR_LOCUS "\033[01m"
#define SGR_CARET "\033[01;32m"
#define SGR_RESET "\033[m"

static const char *sgr_severity(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "\033[01;31m";
	case SEV_WARNING:
		return "\033[01;35m";
	default:
		return "\033[01;36m";
	}
}

/* The last source file read for carets: findings come sorted by file. */
struct src_cache {
	char *path;
	char *text;		/* NULL: unreadable */
	size_t len;
};

static const char *cached_source(struct src_cache *c, const char *path, size_t *len)
{
	char err[256];

	if (!c->path || strcmp(c->path, path)) {
		free(c->path);
		free(c->text);
		c->text = NULL;
		c->len = 0;
		c->path = strdup(path);
		if (c->path && read_source(path, &c->text, &c->len, err, sizeof(err)))
			c->text = NULL;
	}
	*len = c->len;
	return c->text;
}

/* Line `line` (1-based) of the source, and its length without the newline. */
static const char *source_line(const char *text, size_t len, unsigned line, size_t *n)
{
	const char *p = text, *end = text + len, *nl;

	while (--line && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	if (line || p >= end)
		return NULL;
	nl = memchr(p, '\n', (size_t)(end - p));
	*n = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (*n && p[*n - 1] == '\r')
		(*n)--;
	return p;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The source line of file:line and a caret under col (none when col is 0). */
static void put_caret(FILE *out, struct src_cache *c, const char *file, unsigned line,
		      unsigned col, bool color)
{
	const char *text, *s;
	size_t len, n, i;

	text = line ? cached_source(c, file, &len) : NULL;
	s = text ? source_line(text, len, line, &n) : NULL;
	if (!s)
		return;
	fprintf(out, "%5u | %.*s\n", line, (int)n, s);
	if (!col || col - 1 > n)
		return;
	fputs("      | ", out);
	/* one column per character: a UTF-8 continuation byte takes none */
	for (i = 0; i < col - 1; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			fputc(s[i] == '\t' ? '\t' : ' ', out);
	fputs(color ? SGR_CARET "^" : "^", out);
	for (i = col; i < n && ident_char(s[col - 1]) && ident_char(s[i]); i++)
		fputc('~', out);
	fputs(color ? SGR_RESET "\n" : "\n", out);
}

/* file:line:col: level: message, with gcc's colours when asked. */
static void put_locus(FILE *out, const struct text_style *st, const char *file, unsigned line,
		      unsigned col, enum severity sev)
{
	const char *shown = finding_rel_file(file, st && st->cwd[0] ? st->cwd : NULL);

	if (st && st->color)
		fprintf(out, SGR_LOCUS "%s:%u:%u:" SGR_RESET " %s%s:" SGR_RESET " ", shown, line,
			col, sgr_severity(sev), severity_name(sev));
	else
		fprintf(out, "%s:%u:%u: %s: ", shown, line, col, severity_name(sev));
}

int report_text_styled(FILE *out, const struct findings *f, const struct run_summary *sum,
		       const struct text_style *st)
{
	struct src_cache cache = { 0 };
	bool color = st && st->color, caret = st && st->caret;
	unsigned i, k;

	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];

		if (!st) {
			fprintf(out, "%s:%u:%u: %s: %s [%s]\n", x->file, x->line, x->col,
				severity_name(x->severity), x->message, rule_meta[x->rule].id);
		} else {
			put_locus(out, st, x->file, x->line, x->col, x->severity);
			fprintf(out, color ? "%s [%s%s" SGR_RESET "]\n" : "%s [%s%s]\n", x->message,
				color ? sgr_severity(x->severity) : "", rule_meta[x->rule].id);
		}
		if (caret)
			put_caret(out, &cache, x->file, x->line, x->col, color);
		for (k = 0; k < x->nrelated; k++) {
			const struct related_loc *r = &x->related[k];

			if (!st) {
				fprintf(out, "%s:%u:%u: note: %s\n", r->file, r->line, r->col,
					r->message);
				continue;
			}
			put_locus(out, st, r->file, r->line, r->col, SEV_NOTE);
			fprintf(out, "%s\n", r->message);
			if (caret)
				put_caret(out, &cache, r->file, r->line, r->col, color);
		}
	}
	for (i = 0; sum && sum->prog && i < sum->prog->ntus; i++) {
		const struct fx_tu *tu = sum->prog->tus[i];

		for (k = 0; tu && k < tu->nlimits; k++) {
			const struct fx_limit *l = &tu->limits[k];

			if (st)
				put_locus(out, st, l->loc.file, l->loc.line, l->loc.col, SEV_NOTE);
			else
				fprintf(out, "%s:%u:%u: note: ", l->loc.file, l->loc.line, l->loc.col);
			fprintf(out, "%s\n", l->message);
		}
	}
	free(cache.path);
	free(cache.text);
	return ferror(out) ? -1 : 0;
}

int report_text(FILE *out, const struct findings *f, const struct run_summary *sum)
{
	return report_text_styled(out, f, sum, NULL);
}
