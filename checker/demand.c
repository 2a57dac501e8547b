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
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg-internal.h"
#include "demand.h"
#include "query.h"
#include "registry.h"
#include "summary.h"
#include "table.h"
#include "util.h"

struct set {
	char **slot;		/* open addressing; NULL = empty */
	unsigned cap, n;
};

/*
 * What the run asks for: functions by name, put helpers by record, and the
 * files that name a release candidate (a function shaped like a device
 * release that frees its argument or does nothing, or a class/device_type
 * that names one): embedded-device-release's bindings in another file.
 */
struct demand {
	struct set names, records, releases;
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

/*
 * A release embedded-device-release checks when another file binds it:
 * release-shaped, freeing its argument or empty, and reachable from that
 * file (C linkage: fx_find_func()).
 */
static bool release_candidate(const struct fx_func *fn)
{
	return !fn->is_static && q_release_shaped(fn) &&
	       ((fn->body->kind == FXS_BLOCK && !fn->body->nkids) || q_release_frees_param(fn));
}

/* A class or device_type another file may bind, whose release is a candidate. */
static void add_release_vars(struct demand *d, const struct fx_program *prog)
{
	unsigned t, i;

	for (t = 0; t < prog->ntus; t++)
		for (i = 0; i < prog->tus[t]->nvars; i++) {
			const struct fx_var *v = &prog->tus[t]->vars[i];
			const struct fx_init_field *f = NULL;
			const struct fx_expr *cb;

			if (v->is_static || !v->record || !v->init)
				continue;
			if (!strcmp(v->record, "class"))
				f = fx_init_get(v->init, "dev_release");
			else if (!strcmp(v->record, "device_type"))
				f = fx_init_get(v->init, "release");
			cb = f ? fx_strip(f->value) : NULL;
			if (cb && cb->kind == FXE_IDENT && cb->name &&
			    has(&d->releases, cb->name, strlen(cb->name)))
				add(&d->releases, v->name, strlen(v->name));
		}
}

struct demand *demand_of(const struct fx_program *prog)
{
	struct demand *d = xcalloc(1, sizeof(*d));

	demand_add(d, prog, prog);
	return d;
}

void demand_add(struct demand *d, const struct fx_program *fresh, const struct fx_program *all)
{
	unsigned t, i;

	for (t = 0; t < fresh->ntus; t++) {
		const struct fx_tu *tu = fresh->tus[t];

		for (i = 0; i < tu->nfuncs; i++) {
			const struct fx_func *fn = &tu->funcs[i];
			struct scan s = { d, false };
			char rec[128];

			if (!fn->body)
				continue;
			fx_walk_stmt(fn->body, NULL, visit_expr, &s);
			if (s.acquires && own_record_of(fn->ret_type, rec, sizeof(rec)))
				add(&d->records, rec, strlen(rec));
			if (release_candidate(fn))
				add(&d->releases, fn->name, strlen(fn->name));
		}
	}
	if (d->releases.n)
		add_release_vars(d, all);
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
 * Past the comment, directive (continuations included: macros define
 * nothing here) or literal at p; p when there is none.
 */
static const unsigned char *skip_noise(const char *text, const unsigned char *p,
				       const unsigned char *end)
{
	const unsigned char *q;
	unsigned char c = *p;

	if (c == '/' && p + 1 < end && p[1] == '*') {
		q = (const unsigned char *)memmem(p + 2, (size_t)(end - p - 2), "*/", 2);
		return q ? q + 2 : end;
	}
	if (c == '/' && p + 1 < end && p[1] == '/') {
		q = (const unsigned char *)memchr(p, '\n', (size_t)(end - p));
		return q ? q : end;
	}
	if (c == '#' && line_start(text, p)) {
		for (q = p; q < end && (*q != '\n' || q[-1] == '\\'); q++)
			;
		return q;
	}
	if (c != '"' && c != '\'')
		return p;
	for (q = p + 1; q < end && *q != c && *q != '\n'; q++)
		if (*q == '\\' && q + 1 < end)
			q++;
	return q + 1 < end ? q + 1 : end;
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

static bool is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The header ending at brace (a definition's '{') has one parameter,
 * "struct device *NAME" (qualifiers and a trailing attribute allowed):
 * its name in [*pn, *pn + *plen).  Over-approximates q_release_shaped():
 * the return type is not looked at.
 */
static bool release_header(const unsigned char *h, const unsigned char *brace,
			   const unsigned char **pn, size_t *plen)
{
	const unsigned char *p = brace, *close, *q, *t;
	bool st = false, dev = false, star = false;
	unsigned depth = 0;

	while (p > h && is_blank(p[-1]))
		p--;
	if (p == h || p[-1] != ')')
		return false;
	close = --p;
	while (p > h) {
		p--;
		if (*p == ')')
			depth++;
		else if (*p == '(' && !depth--)
			break;
	}
	if (*p != '(')
		return false;
	*pn = NULL;
	for (q = p + 1; q < close && !*pn; q++) {
		if (is_blank(*q))
			continue;
		if (*q == '/' && q + 1 < close && q[1] == '*') {
			t = (const unsigned char *)memmem(q + 2, (size_t)(close - q - 2), "*/", 2);
			if (!t)
				return false;
			q = t + 1;
		} else if (*q == '*') {
			if (!dev)
				return false;
			star = true;
		} else if (!ident_start_c(*q)) {
			return false;
		} else {
			t = q;
			q = ident_end(q, close);
			if (star) {
				*pn = t;
				*plen = (size_t)(q - t);
			} else if (q - t == 6 && !memcmp(t, "struct", 6)) {
				st = true;
			} else if (st && !dev && q - t == 6 && !memcmp(t, "device", 6)) {
				dev = true;
			}
			q--;
		}
	}
	return dev && star && *pn;
}

/* Bit n of [c]: a device-lifetime.tbl name of n bytes begins with c (role_word()'s filter). */
static uint64_t life_len[256];
static pthread_once_t life_once = PTHREAD_ONCE_INIT;

static void life_init(void)
{
	const struct tbl *t = tbl_get("device-lifetime");
	unsigned i;

	for (i = 0; t && i < t->nrows; i++) {
		size_t n = strlen(t->rows[i].fields[0]);

		if (n && n < 64)
			life_len[(unsigned char)t->rows[i].fields[0][0]] |= 1ULL << n;
	}
}

/* [t, e) is a function of device-lifetime.tbl's role ("init", "free": kfree, kvfree). */
static bool role_word(const unsigned char *t, const unsigned char *e, const char *role)
{
	const struct tbl_row *row;
	char name[64];

	pthread_once(&life_once, life_init);
	if ((size_t)(e - t) >= sizeof(name) || !(life_len[*t] >> (e - t) & 1))
		return false;
	memcpy(name, t, (size_t)(e - t));
	name[e - t] = '\0';
	row = tbl_find(tbl_get("device-lifetime"), 0, name);
	return row && row->nfields > 1 && !strcmp(row->fields[1], role);
}

/* The ')' closing the '(' before q, or NULL. */
static const unsigned char *close_paren(const unsigned char *q, const unsigned char *e)
{
	unsigned depth = 0;

	for (; q < e; q++)
		if (*q == '(')
			depth++;
		else if (*q == ')' && !depth--)
			return q;
	return NULL;
}

/*
 * [a, ae) and [b, be) spell the same, blanks and parentheses aside (the
 * facts strip parentheses: "(dev)" is dev, "&(x)->dev" a member of x).
 */
static bool same_text(const unsigned char *a, const unsigned char *ae, const unsigned char *b,
		      const unsigned char *be)
{
	for (;;) {
		while (a < ae && (is_blank(*a) || *a == '(' || *a == ')'))
			a++;
		while (b < be && (is_blank(*b) || *b == '(' || *b == ')'))
			b++;
		if (a == ae || b == be)
			return a == ae && b == be;
		if (*a++ != *b++)
			return false;
	}
}

/*
 * The argument at q (after the call's '(') is [s, s + n), maybe cast or
 * parenthesised: "dev)", "(void *)dev)", "(dev))" - what fx_strip()
 * reduces to that spelling; "to_foo(dev)" and "dev->p" are not "dev".
 */
static bool arg_is(const unsigned char *q, const unsigned char *e, const unsigned char *s,
		   size_t n, unsigned depth)
{
	const unsigned char *c;

	q = skip_space(q, e);
	if (q < e && *q == '(') {
		if (depth > 8)
			return true;	/* casts this deep: cannot tell, so it may be */
		for (c = q + 1; c < e && (ident_char_c(*c) || is_blank(*c) || *c == '*'); c++)
			;
		if (c < e && *c == ')' && arg_is(c + 1, e, s, n, depth + 1))
			return true;
	}
	c = close_paren(q, e);
	return c && same_text(q, c, s, s + n);
}

/*
 * kfree(x) and device_initialize(&x->f) / device_register(&x->f) in one
 * definition's body [b, e), x spelt the same (the rule's kfree after the
 * init call, as text: order and paths are the rule's to see).
 */
static bool init_then_free(const unsigned char *b, const unsigned char *e)
{
	const unsigned char *base[8], *base_end[8], *p, *t, *q, *c, *m;
	unsigned nbase = 0, i, pass;

	for (pass = 0; pass < 2; pass++) {
		for (p = b; p < e;) {
			if (*p == '/' && p + 1 < e && p[1] == '*') {
				t = (const unsigned char *)memmem(p + 2, (size_t)(e - p - 2), "*/", 2);
				p = t ? t + 2 : e;
				continue;
			}
			if (*p == '"' || *p == '\'') {
				for (t = p++; p < e && *p != *t && *p != '\n'; p++)
					if (*p == '\\' && p + 1 < e)
						p++;
				p++;
				continue;
			}
			if (!ident_start_c(*p) || (p > b && ident_char_c(p[-1]))) {
				p++;
				continue;
			}
			t = p;
			p = ident_end(p, e);
			q = skip_space(p, e);
			if (q >= e || *q != '(')
				continue;
			if (!pass && role_word(t, p, "init")) {
				if (nbase == 8)
					return true;	/* more than it keeps: the file may have one */
				/* &x->f: x is what the last member access is taken of */
				q = skip_space(q + 1, e);
				if (q >= e || *q != '&' || !(c = close_paren(q + 1, e)))
					continue;
				for (m = c; m > q + 1 && m[-1] != '.' && !(m[-1] == '>' && m - 2 > q && m[-2] == '-'); m--)
					;
				if (m > q + 1) {
					base[nbase] = q + 1;
					base_end[nbase++] = m[-1] == '.' ? m - 1 : m - 2;
				}
			} else if (pass && role_word(t, p, "free")) {
				for (i = 0; i < nbase; i++)
					if (arg_is(q + 1, e, base[i], (size_t)(base_end[i] - base[i]), 0))
						return true;
			}
		}
		if (!nbase)
			return false;
	}
	return false;
}

/*
 * The body [b, e) of a release-shaped definition whose parameter is
 * [pn, pn + plen): empty, or freeing the parameter (q_release_frees_param()
 * as text: the rule's candidates, over-approximated).
 */
static bool release_body(const char *text, const unsigned char *b, const unsigned char *e,
			 const unsigned char *pn, size_t plen)
{
	const unsigned char *p = b, *t;
	bool empty = true;

	while (p < e) {
		if (*p == '/' && p + 1 < e && p[1] == '*') {
			t = (const unsigned char *)memmem(p + 2, (size_t)(e - p - 2), "*/", 2);
			p = t ? t + 2 : e;
		} else if (*p == '/' && p + 1 < e && p[1] == '/') {
			while (p < e && *p != '\n')
				p++;
		} else if (*p == '#' && line_start(text, p)) {
			while (p < e && (*p != '\n' || p[-1] == '\\'))
				p++;
		} else if (is_blank(*p)) {
			p++;
		} else if (ident_start_c(*p)) {
			empty = false;
			t = p;
			p = ident_end(p, e);
			if (role_word(t, p, "free")) {
				t = skip_space(p, e);
				if (t < e && *t == '(' && arg_is(t + 1, e, pn, plen, 0))
					return true;
			}
		} else {
			empty = false;
			p++;
		}
	}
	return empty;
}

unsigned demand_kind(int rule)
{
	if (rule >= 0 && rule < RULE_COUNT && !strcmp(rule_meta[rule].id, "device-lookup-put"))
		return DEMAND_SUMMARIES;
	if (rule >= 0 && rule < RULE_COUNT && !strcmp(rule_meta[rule].id, "embedded-device-release"))
		return DEMAND_RELEASES;
	return DEMAND_ALL;
}

/*
 * What a deferred file can supply, read once from its text (the demand
 * grows each round; the text does not): its depth-0 names, the headers of
 * its put-helper-shaped definitions, whether it defines a release the
 * rule reports, and the identifiers it names.
 */
struct demand_profile {
	bool candidate;		/* a release candidate or a kfree after an init, as text */
	unsigned nnames, nheads, nids;
	char **names;		/* not static, at depth 0, after a type: "int foo(" */
	char **heads;		/* headers of definitions whose body releases a member */
	uint64_t *ids;		/* hashes of its identifiers, an open-addressed set (0: empty) */
	unsigned idmask;
};

static void push_str(char ***v, unsigned *n, const unsigned char *s, size_t len)
{
	if (!(*n & (*n + 1)) || !*n)
		*v = xrealloc(*v, (2 * (size_t)*n + 2) * sizeof(**v));
	(*v)[*n] = xmalloc(len + 1);
	memcpy((*v)[*n], s, len);
	(*v)[(*n)++][len] = '\0';
}

struct demand_profile *demand_profile_new(const char *text, size_t len, unsigned kinds)
{
	struct demand_profile *pr = xcalloc(1, sizeof(*pr));
	bool rels = kinds & DEMAND_RELEASES, put = false;
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	const unsigned char *decl = p, *body = NULL, *rpn = NULL, *open = NULL;
	size_t rplen = 0, idcap = 0;
	unsigned depth = 0;
	bool init = false;

	while (p < end) {
		unsigned char c = *p;
		const unsigned char *q;

		if ((q = skip_noise(text, p, end)) != p) {
			p = q;
		} else if (c == '{') {
			if (!depth++) {
				body = rels && release_header(decl, p, &rpn, &rplen) ? p + 1 : NULL;
				open = p;
				put = false;
			}
			p++;
		} else if (c == '}' || (c == ';' && !depth)) {
			depth -= c == '}' && depth > 0;
			if (!depth && c == '}' && open) {
				/* a release candidate defined here (the binding may be here too) */
				if (body && release_body(text, body, p, rpn, rplen))
					pr->candidate = true;
				/* kfree(x) and device_register(&x->dev) in one definition */
				if (init && init_then_free(open + 1, p))
					pr->candidate = true;
				if (put)
					push_str(&pr->heads, &pr->nheads, decl, (size_t)(open - decl));
			}
			if (!depth) {
				decl = p + 1;
				body = NULL;
				open = NULL;
				init = false;
				put = false;
			}
			p++;
		} else if (ident_start_c(c)) {
			const unsigned char *t = p, *q;

			p = ident_end(p, end);
			q = skip_space(p, end);
			init |= rels && depth && q < end && *q == '(' && role_word(t, p, "init");
			if (rels) {
				if (pr->nids == idcap) {
					idcap = idcap ? 2 * idcap : 256;
					pr->ids = xrealloc(pr->ids, idcap * sizeof(*pr->ids));
				}
				pr->ids[pr->nids++] = str_hash64_n((const char *)t, (size_t)(p - t));
			}
			/* a name defined (or declared) here that the run may call */
			if (!depth && q < end && *q == '(' && after_type(text, t) &&
			    !has_static(decl, t))
				push_str(&pr->names, &pr->nnames, t, (size_t)(p - t));
			/*
			 * a put helper's body: a device release of a member
			 * (summary.c's put_visit(): p->dev, &f->dev of a local
			 * made from the parameter)
			 */
			if (depth && q < end && *q == '(' && member_release(t, p, q, end))
				put = true;
		} else if (c >= '0' && c <= '9') {
			p = ident_end(p, end);
		} else {
			p++;
		}
	}
	if (pr->nids) {
		/* the hashes become a set: ids[h & mask], probing on (0 is never a hash here) */
		unsigned cap = 16, i, k;
		uint64_t *set;

		while (cap < 2 * pr->nids)
			cap *= 2;
		set = xcalloc(cap, sizeof(*set));
		for (i = 0; i < pr->nids; i++) {
			uint64_t h = pr->ids[i] | 1;

			for (k = (unsigned)h & (cap - 1); set[k] && set[k] != h; k = (k + 1) & (cap - 1))
				;
			set[k] = h;
		}
		free(pr->ids);
		pr->ids = set;
		pr->idmask = cap - 1;
	}
	return pr;
}

static bool has_id(const struct demand_profile *pr, uint64_t h)
{
	unsigned k;

	h |= 1;
	for (k = (unsigned)h & pr->idmask; pr->ids[k]; k = (k + 1) & pr->idmask)
		if (pr->ids[k] == h)
			return true;
	return false;
}

unsigned demand_profile_hits(const struct demand *d, const struct demand_profile *pr,
			     unsigned kinds)
{
	const unsigned char *pn;
	unsigned i, n = 0;
	size_t plen;

	if ((kinds & DEMAND_RELEASES) && pr->candidate)
		n++;
	if ((kinds & DEMAND_RELEASES) && pr->nids)
		for (i = 0; i < d->releases.cap; i++) {
			uint64_t h;

			if (!d->releases.slot[i])
				continue;
			h = str_hash64_n(d->releases.slot[i], strlen(d->releases.slot[i]));
			n += has_id(pr, h);
		}
	if (!(kinds & DEMAND_SUMMARIES))
		return n;
	for (i = 0; i < pr->nnames; i++)
		n += has(&d->names, pr->names[i], strlen(pr->names[i]));
	for (i = 0; i < pr->nheads; i++) {
		const unsigned char *h = (const unsigned char *)pr->heads[i];

		n += put_helper_header(d, h, h + strlen(pr->heads[i]), &pn, &plen);
	}
	return n;
}

void demand_profile_free(struct demand_profile *pr)
{
	unsigned i;

	if (!pr)
		return;
	for (i = 0; i < pr->nnames; i++)
		free(pr->names[i]);
	for (i = 0; i < pr->nheads; i++)
		free(pr->heads[i]);
	free(pr->names);
	free(pr->heads);
	free(pr->ids);
	free(pr);
}

unsigned demand_size(const struct demand *d)
{
	return d ? d->names.n + d->records.n + d->releases.n : 0;
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
	for (i = 0; i < d->releases.cap; i++)
		free(d->releases.slot[i]);
	free(d->names.slot);
	free(d->records.slot);
	free(d->releases.slot);
	free(d);
}

/*
 * Slicing a file parsed only for its summaries: its function definitions,
 * and which of them the run needs.
 */
struct def {
	const unsigned char *name, *start, *open, *close;	/* header from start; body [open, close] */
	size_t nlen;
	bool is_static, needed, put_helper, odd;
	bool rel;	/* embedded-device-release may read it (rel_word(), release-shaped) */
};

struct defs {
	struct def *v;
	unsigned n, cap;
	unsigned *slot, mask;	/* name -> def + 1; 0 = empty */
};

static void defs_index(struct defs *s)
{
	unsigned i, cap = 16, h;

	while (cap < 2 * s->n + 2)
		cap *= 2;
	s->slot = xcalloc(cap, sizeof(*s->slot));
	s->mask = cap - 1;
	for (i = 0; i < s->n; i++) {
		h = (unsigned)str_hash64_n((const char *)s->v[i].name, s->v[i].nlen) & s->mask;
		while (s->slot[h])
			h = (h + 1) & s->mask;
		s->slot[h] = i + 1;
	}
}

/* Mark needed every definition named t (all of them: #if branches may define one twice). */
static void defs_need(struct defs *s, const unsigned char *t, size_t n, unsigned *stack,
		      unsigned *nstack)
{
	unsigned h = (unsigned)str_hash64_n((const char *)t, n) & s->mask, k;

	for (; (k = s->slot[h]); h = (h + 1) & s->mask) {
		struct def *f = &s->v[k - 1];

		if (f->nlen == n && !memcmp(f->name, t, n) && !f->needed) {
			f->needed = true;
			stack[(*nstack)++] = k - 1;
		}
	}
}

/* Every identifier of [p, e) that names a definition of s: needed too. */
static void defs_refs(struct defs *s, const char *text, const unsigned char *p,
		      const unsigned char *e, unsigned *stack, unsigned *nstack)
{
	const unsigned char *t;

	while (p < e) {
		if (*p == '/' && p + 1 < e && p[1] == '*') {
			t = (const unsigned char *)memmem(p + 2, (size_t)(e - p - 2), "*/", 2);
			p = t ? t + 2 : e;
		} else if (*p == '/' && p + 1 < e && p[1] == '/') {
			while (p < e && *p != '\n')
				p++;
		} else if (*p == '"' || *p == '\'') {
			for (t = p++; p < e && *p != *t && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < e)
					p++;
			p++;
		} else if (*p == '#' && line_start(text, p)) {
			/* a directive's macro body may call a definition too: read it */
			p++;
		} else if (ident_start_c(*p)) {
			t = p;
			p = ident_end(p, e);
			defs_need(s, t, (size_t)(p - t), stack, nstack);
		} else if (*p >= '0' && *p <= '9') {
			p = ident_end(p, e);
		} else {
			p++;
		}
	}
}

/*
 * A word embedded-device-release reads in a function: any name of
 * device-lifetime.tbl (its calls: init, put, free, devm; the members a
 * binding assigns; container_of()).
 */
static bool rel_word(const unsigned char *t, const unsigned char *e)
{
	char name[64];

	pthread_once(&life_once, life_init);
	if ((size_t)(e - t) >= sizeof(name) || !(life_len[*t] >> (e - t) & 1))
		return false;
	memcpy(name, t, (size_t)(e - t));
	name[e - t] = '\0';
	return tbl_find(tbl_get("device-lifetime"), 0, name) != NULL;
}

/*
 * The definitions of text: function bodies at brace depth 0 after a ')';
 * rels: mark those embedded-device-release may read.
 */
static void defs_read(struct defs *s, const struct demand *d, const char *text, size_t len,
		      bool rels)
{
	const unsigned char *rpn;
	size_t rplen;
	const unsigned char *p = (const unsigned char *)text, *end = p + len, *decl = p;
	const unsigned char *name = NULL, *param = NULL;
	size_t nlen = 0, plen = 0;
	unsigned depth = 0, named = 0;
	bool put = false;

	while (p < end) {
		unsigned char c = *p;
		const unsigned char *q;

		if ((q = skip_noise(text, p, end)) != p) {
			p = q;
		} else if (c == '{') {
			if (!depth++) {
				const unsigned char *b = p;

				while (b > decl && (b[-1] == ' ' || b[-1] == '\t' || b[-1] == '\n' ||
						    b[-1] == '\r'))
					b--;
				if (b > decl && b[-1] == ')' && name) {
					if (s->n == s->cap) {
						s->cap = s->cap ? 2 * s->cap : 64;
						s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
					}
					s->v[s->n] = (struct def){ .name = name, .nlen = nlen,
								   .start = decl, .open = p,
								   .is_static = has_static(decl, name),
								   .odd = named != 1 };
					s->v[s->n].rel = rels && release_header(decl, p, &rpn, &rplen);
					param = put_helper_header(d, decl, p, &param, &plen) ? param : NULL;
					put = false;
					s->n++;
				}
			}
			p++;
		} else if (c == '}' || (c == ';' && !depth)) {
			depth -= c == '}' && depth > 0;
			if (!depth && c == '}' && s->n && s->v[s->n - 1].open && !s->v[s->n - 1].close &&
			    name) {
				s->v[s->n - 1].close = p;
				s->v[s->n - 1].put_helper = put;
			}
			if (!depth) {
				decl = p + 1;
				name = NULL;
				named = 0;
				param = NULL;
			}
			p++;
		} else if (ident_start_c(c)) {
			const unsigned char *t = p, *q;

			p = ident_end(p, end);
			q = skip_space(p, end);
			if (!depth && q < end && *q == '(') {
				/* the name of a definition: the identifier before its '(' */
				if (!named++) {
					name = t;
					nlen = (size_t)(p - t);
				}
			}
			if (depth && param && q < end && *q == '(' && member_release(t, p, q, end))
				put = true;
			if (rels && depth && s->n && !s->v[s->n - 1].close && rel_word(t, p))
				s->v[s->n - 1].rel = true;
		} else if (c >= '0' && c <= '9') {
			p = ident_end(p, end);
		} else {
			p++;
		}
	}
	/* an unterminated body (a broken file): keep it */
	if (s->n && !s->v[s->n - 1].close)
		s->v[--s->n].close = NULL;
}

unsigned demand_slice(const struct demand *d, const char *text, size_t len, bool rels,
		      unsigned **spans, unsigned *nspans)
{
	struct defs s = { 0 };
	unsigned *stack, nstack = 0, i, needed = 0, n = 0;

	*spans = NULL;
	*nspans = 0;
	defs_read(&s, d, text, len, rels);
	if (!s.n)
		goto out;
	defs_index(&s);
	stack = xcalloc(s.n, sizeof(*stack));
	/*
	 * Seeds: what the profile's hits ask for (a definition the run calls,
	 * not static; a put helper of a record it returns), and whatever the
	 * reading may have got wrong (a header with two "name(" at depth 0:
	 * an attribute or a macro invocation before it).
	 */
	for (i = 0; i < s.n; i++) {
		struct def *f = &s.v[i];

		if (f->odd || f->put_helper || f->rel ||
		    (!f->is_static && has(&d->names, (const char *)f->name, f->nlen))) {
			f->needed = true;
			stack[nstack++] = i;
		}
	}
	/* and what those call or name, in this file: their summaries need it */
	while (nstack) {
		struct def *f = &s.v[stack[--nstack]];

		defs_refs(&s, text, f->start, f->close + 1, stack, &nstack);
	}
	for (i = 0; i < s.n; i++)
		needed += s.v[i].needed;
	*spans = xcalloc(2 * (s.n - needed) + 1, sizeof(**spans));
	for (i = 0; i < s.n; i++)
		if (!s.v[i].needed) {
			(*spans)[n++] = (unsigned)(s.v[i].start - (const unsigned char *)text);
			(*spans)[n++] = (unsigned)(s.v[i].close + 1 - (const unsigned char *)text);
		}
	*nspans = n / 2;
	free(stack);
	free(s.slot);
out:
	free(s.v);
	return needed;
}
