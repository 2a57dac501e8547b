// SPDX-License-Identifier: GPL-2.0
/*
 * srcscan.c - text scans over a main file.  A tiny lexer that knows comments,
 * string and character literals, line continuations and preprocessor lines;
 * enough to see what the compiler hides (disabled #if branches) without a
 * second parse.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "srcscan.h"

struct lexpos {
	const char *src;
	size_t len, i;
	unsigned line, col;
	bool bol;		/* only whitespace so far on this line */
};

static void adv(struct lexpos *p)
{
	if (p->src[p->i] == '\n') {
		p->line++;
		p->col = 1;
		p->bol = true;
	} else {
		p->col++;
		if (!isspace((unsigned char)p->src[p->i]))
			p->bol = false;
	}
	p->i++;
}

/* Skip a comment or literal starting at p->i; true when one was skipped. */
static bool skip_noise(struct lexpos *p)
{
	const char *s = p->src;
	char q;

	if (s[p->i] == '/' && p->i + 1 < p->len && s[p->i + 1] == '*') {
		adv(p);
		adv(p);
		while (p->i < p->len && !(s[p->i] == '*' && p->i + 1 < p->len && s[p->i + 1] == '/'))
			adv(p);
		if (p->i < p->len) {
			adv(p);
			adv(p);
		}
		return true;
	}
	if (s[p->i] == '/' && p->i + 1 < p->len && s[p->i + 1] == '/') {
		while (p->i < p->len && s[p->i] != '\n')
			adv(p);
		return true;
	}
	if (s[p->i] == '"' || s[p->i] == '\'') {
		q = s[p->i];
		adv(p);
		while (p->i < p->len && s[p->i] != q && s[p->i] != '\n') {
			if (s[p->i] == '\\' && p->i + 1 < p->len)
				adv(p);
			adv(p);
		}
		if (p->i < p->len && s[p->i] == q)
			adv(p);
		return true;
	}
	return false;
}

static bool is_ident_start(char c)
{
	return isalpha((unsigned char)c) || c == '_';
}

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Length of the logical preprocessor line at s (continuations joined). */
static size_t pp_line_len(const char *s, size_t left)
{
	size_t n = 0;

	while (n < left && s[n] != '\n') {
		if (s[n] == '\\' && n + 1 < left && s[n + 1] == '\n')
			n++;
		n++;
	}
	return n;
}

#define PP_MAX_DEPTH 64

void pp_map_build(struct arena *a, const char *src, size_t len, struct pp_map *map)
{
	const char *stack[PP_MAX_DEPTH];
	unsigned depth = 0, nlines = 1, line = 1, first;
	size_t i;

	for (i = 0; i < len; i++)
		nlines += src[i] == '\n';
	map->nlines = nlines;
	map->lines = arena_alloc(a, (nlines + 1) * sizeof(*map->lines));

	i = 0;
	while (i < len) {
		size_t j = i, n, k;

		while (j < len && (src[j] == ' ' || src[j] == '\t'))
			j++;
		first = line;
		n = pp_line_len(src + i, len - i);
		for (k = i; k < i + n; k++)
			line += src[k] == '\n';
		if (j < len && src[j] == '#') {
			const char *d = src + j + 1;
			const char *end = src + i + n;
			size_t dl;

			while (d < end && (*d == ' ' || *d == '\t'))
				d++;
			for (dl = 0; d + dl < end && is_ident(d[dl]); dl++)
				;
			if ((dl == 2 && !strncmp(d, "if", 2)) || (dl == 5 && !strncmp(d, "ifdef", 5)) ||
			    (dl == 6 && !strncmp(d, "ifndef", 6))) {
				if (depth < PP_MAX_DEPTH)
					stack[depth] = arena_strndup(a, src + j, (size_t)(end - (src + j)));
				depth++;
			} else if ((dl == 4 && (!strncmp(d, "elif", 4) || !strncmp(d, "else", 4))) ||
				   (dl == 7 && !strncmp(d, "elifdef", 7))) {
				if (depth && depth <= PP_MAX_DEPTH)
					stack[depth - 1] = arena_strndup(a, src + j, (size_t)(end - (src + j)));
			} else if (dl == 5 && !strncmp(d, "endif", 5)) {
				if (depth)
					depth--;
			}
		}
		for (k = first; k <= line && k <= nlines; k++) {
			map->lines[k].depth = depth;
			map->lines[k].cond = depth && depth <= PP_MAX_DEPTH ? stack[depth - 1] : NULL;
		}
		i += n;
		if (i < len && src[i] == '\n') {
			i++;
			line++;
		}
	}
}

const struct pp_line *pp_map_line(const struct pp_map *map, unsigned line)
{
	static const struct pp_line none;

	if (!map->lines || line < 1 || line > map->nlines)
		return &none;
	return &map->lines[line];
}

/*
 * The designators of lines [from, to], lexing on from *pp: a scan that goes
 * on where the previous one stopped is the same as one from the file start.
 */
static void designators_from(struct lexpos *pp, unsigned from, unsigned to, designator_fn fn,
			     void *arg)
{
	struct lexpos p = *pp;
	const char *src = p.src;
	size_t len = p.len;

	while (p.i < len && p.line <= to) {
		size_t s, e;
		unsigned l, c;

		if (skip_noise(&p))
			continue;
		if (src[p.i] != '.' || p.line < from) {
			adv(&p);
			continue;
		}
		l = p.line;
		c = p.col;
		adv(&p);
		while (p.i < len && (src[p.i] == ' ' || src[p.i] == '\t'))
			adv(&p);
		if (p.i >= len || !is_ident_start(src[p.i]))
			continue;
		s = p.i;
		while (p.i < len && is_ident(src[p.i]))
			adv(&p);
		e = p.i;
		while (p.i < len && isspace((unsigned char)src[p.i]))
			adv(&p);
		if (p.i < len && src[p.i] == '=' && !(p.i + 1 < len && src[p.i + 1] == '='))
			fn(src + s, e - s, l, c, arg);
	}
	*pp = p;
}

void srcscan_designators(const char *src, size_t len, unsigned from, unsigned to,
			 designator_fn fn, void *arg)
{
	struct lexpos p = { .src = src, .len = len, .line = 1, .col = 1, .bol = true };

	designators_from(&p, from, to, fn, arg);
}

void srcscan_toplevel_calls(struct fx_tu *tu)
{
	struct lexpos p = { .src = tu->src, .len = tu->src_len, .line = 1, .col = 1, .bol = true };
	const char *src = tu->src;
	unsigned cap = 0, depth = 0;

	while (p.i < p.len) {
		size_t s, e;
		unsigned l, c;

		if (skip_noise(&p))
			continue;
		if (p.bol && src[p.i] == '#') {
			/* directive: skip the logical line */
			size_t n = pp_line_len(src + p.i, p.len - p.i);
			size_t stop = p.i + n;

			while (p.i < stop)
				adv(&p);
			continue;
		}
		if (src[p.i] == '{') {
			depth++;
		} else if (src[p.i] == '}') {
			if (depth)
				depth--;
		}
		if (!is_ident_start(src[p.i]) || (p.i && is_ident(src[p.i - 1]))) {
			adv(&p);
			continue;
		}
		l = p.line;
		c = p.col;
		s = p.i;
		while (p.i < p.len && is_ident(src[p.i]))
			adv(&p);
		e = p.i;
		if (depth || p.i >= p.len || src[p.i] != '(')
			continue;
		tu->macros = arena_grow(&tu->arena, tu->macros, tu->nmacros, &cap,
					sizeof(*tu->macros));
		tu->macros[tu->nmacros].name = arena_strndup(&tu->arena, src + s, e - s);
		tu->macros[tu->nmacros].loc = (struct fx_loc){ tu->file, l, c };
		tu->nmacros++;
	}
}

struct annotate {
	struct fx_tu *tu;
	struct fx_init *init;
	const struct pp_map *map;
	unsigned base_depth;
	unsigned cap;
};

static void annotate_one(const char *name, size_t len, unsigned line, unsigned col, void *arg)
{
	struct annotate *an = arg;
	struct fx_init *init = an->init;
	const struct pp_line *pl = pp_map_line(an->map, line);
	struct fx_init_field *f;
	unsigned i;

	for (i = 0; i < init->nfields; i++) {
		f = &init->fields[i];
		if (f->loc.line == line && f->field && strlen(f->field) == len &&
		    !strncmp(f->field, name, len))
			return;
	}
	/* Written in the text but not in the AST: a disabled #if branch. */
	if (pl->depth <= an->base_depth)
		return;
	if (an->cap < init->nfields)
		an->cap = init->nfields;
	init->fields = arena_grow(&an->tu->arena, init->fields, init->nfields, &an->cap,
				  sizeof(*init->fields));
	f = &init->fields[init->nfields++];
	memset(f, 0, sizeof(*f));
	f->field = arena_strndup(&an->tu->arena, name, len);
	f->loc = (struct fx_loc){ an->tu->file, line, col };
	f->cond = pl->cond;
	f->inactive = true;
}

static int var_line_cmp(const void *a, const void *b)
{
	const struct fx_var *x = *(const struct fx_var *const *)a;
	const struct fx_var *y = *(const struct fx_var *const *)b;

	return x->loc.line < y->loc.line ? -1 : x->loc.line > y->loc.line;
}

static void annotate_var(struct fx_tu *tu, const struct pp_map *map, struct fx_var *var,
			 struct lexpos *p)
{
	struct annotate an = { .tu = tu, .map = map };
	const struct lexpos start = { .src = tu->src, .len = tu->src_len, .line = 1, .col = 1,
				      .bol = true };
	unsigned i;

	if (!var->init || !var->loc.line || var->is_array)
		return;
	an.init = var->init;
	an.base_depth = pp_map_line(map, var->loc.line)->depth;
	for (i = 0; i < var->init->nfields; i++) {
		struct fx_init_field *f = &var->init->fields[i];
		const struct pp_line *pl = pp_map_line(map, f->loc.line);

		if (pl->depth > an.base_depth)
			f->cond = pl->cond;
	}
	if (p->line > var->loc.line)
		*p = start;
	designators_from(p, var->loc.line, var->end_line, annotate_one, &an);
}

/*
 * The variables are visited in line order and the designator scan of each
 * goes on from where the previous one stopped, so a file of many
 * initialisers (4000 iommu_ops tables) is lexed once, not once a table.
 */
void srcscan_annotate_inits(struct fx_tu *tu, const struct pp_map *map)
{
	struct lexpos p = { .src = tu->src, .len = tu->src_len, .line = 1, .col = 1, .bol = true };
	struct fx_var **order = malloc((tu->nvars ? tu->nvars : 1) * sizeof(*order));
	unsigned v;

	if (!order) {	/* file order: the same result, maybe slower */
		for (v = 0; v < tu->nvars; v++)
			annotate_var(tu, map, &tu->vars[v], &p);
		return;
	}
	for (v = 0; v < tu->nvars; v++)
		order[v] = &tu->vars[v];
	qsort(order, tu->nvars, sizeof(*order), var_line_cmp);
	for (v = 0; v < tu->nvars; v++)
		annotate_var(tu, map, order[v], &p);
	free(order);
}

/*
 * A prefilter word matches as a token: where the word begins or ends with
 * an identifier character, the text next to it must not be one, so
 * "release" does not match "release_firmware" (half the kernel has that).
 */
static bool has_token(const char *src, const char *w)
{
	size_t n = strlen(w);
	bool l = is_ident(w[0]), r = is_ident(w[n - 1]);
	const char *p;

	for (p = strstr(src, w); p; p = strstr(p + 1, w))
		if ((!l || p == src || !is_ident(p[-1])) && (!r || !is_ident(p[n])))
			return true;
	return false;
}

bool srcscan_has_any(const char *src, size_t len, const char *words)
{
	const char *w;

	(void)len;
	for (w = words; w && *w; w += strlen(w) + 1)
		if (has_token(src, w))
			return true;
	return false;
}
