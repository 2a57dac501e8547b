// SPDX-License-Identifier: GPL-2.0
/*
 * cfg.c - per-function CFG over the facts IR and the acquire/release path
 * engine (see cfg.h for the model).
 *
 * The builder lowers the structured statements backwards, each statement
 * given the node that follows it; labels get their join node before the
 * body is lowered so forward and backward gotos resolve alike.  The path
 * engine is a depth-first walk over (node, state) with a visited set: the
 * state is the status of each acquisition site, what is known of the int
 * variables the function returns, the outcome of conditions tested more
 * than once (correlated branches), and the last goto taken.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "cfg.h"
#include "table.h"

struct cfg_stats cfg_stats;

#define NO_NODE UINT_MAX
#define MAX_INTS 8
#define MAX_CONDS 8
#define MAX_ATOMS 32

static void stat_add(unsigned long *c, unsigned long n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

/* ---- text helpers ---- */

static bool is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Copy of text without blanks and without parentheses around the whole of it. */
static char *squeeze(struct arena *a, const char *text)
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

enum ct_kind { CT_AND, CT_OR, CT_NOT, CT_ATOM, CT_CONST };

struct ct {
	enum ct_kind kind;
	struct ct *a, *b;
	enum cfg_test test;
	bool value;		/* CT_CONST */
	const char *subject;
};

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
	return squeeze(p->arena, arena_strndup(p->arena, p->s + from, to - from));
}

/* name(...) at pos: the callee name length, 0 if not a call. */
static size_t call_name(const struct ct_parse *p, size_t pos)
{
	size_t n = 0;

	while (is_ident_char(p->s[pos + n]))
		n++;
	return n && p->s[pos + n] == '(' ? n : 0;
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
		c->subject = ct_slice(p, arg, end);
		p->pos = end + 1;
		goto out_cmp;
	}
	end = operand_end(p, p->pos);
	if (end == start) {
		p->bad = true;
		return NULL;
	}
	c = ct_new(p, CT_ATOM);
	c->subject = ct_slice(p, start, end);
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

/* Parse a condition's text; NULL when it is not understood. */
static struct ct *ct_parse_text(struct arena *a, const char *text)
{
	struct ct_parse p = { .arena = a };
	struct ct *c;

	if (!text)
		return NULL;
	p.s = squeeze(a, text);
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

/* ---- CFG builder ---- */

struct builder {
	struct cfg *g;
	unsigned cap;
	unsigned brk, cont;
	unsigned *cases;	/* of the innermost switch */
	unsigned ncases, capcases;
	unsigned dflt;
	unsigned nlabels;
	const char **label_names;
	unsigned *label_nodes;
};

static unsigned new_node(struct builder *b, enum cfg_node_kind kind, const struct fx_loc *loc)
{
	struct cfg *g = b->g;
	struct cfg_node *n;

	if (g->nnodes == b->cap) {
		struct cfg_node *grown;

		b->cap = b->cap ? 2 * b->cap : 64;
		grown = arena_alloc(&g->arena, b->cap * sizeof(*grown));
		if (g->nnodes)
			memcpy(grown, g->nodes, g->nnodes * sizeof(*grown));
		g->nodes = grown;
	}
	n = &g->nodes[g->nnodes];
	n->kind = kind;
	if (loc)
		n->loc = *loc;
	return g->nnodes++;
}

static void set_succ(struct builder *b, unsigned n, unsigned s0, unsigned s1)
{
	struct cfg_node *node = &b->g->nodes[n];

	node->nsucc = s1 == NO_NODE ? 1 : 2;
	node->succ[0] = s0;
	node->succ[1] = s1;
}

unsigned cfg_succ(const struct cfg_node *n, unsigned i)
{
	return n->xsucc ? n->xsucc[i] : n->succ[i];
}

/* ---- Kconfig: IS_ENABLED(CONFIG_FOO) against the build's autoconf.h ---- */

#define MAX_KCONFIGS 8

static struct {
	char *dir;
	char *text;		/* NULL: the directory has no autoconf.h */
} kconfigs[MAX_KCONFIGS];
static unsigned nkconfigs;
static pthread_mutex_t kconfig_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *autoconf_of(const char *dir)
{
	const char *text = NULL;
	char path[4096];
	unsigned i;

	pthread_mutex_lock(&kconfig_lock);
	for (i = 0; i < nkconfigs; i++)
		if (!strcmp(kconfigs[i].dir, dir))
			break;
	if (i == nkconfigs && nkconfigs < MAX_KCONFIGS) {
		snprintf(path, sizeof(path), "%s/include/generated/autoconf.h", dir);
		kconfigs[i].dir = strdup(dir);
		kconfigs[i].text = kconfigs[i].dir ? read_text_file(path) : NULL;
		nkconfigs++;
	}
	if (i < nkconfigs)
		text = kconfigs[i].text;
	pthread_mutex_unlock(&kconfig_lock);
	return text;
}

static bool kconfig_defined(const char *text, const char *sym, size_t len, const char *suffix)
{
	const char *p = text;
	size_t sl = strlen(suffix);

	while ((p = strstr(p, "#define "))) {
		p += 8;
		if (!strncmp(p, sym, len) && !strncmp(p + len, suffix, sl) && p[len + sl] == ' ')
			return true;
	}
	return false;
}

/*
 * Value of IS_ENABLED/IS_BUILTIN/IS_MODULE/IS_REACHABLE(CONFIG_FOO) in the
 * kernel build the TU comes from: 1, 0, or -1 when unknown.
 */
static int kconfig_test(const struct fx_tu *tu, const char *subject)
{
	static const char *const tests[] = { "IS_ENABLED(", "IS_BUILTIN(", "IS_MODULE(",
					     "IS_REACHABLE(" };
	const char *text, *sym, *end;
	bool y, m;
	unsigned i;

	for (i = 0; i < 4; i++)
		if (!strncmp(subject, tests[i], strlen(tests[i])))
			break;
	if (i == 4 || !tu || !tu->directory)
		return -1;
	sym = subject + strlen(tests[i]);
	end = strchr(sym, ')');
	if (!end || end[1] || strncmp(sym, "CONFIG_", 7))
		return -1;
	text = autoconf_of(tu->directory);
	if (!text)
		return -1;
	y = kconfig_defined(text, sym, (size_t)(end - sym), "");
	m = kconfig_defined(text, sym, (size_t)(end - sym), "_MODULE");
	switch (i) {
	case 0:
	case 3:		/* reachability of a module from builtin code: not known */
		return y || (m && i == 0) ? 1 : m ? -1 : 0;
	case 1:
		return y;
	default:
		return m;
	}
}

static unsigned lower_ct(struct builder *b, const struct ct *c, const struct fx_loc *loc,
			 unsigned t, unsigned f)
{
	unsigned n;
	int k;

	switch (c->kind) {
	case CT_NOT:
		return lower_ct(b, c->a, loc, f, t);
	case CT_AND:
		return lower_ct(b, c->a, loc, lower_ct(b, c->b, loc, t, f), f);
	case CT_OR:
		return lower_ct(b, c->a, loc, t, lower_ct(b, c->b, loc, t, f));
	case CT_CONST:
		return c->value ? t : f;
	case CT_ATOM:
		break;
	}
	if (c->test == CFG_T_TRUTH && (k = kconfig_test(b->g->tu, c->subject)) >= 0)
		return k ? t : f;
	n = new_node(b, CFG_BRANCH, loc);
	b->g->nodes[n].test = c->test;
	b->g->nodes[n].subject = c->subject;
	set_succ(b, n, t, f);
	return n;
}

static bool has_effect(const struct fx_expr *e, void *arg)
{
	bool *found = arg;

	if (e->kind == FXE_CALL || (e->kind == FXE_BINARY && e->op && e->op[0] == '=' && !e->op[1]) ||
	    (e->kind == FXE_UNARY && e->op && (!strcmp(e->op, "++") || !strcmp(e->op, "--")))) {
		*found = true;
		return false;
	}
	return e->kind != FXE_STMTEXPR;
}

static bool same_file(const char *a, const char *b)
{
	const char *ba, *bb;

	if (!a || !b || a == b)
		return true;
	ba = strrchr(a, '/');
	bb = strrchr(b, '/');
	return !strcmp(ba ? ba + 1 : a, bb ? bb + 1 : b);
}

/*
 * Text of an expression that starts inside a macro body: the invocation at
 * its expansion point, "NAME(...)" with balanced parentheses.
 */
static const char *text_at(struct builder *b, const struct fx_expr *e)
{
	const struct fx_tu *tu = b->g->tu;
	const char *src, *p, *end;
	unsigned line = 1;
	int depth = 0;

	if ((e->text && e->text[0]) || !tu || !tu->src || !e->loc.line ||
	    !same_file(e->loc.file, tu->file))
		return e->text;
	src = tu->src;
	end = src + tu->src_len;
	for (p = src; p < end && line < e->loc.line; p++)
		line += *p == '\n';
	p += e->loc.col ? e->loc.col - 1 : 0;
	if (p >= end || !is_ident_char(*p))
		return NULL;
	src = p;
	while (p < end && is_ident_char(*p))
		p++;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (p >= end || *p != '(')
		return arena_strndup(&b->g->arena, src, (size_t)(p - src));
	for (; p < end; p++) {
		depth += *p == '(' ? 1 : *p == ')' ? -1 : 0;
		if (!depth)
			return arena_strndup(&b->g->arena, src, (size_t)(p + 1 - src));
	}
	return NULL;
}

/* Evaluate cond (effects first), then go to t or f. */
static unsigned lower_cond(struct builder *b, const struct fx_expr *cond, unsigned t, unsigned f)
{
	const char *text;
	struct ct *c;
	unsigned entry, n;
	bool effect = false;

	if (!cond)
		return t;
	text = text_at(b, cond);
	c = ct_parse_text(&b->g->arena, text);
	if (c) {
		entry = lower_ct(b, c, &cond->loc, t, f);
	} else {
		struct ct opaque = { .kind = CT_ATOM, .test = CFG_T_OPAQUE };

		opaque.subject = squeeze(&b->g->arena, text ? text : "?");
		entry = lower_ct(b, &opaque, &cond->loc, t, f);
	}
	fx_walk_expr(cond, has_effect, &effect);
	if (!effect)
		return entry;
	n = new_node(b, CFG_EXPR, &cond->loc);
	b->g->nodes[n].expr = cond;
	set_succ(b, n, entry, NO_NODE);
	return n;
}

static unsigned find_label(const struct builder *b, const char *name)
{
	unsigned i;

	for (i = 0; name && i < b->nlabels; i++)
		if (!strcmp(b->label_names[i], name))
			return b->label_nodes[i];
	return NO_NODE;
}

static unsigned build(struct builder *b, const struct fx_stmt *s, unsigned next);

static unsigned build_switch(struct builder *b, const struct fx_stmt *s, unsigned next)
{
	unsigned *save_cases = b->cases, save_n = b->ncases, save_cap = b->capcases;
	unsigned save_dflt = b->dflt, save_brk = b->brk, d, i, n;
	struct cfg_node *node;

	b->cases = NULL;
	b->ncases = b->capcases = 0;
	b->dflt = NO_NODE;
	b->brk = next;
	build(b, s->nkids ? s->kids[0] : NULL, next);
	d = new_node(b, CFG_NOP, &s->loc);
	node = &b->g->nodes[d];
	node->nsucc = b->ncases + 1;
	node->xsucc = arena_alloc(&b->g->arena, node->nsucc * sizeof(unsigned));
	for (i = 0; i < b->ncases; i++)
		node->xsucc[i] = b->cases[i];
	node->xsucc[b->ncases] = b->dflt != NO_NODE ? b->dflt : next;
	node->succ[0] = node->xsucc[0];
	free(b->cases);
	b->cases = save_cases;
	b->ncases = save_n;
	b->capcases = save_cap;
	b->dflt = save_dflt;
	b->brk = save_brk;
	if (!s->expr)
		return d;
	n = new_node(b, CFG_EXPR, &s->loc);
	b->g->nodes[n].expr = s->expr;
	set_succ(b, n, d, NO_NODE);
	return n;
}

static unsigned build_loop(struct builder *b, const struct fx_stmt *s, unsigned next)
{
	unsigned save_brk = b->brk, save_cont = b->cont, head, body, slot, i, entry;

	head = new_node(b, CFG_NOP, &s->loc);
	b->brk = next;
	b->cont = head;
	switch (s->kind) {
	case FXS_WHILE:
		body = build(b, s->nkids ? s->kids[0] : NULL, head);
		set_succ(b, head, lower_cond(b, s->expr, body, next), NO_NODE);
		entry = head;
		break;
	case FXS_DO:
		body = build(b, s->nkids ? s->kids[0] : NULL, head);
		set_succ(b, head, lower_cond(b, s->expr, body, next), NO_NODE);
		entry = body;
		break;
	default:	/* FXS_FOR: kids[0] body, then the header parts */
		body = build(b, s->nkids ? s->kids[0] : NULL, head);
		if (s->expr)
			slot = lower_cond(b, s->expr, body, next);
		else
			slot = body;
		if (s->nkids > 1 || s->expr) {
			if (slot == body)
				set_succ(b, head, body, next);
			else
				set_succ(b, head, slot, NO_NODE);
		} else {
			set_succ(b, head, body, NO_NODE);	/* for (;;) */
		}
		entry = head;
		for (i = s->nkids; i-- > 1;)
			entry = build(b, s->kids[i], entry);
		break;
	}
	b->brk = save_brk;
	b->cont = save_cont;
	return entry;
}

static unsigned build(struct builder *b, const struct fx_stmt *s, unsigned next)
{
	unsigned n, t, f, i;

	if (!s)
		return next;
	switch (s->kind) {
	case FXS_BLOCK:
		for (i = s->nkids; i-- > 0;)
			next = build(b, s->kids[i], next);
		return next;
	case FXS_EXPR:
	case FXS_DECL:
		if (!s->expr)
			return next;
		n = new_node(b, CFG_EXPR, &s->loc);
		b->g->nodes[n].expr = s->expr;
		b->g->nodes[n].decl = s->kind == FXS_DECL ? s->name : NULL;
		set_succ(b, n, next, NO_NODE);
		return n;
	case FXS_IF:
		t = build(b, s->nkids > 0 ? s->kids[0] : NULL, next);
		f = build(b, s->nkids > 1 ? s->kids[1] : NULL, next);
		return lower_cond(b, s->expr, t, f);
	case FXS_WHILE:
	case FXS_DO:
	case FXS_FOR:
		return build_loop(b, s, next);
	case FXS_SWITCH:
		return build_switch(b, s, next);
	case FXS_CASE:
	case FXS_DEFAULT:
		n = new_node(b, CFG_NOP, &s->loc);
		set_succ(b, n, build(b, s->nkids ? s->kids[0] : NULL, next), NO_NODE);
		if (s->kind == FXS_DEFAULT) {
			b->dflt = n;
		} else {
			if (b->ncases == b->capcases) {
				unsigned *grown;

				b->capcases = b->capcases ? 2 * b->capcases : 8;
				grown = realloc(b->cases, b->capcases * sizeof(*grown));
				if (!grown)
					return n;
				b->cases = grown;
			}
			b->cases[b->ncases++] = n;
		}
		return n;
	case FXS_BREAK:
		return b->brk != NO_NODE ? b->brk : next;
	case FXS_CONTINUE:
		return b->cont != NO_NODE ? b->cont : next;
	case FXS_RETURN:
		n = new_node(b, CFG_RETURN, &s->loc);
		b->g->nodes[n].expr = s->expr;
		return n;
	case FXS_GOTO:
		t = find_label(b, s->name);
		if (t == NO_NODE)
			return next;
		n = new_node(b, CFG_NOP, &s->loc);
		b->g->nodes[n].goto_label = s->name;
		set_succ(b, n, t, NO_NODE);
		return n;
	case FXS_LABEL:
		n = find_label(b, s->name);
		t = build(b, s->nkids ? s->kids[0] : NULL, next);
		if (n == NO_NODE)
			return t;
		set_succ(b, n, t, NO_NODE);
		return n;
	default:
		return next;
	}
}

static bool count_label(const struct fx_stmt *s, void *arg)
{
	struct builder *b = arg;

	if (s->kind == FXS_LABEL && s->name) {
		unsigned n = new_node(b, CFG_NOP, &s->loc);

		b->g->nodes[n].label = s->name;
		b->label_names[b->nlabels] = s->name;
		b->label_nodes[b->nlabels++] = n;
	}
	return true;
}

static bool is_label(const struct fx_stmt *s, void *arg)
{
	*(unsigned *)arg += s->kind == FXS_LABEL;
	return true;
}

struct cfg *cfg_build(const struct fx_tu *tu, const struct fx_func *fn)
{
	struct builder b = { .brk = NO_NODE, .cont = NO_NODE, .dflt = NO_NODE };
	struct fx_loc end;
	unsigned nlabels = 0, exit;
	struct cfg *g;

	if (!fn || !fn->body)
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->tu = tu;
	g->fn = fn;
	b.g = g;
	fx_walk_stmt(fn->body, is_label, NULL, &nlabels);
	b.label_names = arena_alloc(&g->arena, (nlabels + 1) * sizeof(char *));
	b.label_nodes = arena_alloc(&g->arena, (nlabels + 1) * sizeof(unsigned));
	fx_walk_stmt(fn->body, count_label, NULL, &b);
	end = fn->loc;
	end.line = fn->end_line ? fn->end_line : fn->loc.line;
	end.col = 1;
	exit = new_node(&b, CFG_RETURN, &end);
	g->entry = build(&b, fn->body, exit);
	free(b.cases);
	return g;
}

void cfg_free(struct cfg *g)
{
	if (!g)
		return;
	arena_free(&g->arena);
	free(g);
}

/* ---- pairs table ---- */

enum result_kind { RES_NULL, RES_ERR, RES_INT };

struct pair {
	const char *acquire;
	const char *class;
	enum result_kind result;
	bool handle_arg1;
	unsigned nrelease;
	const char *const *release;	/* "put_device(&$->dev)" */
};

/* A function that takes over the pointer passed as argument `arg`. */
struct sink {
	const char *name;
	unsigned arg;		/* 1-based */
};

static struct pair *pairs;
static unsigned npairs;
static struct sink *sinks;
static unsigned nsinks;
static pthread_once_t pairs_once = PTHREAD_ONCE_INIT;

static void load_pairs(void)
{
	const struct tbl *t = tbl_get("pairs");
	unsigned i;

	if (!t)
		return;
	pairs = calloc(t->nrows, sizeof(*pairs));
	sinks = calloc(t->nrows, sizeof(*sinks));
	if (!pairs || !sinks)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];
		struct pair *p = &pairs[npairs];

		if (r->nfields == 3 && !strcmp(r->fields[1], "sink")) {
			sinks[nsinks].name = r->fields[0];
			sinks[nsinks].arg = (unsigned)atoi(r->fields[2]);
			nsinks++;
			continue;
		}
		if (r->nfields < 5)
			continue;
		p->acquire = r->fields[0];
		p->class = r->fields[1];
		p->result = !strcmp(r->fields[2], "int") ? RES_INT :
			    !strcmp(r->fields[2], "err") ? RES_ERR : RES_NULL;
		p->handle_arg1 = !strcmp(r->fields[3], "arg1");
		p->nrelease = r->nfields - 4;
		p->release = r->fields + 4;
		npairs++;
	}
}

static const struct pair *pair_of(const char *callee, const char *class)
{
	unsigned i;

	pthread_once(&pairs_once, load_pairs);
	for (i = 0; callee && i < npairs; i++)
		if (!strcmp(pairs[i].acquire, callee) && (!class || !strcmp(pairs[i].class, class)))
			return &pairs[i];
	return NULL;
}

/* Length of the callee name of release form r. */
static size_t release_name_len(const char *r)
{
	const char *paren = strchr(r, '(');

	return paren ? (size_t)(paren - r) : strlen(r);
}

static bool release_named(const char *r, const char *callee)
{
	size_t n = release_name_len(r);

	return callee && strlen(callee) == n && !strncmp(r, callee, n);
}

static bool is_release_name(const char *callee)
{
	unsigned i, r;

	pthread_once(&pairs_once, load_pairs);
	for (i = 0; callee && i < npairs; i++)
		for (r = 0; r < pairs[i].nrelease; r++)
			if (release_named(pairs[i].release[r], callee))
				return true;
	return false;
}

bool cfg_is_acquire(const char *callee, const char *class)
{
	return pair_of(callee, class) != NULL;
}

bool cfg_release_name(const char *acquire, unsigned i, char *buf, size_t size)
{
	const struct pair *p = pair_of(acquire, NULL);
	size_t n;

	if (!p || i >= p->nrelease || !size)
		return false;
	n = release_name_len(p->release[i]);
	if (n >= size)
		n = size - 1;
	memcpy(buf, p->release[i], n);
	buf[n] = 0;
	return true;
}

struct calls_arg {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	const char *callee;
	unsigned depth;
	bool found;
};

static bool calls_visit(const struct fx_expr *e, void *arg)
{
	struct calls_arg *a = arg;
	const char *name = NULL;

	if (e->kind == FXE_CALL)
		name = e->name;
	else if (e->kind == FXE_IDENT && e->ref == FXR_FUNC)
		name = e->name;
	if (!name)
		return true;
	if (!strcmp(name, a->callee)) {
		a->found = true;
		return false;
	}
	if (a->depth && a->prog && e->kind == FXE_IDENT) {
		const struct fx_func *f = fx_find_func(a->prog, a->tu, name, NULL);

		if (f && cfg_func_calls(a->prog, f, a->callee, a->depth - 1)) {
			a->found = true;
			return false;
		}
	}
	return true;
}

bool cfg_func_calls(const struct fx_program *prog, const struct fx_func *fn,
		    const char *callee, unsigned depth)
{
	struct calls_arg a = { prog, fx_func_tu(prog, fn), callee, depth, false };

	if (!fn || !callee)
		return false;
	fx_walk_stmt(fn->body, NULL, calls_visit, &a);
	return a.found;
}

/* ---- path engine ---- */

enum res_state { RS_NONE, RS_PENDING, RS_MAYBE, RS_HELD, RS_DONE };
enum int_fact { IV_UNKNOWN, IV_ZERO, IV_NONZERO };

struct site {
	const struct pair *pair;
	const struct fx_expr *call;
	unsigned node;
	const char *binding;	/* variable (or call text) whose test says if it worked */
	const char *handle;	/* variable or first-argument text naming the resource */
	const char *spelling;	/* the handle as written, for messages */
	bool local;		/* handle based on a local: made by this function */
};

struct pstate {
	unsigned char res[CFG_MAX_SITES];
	unsigned char ints[MAX_INTS];
	unsigned char conds[MAX_CONDS];
	unsigned via;		/* goto node + 1 */
};

struct item {
	unsigned node;
	struct pstate st;
};

struct helper {
	const struct fx_expr *call;
	unsigned mask;		/* sites whose release the helper performs */
};

struct leak_seen {
	unsigned site, node, via;
};

struct walk {
	const struct cfg *g;
	const struct cfg_track *t;
	struct arena *arena;
	unsigned nsites;
	struct site sites[CFG_MAX_SITES];
	unsigned nints;
	const char *ints[MAX_INTS];
	unsigned nconds;
	const char *conds[MAX_CONDS];
	unsigned nhelpers, caphelpers;
	struct helper *helpers;
	/* visited set: open addressing over (node, state) */
	struct item *set;
	size_t setcap, setn;
	struct item *stack;
	size_t nstack, capstack;
	struct leak_seen *seen;
	unsigned nseen, capseen;
	bool oom;
};

static uint64_t item_hash(const struct item *it)
{
	const unsigned char *p = (const unsigned char *)it;
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < sizeof(*it); i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/* Add it to the visited set; false if it was there already. */
static bool visit(struct walk *w, const struct item *it)
{
	size_t i;

	if (2 * (w->setn + 1) > w->setcap) {
		size_t cap = w->setcap ? 2 * w->setcap : 1024, j;
		struct item *grown = calloc(cap, sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return false;
		}
		for (j = 0; j < w->setcap; j++) {
			if (!w->set[j].node)
				continue;
			i = item_hash(&w->set[j]) & (cap - 1);
			while (grown[i].node)
				i = (i + 1) & (cap - 1);
			grown[i] = w->set[j];
		}
		free(w->set);
		w->set = grown;
		w->setcap = cap;
	}
	/* node is stored +1 so that 0 marks an empty slot */
	{
		struct item key = *it;

		key.node++;
		i = item_hash(&key) & (w->setcap - 1);
		while (w->set[i].node) {
			if (!memcmp(&w->set[i], &key, sizeof(key)))
				return false;
			i = (i + 1) & (w->setcap - 1);
		}
		w->set[i] = key;
		w->setn++;
	}
	return true;
}

static void push(struct walk *w, unsigned node, const struct pstate *st)
{
	struct item it;

	memset(&it, 0, sizeof(it));
	it.node = node;
	it.st = *st;
	if (!visit(w, &it))
		return;
	if (w->nstack == w->capstack) {
		size_t cap = w->capstack ? 2 * w->capstack : 256;
		struct item *grown = realloc(w->stack, cap * sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return;
		}
		w->stack = grown;
		w->capstack = cap;
	}
	w->stack[w->nstack++] = it;
}

static int int_index(const struct walk *w, const char *name)
{
	unsigned i;

	for (i = 0; name && i < w->nints; i++)
		if (!strcmp(w->ints[i], name))
			return (int)i;
	return -1;
}

static int cond_index(const struct walk *w, const char *subject)
{
	unsigned i;

	for (i = 0; subject && i < w->nconds; i++)
		if (!strcmp(w->conds[i], subject))
			return (int)i;
	return -1;
}

static const char *norm(struct walk *w, const struct fx_expr *e)
{
	return squeeze(w->arena, e && e->text ? e->text : "");
}

/* Value class of an assigned or returned expression, from its text. */
static enum int_fact value_fact(struct walk *w, const struct pstate *st,
			       const struct fx_expr *e)
{
	static const char *const failing[] = {
		"PTR_ERR(", "ERR_PTR(", "ERR_CAST(", "dev_err_probe(",
	};
	const char *s;
	unsigned i;

	e = fx_strip(e);
	if (!e || !e->text)
		return IV_UNKNOWN;
	s = norm(w, e);
	if (!strcmp(s, "0"))
		return IV_ZERO;
	if (st && e->kind == FXE_IDENT && int_index(w, e->name) >= 0)
		return st->ints[int_index(w, e->name)];
	if ((s[0] == '-' && (s[1] == 'E' || (s[1] >= '1' && s[1] <= '9'))) || !strcmp(s, "NULL"))
		return IV_NONZERO;
	for (i = 0; i < sizeof(failing) / sizeof(failing[0]); i++)
		if (!strncmp(s, failing[i], strlen(failing[i])))
			return IV_NONZERO;
	return IV_UNKNOWN;
}

/* Does ident `name` occur in e outside the arguments of calls? */
static bool uses_outside_calls(const struct fx_expr *e, const char *name)
{
	unsigned i;

	if (!e)
		return false;
	if (e->kind == FXE_IDENT)
		return e->name && !strcmp(e->name, name);
	if (e->kind == FXE_CALL || e->kind == FXE_STMTEXPR)
		return false;
	for (i = 0; i < e->nkids; i++)
		if (uses_outside_calls(e->kids[i], name))
			return true;
	return false;
}

static bool uses_ident(const struct fx_expr *e, const char *name)
{
	unsigned i;

	if (!e)
		return false;
	if (e->kind == FXE_IDENT)
		return e->name && !strcmp(e->name, name);
	for (i = 0; i < e->nkids; i++)
		if (uses_ident(e->kids[i], name))
			return true;
	return false;
}

static bool live(unsigned char s)
{
	return s == RS_PENDING || s == RS_MAYBE || s == RS_HELD;
}

/* Release form r applied to handle h is spelled as arg (blanks removed)? */
static bool release_matches(struct walk *w, const struct site *s, const char *r,
			    const struct fx_expr *arg)
{
	const char *a = norm(w, arg), *dollar, *open = strchr(r, '(');
	size_t pre, hl;

	if (!open || !s->handle)
		return false;
	if (s->pair->handle_arg1) {
		const char *h = s->handle;

		while (*a == '&')
			a++;
		return !strcmp(a, h);
	}
	open++;
	dollar = strchr(open, '$');
	if (!dollar)
		return false;
	pre = (size_t)(dollar - open);
	hl = strlen(s->handle);
	if (strncmp(a, open, pre) || strncmp(a + pre, s->handle, hl))
		return false;
	/* the rest of the form up to its closing parenthesis */
	return !strncmp(a + pre + hl, dollar + 1, strlen(dollar + 1) - 1) &&
	       strlen(a + pre + hl) == strlen(dollar + 1) - 1;
}

static void do_release(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct fx_expr *arg = call->nkids > 1 ? call->kids[1] : NULL;
	int fallback = -1;
	unsigned i, r;

	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		for (r = 0; r < s->pair->nrelease; r++) {
			if (!release_named(s->pair->release[r], call->name))
				continue;
			if (arg && release_matches(w, s, s->pair->release[r], arg)) {
				st->res[i] = RS_DONE;
				return;
			}
			if (s->pair->handle_arg1 && live(st->res[i]))
				fallback = (int)i;
		}
	}
	if (fallback >= 0)
		st->res[fallback] = RS_DONE;
}

/* A sink call takes over the resources whose handle it is passed. */
static void do_sink(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct fx_expr *arg = NULL;
	unsigned i;

	for (i = 0; i < nsinks; i++)
		if (!strcmp(sinks[i].name, call->name) && sinks[i].arg < call->nkids)
			arg = call->kids[sinks[i].arg];
	for (i = 0; arg && i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (live(st->res[i]) && !s->pair->handle_arg1 && s->handle &&
		    uses_outside_calls(arg, s->handle))
			st->res[i] = RS_DONE;
	}
}

static const struct helper *helper_of(const struct walk *w, const struct fx_expr *call)
{
	unsigned i;

	for (i = 0; i < w->nhelpers; i++)
		if (w->helpers[i].call == call)
			return &w->helpers[i];
	return NULL;
}

static void apply_helper(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct helper *h = helper_of(w, call);
	unsigned i;

	for (i = 0; h && i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (!(h->mask & (1u << i)) || !live(st->res[i]))
			continue;
		if (s->pair->handle_arg1 || (s->handle && uses_ident(call, s->handle)))
			st->res[i] = RS_DONE;
	}
}

static int site_of_call(const struct walk *w, const struct fx_expr *call)
{
	unsigned i;

	for (i = 0; i < w->nsites; i++)
		if (w->sites[i].call == call)
			return (int)i;
	return -1;
}

static void on_assign(struct walk *w, struct pstate *st, const struct fx_expr *lhs,
		      const struct fx_expr *rhs)
{
	const struct fx_expr *r = fx_strip(rhs);
	const char *l = norm(w, lhs);
	int acq = r && r->kind == FXE_CALL ? site_of_call(w, r) : -1;
	unsigned i;
	int k;

	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (!live(st->res[i]))
			continue;
		/* handed over: stored in a field, a global, another variable */
		if (!s->pair->handle_arg1 && s->handle && r && r->kind != FXE_CALL &&
		    strcmp(l, s->handle) && uses_outside_calls(r, s->handle)) {
			st->res[i] = RS_DONE;
			continue;
		}
		if (s->binding && !strcmp(l, s->binding) && acq != (int)i) {
			if (st->res[i] == RS_PENDING)
				st->res[i] = s->pair->handle_arg1 ? RS_MAYBE : RS_DONE;
			else if (!s->pair->handle_arg1)
				st->res[i] = RS_DONE;
		}
	}
	k = int_index(w, l);
	if (k >= 0)
		st->ints[k] = value_fact(w, st, rhs);
	k = cond_index(w, l);
	if (k >= 0)
		st->conds[k] = 0;
}

static void effects(struct walk *w, struct pstate *st, const struct fx_expr *e)
{
	unsigned i;
	int k;

	if (!e || e->kind == FXE_STMTEXPR)
		return;
	if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2) {
		effects(w, st, e->kids[1]);
		on_assign(w, st, e->kids[0], e->kids[1]);
		return;
	}
	for (i = 0; i < e->nkids; i++)
		effects(w, st, e->kids[i]);
	if (e->kind == FXE_UNARY && e->op && (!strcmp(e->op, "++") || !strcmp(e->op, "--")) &&
	    e->nkids) {
		k = int_index(w, norm(w, e->kids[0]));
		if (k >= 0)
			st->ints[k] = IV_UNKNOWN;
	}
	if (e->kind != FXE_CALL || !e->name)
		return;
	do_release(w, st, e);
	do_sink(w, st, e);
	apply_helper(w, st, e);
	k = site_of_call(w, e);
	if (k >= 0)
		st->res[k] = w->sites[k].binding ? RS_PENDING : RS_HELD;
}

/* Effect of atom (test on subject) being `truth` on st; false if infeasible. */
static bool assume(struct walk *w, struct pstate *st, const struct cfg_node *n, bool truth)
{
	bool bound = false;
	unsigned i;
	int k;

	k = int_index(w, n->subject);
	if (k >= 0 && (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG)) {
		bound = true;
		if (truth && st->ints[k] == IV_ZERO)
			return false;
		if (!truth && n->test == CFG_T_TRUTH && st->ints[k] == IV_NONZERO)
			return false;
		if (truth)
			st->ints[k] = IV_NONZERO;
		else if (n->test == CFG_T_TRUTH)
			st->ints[k] = IV_ZERO;
	}
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];
		bool failed, worked;

		if (!s->binding || strcmp(s->binding, n->subject))
			continue;
		bound = true;
		if (st->res[i] != RS_PENDING && st->res[i] != RS_HELD)
			continue;
		switch (s->pair->result) {
		case RES_INT:
			failed = (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG) && truth;
			worked = (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG) && !truth;
			break;
		case RES_ERR:
			failed = ((n->test == CFG_T_IS_ERR || n->test == CFG_T_IS_ERR_OR_NULL) && truth) ||
				 (n->test == CFG_T_TRUTH && !truth);
			worked = (n->test == CFG_T_IS_ERR || n->test == CFG_T_IS_ERR_OR_NULL) && !truth;
			break;
		default:
			failed = ((n->test == CFG_T_TRUTH && !truth) ||
				  ((n->test == CFG_T_IS_ERR_OR_NULL || n->test == CFG_T_IS_ERR) && truth));
			worked = (n->test == CFG_T_TRUTH && truth) ||
				 (n->test == CFG_T_IS_ERR_OR_NULL && !truth);
			break;
		}
		/* a held resource's variable may have been reused: no pruning */
		if (st->res[i] == RS_HELD)
			continue;
		if (failed)
			st->res[i] = RS_NONE;
		else if (worked)
			st->res[i] = RS_HELD;
	}
	if (bound)
		return true;
	k = cond_index(w, n->subject);
	if (k >= 0) {
		unsigned char v = truth ? 1 : 2;

		if (n->test != CFG_T_OPAQUE && n->test != CFG_T_TRUTH)
			return true;
		if (st->conds[k] && st->conds[k] != v)
			return false;
		st->conds[k] = v;
	}
	return true;
}

static enum cfg_exit exit_kind(struct walk *w, const struct pstate *st, const struct fx_expr *e)
{
	enum int_fact f;

	e = fx_strip(e);
	if (!e)
		return CFG_EXIT_UNKNOWN;
	if (e->kind == FXE_IDENT) {
		int k = int_index(w, e->name);

		f = k >= 0 ? st->ints[k] : IV_UNKNOWN;
	} else {
		f = value_fact(w, st, e);
	}
	return f == IV_ZERO ? CFG_EXIT_SUCCESS : f == IV_NONZERO ? CFG_EXIT_FAILURE :
	       CFG_EXIT_UNKNOWN;
}

/* Release form r with the handle for '$': "put_device(&pdev->dev)". */
static const char *spell_release(struct walk *w, const char *r, const char *handle)
{
	const char *d = strchr(r, '$');
	size_t n;
	char *out;

	if (!d || !handle)
		return r;
	n = strlen(r) + strlen(handle);
	out = arena_alloc(w->arena, n + 2);
	memcpy(out, r, (size_t)(d - r));
	strcpy(out + (d - r), handle);
	strcat(out, d + 1);
	return out;
}

static void on_return(struct walk *w, unsigned node, struct pstate *st)
{
	const struct cfg_node *n = &w->g->nodes[node];
	enum cfg_exit ek;
	unsigned i, j;

	effects(w, st, n->expr);
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (live(st->res[i]) && n->expr && !s->pair->handle_arg1 && s->handle &&
		    uses_outside_calls(n->expr, s->handle))
			st->res[i] = RS_DONE;
	}
	ek = exit_kind(w, st, n->expr);
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];
		const struct cfg_node *via = st->via ? &w->g->nodes[st->via - 1] : NULL;
		struct cfg_leak leak = { 0 };

		if (!live(st->res[i]))
			continue;
		for (j = 0; j < w->nseen; j++)
			if (w->seen[j].site == i && w->seen[j].node == node && w->seen[j].via == st->via)
				break;
		if (j < w->nseen)
			continue;
		if (w->nseen == w->capseen) {
			unsigned cap = w->capseen ? 2 * w->capseen : 16;
			struct leak_seen *grown = realloc(w->seen, cap * sizeof(*grown));

			if (!grown) {
				w->oom = true;
				return;
			}
			w->seen = grown;
			w->capseen = cap;
		}
		w->seen[w->nseen++] = (struct leak_seen){ i, node, st->via };
		leak.fn = w->g->fn;
		leak.acquire = s->pair->acquire;
		leak.release = spell_release(w, s->pair->release[0], s->spelling);
		leak.handle = s->spelling;
		leak.acq_loc = s->call->loc;
		leak.exit_loc = n->loc;
		leak.exit = ek;
		leak.unchecked = st->res[i] != RS_HELD;
		leak.local = s->local;
		if (via) {
			leak.via_label = via->goto_label;
			leak.via_loc = via->loc;
		}
		w->t->leak(&leak, w->t->arg);
	}
}

/* ---- setup: sites, int variables, correlated conditions, helpers ---- */

struct scan {
	struct walk *w;
	unsigned node;
	const struct cfg_node *n;
};

static void add_site(struct walk *w, unsigned node, const struct fx_expr *call,
		     const struct pair *p, const char *binding)
{
	struct site *s;

	if (w->nsites == CFG_MAX_SITES)
		return;
	s = &w->sites[w->nsites++];
	s->pair = p;
	s->call = call;
	s->node = node;
	s->binding = binding;
	s->local = true;
	if (p->handle_arg1) {
		const struct fx_expr *base = call->nkids > 1 ? call->kids[1] : NULL;

		while (base && base->nkids && base->kind != FXE_IDENT && base->kind != FXE_CALL)
			base = fx_strip(base->kids[0]);
		s->local = base && base->kind == FXE_IDENT && base->ref == FXR_LOCAL;
		const char *h = call->nkids > 1 ? norm(w, call->kids[1]) : NULL;

		s->spelling = h;
		while (h && *h == '&')
			h++;
		s->handle = h;
	} else {
		s->handle = binding;
		s->spelling = binding;
	}
}

/* Where does the value of acquiring call c go, in the expression of node? */
static void scan_site(struct walk *w, unsigned node, const struct fx_expr *top,
		      const struct fx_expr *parent, const struct fx_expr *c)
{
	const struct cfg_node *n = &w->g->nodes[node];
	const struct pair *p = pair_of(c->name, w->t->class);

	if (!p)
		return;
	if (n->decl && fx_strip(top) == c) {
		add_site(w, node, c, p, n->decl);
		return;
	}
	if (parent && parent->kind == FXE_BINARY && parent->op && !strcmp(parent->op, "=") &&
	    parent->nkids == 2 && fx_strip(parent->kids[1]) == c) {
		const struct fx_expr *l = fx_strip(parent->kids[0]);

		if (l->kind == FXE_IDENT && l->ref == FXR_LOCAL)
			add_site(w, node, c, p, l->name);
		return;
	}
	if (fx_strip(top) == c && !n->decl) {
		if (p->handle_arg1)
			add_site(w, node, c, p, NULL);
		return;
	}
	if (p->handle_arg1)
		add_site(w, node, c, p, norm(w, c));
}

static void add_helper(struct walk *w, const struct fx_expr *call, const struct fx_func *f)
{
	unsigned i, r, mask = 0;

	for (i = 0; i < w->nsites; i++) {
		char name[128];

		for (r = 0; cfg_release_name(w->sites[i].pair->acquire, r, name, sizeof(name)); r++)
			if (cfg_func_calls(w->t->prog, f, name, 2))
				mask |= 1u << i;
	}
	if (!mask)
		return;
	if (w->nhelpers == w->caphelpers) {
		unsigned cap = w->caphelpers ? 2 * w->caphelpers : 8;
		struct helper *grown = realloc(w->helpers, cap * sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return;
		}
		w->helpers = grown;
		w->caphelpers = cap;
	}
	w->helpers[w->nhelpers++] = (struct helper){ call, mask };
}

static void scan_expr(struct walk *w, unsigned node, const struct fx_expr *top,
		      const struct fx_expr *parent, const struct fx_expr *e, bool helpers)
{
	unsigned i;

	if (!e || e->kind == FXE_STMTEXPR)
		return;
	for (i = 0; i < e->nkids; i++)
		scan_expr(w, node, top, e, e->kids[i], helpers);
	if (e->kind != FXE_CALL)
		return;
	if (!helpers) {
		if (w->g->nodes[node].kind != CFG_RETURN)
			scan_site(w, node, top, parent, e);
		return;
	}
	if (w->t->prog && !pair_of(e->name, NULL) && !is_release_name(e->name)) {
		const struct fx_func *f = fx_find_func(w->t->prog, w->g->tu, e->name, NULL);

		if (f && f != w->g->fn) {
			add_helper(w, e, f);
			return;
		}
		/* a callback handed to devm_add_action() and friends */
		for (i = 1; i < e->nkids; i++) {
			const struct fx_expr *a = fx_strip(e->kids[i]);

			if (a && a->kind == FXE_UNARY && a->nkids && a->op && !strcmp(a->op, "&"))
				a = fx_strip(a->kids[0]);
			if (a && a->kind == FXE_IDENT && a->ref == FXR_FUNC &&
			    (f = fx_find_func(w->t->prog, w->g->tu, a->name, NULL)) && f != w->g->fn) {
				add_helper(w, e, f);
				return;
			}
		}
	}
}

static bool returns_pointer(const struct fx_func *fn)
{
	return fn->ret_type && strchr(fn->ret_type, '*');
}

static void setup(struct walk *w)
{
	const struct cfg *g = w->g;
	unsigned i, j;

	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == CFG_EXPR)
			scan_expr(w, i, g->nodes[i].expr, NULL, g->nodes[i].expr, false);
	if (!w->nsites)
		return;
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == CFG_EXPR || g->nodes[i].kind == CFG_RETURN)
			scan_expr(w, i, g->nodes[i].expr, NULL, g->nodes[i].expr, true);
	/* error codes: returned local ints, and locals copied into them */
	for (i = 0; i < g->nnodes && w->nints < MAX_INTS && !returns_pointer(g->fn); i++) {
		const struct fx_expr *e = fx_strip(g->nodes[i].expr);

		if (g->nodes[i].kind == CFG_RETURN && e && e->kind == FXE_IDENT &&
		    e->ref == FXR_LOCAL && int_index(w, e->name) < 0)
			w->ints[w->nints++] = e->name;
	}
	for (i = 0; i < g->nnodes && w->nints && w->nints < MAX_INTS; i++) {
		const struct fx_expr *e = fx_strip(g->nodes[i].expr), *r;

		if (g->nodes[i].kind != CFG_EXPR || !e || e->kind != FXE_BINARY || !e->op ||
		    strcmp(e->op, "=") || e->nkids != 2)
			continue;
		r = fx_strip(e->kids[1]);
		if (r && r->kind == FXE_IDENT && (r->ref == FXR_LOCAL || r->ref == FXR_PARAM) &&
		    int_index(w, r->name) < 0 &&
		    int_index(w, norm(w, e->kids[0])) >= 0)
			w->ints[w->nints++] = r->name;
	}
	/* conditions tested twice or more, on nothing tracked otherwise */
	for (i = 0; i < g->nnodes && w->nconds < MAX_CONDS; i++) {
		const struct cfg_node *a = &g->nodes[i];
		bool tracked = false;
		unsigned k;

		if (a->kind != CFG_BRANCH || cond_index(w, a->subject) >= 0 ||
		    int_index(w, a->subject) >= 0 ||
		    (a->test != CFG_T_OPAQUE && a->test != CFG_T_TRUTH))
			continue;
		for (k = 0; k < w->nsites; k++)
			if (w->sites[k].binding && !strcmp(w->sites[k].binding, a->subject))
				tracked = true;
		if (tracked)
			continue;
		for (j = i + 1; j < g->nnodes; j++)
			if (g->nodes[j].kind == CFG_BRANCH && g->nodes[j].test == a->test &&
			    !strcmp(g->nodes[j].subject, a->subject))
				break;
		if (j < g->nnodes)
			w->conds[w->nconds++] = a->subject;
	}
}

static void run(struct walk *w)
{
	struct pstate st;
	unsigned long steps = 0;

	memset(&st, 0, sizeof(st));
	push(w, w->g->entry, &st);
	while (w->nstack && !w->oom) {
		struct item it = w->stack[--w->nstack];
		const struct cfg_node *n = &w->g->nodes[it.node];
		unsigned i;

		if (++steps > CFG_MAX_STATES) {
			stat_add(&cfg_stats.truncated, 1);
			break;
		}
		switch (n->kind) {
		case CFG_RETURN:
			on_return(w, it.node, &it.st);
			break;
		case CFG_EXPR:
			effects(w, &it.st, n->expr);
			push(w, n->succ[0], &it.st);
			break;
		case CFG_BRANCH:
			for (i = 0; i < 2; i++) {
				struct pstate s = it.st;

				if (assume(w, &s, n, i == 0))
					push(w, n->succ[i], &s);
			}
			break;
		default:
			if (n->goto_label)
				it.st.via = it.node + 1;
			for (i = 0; i < n->nsucc; i++)
				push(w, cfg_succ(n, i), &it.st);
			break;
		}
	}
	stat_add(&cfg_stats.states, steps);
}

struct class_scan {
	const char *class;
	bool found;
};

static bool acquires_in_class(const struct fx_expr *e, void *arg)
{
	struct class_scan *cs = arg;

	if (e->kind == FXE_CALL && pair_of(e->name, cs->class)) {
		cs->found = true;
		return false;
	}
	return true;
}

int cfg_check_pairs(const struct fx_func *fn, const struct cfg_track *t)
{
	struct class_scan cs = { .class = t->class };
	struct walk w;
	struct cfg *g;
	int ret = 0;

	/* most functions acquire nothing of the class: no CFG for them */
	if (!fn || !fn->body)
		return 0;
	fx_walk_stmt(fn->body, NULL, acquires_in_class, &cs);
	if (!cs.found)
		return 0;
	g = cfg_build(t->tu, fn);
	if (!g)
		return fn && fn->body ? -ENOMEM : 0;
	memset(&w, 0, sizeof(w));
	w.g = g;
	w.t = t;
	w.arena = &g->arena;
	stat_add(&cfg_stats.functions, 1);
	stat_add(&cfg_stats.nodes, g->nnodes);
	setup(&w);
	if (w.nsites && !w.oom)
		run(&w);
	if (w.oom)
		ret = -ENOMEM;
	free(w.set);
	free(w.stack);
	free(w.seen);
	free(w.helpers);
	cfg_free(g);
	return ret;
}
