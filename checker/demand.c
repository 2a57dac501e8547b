// SPDX-License-Identifier: GPL-2.0
/*
 * demand.c - the names a run asks of the files it left out (demand.h).
 *
 * A file whose only reason to be parsed is to supply summaries (a helper
 * that puts the reference it is passed: device-lookup-put's "~"
 * alternative) matters only if it defines a function some parsed TU
 * calls, or a put helper of a record some acquiring function returns.
 * Both are written at brace depth 0 of the file: the name of an external
 * definition (a static one is never another file's callee), or a
 * one-parameter definition whose parameter names the record and whose
 * body releases a member of it.  A file with neither cannot change a
 * finding.  main.c parses the
 * wanted ones and asks again, until no new file is wanted.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg-internal.h"
#include "demand.h"
#include "summary.h"
#include "util.h"

struct set {
	char **slot;		/* open addressing; NULL = empty */
	unsigned cap, n;
};

/* What the run asks for: functions by name, put helpers by record. */
struct demand {
	struct set names, records;
};

static void add(struct set *d, const char *name, size_t len)
{
	uint64_t h;
	unsigned i;

	if (!len)
		return;
	if (2 * (d->n + 1) > d->cap) {
		struct set g = { xcalloc(d->cap ? 2 * d->cap : 1024, sizeof(char *)),
				     d->cap ? 2 * d->cap : 1024, 0 };

		for (i = 0; i < d->cap; i++)
			if (d->slot[i])
				add(&g, d->slot[i], strlen(d->slot[i]));
		for (i = 0; i < d->cap; i++)
			free(d->slot[i]);
		free(d->slot);
		*d = g;
	}
	h = str_hash64_n(name, len);
	for (i = (unsigned)h & (d->cap - 1); d->slot[i]; i = (i + 1) & (d->cap - 1))
		if (strlen(d->slot[i]) == len && !memcmp(d->slot[i], name, len))
			return;
	d->slot[i] = xmalloc(len + 1);
	memcpy(d->slot[i], name, len);
	d->slot[i][len] = '\0';
	d->n++;
}

static bool has(const struct set *d, const char *name, size_t len)
{
	unsigned i;

	if (!d->cap)
		return false;
	for (i = (unsigned)str_hash64_n(name, len) & (d->cap - 1); d->slot[i];
	     i = (i + 1) & (d->cap - 1))
		if (strlen(d->slot[i]) == len && !memcmp(d->slot[i], name, len))
			return true;
	return false;
}

/* A C keyword or basic type a fast reading may take for a callee ("void (*f)(...)"). */
static bool is_keyword(const char *w)
{
	static const char *const kw[] = { "char", "double", "float", "int", "long", "return",
					  "short", "signed", "sizeof", "unsigned", "void" };
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (!strcmp(w, kw[i]))
			return true;
	return false;
}

struct scan {
	struct demand *d;
	bool acquires;
};

static bool visit_expr(const struct fx_expr *e, void *arg)
{
	struct scan *s = arg;

	if (e->kind == FXE_CALL && e->name && !is_keyword(e->name)) {
		add(&s->d->names, e->name, strlen(e->name));
		if (pair_of(e->name, NULL))
			s->acquires = true;
	}
	return true;
}

struct demand *demand_of(const struct fx_program *prog)
{
	struct demand *d = xcalloc(1, sizeof(*d));
	unsigned t, i;

	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nfuncs; i++) {
			const struct fx_func *fn = &tu->funcs[i];
			struct scan s = { d, false };
			char rec[128];

			if (!fn->body)
				continue;
			fx_walk_stmt(fn->body, NULL, visit_expr, &s);
			if (s.acquires && own_record_of(fn->ret_type, rec, sizeof(rec)))
				add(&d->records, rec, strlen(rec));
		}
	}
	return d;
}

static const unsigned char *skip_space(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static const unsigned char *ident_end(const unsigned char *p, const unsigned char *end)
{
	while (p < end && ident_char_c(*p))
		p++;
	return p;
}

/*
 * A definition header [h, e) with one parameter whose type names a record
 * of d: the parameter's name in [*pn, *pn + *plen).  Over-approximates
 * put_scan_program() of summary.c: one parameter, a pointer to the record.
 */
static bool put_helper_header(const struct demand *d, const unsigned char *h,
			      const unsigned char *e, const unsigned char **pn, size_t *plen)
{
	const unsigned char *open = memchr(h, '(', (size_t)(e - h)), *p, *last = NULL;
	bool record = false, star = false;
	unsigned depth = 0;

	if (!open || !d->records.n)
		return false;
	for (p = open + 1; p < e; p++) {
		if (*p == '(') {
			depth++;
		} else if (*p == ')') {
			if (!depth)
				break;
			depth--;
		} else if (*p == ',' && !depth) {
			return false;
		} else if (*p == '*') {
			star = true;
		} else if (ident_start_c(*p)) {
			const unsigned char *t = p;

			p = ident_end(p, e);
			record |= has(&d->records, (const char *)t, (size_t)(p - t));
			last = t;
			*plen = (size_t)(p - t);
			p--;
		}
	}
	*pn = last;
	return p < e && record && star && last;
}

/* Is p the first non-blank character of its line? */
static bool line_start(const char *text, const unsigned char *p)
{
	while (p > (const unsigned char *)text && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	return p == (const unsigned char *)text || p[-1] == '\n';
}

/*
 * Does the identifier at t follow a type, as a function's name in its
 * definition or prototype does ("int foo(", "*foo(", "__init foo(")?  Not
 * a macro invoked at file scope ("MODULE_LICENSE(", "static LIST_HEAD(").
 */
static bool after_type(const char *text, const unsigned char *t)
{
	static const char *const not_types[] = { "static", "extern", "inline", "const",
						 "volatile", "return" };
	const unsigned char *b = t, *e;
	size_t i;

	while (b > (const unsigned char *)text && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n'))
		b--;
	if (b == (const unsigned char *)text)
		return false;
	if (b[-1] == '*')
		return true;
	if (!ident_char_c(b[-1]))
		return false;
	e = b;
	while (b > (const unsigned char *)text && ident_char_c(b[-1]))
		b--;
	for (i = 0; i < sizeof(not_types) / sizeof(not_types[0]); i++)
		if ((size_t)(e - b) == strlen(not_types[i]) && !memcmp(b, not_types[i], (size_t)(e - b)))
			return false;
	return true;
}

/*
 * Is the declaration [h, t) static?  A static function of this file is
 * never what another file's call reaches (fx_find_func(): C linkage).
 */
static bool has_static(const unsigned char *h, const unsigned char *t)
{
	const unsigned char *p;

	for (p = h; p + 6 <= t; p++)
		if (!memcmp(p, "static", 6) && (p == h || !ident_char_c(p[-1])) &&
		    (p + 6 == t || !ident_char_c(p[6])))
			return true;
	return false;
}

/* A device release [t, e) called at q ('(') whose first argument has a member access. */
static bool member_release(const unsigned char *t, const unsigned char *e,
			   const unsigned char *q, const unsigned char *end)
{
	char name[64];
	unsigned depth = 0;

	if ((size_t)(e - t) >= sizeof(name))
		return false;
	memcpy(name, t, (size_t)(e - t));
	name[e - t] = '\0';
	if (!is_release_of_class(name, "device"))
		return false;
	for (q++; q < end; q++) {
		if (*q == '(')
			depth++;
		else if (*q == ')' && !depth--)
			return false;
		else if ((*q == ',' && !depth) || *q == ';')
			return false;
		else if (*q == '.' || (*q == '-' && q + 1 < end && q[1] == '>'))
			return true;
	}
	return false;
}

bool demand_wanted(const struct demand *d, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	const unsigned char *decl = p, *param = NULL;
	size_t plen = 0;
	unsigned depth = 0;

	while (p < end) {
		unsigned char c = *p;

		if (c == '/' && p + 1 < end && p[1] == '*') {
			const unsigned char *q = (const unsigned char *)
				memmem(p + 2, (size_t)(end - p - 2), "*/", 2);

			p = q ? q + 2 : end;
		} else if (c == '/' && p + 1 < end && p[1] == '/') {
			while (p < end && *p != '\n')
				p++;
		} else if (c == '#' && line_start(text, p)) {
			/* a directive, continuations included: macros define nothing here */
			while (p < end && (*p != '\n' || p[-1] == '\\'))
				p++;
		} else if (c == '"' || c == '\'') {
			for (p++; p < end && *p != c && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end)
					p++;
			p++;
		} else if (c == '{') {
			if (!depth++)
				param = put_helper_header(d, decl, p, &param, &plen) ? param : NULL;
			p++;
		} else if (c == '}' || (c == ';' && !depth)) {
			depth -= c == '}' && depth > 0;
			if (!depth) {
				decl = p + 1;
				param = NULL;
			}
			p++;
		} else if (ident_start_c(c)) {
			const unsigned char *t = p, *q;

			p = ident_end(p, end);
			q = skip_space(p, end);
			/* a name defined (or declared) here that the run calls */
			if (!depth && q < end && *q == '(' && after_type(text, t) &&
			    !has_static(decl, t) && has(&d->names, (const char *)t, (size_t)(p - t)))
				return true;
			/*
			 * a put helper's body: a device release of a member
			 * (summary.c's put_visit(): p->dev, &f->dev of a local
			 * made from the parameter)
			 */
			if (depth && param && q < end && *q == '(' && member_release(t, p, q, end))
				return true;
		} else if (c >= '0' && c <= '9') {
			p = ident_end(p, end);
		} else {
			p++;
		}
	}
	return false;
}

unsigned demand_size(const struct demand *d)
{
	return d ? d->names.n + d->records.n : 0;
}

void demand_free(struct demand *d)
{
	unsigned i;

	if (!d)
		return;
	for (i = 0; i < d->names.cap; i++)
		free(d->names.slot[i]);
	for (i = 0; i < d->records.cap; i++)
		free(d->records.slot[i]);
	free(d->names.slot);
	free(d->records.slot);
	free(d);
}
