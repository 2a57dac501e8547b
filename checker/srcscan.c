// SPDX-License-Identifier: GPL-2.0
/*
 * srcscan.c - text scans over a main file.  A tiny lexer that knows comments,
 * string and character literals, line continuations and preprocessor lines;
 * enough to see what the compiler hides (disabled #if branches) without a
 * second parse.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "srcscan.h"
#include "util.h"

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

/*
 * Function-like macros used at file scope: IOMODULE(...) at brace depth 0,
 * outside comments, literals and directives.  One pass over the text; the
 * line and column of a use are counted only when one is found.
 */
void srcscan_toplevel_calls(struct fx_tu *tu)
{
	const char *src = tu->src, *end = src + tu->src_len, *p = src, *t;
	const char *counted = src, *line_start = src;
	unsigned cap = 0, depth = 0, line = 1;
	bool bol = true;	/* only blanks so far on this line */

	while (p < end) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			bol = true;
			p++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			p++;
		} else if (c == '/' && p + 1 < end && p[1] == '*') {
			t = memmem(p + 2, (size_t)(end - p - 2), "*/", 2);
			p = t ? t + 2 : end;
			bol = false;
		} else if (c == '/' && p + 1 < end && p[1] == '/') {
			t = memchr(p, '\n', (size_t)(end - p));
			p = t ? t : end;
			bol = false;
		} else if (c == '"' || c == '\'') {
			for (p++; p < end && *p != (char)c && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			if (p < end && *p == (char)c)
				p++;
			bol = false;
		} else if (bol && c == '#') {
			/* directive: skip the logical line */
			p += pp_line_len(p, (size_t)(end - p));
			bol = false;
		} else if (c == '{' || c == '}') {
			if (c == '{')
				depth++;
			else if (depth)
				depth--;
			bol = false;
			p++;
		} else if (!is_ident_start((char)c) || (p > src && is_ident(p[-1]))) {
			bol = false;
			p++;
		} else {
			t = p;
			while (p < end && is_ident(*p))
				p++;
			bol = false;
			if (depth || p >= end || *p != '(')
				continue;
			/* the line of t: newlines counted from where the last count stopped */
			while (counted < t) {
				const char *nl = memchr(counted, '\n', (size_t)(t - counted));

				if (!nl) {
					counted = t;
					break;
				}
				line++;
				counted = line_start = nl + 1;
			}
			tu->macros = arena_grow(&tu->arena, tu->macros, tu->nmacros, &cap,
						sizeof(*tu->macros));
			tu->macros[tu->nmacros].name = arena_strndup(&tu->arena, t, (size_t)(p - t));
			tu->macros[tu->nmacros].loc = (struct fx_loc){ tu->file, line,
								       (unsigned)(t - line_start) + 1 };
			tu->nmacros++;
		}
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
 * has_token() is the slow path, for words that begin with punctuation.
 */
static bool has_token(const char *src, size_t len, const char *w)
{
	size_t n = strlen(w);
	bool l = is_ident(w[0]), r = is_ident(w[n - 1]);
	const char *p, *end = src + len;

	for (p = memmem(src, len, w, n); p; p = memmem(p + 1, (size_t)(end - p - 1), w, n))
		if ((!l || p == src || !is_ident(p[-1])) && (!r || p + n == end || !is_ident(p[n])))
			return true;
	return false;
}

/*
 * The compiled prefilter.  Every word is keyed by its leading identifier
 * (".release=" by "release", "iommu-lint:" by "iommu"); one pass over the
 * text looks each identifier of the text up in an open-addressed hash table
 * (after a test of its length for its first byte that rejects most identifiers
 * without hashing) and marks the words it completes.  The specs are then
 * evaluated on those marks.
 */
enum pf_kind {
	PF_IDENT,		/* the whole word is one identifier */
	PF_PREFIX,		/* identifier, then punctuation: compared in place */
	PF_MEMBER,		/* ".name=": an assignment to a member through '.' */
	PF_OTHER,		/* begins with punctuation: has_token() */
};

#define PF_NONE (-1)
#define PF_AND (-2)
#define PF_OR (-3)
#define PF_END (-4)
#define PF_PLUS (-5)
#define PF_DEMAND (-6)	/* "~": this alternative only matters on demand (pf_eval) */
#define PF_CLUSTER(k) (-100 - (int)(k))	/* a cluster as one item of a group */
#define PF_MAX_LEN 63
#define PF_C_IDENT 1
#define PF_C_BOUND 2		/* a brace, ';' or the start of a comment or literal */

struct pf_word {
	char *text;
	size_t len, keylen;	/* key: text + (kind == PF_MEMBER), keylen bytes */
	enum pf_kind kind;
	int next;		/* next word with the same key */
};

struct pf_slot {
	const char *key;
	size_t keylen;
	int word;		/* first word of the chain */
};

/* Groups joined by "+": each needs a word in one top-level declaration. */
struct pf_cluster {
	int *prog;		/* word ids, PF_AND between the groups, PF_END */
};

struct srcscan_pf {
	unsigned nwords, capwords, nother, mask, nclusters;
	struct pf_cluster *clusters;
	struct pf_word *words;
	int *other;		/* PF_OTHER words */
	struct pf_slot *slots;
	unsigned nspecs;
	int **progs;		/* per spec: word ids, PF_AND, PF_OR, PF_END; NULL = always */
	unsigned long long lens[256];	/* bit n of [c]: a key of n bytes begins with c */
	bool ident[256];
	unsigned char cls[256];	/* PF_C_*: what the scan stops at */
};

static unsigned pf_hash(const unsigned char *s, size_t n)
{
	unsigned h = 2166136261u;

	while (n--)
		h = (h ^ *s++) * 16777619u;
	return h;
}

static bool is_member_word(const char *w, size_t n)
{
	size_t i;

	if (n < 3 || w[0] != '.' || w[n - 1] != '=' || !is_ident_start(w[1]))
		return false;
	for (i = 1; i < n - 1; i++)
		if (!is_ident(w[i]))
			return false;
	return true;
}

static int pf_word_id(struct srcscan_pf *pf, const char *w)
{
	size_t n = strlen(w);
	struct pf_word *x;
	unsigned i;

	for (i = 0; i < pf->nwords; i++)
		if (!strcmp(pf->words[i].text, w))
			return (int)i;
	if (pf->nwords == pf->capwords) {
		pf->capwords = pf->capwords ? pf->capwords * 2 : 32;
		pf->words = xrealloc(pf->words, pf->capwords * sizeof(*pf->words));
	}
	x = &pf->words[pf->nwords];
	x->text = xstrdup(w);
	x->len = n;
	x->next = PF_NONE;
	if (is_member_word(w, n)) {
		x->kind = PF_MEMBER;
		x->keylen = n - 2;
	} else if (is_ident(w[0])) {
		for (x->keylen = 0; x->keylen < n && is_ident(w[x->keylen]); x->keylen++)
			;
		x->kind = x->keylen == n ? PF_IDENT : PF_PREFIX;
	} else {
		x->kind = PF_OTHER;
		x->keylen = 0;
	}
	if (x->keylen > PF_MAX_LEN)
		x->kind = PF_OTHER;
	return (int)pf->nwords++;
}

static const char *pf_key(const struct pf_word *x)
{
	return x->text + (x->kind == PF_MEMBER);
}

static void pf_index(struct srcscan_pf *pf)
{
	unsigned i, size = 16, h;

	while (size < pf->nwords * 4)
		size *= 2;
	pf->mask = size - 1;
	pf->slots = xcalloc(size, sizeof(*pf->slots));
	for (i = 0; i < 256; i++)
		pf->ident[i] = is_ident((char)i);
	for (i = 0; i < 256; i++)
		pf->cls[i] = pf->ident[i] ? PF_C_IDENT :
			     pf->nclusters && strchr("/\"'{};", (int)i) && i ? PF_C_BOUND : 0;
	for (i = 0; i < pf->nwords; i++) {
		struct pf_word *x = &pf->words[i];
		const char *key = pf_key(x);

		if (x->kind == PF_OTHER) {
			pf->other = xrealloc(pf->other, (pf->nother + 1) * sizeof(*pf->other));
			pf->other[pf->nother++] = (int)i;
			continue;
		}
		h = pf_hash((const unsigned char *)key, x->keylen) & pf->mask;
		while (pf->slots[h].key && (pf->slots[h].keylen != x->keylen ||
					    memcmp(pf->slots[h].key, key, x->keylen)))
			h = (h + 1) & pf->mask;
		if (!pf->slots[h].key) {
			pf->slots[h].key = key;
			pf->slots[h].keylen = x->keylen;
			pf->slots[h].word = PF_NONE;
		}
		x->next = pf->slots[h].word;
		pf->slots[h].word = (int)i;
		pf->lens[(unsigned char)key[0]] |= 1ULL << x->keylen;
	}
}

/*
 * Compile one spec into prog: groups of word ids, PF_AND / PF_OR between
 * them; a run of groups joined by "+" becomes one cluster, an item of its
 * own (matched per declaration), unless a word of it has no identifier key.
 */
static void pf_compile(struct srcscan_pf *pf, const char *spec, int *prog)
{
	int grp[256], ngrp = 0, cl[512], ncl = 0, n = 0, i;
	bool scoped = true, plus;
	const char *w = spec;

	for (;;) {
		bool end = !*w;
		int sep = end ? PF_END : !strcmp(w, "&") ? PF_AND : !strcmp(w, "|") ? PF_OR :
			  !strcmp(w, "+") ? PF_PLUS : 0;

		if (!sep && !strcmp(w, "~") && !ngrp && !ncl) {
			prog[n++] = PF_DEMAND;
			w += strlen(w) + 1;
			continue;
		}
		if (!sep) {
			int id = pf_word_id(pf, w);

			scoped &= pf->words[id].kind != PF_OTHER;
			if (ngrp < 256)
				grp[ngrp++] = id;
			w += strlen(w) + 1;
			continue;
		}
		plus = sep == PF_PLUS;
		if (plus || ncl) {
			for (i = 0; i < ngrp && ncl < 510; i++)
				cl[ncl++] = grp[i];
			cl[ncl++] = plus ? PF_AND : PF_END;
		}
		if (!plus && ncl && scoped) {
			pf->clusters = xrealloc(pf->clusters,
						(pf->nclusters + 1) * sizeof(*pf->clusters));
			pf->clusters[pf->nclusters].prog = xcalloc((size_t)ncl, sizeof(int));
			memcpy(pf->clusters[pf->nclusters].prog, cl, (size_t)ncl * sizeof(int));
			prog[n++] = PF_CLUSTER(pf->nclusters++);
		} else if (!plus && ncl) {
			for (i = 0; i < ncl - 1; i++)
				prog[n++] = cl[i];
		} else if (!plus) {
			for (i = 0; i < ngrp; i++)
				prog[n++] = grp[i];
		}
		ngrp = 0;
		if (!plus) {
			ncl = 0;
			scoped = true;
			prog[n++] = sep;
		}
		if (end)
			return;
		w += strlen(w) + 1;
	}
}

struct srcscan_pf *srcscan_pf_new(const char *const *specs, unsigned nspecs)
{
	struct srcscan_pf *pf = xcalloc(1, sizeof(*pf));
	unsigned s, n;
	const char *w;

	pf->nspecs = nspecs;
	pf->progs = xcalloc(nspecs ? nspecs : 1, sizeof(*pf->progs));
	for (s = 0; s < nspecs; s++) {
		if (!specs[s] || !specs[s][0])
			continue;
		for (n = 1, w = specs[s]; *w; w += strlen(w) + 1)
			n++;
		pf->progs[s] = xcalloc(n, sizeof(int));
		pf_compile(pf, specs[s], pf->progs[s]);
	}
	pf_index(pf);
	return pf;
}

void srcscan_pf_free(struct srcscan_pf *pf)
{
	unsigned i;

	if (!pf)
		return;
	for (i = 0; i < pf->nwords; i++)
		free(pf->words[i].text);
	for (i = 0; i < pf->nspecs; i++)
		free(pf->progs[i]);
	for (i = 0; i < pf->nclusters; i++)
		free(pf->clusters[i].prog);
	free(pf->clusters);
	free(pf->progs);
	free(pf->words);
	free(pf->other);
	free(pf->slots);
	free(pf);
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "x.name = ", "x->dev.name=": not ".name =" of an initialiser, nor "==". */
static bool member_assign(const unsigned char *src, const unsigned char *t,
			  const unsigned char *e, const unsigned char *end)
{
	const unsigned char *p = t;

	while (p > src && is_space(p[-1]))
		p--;
	if (p == src || p[-1] != '.')
		return false;
	p--;
	while (p > src && is_space(p[-1]))
		p--;
	if (p == src || !(is_ident((char)p[-1]) || p[-1] == ')' || p[-1] == ']'))
		return false;
	while (e < end && is_space(*e))
		e++;
	return e < end && *e == '=' && (e + 1 == end || e[1] != '=');
}

/* The first word keyed by identifier [t, e) (PF_NONE: none); pf_next_word() the rest. */
static int pf_first_word(const struct srcscan_pf *pf, const unsigned char *t,
			 const unsigned char *e)
{
	size_t n = (size_t)(e - t);
	unsigned h = pf_hash(t, n) & pf->mask;

	while (pf->slots[h].key && (pf->slots[h].keylen != n || memcmp(pf->slots[h].key, t, n)))
		h = (h + 1) & pf->mask;
	return pf->slots[h].key ? pf->slots[h].word : PF_NONE;
}

/* Does word w, keyed by identifier [t, e), complete there? */
static bool pf_word_at(const struct srcscan_pf *pf, int w, const unsigned char *src,
		       const unsigned char *t, const unsigned char *e, const unsigned char *end)
{
	const struct pf_word *x = &pf->words[w];

	if (x->kind == PF_IDENT)
		return true;
	if (x->kind == PF_MEMBER)
		return member_assign(src, t, e, end);
	return (size_t)(end - t) >= x->len && !memcmp(t, x->text, x->len) &&
	       (!is_ident(x->text[x->len - 1]) || t + x->len == end || !pf->ident[t[x->len]]);
}

/* One identifier of the text, [t, e): mark the words it completes. */
static void pf_hit(const struct srcscan_pf *pf, const unsigned char *src,
		   const unsigned char *t, const unsigned char *e, const unsigned char *end,
		   unsigned char *hits, unsigned char *dhits)
{
	int w;

	for (w = pf_first_word(pf, t, e); w != PF_NONE; w = pf->words[w].next)
		if (pf_word_at(pf, w, src, t, e, end))
			hits[w] = dhits[w] = 1;
}

/* Every group of a cluster has a word marked (in one declaration). */
static bool pf_all_groups(const int *prog, const unsigned char *hits)
{
	bool grp = false;

	for (;; prog++) {
		if (*prog >= 0) {
			grp |= hits[*prog];
			continue;
		}
		if (!grp)
			return false;
		if (*prog == PF_END)
			return true;
		grp = false;
	}
}

/* A top-level declaration ended: which clusters it satisfies. */
static void pf_decl_end(const struct srcscan_pf *pf, unsigned char *dhits, unsigned char *cl_ok)
{
	unsigned k;

	for (k = 0; k < pf->nclusters; k++)
		cl_ok[k] |= pf_all_groups(pf->clusters[k].prog, dhits);
	memset(dhits, 0, pf->nwords);
}

/*
 * Skip a comment or literal at s (for the declaration bounds; a brace in
 * one is not a brace); returns s when there is none.
 */
static const unsigned char *pf_skip_noise(const unsigned char *s, const unsigned char *end)
{
	unsigned char q;

	if (*s == '/' && s + 1 < end && s[1] == '*') {
		for (s += 2; s + 1 < end && !(s[0] == '*' && s[1] == '/'); s++)
			;
		return s + 1 < end ? s + 2 : end;
	}
	if (*s == '/' && s + 1 < end && s[1] == '/')
		return (const unsigned char *)(memchr(s, '\n', (size_t)(end - s)) ?: end);
	if (*s != '"' && *s != '\'')
		return s;
	for (q = *s++; s < end && *s != q && *s != '\n'; s++)
		if (*s == '\\' && s + 1 < end)
			s++;
	return s < end && *s == q ? s + 1 : s;
}

/*
 * hits: the words the text has; dhits: those of the current top-level
 * declaration (from a ';' or '}' at depth 0 to the next one: a function's
 * signature and body), for the clusters, cl_ok.
 */
/* The identifiers of [s, to): words of the text (comments and literals included). */
static void pf_idents(const struct srcscan_pf *pf, const unsigned char *src,
		      const unsigned char *s, const unsigned char *to, const unsigned char *end,
		      unsigned char *hits, unsigned char *dhits)
{
	const unsigned char *t;

	while (s < to) {
		if (!pf->ident[*s]) {
			s++;
			continue;
		}
		t = s;
		while (s < end && pf->ident[*s])
			s++;
		if (s - t <= PF_MAX_LEN && (pf->lens[*t] >> (s - t) & 1))
			pf_hit(pf, src, t, s, end, hits, dhits);
	}
}

static void pf_scan(const struct srcscan_pf *pf, const char *text, size_t len, unsigned char *hits,
		    unsigned char *dhits, unsigned char *cl_ok)
{
	const unsigned char *src = (const unsigned char *)text, *s = src, *end = src + len, *t;
	bool scoped = pf->nclusters > 0;
	unsigned depth = 0, i;

	while (s < end) {
		while (s < end && !pf->cls[*s])
			s++;
		if (s == end)
			break;
		if (pf->cls[*s] == PF_C_BOUND) {
			if (*s == '/' || *s == '"' || *s == '\'') {
				t = pf_skip_noise(s, end);
				pf_idents(pf, src, s, t, end, hits, dhits);
				s = t == s ? s + 1 : t;
				continue;
			}
			if (*s == '{') {
				depth++;
			} else if (*s == '}' || *s == ';') {
				if (*s == '}' && depth)
					depth--;
				if (!depth)
					pf_decl_end(pf, dhits, cl_ok);
			}
			s++;
			continue;
		}
		t = s;
		while (s < end && pf->ident[*s])
			s++;
		if (s - t <= PF_MAX_LEN && (pf->lens[*t] >> (s - t) & 1))
			pf_hit(pf, src, t, s, end, hits, dhits);
	}
	if (scoped)
		pf_decl_end(pf, dhits, cl_ok);
	for (i = 0; i < pf->nother; i++)
		hits[pf->other[i]] = has_token(text, len, pf->words[pf->other[i]].text);
}

#ifdef __SSE2__
#include <emmintrin.h>

/* Bit i: byte i of the 16 at p is an identifier character ([A-Za-z0-9_]). */
static inline unsigned ident16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i lo = _mm_or_si128(v, _mm_set1_epi8(0x20));
	__m128i a = _mm_and_si128(_mm_cmpgt_epi8(lo, _mm_set1_epi8('a' - 1)),
				  _mm_cmplt_epi8(lo, _mm_set1_epi8('z' + 1)));
	__m128i d = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
				  _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
	__m128i u = _mm_cmpeq_epi8(v, _mm_set1_epi8('_'));

	return (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, d), u));
}

/* Bit i: byte i of the 16 at p is one the declaration bounds look at. */
static inline unsigned bound16(const unsigned char *p)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i m = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('{')),
				 _mm_cmpeq_epi8(v, _mm_set1_epi8('}')));

	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8(';')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('/')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
	return (unsigned)_mm_movemask_epi8(m);
}

static inline uint64_t mask64(const unsigned char *p, unsigned (*f)(const unsigned char *))
{
	return (uint64_t)f(p) | (uint64_t)f(p + 16) << 16 | (uint64_t)f(p + 32) << 32 |
	       (uint64_t)f(p + 48) << 48;
}
#endif

bool srcscan_pf_simd = true;

/* A word marked at an offset of the text, for the declaration pass. */
struct pf_mark {
	size_t at;
	int word;
};

struct pf_marks {
	struct pf_mark small[64], *v;
	size_t n, cap;
};

static void marks_push(struct pf_marks *m, size_t at, int word)
{
	if (m->n == m->cap) {
		m->cap *= 2;
		if (m->v == m->small) {
			m->v = xmalloc(m->cap * sizeof(*m->v));
			memcpy(m->v, m->small, sizeof(m->small));
		} else {
			m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
		}
	}
	m->v[m->n++] = (struct pf_mark){ at, word };
}

/* The words identifier [t, e) completes, recorded with where it is. */
static void pf_hit_at(const struct srcscan_pf *pf, const unsigned char *src,
		      const unsigned char *t, const unsigned char *e, const unsigned char *end,
		      unsigned char *hits, struct pf_marks *marks)
{
	int w;

	for (w = pf_first_word(pf, t, e); w != PF_NONE; w = pf->words[w].next)
		if (pf_word_at(pf, w, src, t, e, end)) {
			hits[w] = 1;
			marks_push(marks, (size_t)(t - src), w);
		}
}

/* One identifier [t, e): a candidate by its first byte and length? */
static inline void pf_ident(const struct srcscan_pf *pf, const unsigned char *src,
			    const unsigned char *t, const unsigned char *e,
			    const unsigned char *end, unsigned char *hits, struct pf_marks *marks)
{
	if (e - t <= PF_MAX_LEN && (pf->lens[*t] >> (e - t) & 1))
		pf_hit_at(pf, src, t, e, end, hits, marks);
}

/*
 * Pass 1: every identifier of the text, comments and literals included
 * (the words are marked wherever they are written), 64 bytes at a time:
 * a mask of identifier bytes, its starts, each one's length from the mask.
 */
static void pf_words(const struct srcscan_pf *pf, const unsigned char *src, size_t len,
		     unsigned char *hits, struct pf_marks *marks)
{
	const unsigned char *end = src + len, *s = src, *t;
#ifdef __SSE2__
	uint64_t carry = 0;

	if (srcscan_pf_simd)
		for (; end - s >= 64; s += 64) {
			uint64_t m = mask64(s, ident16), starts = m & ~(m << 1 | carry);

			carry = m >> 63;
			while (starts) {
				unsigned i = (unsigned)__builtin_ctzll(starts);
				uint64_t rest = ~m >> i;
				const unsigned char *e;

				starts &= starts - 1;
				t = s + i;
				if (rest) {
					e = t + __builtin_ctzll(rest);
				} else {	/* it goes on past these 64 bytes */
					for (e = s + 64; e < end && pf->ident[*e]; e++)
						;
				}
				pf_ident(pf, src, t, e, end, hits, marks);
			}
			/* an identifier that began before: its bytes here are not starts */
		}
	/* the rest (or all of it without SSE2): one byte at a time */
	if (s > src && pf->ident[s[-1]])
		while (s < end && pf->ident[*s])
			s++;
#endif
	while (s < end) {
		if (!pf->ident[*s]) {
			s++;
			continue;
		}
		t = s;
		while (s < end && pf->ident[*s])
			s++;
		pf_ident(pf, src, t, s, end, hits, marks);
	}
}

/*
 * Pass 2, only when a cluster can use it: the top-level declarations
 * (a ';' or '}' at brace depth 0 ends one; braces in comments and literals
 * do not count) and the marks of each, for the clusters.
 */
static void pf_decls(const struct srcscan_pf *pf, const unsigned char *src, size_t len,
		     const struct pf_marks *marks, unsigned char *dhits, unsigned char *cl_ok)
{
	const unsigned char *end = src + len, *s = src, *t;
	unsigned depth = 0;
	size_t k = 0;

	while (s < end) {
#ifdef __SSE2__
		if (srcscan_pf_simd && end - s >= 64) {
			uint64_t m = mask64(s, bound16);

			if (!m) {
				s += 64;
				continue;
			}
			s += __builtin_ctzll(m);
		}
#endif
		if (!pf->cls[*s] || pf->cls[*s] == PF_C_IDENT) {
			s++;
			continue;
		}
		if (*s == '/' || *s == '"' || *s == '\'') {
			t = pf_skip_noise(s, end);
			s = t == s ? s + 1 : t;
			continue;
		}
		if (*s == '{') {
			depth++;
		} else if (*s == '}' || *s == ';') {
			if (*s == '}' && depth)
				depth--;
			if (!depth) {
				/* the marks up to here are this declaration's */
				for (; k < marks->n && marks->v[k].at < (size_t)(s - src); k++)
					dhits[marks->v[k].word] = 1;
				pf_decl_end(pf, dhits, cl_ok);
			}
		}
		s++;
	}
	for (; k < marks->n; k++)
		dhits[marks->v[k].word] = 1;
	pf_decl_end(pf, dhits, cl_ok);
}

static void pf_scan2(const struct srcscan_pf *pf, const char *text, size_t len,
		     unsigned char *hits, unsigned char *dhits, unsigned char *cl_ok)
{
	const unsigned char *src = (const unsigned char *)text;
	struct pf_marks marks = { .n = 0, .cap = 64 };
	unsigned i;

	marks.v = marks.small;
	pf_words(pf, src, len, hits, &marks);
	if (pf->nclusters && marks.n)
		pf_decls(pf, src, len, &marks, dhits, cl_ok);
	for (i = 0; i < pf->nother; i++)
		hits[pf->other[i]] = has_token(text, len, pf->words[pf->other[i]].text);
	if (marks.v != marks.small)
		free(marks.v);
}

/*
 * Every group of some alternative has a marked word (only the first group
 * unless exact): PF_MATCH; PF_ON_DEMAND when only alternatives marked "~"
 * do (the file matters only if the run needs what it defines); else 0.
 */
static int pf_eval(const int *prog, const unsigned char *hits, const unsigned char *cl_ok,
		   bool exact)
{
	bool alt = true, grp = false, demand = false, demand_hit = false;
	unsigned ngrp = 0;

	for (;; prog++) {
		if (*prog >= 0) {
			grp |= hits[*prog];
			continue;
		}
		if (*prog <= PF_CLUSTER(0)) {
			grp |= cl_ok[PF_CLUSTER(0) - *prog];
			continue;
		}
		if (*prog == PF_DEMAND) {
			demand = true;
			continue;
		}
		if (!ngrp++ || exact)
			alt &= grp;
		grp = false;
		if (*prog == PF_AND)
			continue;
		if (alt && !demand)
			return PF_MATCH;
		demand_hit |= alt;
		if (*prog == PF_END)
			return demand_hit ? PF_ON_DEMAND : 0;
		alt = true;
		demand = false;
		ngrp = 0;
	}
}

#define PF_STACK_WORDS 256

int srcscan_pf_match(const struct srcscan_pf *pf, const char *src, size_t len, bool exact,
		     bool *match, bool *on_demand)
{
	return srcscan_pf_match_loose(pf, src, len, exact, match, on_demand, NULL);
}

int srcscan_pf_match_loose(const struct srcscan_pf *pf, const char *src, size_t len,
			   bool exact, bool *match, bool *on_demand, bool *loose)
{
	unsigned char stack[3 * PF_STACK_WORDS], *hits = stack, *dhits, *cl_ok;
	size_t need = 2 * (size_t)pf->nwords + pf->nclusters;
	unsigned s;
	int n = 0;

	if (need > sizeof(stack))
		hits = xcalloc(need, 1);
	else
		memset(hits, 0, need);
	dhits = hits + pf->nwords;
	cl_ok = dhits + pf->nwords;
	if (pf->nwords && srcscan_pf_simd)
		pf_scan2(pf, src, len, hits, dhits, cl_ok);
	else if (pf->nwords)
		pf_scan(pf, src, len, hits, dhits, cl_ok);
	for (s = 0; s < pf->nspecs; s++) {
		int m = !pf->progs[s] ? PF_MATCH : pf_eval(pf->progs[s], hits, cl_ok, exact);

		if (match)
			match[s] = m != 0;
		if (on_demand)
			on_demand[s] = m == PF_ON_DEMAND;
		if (loose)
			loose[s] = !pf->progs[s] || (exact ? pf_eval(pf->progs[s], hits, cl_ok, false) :
						     m) != 0;
		n += m != 0;
	}
	if (hits != stack)
		free(hits);
	return n;
}

bool srcscan_prefilter(const char *src, size_t len, const char *spec, bool exact)
{
	struct srcscan_pf *pf = srcscan_pf_new(&spec, 1);
	bool m = srcscan_pf_match(pf, src, len, exact, NULL, NULL) > 0;

	srcscan_pf_free(pf);
	return m;
}

bool srcscan_has_any(const char *src, size_t len, const char *words)
{
	return srcscan_prefilter(src, len, words, true);
}
