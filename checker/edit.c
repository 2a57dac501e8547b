// SPDX-License-Identifier: GPL-2.0
/*
 * edit.c - source geometry for fixes, and the resolution of a finding's
 * edits: line/column positions become byte offsets in the main file as the
 * frontend parsed it (tu->src), so every output (--fix, the patch, SARIF,
 * JSON, patch mails) applies the same bytes.  A fix that is not exact is
 * dropped whole, with the reason in finding->no_fix: half a fix is a guess.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "edit.h"
#include "engine.h"

static bool same_file(const struct fx_tu *tu, const struct fx_loc *loc)
{
	return tu->src && (!loc->file || loc->file == tu->file || !strcmp(loc->file, tu->file));
}

/*
 * Offsets of the first byte of every line, built once per TU on first use so
 * that each position asked for costs a lookup, not a scan from the start of
 * the file (or of a long line): fixes on a file of thousands of functions on
 * one line were quadratic.  Built in the TU's arena by the one thread that
 * runs the rules over it.
 */
struct fx_lines {
	const char *src;	/* the text it was built for */
	size_t len;
	unsigned n;
	size_t start[];
};

static const struct fx_lines *line_table(const struct fx_tu *tu)
{
	struct fx_tu *t = (struct fx_tu *)tu;
	const char *p = tu->src, *end = tu->src + tu->src_len;
	struct fx_lines *l = t->lines;
	unsigned n = 1;

	if (l && l->src == tu->src && l->len == tu->src_len)
		return l;
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		p++;
		n++;
	}
	l = arena_alloc(&t->arena, sizeof(*l) + n * sizeof(l->start[0]));
	l->src = tu->src;
	l->len = tu->src_len;
	for (l->n = 1, p = tu->src; (p = memchr(p, '\n', (size_t)(end - p)));)
		l->start[l->n++] = (size_t)(++p - tu->src);
	t->lines = l;
	return l;
}

/* Offset of the first byte of line, or false past the end of the file. */
static bool line_offset(const struct fx_tu *tu, unsigned line, size_t *off)
{
	const struct fx_lines *l = line_table(tu);

	if (!line || line > l->n)
		return false;
	*off = l->start[line - 1];
	return true;
}

/* Offset of the newline ending line (or the end of the file). */
static size_t line_end_offset(const struct fx_tu *tu, unsigned line)
{
	const struct fx_lines *l = line_table(tu);

	return line < l->n ? l->start[line] - 1 : tu->src_len;
}

/* 1-based line holding byte off (off <= src_len), and where it starts. */
static unsigned line_at(const struct fx_tu *tu, size_t off, size_t *start)
{
	const struct fx_lines *l = line_table(tu);
	unsigned lo = 0, hi = l->n;

	while (hi - lo > 1) {
		unsigned mid = lo + (hi - lo) / 2;

		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*start = l->start[lo];
	return lo + 1;
}

bool src_offset(const struct fx_tu *tu, const struct fx_loc *loc, size_t *off)
{
	size_t start;

	if (!same_file(tu, loc) || !loc->col || !line_offset(tu, loc->line, &start))
		return false;
	/* col may point just past the last byte of the line (at its newline) */
	if (start + loc->col - 1 > line_end_offset(tu, loc->line))
		return false;
	*off = start + loc->col - 1;
	return true;
}

bool src_loc_at(const struct fx_tu *tu, size_t off, struct fx_loc *out)
{
	size_t start;

	if (!tu->src || off > tu->src_len)
		return false;
	out->file = tu->file;
	out->line = line_at(tu, off, &start);
	out->col = (unsigned)(off - start) + 1;
	return true;
}

void src_line_span(const struct fx_tu *tu, size_t off, size_t *start, size_t *end)
{
	*end = line_end_offset(tu, line_at(tu, off, start));
}

bool src_line_indent(const struct fx_tu *tu, unsigned line, char *buf, size_t n)
{
	size_t off, i = 0;

	if (!tu->src || !n || !line_offset(tu, line, &off))
		return false;
	while (off + i < tu->src_len && (tu->src[off + i] == ' ' || tu->src[off + i] == '\t')) {
		if (i + 1 >= n)
			return false;
		buf[i] = tu->src[off + i];
		i++;
	}
	buf[i] = '\0';
	return true;
}

bool src_line_start(const struct fx_tu *tu, unsigned line, struct fx_loc *out)
{
	size_t off;

	if (!tu->src || !line_offset(tu, line, &off))
		return false;
	out->file = tu->file;
	out->line = line;
	out->col = 1;
	return true;
}

bool src_line_end(const struct fx_tu *tu, unsigned line, struct fx_loc *out)
{
	size_t off;

	if (!tu->src || !line_offset(tu, line, &off))
		return false;
	out->file = tu->file;
	out->line = line;
	out->col = (unsigned)(line_end_offset(tu, line) - off) + 1;
	return true;
}

bool src_expr_end(const struct fx_tu *tu, const struct fx_expr *e, struct fx_loc *end)
{
	size_t off, n;

	if (!e || !e->text || !*e->text || !src_offset(tu, &e->loc, &off))
		return false;
	n = strlen(e->text);
	if (off + n > tu->src_len || memcmp(tu->src + off, e->text, n))
		return false;
	return src_loc_at(tu, off + n, end);
}

const struct fx_tu *edit_tu(const struct fx_program *prog, const char *file)
{
	unsigned t;

	for (t = 0; file && t < prog->ntus; t++)
		if (prog->tus[t] && prog->tus[t]->src && !strcmp(prog->tus[t]->file, file))
			return prog->tus[t];
	return NULL;
}

static void drop_fix(struct finding *x, const char *why)
{
	unsigned i;

	for (i = 0; i < x->nedits; i++) {
		free(x->edits[i].file);
		free(x->edits[i].text);
	}
	free(x->edits);
	x->edits = NULL;
	x->nedits = 0;
	free(x->no_fix);
	x->no_fix = xstrdup(why);
}

static int cmp_edit(const void *a, const void *b)
{
	const struct finding_edit *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->length != y->length)
		return x->length < y->length ? -1 : 1;
	return 0;
}

/*
 * Two edits conflict when their ranges overlap, or when both start at the
 * same offset (two insertions there, or an insertion before a replacement):
 * the order of the result would be a guess.
 */
static bool edits_conflict(const struct finding_edit *a, const struct finding_edit *b)
{
	if (strcmp(a->file, b->file))
		return false;
	if (a->offset == b->offset)
		return true;
	return a->offset < b->offset ? a->offset + a->length > b->offset :
				       b->offset + b->length > a->offset;
}

static void resolve_one(const struct fx_program *prog, struct finding *x)
{
	char why[512];
	unsigned i;

	for (i = 0; i < x->nedits; i++) {
		struct finding_edit *e = &x->edits[i];
		const struct fx_tu *tu = edit_tu(prog, e->file);
		struct fx_loc from = { e->file, e->line, e->col }, to = { e->file, e->end_line, e->end_col };
		size_t a, b;

		if (!tu) {
			snprintf(why, sizeof(why),
				 "internal: an edit in %s, which is not the main file of a scanned TU, was refused",
				 e->file);
			drop_fix(x, why);
			return;
		}
		if (!src_offset(tu, &from, &a) || !src_offset(tu, &to, &b) || b < a) {
			snprintf(why, sizeof(why),
				 "internal: an edit at %s:%u:%u-%u:%u is not a range of the file as parsed; fix refused",
				 e->file, e->line, e->col, e->end_line, e->end_col);
			drop_fix(x, why);
			return;
		}
		e->offset = a;
		e->length = b - a;
	}
	qsort(x->edits, x->nedits, sizeof(*x->edits), cmp_edit);
	for (i = 1; i < x->nedits; i++) {
		if (edits_conflict(&x->edits[i - 1], &x->edits[i])) {
			snprintf(why, sizeof(why),
				 "internal: two edits of this fix overlap at %s:%u:%u; fix refused",
				 x->edits[i].file, x->edits[i].line, x->edits[i].col);
			drop_fix(x, why);
			return;
		}
	}
}

void edits_resolve(const struct fx_program *prog, struct findings *f)
{
	unsigned i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].nedits)
			resolve_one(prog, &f->v[i]);
}

void edits_drop_overlaps(struct findings *f)
{
	char why[512];
	unsigned i, j, k, m;

	for (i = 0; i < f->n; i++) {
		struct finding *x = &f->v[i];
		const struct finding *hit = NULL;

		for (j = 0; j < i && !hit; j++)
			for (k = 0; k < f->v[j].nedits && !hit; k++)
				for (m = 0; m < x->nedits && !hit; m++)
					if (edits_conflict(&f->v[j].edits[k], &x->edits[m]))
						hit = &f->v[j];
		if (!hit)
			continue;
		snprintf(why, sizeof(why),
			 "fix not applied: its edits overlap the fix of the finding at %s:%u [%s]; run again once that one is applied",
			 hit->file, hit->line, rule_meta[hit->rule].id);
		drop_fix(x, why);
	}
}
