// SPDX-License-Identifier: GPL-2.0
/*
 * fixgen-unwind.c - edits for unwinding fixes, built from the statement
 * tree and the bytes of the main file (checker/edit.h).  A helper returns
 * false when the text is not laid out so that the edit is exact: the
 * caller then offers no fix (report_fix_note) instead of a guess.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "edit.h"
#include "rule.h"
#include "table.h"
#include "fixgen-unwind.h"

struct find {
	enum fx_stmt_kind kind;
	const struct fx_loc *loc;
	struct fg_pos *out;
	bool found;
};

static bool same_loc(const struct fx_loc *a, const struct fx_loc *b)
{
	return a->line == b->line && a->col == b->col;
}

static bool find_in(const struct fx_stmt *s, const struct fx_stmt *parent, struct find *f)
{
	unsigned i;

	if (!s)
		return false;
	if (s->kind == f->kind && same_loc(&s->loc, f->loc)) {
		f->out->s = s;
		f->out->parent = parent;
		return true;
	}
	for (i = 0; i < s->nkids; i++)
		if (find_in(s->kids[i], s, f))
			return true;
	return false;
}

bool fg_find_stmt(const struct fx_stmt *body, enum fx_stmt_kind kind,
		  const struct fx_loc *loc, struct fg_pos *out)
{
	struct find f = { kind, loc, out, false };

	memset(out, 0, sizeof(*out));
	return find_in(body, NULL, &f);
}

/* Skip a string or character literal starting at p (its quote). */
static const char *skip_literal(const char *p, const char *end)
{
	char q = *p++;

	while (p < end && *p != q) {
		if (*p == '\\' && p + 1 < end)
			p++;
		if (*p == '\n')
			return NULL;
		p++;
	}
	return p < end ? p + 1 : NULL;
}

static bool end_offset(const struct fx_tu *tu, size_t start, size_t *out)
{
	const char *p = tu->src + start, *end = tu->src + tu->src_len;
	int depth = 0;

	while (p && p < end) {
		if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end);
			continue;
		}
		if (*p == '/' && p + 1 < end && (p[1] == '/' || p[1] == '*'))
			return false;	/* a comment inside: not ours to move */
		if (*p == '(' || *p == '[' || *p == '{')
			depth++;
		else if (*p == ')' || *p == ']' || *p == '}')
			depth--;
		else if (*p == ';' && !depth) {
			*out = (size_t)(p + 1 - tu->src);
			return true;
		}
		if (depth < 0)
			return false;
		p++;
	}
	return false;
}

bool fg_stmt_end(const struct fx_tu *tu, const struct fx_loc *start, struct fx_loc *end)
{
	size_t off, e;

	return tu->src && src_offset(tu, start, &off) && end_offset(tu, off, &e) &&
	       src_loc_at(tu, e, end);
}

static bool blank(const char *p, const char *q)
{
	for (; p < q; p++)
		if (*p != ' ' && *p != '\t')
			return false;
	return true;
}

/*
 * Where the statement's text starts: its location, or for a declaration
 * (located at the declarator by one frontend) the first non-blank of its line.
 */
static bool stmt_start(const struct fx_tu *tu, const struct fx_stmt *s, size_t *off)
{
	size_t eol;

	if (!tu->src || !src_offset(tu, &s->loc, off))
		return false;
	if (s->kind == FXS_DECL) {
		src_line_span(tu, *off, off, &eol);
		while (*off < tu->src_len && (tu->src[*off] == ' ' || tu->src[*off] == '\t'))
			++*off;
	}
	return true;
}

bool fg_stmt_start(const struct fx_tu *tu, const struct fx_stmt *s, struct fx_loc *start)
{
	size_t off;

	return stmt_start(tu, s, &off) && src_loc_at(tu, off, start);
}

/* [line start, past newline) of the statement at s, alone on its lines. */
static bool stmt_line_range(const struct fx_tu *tu, const struct fx_stmt *s, size_t *a, size_t *b)
{
	size_t off, e, ls, le, nl;

	if (!stmt_start(tu, s, &off) || !end_offset(tu, off, &e))
		return false;
	src_line_span(tu, off, &ls, &le);
	if (!blank(tu->src + ls, tu->src + off))
		return false;
	src_line_span(tu, e, &le, &nl);
	if (nl == tu->src_len || !blank(tu->src + e, tu->src + nl))
		return false;
	*a = ls;
	*b = nl + 1;
	return true;
}

bool fg_stmt_lines(const struct fx_tu *tu, const struct fx_stmt *s, struct fx_loc *from,
		   struct fx_loc *to)
{
	size_t a, b;

	return stmt_line_range(tu, s, &a, &b) && src_loc_at(tu, a, from) && src_loc_at(tu, b, to);
}

static void squeeze(const char *p, size_t len, char *buf, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 1 < n; i++)
		if (p[i] != ' ' && p[i] != '\t' && p[i] != '\n')
			buf[o++] = p[i];
	buf[o] = '\0';
}

bool fg_stmt_text(const struct fx_tu *tu, const struct fx_stmt *s, char *buf, size_t n)
{
	size_t off, e;

	if (!n || !stmt_start(tu, s, &off) || !end_offset(tu, off, &e))
		return false;
	squeeze(tu->src + off, e - off, buf, n);
	return true;
}

bool fg_same_text(const char *a, const char *b)
{
	char x[512], y[512];

	if (!a || !b)
		return false;
	squeeze(a, strlen(a), x, sizeof(x));
	squeeze(b, strlen(b), y, sizeof(y));
	return !strcmp(x, y);
}

static bool add_edit(const struct fx_tu *tu, struct fg_fix *fix, size_t a, size_t b,
		     const char *text, size_t len)
{
	struct fg_edit *e;

	if (fix->n == FG_MAX_EDITS || len >= sizeof(fix->e[0].text))
		return false;
	e = &fix->e[fix->n];
	if (!src_loc_at(tu, a, &e->from) || !src_loc_at(tu, b, &e->to))
		return false;
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	fix->n++;
	return true;
}

bool fg_swap_stmts(const struct fx_tu *tu, const struct fx_stmt *a, const struct fx_stmt *b,
		   struct fg_fix *fix)
{
	size_t a0, a1, b0, b1;

	if (!stmt_line_range(tu, a, &a0, &a1) || !stmt_line_range(tu, b, &b0, &b1))
		return false;
	if (a0 > b0)
		return fg_swap_stmts(tu, b, a, fix);
	if (a1 > b0)
		return false;
	fix->n = 0;
	return add_edit(tu, fix, a0, a1, tu->src + b0, b1 - b0) &&
	       add_edit(tu, fix, b0, b1, tu->src + a0, a1 - a0);
}

/* Offset of the last non-blank byte before off on the line before off's line. */
static bool prev_line_end(const struct fx_tu *tu, size_t off, size_t *out)
{
	size_t p, eol;

	src_line_span(tu, off, &p, &eol);
	if (!p)
		return false;
	p--;	/* at the previous line's newline */
	while (p && (tu->src[p - 1] == ' ' || tu->src[p - 1] == '\t'))
		p--;
	*out = p;
	return true;
}

bool fg_insert_before_return(const struct fx_tu *tu, const struct fg_pos *ret,
			     const char *const *calls, unsigned n, struct fg_fix *fix)
{
	char ind[64], ifind[64], text[512];
	size_t a, b, cond_end, len = 0;
	bool brace;
	unsigned i;

	fix->n = 0;
	if (!ret->s || ret->s->kind != FXS_RETURN || !stmt_line_range(tu, ret->s, &a, &b) ||
	    !src_line_indent(tu, ret->s->loc.line, ind, sizeof(ind)))
		return false;
	brace = ret->parent && ret->parent->kind != FXS_BLOCK && ret->parent->kind != FXS_LABEL;
	if (brace) {
		if (ret->parent->kind != FXS_IF || ret->parent->nkids < 1 ||
		    ret->parent->kids[0] != ret->s || (ret->parent->nkids > 1 && ret->parent->kids[1]) ||
		    !src_line_indent(tu, ret->parent->loc.line, ifind, sizeof(ifind)) ||
		    !prev_line_end(tu, a, &cond_end) || tu->src[cond_end - 1] != ')' ||
		    ret->parent->loc.line >= ret->s->loc.line)
			return false;
		if (!add_edit(tu, fix, cond_end, cond_end, " {", 2))
			return false;
	}
	for (i = 0; i < n; i++, calls++) {
		int k = snprintf(text + len, sizeof(text) - len, "%s%s\n", ind, *calls);

		if (k < 0 || (size_t)k >= sizeof(text) - len)
			return false;
		len += (size_t)k;
	}
	if (!add_edit(tu, fix, a, a, text, len))
		return false;
	if (brace) {
		len = (size_t)snprintf(text, sizeof(text), "%s}\n", ifind);
		if (!add_edit(tu, fix, b, b, text, len))
			return false;
	}
	return true;
}

bool fg_return_to_goto(const struct fx_tu *tu, const struct fx_stmt *ret, const char *label,
		       struct fg_fix *fix)
{
	char text[128];
	size_t off, e;
	int k;

	fix->n = 0;
	k = snprintf(text, sizeof(text), "goto %s;", label);
	return ret->kind == FXS_RETURN && tu->src && src_offset(tu, &ret->loc, &off) &&
	       !strncmp(tu->src + off, "return", 6) && end_offset(tu, off, &e) && k > 0 &&
	       (size_t)k < sizeof(text) && add_edit(tu, fix, off, e, text, (size_t)k);
}

bool fg_retarget_goto(const struct fx_tu *tu, const struct fx_stmt *g, const char *label,
		      struct fg_fix *fix)
{
	size_t off, p, q;

	fix->n = 0;
	if (g->kind != FXS_GOTO || !g->name || !tu->src || !src_offset(tu, &g->loc, &off) ||
	    strncmp(tu->src + off, "goto", 4))
		return false;
	for (p = off + 4; p < tu->src_len && (tu->src[p] == ' ' || tu->src[p] == '\t'); p++)
		;
	q = p + strlen(g->name);
	if (p == off + 4 || q > tu->src_len || strncmp(tu->src + p, g->name, strlen(g->name)))
		return false;
	return add_edit(tu, fix, p, q, label, strlen(label));
}

static bool ladder_add(struct fg_ladder *l, const struct fx_stmt *s)
{
	while (s && s->kind == FXS_LABEL) {
		if (l->n == FG_MAX_LADDER)
			return false;
		l->items[l->n].label = s->name;
		l->items[l->n++].s = s;
		s = s->nkids ? s->kids[0] : NULL;
	}
	if (!s || l->n == FG_MAX_LADDER)
		return !s;
	l->items[l->n].label = NULL;
	l->items[l->n++].s = s;
	return true;
}

bool fg_ladder(const struct fx_func *fn, struct fg_ladder *l)
{
	const struct fx_stmt *body = fn->body;
	unsigned i, first;

	l->n = 0;
	if (!body || body->kind != FXS_BLOCK)
		return false;
	for (first = 0; first < body->nkids && body->kids[first]->kind != FXS_LABEL; first++)
		;
	if (!first || first == body->nkids ||
	    (body->kids[first - 1]->kind != FXS_RETURN && body->kids[first - 1]->kind != FXS_GOTO))
		return false;
	for (i = first; i < body->nkids; i++)
		if (!ladder_add(l, body->kids[i]))
			return false;
	return l->n && !l->items[l->n - 1].label && l->items[l->n - 1].s->kind == FXS_RETURN;
}

int fg_ladder_label(const struct fg_ladder *l, const char *name)
{
	unsigned i;

	for (i = 0; i < l->n; i++)
		if (l->items[i].label && name && !strcmp(l->items[i].label, name))
			return (int)i;
	return -1;
}

struct gotos {
	const char *label;
	const struct fx_stmt **out;
	unsigned n, max;
	bool any_label;
};

static bool visit_goto(const struct fx_stmt *s, void *arg)
{
	struct gotos *g = arg;

	if (s->kind == FXS_LABEL)
		g->any_label = true;
	if (s->kind == FXS_GOTO && g->label && s->name && !strcmp(s->name, g->label)) {
		if (g->n < g->max)
			g->out[g->n] = s;
		g->n++;
	}
	return true;
}

unsigned fg_gotos_to(const struct fx_func *fn, const char *label, const struct fx_stmt **out,
		     unsigned max)
{
	struct gotos g = { label, out, 0, max, false };

	fx_walk_stmt(fn->body, visit_goto, NULL, &g);
	return g.n;
}

bool fg_has_labels(const struct fx_func *fn)
{
	struct gotos g = { NULL, NULL, 0, 0, false };

	fx_walk_stmt(fn->body, visit_goto, NULL, &g);
	return g.any_label;
}

/* Is ladder item i the undo call want ("f(&x->y)", no ';')? */
static bool item_is(const struct fx_tu *tu, const struct fg_ladder *l, unsigned i,
		    const char *want)
{
	char have[512], w[512];

	if (l->items[i].label || l->items[i].s->kind != FXS_EXPR ||
	    !fg_stmt_text(tu, l->items[i].s, have, sizeof(have)))
		return false;
	snprintf(w, sizeof(w), "%s;", want);
	return fg_same_text(have, w);
}

static bool only_calls(const struct fg_ladder *l, unsigned from)
{
	unsigned i;

	for (i = from; i + 1 < l->n; i++)
		if (!l->items[i].label && (l->items[i].s->kind != FXS_EXPR ||
					   !l->items[i].s->expr ||
					   fx_strip(l->items[i].s->expr)->kind != FXE_CALL))
			return false;
	return true;
}

/* A label above v whose statements down to v are the undos, last step first. */
static int label_undoing(const struct fx_tu *tu, const struct fg_ladder *l, int v,
			 const struct fg_held *held, unsigned n)
{
	unsigned k = 0;
	int i;

	for (i = v - 1; i >= 0; i--) {
		if (l->items[i].label) {
			if (k == n)
				return i;
			continue;
		}
		if (k == n || !item_is(tu, l, (unsigned)i, held[k].release))
			return -1;
		k++;
	}
	return -1;
}

/* Do all gotos to the label at i leak (1), none (0), or some (-1)? */
static int label_class(const struct fx_func *fn, const struct fg_ladder *l, unsigned i,
		       fg_leaks_fn leaks, void *arg)
{
	const struct fx_stmt *g[16];
	unsigned n = fg_gotos_to(fn, l->items[i].label, g, 16), k, yes = 0;

	if (n > 16)
		return -1;
	for (k = 0; k < n; k++)
		yes += leaks(&g[k]->loc, arg);
	return !yes ? 0 : yes == n ? 1 : -1;
}

/* The undo calls (reverse order) as lines of indent ind before ladder item p. */
static bool insert_undos(const struct fx_tu *tu, const struct fg_ladder *l, unsigned p,
			 const struct fg_held *held, unsigned n, struct fg_fix *fix)
{
	char ind[64], text[512];
	struct fx_loc at;
	size_t off, len = 0;
	unsigned k, s;

	for (s = p; s < l->n && l->items[s].label; s++)
		;
	if (s == l->n || !src_line_indent(tu, l->items[s].s->loc.line, ind, sizeof(ind)) ||
	    !src_line_start(tu, l->items[p].s->loc.line, &at) || !src_offset(tu, &at, &off))
		return false;
	for (k = 0; k < n; k++) {
		int w = snprintf(text + len, sizeof(text) - len, "%s%s;\n", ind, held[k].release);

		if (w < 0 || (size_t)w >= sizeof(text) - len)
			return false;
		len += (size_t)w;
	}
	fix->n = 0;
	return add_edit(tu, fix, off, off, text, len);
}

static bool unwind_goto(const struct fx_tu *tu, const struct fx_func *fn,
			const struct fx_loc *via_loc, const struct fg_held *rev, unsigned n,
			fg_leaks_fn leaks, void *arg, struct fg_fix *fix, const char **why)
{
	struct fg_ladder l;
	struct fg_pos g;
	int v, u;
	unsigned p;

	if (!fg_find_stmt(fn->body, FXS_GOTO, via_loc, &g) || !fg_ladder(fn, &l)) {
		*why = "the labels are not one goto ladder at the end of the function";
		return false;
	}
	v = fg_ladder_label(&l, g.s->name);
	if (v < 0) {
		*why = "the goto's label is not in the ladder at the end of the function";
		return false;
	}
	u = label_undoing(tu, &l, v, rev, n);
	if (u >= 0)
		return fg_retarget_goto(tu, g.s, l.items[u].label, fix) ||
		       (*why = "the goto is not spelled in place", false);
	for (p = 0; p <= (unsigned)v; p++) {
		if (l.items[p].label && label_class(fn, &l, p, leaks, arg) != 1) {
			*why = "the goto's label, or one falling into it, is also reached without the registration: the undo needs a new label, not added";
			return false;
		}
	}
	/* fall through the labels reached only with the step held, to the first one without */
	for (p = (unsigned)v + 1; p < l.n; p++) {
		if (!l.items[p].label) {
			unsigned k;

			for (k = 0; k < n; k++)
				if (item_is(tu, &l, p, rev[k].release))
					break;
			if (k < n)
				break;
			continue;
		}
		if (label_class(fn, &l, p, leaks, arg) == 0)
			return insert_undos(tu, &l, p, rev, n, fix) ||
			       (*why = "cannot lay out the undo in the ladder", false);
		if (label_class(fn, &l, p, leaks, arg) < 0)
			break;
	}
	*why = "the goto ladder is not regular (each label undoing one step, in reverse order)";
	return false;
}

static bool unwind_return(const struct fx_tu *tu, const struct fx_func *fn,
			  const struct fx_loc *exit_loc, const struct fg_held *rev, unsigned n,
			  struct fg_fix *fix, const char **why)
{
	const char *calls[FG_MAX_LADDER];
	char c[FG_MAX_LADDER][256], a[256], b[256];
	const struct fx_stmt *last;
	struct fg_ladder l;
	struct fg_pos r;
	unsigned i, j = 0, k;

	if (!fg_find_stmt(fn->body, FXS_RETURN, exit_loc, &r) || !r.s->expr) {
		*why = "the failure exit is not a return statement with a value";
		return false;
	}
	if (!fg_has_labels(fn)) {
		for (i = 0; i < n && i < FG_MAX_LADDER; i++) {
			snprintf(c[i], sizeof(c[i]), "%s;", rev[i].release);
			calls[i] = c[i];
		}
		return fg_insert_before_return(tu, &r, calls, n, fix) ||
		       (*why = "the return is not laid out for an insertion (an unbraced body of something other than an if, a comment, or two statements on a line)", false);
	}
	if (!fg_ladder(fn, &l) || r.s->loc.line >= l.items[0].s->loc.line) {
		*why = "the function has labels but no goto ladder at its end before which the return sits";
		return false;
	}
	last = l.items[l.n - 1].s;
	for (i = 0; i < l.n; i++) {
		if (!l.items[i].label)
			continue;
		for (j = i + 1; j < l.n && l.items[j].label; j++)
			;
		if (j < l.n && item_is(tu, &l, j, rev[0].release))
			break;
	}
	if (i == l.n) {
		*why = "no label of the ladder starts by undoing the last step held";
		return false;
	}
	for (k = 0; j < l.n && k < n; j++)
		k += item_is(tu, &l, j, rev[k].release);
	if (k < n) {
		*why = "the ladder below the label does not undo every held step in reverse order";
		return false;
	}
	if (i == l.n || !only_calls(&l, i) || !last->expr || !r.s->expr->text ||
	    !fg_stmt_text(tu, last, a, sizeof(a)) || !fg_stmt_text(tu, r.s, b, sizeof(b)) ||
	    strcmp(a, b)) {
		*why = "the ladder does more than calls, or returns another value than this return";
		return false;
	}
	return fg_return_to_goto(tu, r.s, l.items[i].label, fix) ||
	       (*why = "the return is not spelled in place", false);
}

bool fg_unwind_exit(const struct fx_tu *tu, const struct fx_func *fn,
		    const struct fx_loc *exit_loc, const struct fx_loc *via_loc,
		    const struct fg_held *held, unsigned n, fg_leaks_fn leaks, void *arg,
		    struct fg_fix *fix, const char **why)
{
	struct fg_held rev[FG_MAX_LADDER];
	unsigned i;

	fix->n = 0;
	if (!n || n > FG_MAX_LADDER) {
		*why = "too many steps held";
		return false;
	}
	for (i = 0; i < n; i++)
		rev[i] = held[n - 1 - i];
	if (via_loc)
		return unwind_goto(tu, fn, via_loc, rev, n, leaks, arg, fix, why);
	return unwind_return(tu, fn, exit_loc, rev, n, fix, why);
}

void fg_leaks_collect(const struct cfg_leak *v, unsigned n, void *arg)
{
	struct fg_leaks *u = arg;
	unsigned i;

	for (i = 0; i < n && u->n < FG_MAX_LEAKS; i++) {
		struct fg_leak_copy *c = &u->l[u->n];

		/* an object the caller passed in is the caller's to tear down */
		if (v[i].exit != CFG_EXIT_FAILURE || v[i].unchecked || !v[i].local)
			continue;
		c->defect = u->ndefects;
		c->acq_loc = v[i].acq_loc;
		c->exit_loc = v[i].exit_loc;
		c->via_loc = v[i].via_loc;
		c->via = v[i].via_label && v[i].via_loc.line > v[i].acq_loc.line;
		c->acquire = v[i].acquire;
		c->via_label = v[i].via_label;
		snprintf(c->release, sizeof(c->release), "%s", v[i].release);
		snprintf(c->handle, sizeof(c->handle), "%s", v[i].handle ? v[i].handle : "...");
		u->n++;
	}
	u->ndefects++;
}

static bool same_exit(const struct fg_leak_copy *a, const struct fg_leak_copy *b)
{
	const struct fx_loc *x = a->via ? &a->via_loc : &a->exit_loc;
	const struct fx_loc *y = b->via ? &b->via_loc : &b->exit_loc;

	return a->via == b->via && x->line == y->line && x->col == y->col;
}

static bool goto_leaks(const struct fx_loc *loc, void *arg)
{
	const struct fg_leak_copy *c = arg;

	return c->via && c->via_loc.line == loc->line && c->via_loc.col == loc->col;
}

struct leaks_arg {
	const struct fg_leaks *u;
	unsigned defect;
};

static bool defect_goto_leaks(const struct fx_loc *loc, void *arg)
{
	const struct leaks_arg *a = arg;
	unsigned i;

	for (i = 0; i < a->u->n; i++)
		if (a->u->l[i].defect == a->defect && goto_leaks(loc, (void *)&a->u->l[i]))
			return true;
	return false;
}

/*
 * The fix of one exit: undo every step held there (all defects leaking at
 * it), attached to the finding of the earliest step; *owner says which.
 */
static bool fix_exit(const struct fg_leaks *u, const struct fg_leak_copy *c, struct fg_fix *fix,
		     unsigned *owner, const char **why)
{
	struct fg_held held[FG_MAX_LEAKS];
	struct leaks_arg la = { u, 0 };
	unsigned i, k, n = 0;

	for (i = 0; i < u->n; i++) {
		if (!same_exit(&u->l[i], c))
			continue;
		for (k = n; k && held[k - 1].acq_line > u->l[i].acq_loc.line; k--)
			held[k] = held[k - 1];
		held[k].acq_line = u->l[i].acq_loc.line;
		held[k].release = u->l[i].release;
		n++;
		if (n == 1 || u->l[i].acq_loc.line < u->l[*owner].acq_loc.line)
			*owner = i;
	}
	for (i = 0; i < u->n; i++)
		if (same_exit(&u->l[i], c) && u->l[i].acq_loc.line == held[n - 1].acq_line)
			la.defect = u->l[i].defect;
	return fg_unwind_exit(u->tu, u->fn, &c->exit_loc, c->via ? &c->via_loc : NULL, held, n,
			      defect_goto_leaks, &la, fix, why);
}

void fg_leaks_fix(const struct fg_leaks *u, unsigned d, int h, const char *title,
		  const char *why_text)
{
	unsigned i, k, owner = 0, nedit = 0, other = 0;
	const char *why = NULL;
	struct fg_fix fix;

	for (i = 0; i < u->n && !why; i++) {
		if (u->l[i].defect != d || !fix_exit(u, &u->l[i], &fix, &owner, &why))
			continue;
		if (u->l[owner].defect != d) {
			other = u->l[owner].acq_loc.line;
			continue;
		}
		for (k = 0; k < fix.n; k++, nedit++)
			report_edit(u->ctx, h, &fix.e[k].from, &fix.e[k].to, fix.e[k].text);
	}
	if (why) {
		report_fix_note(u->ctx, h, why);
	} else if (!nedit && other) {
		char note[160];

		snprintf(note, sizeof(note),
			 "fixed by the fix of the finding at line %u, which undoes both steps in reverse order",
			 other);
		report_fix_note(u->ctx, h, note);
	} else if (nedit) {
		report_fix_explain(u->ctx, h, title, why_text);
	}
}


bool fg_replace_expr(const struct fx_tu *tu, const struct fx_expr *e, const char *text,
		     struct fg_fix *fix)
{
	struct fx_loc end;

	fix->n = 0;
	if (!src_expr_end(tu, e, &end) || strlen(text) >= sizeof(fix->e[0].text))
		return false;
	fix->e[0].from = e->loc;
	fix->e[0].to = end;
	snprintf(fix->e[0].text, sizeof(fix->e[0].text), "%s", text);
	fix->n = 1;
	return true;
}

struct member_set {
	const char *base, *field;
	bool found;
};

static bool visit_assign(const struct fx_expr *e, void *arg)
{
	struct member_set *m = arg;
	const struct fx_expr *l;

	if (e->kind != FXE_BINARY || !e->op || strcmp(e->op, "=") || e->nkids != 2)
		return true;
	l = fx_strip(e->kids[0]);
	if (l && l->kind == FXE_MEMBER && !l->arrow && l->name && !strcmp(l->name, m->field) &&
	    l->nkids == 1 && fg_same_text(fx_strip(l->kids[0])->text, m->base))
		m->found = true;
	return !m->found;
}

bool fg_assigns_member(const struct fx_func *fn, const char *base, const char *field)
{
	struct member_set m = { base, field, false };

	fx_walk_stmt(fn->body, NULL, visit_assign, &m);
	return m.found;
}

bool fg_put_not_free(const struct fx_tu *tu, const struct fx_func *fn, const struct fx_expr *e,
		     const char *dev, bool maybe_dead, struct fg_fix *fix, const char **why)
{
	char text[256];

	fix->n = 0;
	if (maybe_dead) {
		*why = "the kfree() is also reached before the device is initialised (a shared label): put_device() is right on one path only";
		return false;
	}
	if (!dev || dev[0] != '&' || !fg_assigns_member(fn, dev + 1, "release")) {
		*why = "no release callback is set on the device in this function: put_device() would not free the container";
		return false;
	}
	snprintf(text, sizeof(text), "put_device(%s)", dev);
	if (!fg_replace_expr(tu, e, text, fix)) {
		*why = "the kfree() is not spelled in place (a macro)";
		return false;
	}
	return true;
}

bool fg_arg_is_container(const struct fx_expr *e, const char *container)
{
	const struct fx_expr *a;

	if (e->nkids != 2)
		return false;
	a = fx_strip(e->kids[1]);
	if (a && a->kind == FXE_UNARY && a->op && !strcmp(a->op, "&") && a->nkids == 1)
		a = fx_strip(a->kids[0]);
	if (a && a->kind == FXE_MEMBER && a->nkids == 1)
		a = fx_strip(a->kids[0]);
	return a && a->text && !strcmp(a->text, container);
}

static unsigned version_of(const char *s)
{
	unsigned major = 0, minor = 0;

	return s && sscanf(s, "%u.%u", &major, &minor) >= 1 ? major * 100 + minor : 0;
}

const char *fg_enumerator(const char *table, const char *literal, const char *kernel)
{
	const struct tbl *t = tbl_get(table);
	unsigned v = version_of(kernel), i;
	const char *name = NULL;
	unsigned long value;
	char num[32], *end;

	value = strtoul(literal, &end, 0);
	if (!t || end == literal || end[strspn(end, "uUlL")])
		return NULL;
	snprintf(num, sizeof(num), "%lu", value);
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];

		if (r->nfields < 4 || strcmp(r->fields[0], num))
			continue;
		if (v && (v < version_of(r->fields[2]) ||
			  (strcmp(r->fields[3], "-") && v > version_of(r->fields[3]))))
			continue;
		if (name && strcmp(name, r->fields[1]))
			return NULL;
		name = r->fields[1];
	}
	return name;
}

/* The top-level statement of fn's body whose value is the call at loc. */
static const struct fx_stmt *top_stmt_of(const struct fx_func *fn, const struct fx_loc *loc)
{
	const struct fx_stmt *b = fn->body, *s;
	const struct fx_expr *e;
	unsigned i;

	for (i = 0; b && b->kind == FXS_BLOCK && i < b->nkids; i++) {
		s = b->kids[i];
		e = s->expr ? fx_strip(s->expr) : NULL;
		if (e && s->kind == FXS_EXPR && e->kind == FXE_BINARY && e->nkids == 2)
			e = fx_strip(e->kids[1]);
		if (e && (s->kind == FXS_EXPR || s->kind == FXS_DECL) && same_loc(&e->loc, loc))
			return s;
	}
	return NULL;
}

static bool bare_return(const struct fx_stmt *s, void *arg)
{
	*(bool *)arg |= s->kind == FXS_RETURN && !s->expr;
	return !*(bool *)arg;
}

bool fg_null_return_after(const struct fx_tu *tu, const struct fx_func *fn,
			  const struct fx_loc *call_loc, const char *var, struct fg_fix *fix,
			  const char **why)
{
	const struct fx_stmt *s = top_stmt_of(fn, call_loc);
	struct fx_loc from, to;
	bool bare = false;
	char ind[32];
	int n;

	fix->n = 0;
	fx_walk_stmt(fn->body, bare_return, NULL, &bare);
	*why = "the function returns a value, or has no bare 'return;' for a failed allocation: the error path to join is not clear";
	if (!fn->ret_type || strcmp(fn->ret_type, "void") || !bare)
		return false;
	*why = "the allocation is not a statement of the function's body alone on its lines (inside a loop or a branch, where stopping may skip a release)";
	if (!s || !fg_stmt_lines(tu, s, &from, &to) ||
	    !src_line_indent(tu, s->loc.line, ind, sizeof(ind)))
		return false;
	n = snprintf(fix->e[0].text, sizeof(fix->e[0].text), "%sif (!%s)\n%s\treturn;\n", ind, var,
		     ind);
	if (n < 0 || (size_t)n >= sizeof(fix->e[0].text))
		return false;
	fix->e[0].from = to;
	fix->e[0].to = to;
	fix->n = 1;
	return true;
}

/* The last occurrence of keyword kw in t[0..n) as a whole word, or NULL. */
static const char *last_word(const char *t, size_t n, const char *kw)
{
	size_t k = strlen(kw), i;
	const char *last = NULL;

	for (i = 0; i + k <= n; i++)
		if (!strncmp(t + i, kw, k) && (!i || !(isalnum((unsigned char)t[i - 1]) || t[i - 1] == '_')) &&
		    (i + k == n || !(isalnum((unsigned char)t[i + k]) || t[i + k] == '_')))
			last = t + i;
	return last;
}

bool fg_split_decl(const struct fx_tu *tu, const struct fx_stmt *d, struct fx_loc *from,
		       struct fx_loc *to, char *init, size_t n)
{
	struct fx_loc start, lines_to, semi;
	size_t a, e, i, p, k;
	const char *t = tu->src, *c, *star = NULL;

	if (!d->expr || !d->name || !fg_stmt_lines(tu, d, &start, &lines_to) ||
	    !fg_stmt_start(tu, d, &start) || !src_offset(tu, &start, &a) ||
	    !fg_stmt_end(tu, &start, &semi) || !src_offset(tu, &semi, &e))
		return false;
	for (i = a; i < e && t[i] != '=' && t[i] != ',' && t[i] != '('; i++)
		if (t[i] == '*')
			star = t + i;
	if (i == e || t[i] != '=' || t[i + 1] == '=')
		return false;
	for (p = i; p > a && (t[p - 1] == ' ' || t[p - 1] == '\t'); p--)
		;
	k = strlen(d->name);
	if (p - a < k || strncmp(t + p - k, d->name, k) || last_word(t + a, p - a, "static") ||
	    ((c = last_word(t + a, p - a, "const")) && (!star || c > star)))
		return false;
	for (i++; t[i] == ' ' || t[i] == '\t'; i++)
		;
	if (e - 1 - i >= n || t[i] == '{' || memchr(t + i, ',', e - 1 - i) ||
	    memchr(t + i, '\n', e - 1 - i))
		return false;
	memcpy(init, t + i, e - 1 - i);
	init[e - 1 - i] = '\0';
	return src_loc_at(tu, p, from) && src_loc_at(tu, e - 1, to);
}
