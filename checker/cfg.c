// SPDX-License-Identifier: GPL-2.0
/*
 * cfg.c - per-function CFG over the facts IR (see cfg.h for the model).
 *
 * The builder lowers the structured statements backwards, each statement
 * given the node that follows it; labels get their join node before the
 * body is lowered so forward and backward gotos resolve alike.
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
#include "cfg-internal.h"


#define NO_NODE UINT_MAX
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
	if (p >= end || !cfg_is_ident_char(*p))
		return NULL;
	src = p;
	while (p < end && cfg_is_ident_char(*p))
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

		opaque.subject = cfg_squeeze(&b->g->arena, text ? text : "?");
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

/*
 * The cleanup of a declaration "T *v __free(name) = ...;" (scope-based
 * cleanup, include/linux/cleanup.h), read from the source between the
 * declaration's start and its initialiser: neither frontend keeps the
 * attribute.  NULL when there is none or the text is not at hand.
 */
static const char *decl_cleanup(struct builder *b, const struct fx_stmt *s)
{
	const struct fx_tu *tu = b->g->tu;
	const char *p, *end, *stop, *name;
	unsigned line = 1;
	size_t n;

	if (!tu || !tu->src || !s->loc.line || !s->name || !same_file(s->loc.file, tu->file))
		return NULL;
	end = tu->src + tu->src_len;
	for (p = tu->src; p < end && line < s->loc.line; p++)
		line += *p == '\n';
	p += s->loc.col ? s->loc.col - 1 : 0;
	for (stop = p; stop < end && *stop != ';' && *stop != '=' && *stop != '{'; stop++)
		;
	n = strlen(s->name);
	for (; p + n < stop; p++) {
		if (strncmp(p, s->name, n) || (p > tu->src && cfg_is_ident_char(p[-1])) ||
		    cfg_is_ident_char(p[n]))
			continue;
		for (p += n; p < stop && (*p == ' ' || *p == '\t'); p++)
			;
		if (stop - p < 8 || strncmp(p, "__free(", 7))
			return NULL;
		name = p + 7;
		for (p = name; p < stop && cfg_is_ident_char(*p); p++)
			;
		return p > name && *p == ')' ? arena_strndup(&b->g->arena, name, (size_t)(p - name)) :
		       NULL;
	}
	return NULL;
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
		if (s->kind == FXS_DECL)
			b->g->nodes[n].cleanup = decl_cleanup(b, s);
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

