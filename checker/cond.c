// SPDX-License-Identifier: GPL-2.0
/*
 * cond.c - condition text to atoms: a small parser over the squeezed source text of
 * a condition (&&, ||, !, comparisons with 0/NULL, IS_ERR*, WARN_ON-style
 * wrappers), so macro-wrapped tests read like plain ones.
 */
#include <string.h>

#include "cfg-internal.h"

/* ---- text helpers ---- */

bool cfg_is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *cfg_squeeze(struct arena *a, const char *text)
{
	size_t n = text ? strlen(text) : 0, i, j = 0, len;
	char *out = arena_alloc(a, n + 1);
	bool again = true;

	for (i = 0; i < n; i++)
		if (text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\\')
			out[j++] = text[i];
	out[j] = 0;
	while (again && (len = strlen(out)) >= 2 && out[0] == '(' && out[len - 1] == ')') {
		int depth = 0;

		again = true;
		for (i = 0; i < len - 1; i++) {
			depth += out[i] == '(' ? 1 : out[i] == ')' ? -1 : 0;
			if (!depth) {
				again = false;
				break;
			}
		}
		if (again) {
			memmove(out, out + 1, len - 2);
			out[len - 2] = 0;
		}
	}
	return out;
}


/* ---- condition text -> atoms ---- */

struct ct_parse {
	struct arena *arena;
	const char *s;		/* squeezed text */
	size_t pos;
	bool bad;
};

static struct ct *ct_new(struct ct_parse *p, enum ct_kind kind)
{
	struct ct *c = arena_alloc(p->arena, sizeof(*c));

	c->kind = kind;
	return c;
}

static bool ct_eat(struct ct_parse *p, const char *tok)
{
	size_t n = strlen(tok);

	if (strncmp(p->s + p->pos, tok, n))
		return false;
	/* "!" must not eat the first half of "!=", nor "<" of "<<" */
	if (n == 1 && (tok[0] == '!' || tok[0] == '<' || tok[0] == '>') &&
	    (p->s[p->pos + 1] == '=' || (tok[0] != '!' && p->s[p->pos + 1] == tok[0])))
		return false;
	p->pos += n;
	return true;
}

static struct ct *ct_or(struct ct_parse *p);

/* End of a balanced operand starting at pos: stops at a top-level operator. */
static size_t operand_end(const struct ct_parse *p, size_t pos)
{
	int depth = 0;

	for (; p->s[pos]; pos++) {
		char c = p->s[pos], d = p->s[pos + 1];

		if (c == '(' || c == '[') {
			depth++;
			continue;
		}
		if (c == ')' || c == ']') {
			if (!depth)
				break;
			depth--;
			continue;
		}
		if (depth)
			continue;
		if ((c == '&' && d == '&') || (c == '|' && d == '|') || (c == '=' && d == '=') ||
		    (c == '!' && d == '=') || c == '<' || (c == '>' && (!pos || p->s[pos - 1] != '-')) ||
		    c == '?' || c == ',')
			break;
	}
	return pos;
}

static const char *const transparent[] = {
	"WARN_ON", "WARN_ON_ONCE", "WARN", "WARN_ONCE", "unlikely", "likely", "!!",
};

static const char *ct_slice(struct ct_parse *p, size_t from, size_t to)
{
	return cfg_squeeze(p->arena, arena_strndup(p->arena, p->s + from, to - from));
}

/* name(...) at pos: the callee name length, 0 if not a call. */
static size_t call_name(const struct ct_parse *p, size_t pos)
{
	size_t n = 0;

	while (cfg_is_ident_char(p->s[pos + n]))
		n++;
	return n && p->s[pos + n] == '(' ? n : 0;
}

/*
 * "v=expr" (an assignment tested by its value, already squeezed): the test
 * is on v, so `if ((p = lookup()))` reads as a test of p.
 */
static const char *assigned_var(struct arena *a, const char *subject)
{
	size_t i, n = 0;

	while (cfg_is_ident_char(subject[n]))
		n++;
	if (!n || subject[n] != '=' || subject[n + 1] == '=' || (subject[0] >= '0' && subject[0] <= '9'))
		return subject;
	for (i = 0; i < n; i++)
		if (subject[i] < '0' || subject[i] > '9')
			break;
	return arena_strndup(a, subject, n);
}

static struct ct *ct_primary(struct ct_parse *p)
{
	size_t start = p->pos, end, n;
	struct ct *c;
	unsigned i;

	if (ct_eat(p, "!")) {
		c = ct_new(p, CT_NOT);
		c->a = ct_primary(p);
		return c;
	}
	if (p->s[p->pos] == '(') {
		size_t save = p->pos;

		p->pos++;
		c = ct_or(p);
		if (!p->bad && ct_eat(p, ")"))
			goto out_cmp;
		p->pos = save;
		p->bad = false;
	}
	n = call_name(p, p->pos);
	for (i = 0; n && i < sizeof(transparent) / sizeof(transparent[0]); i++) {
		if (strlen(transparent[i]) != n || strncmp(p->s + p->pos, transparent[i], n))
			continue;
		p->pos += n + 1;
		c = ct_or(p);
		/* WARN(cond, fmt, ...): the test is the first argument */
		end = operand_end(p, p->pos);
		while (p->s[end] == ',')
			end = operand_end(p, end + 1);
		p->pos = end;
		if (!ct_eat(p, ")"))
			p->bad = true;
		goto out_cmp;
	}
	if ((n == 6 && !strncmp(p->s + p->pos, "IS_ERR", 6)) ||
	    (n == 14 && !strncmp(p->s + p->pos, "IS_ERR_OR_NULL", 14))) {
		size_t arg = p->pos + n + 1;

		end = operand_end(p, arg);
		if (p->s[end] != ')') {
			p->bad = true;
			return NULL;
		}
		c = ct_new(p, CT_ATOM);
		c->test = n == 6 ? CFG_T_IS_ERR : CFG_T_IS_ERR_OR_NULL;
		c->subject = assigned_var(p->arena, ct_slice(p, arg, end));
		p->pos = end + 1;
		goto out_cmp;
	}
	end = operand_end(p, p->pos);
	if (end == start) {
		p->bad = true;
		return NULL;
	}
	c = ct_new(p, CT_ATOM);
	c->subject = assigned_var(p->arena, ct_slice(p, start, end));
	c->test = CFG_T_TRUTH;
	if (!strcmp(c->subject, "0") || !strcmp(c->subject, "false") ||
	    !strcmp(c->subject, "1") || !strcmp(c->subject, "true")) {
		c->kind = CT_CONST;
		c->value = c->subject[0] == '1' || c->subject[0] == 't';
	}
	p->pos = end;
out_cmp:
	/* comparisons against 0 / NULL keep the atom; others become opaque */
	{
		static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
		size_t rs, re;
		const char *rhs;

		for (i = 0; i < 6; i++)
			if (ct_eat(p, ops[i]))
				break;
		if (i == 6)
			return c;
		rs = p->pos;
		re = operand_end(p, rs);
		rhs = ct_slice(p, rs, re);
		p->pos = re;
		if (c && c->kind == CT_ATOM && c->test == CFG_T_TRUTH &&
		    (!strcmp(rhs, "0") || !strcmp(rhs, "NULL") || !strcmp(rhs, "false"))) {
			struct ct *neg;

			switch (i) {
			case 0:	/* == 0 */
				neg = ct_new(p, CT_NOT);
				neg->a = c;
				return neg;
			case 1:	/* != 0 */
				return c;
			case 3:	/* >= 0 */
				c->test = CFG_T_NEG;
				neg = ct_new(p, CT_NOT);
				neg->a = c;
				return neg;
			case 4:	/* < 0 */
				c->test = CFG_T_NEG;
				return c;
			default:
				break;
			}
		}
		c = ct_new(p, CT_ATOM);
		c->test = CFG_T_OPAQUE;
		c->subject = ct_slice(p, start, re);
		return c;
	}
}

static struct ct *ct_and(struct ct_parse *p)
{
	struct ct *l = ct_primary(p);

	while (!p->bad && ct_eat(p, "&&")) {
		struct ct *n = ct_new(p, CT_AND);

		n->a = l;
		n->b = ct_primary(p);
		l = n;
	}
	return l;
}

static struct ct *ct_or(struct ct_parse *p)
{
	struct ct *l = ct_and(p);

	while (!p->bad && ct_eat(p, "||")) {
		struct ct *n = ct_new(p, CT_OR);

		n->a = l;
		n->b = ct_and(p);
		l = n;
	}
	return l;
}

struct ct *ct_parse_text(struct arena *a, const char *text)
{
	struct ct_parse p = { .arena = a };
	struct ct *c;

	if (!text)
		return NULL;
	p.s = cfg_squeeze(a, text);
	c = ct_or(&p);
	if (p.bad || !c || p.s[p.pos])
		return NULL;
	return c;
}

static void ct_atoms(const struct ct *c, bool neg, cfg_atom_fn fn, void *arg, unsigned *n)
{
	if (!c)
		return;
	switch (c->kind) {
	case CT_NOT:
		ct_atoms(c->a, !neg, fn, arg, n);
		break;
	case CT_AND:
	case CT_OR:
		ct_atoms(c->a, neg, fn, arg, n);
		ct_atoms(c->b, neg, fn, arg, n);
		break;
	case CT_ATOM:
		fn(c->test, c->subject, neg, arg);
		(*n)++;
		break;
	case CT_CONST:
		break;
	}
}

unsigned cfg_cond_atoms(const char *text, cfg_atom_fn fn, void *arg)
{
	struct arena a = { 0 };
	struct ct *c = ct_parse_text(&a, text);
	unsigned n = 0;

	ct_atoms(c, false, fn, arg, &n);
	arena_free(&a);
	return n;
}

