// SPDX-License-Identifier: GPL-2.0
/*
 * fixgen.c - fix builders shared by the rules (see fixgen.h).  They read
 * the statement tree for structure (what encloses a return) and the bytes
 * the frontend parsed for geometry (where a condition's parenthesis closes,
 * where a statement's ';' is, how a line is indented), so both engines give
 * the same edits.  Anything not spelled plainly where the facts place it (a
 * macro, code sharing the line) is refused rather than guessed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "edit.h"
#include "fixgen.h"
#include "query.h"
#include "rule.h"
#include "summary.h"
#include "table.h"

#define FG_MAX_DEPTH 64

bool fg_refuse(struct fg_fix *fix, const char *fmt, ...)
{
	va_list ap;

	if (fix->why[0])
		return false;
	va_start(ap, fmt);
	vsnprintf(fix->why, sizeof(fix->why), fmt, ap);
	va_end(ap);
	return false;
}

static bool add_edit(struct fg_fix *fix, const struct fx_loc *from, const struct fx_loc *to,
		     const char *text)
{
	struct fg_edit *e;

	if (fix->n == FG_MAX_EDITS)
		return fg_refuse(fix, "too many edits for one fix");
	if (strlen(text) >= FG_MAX_TEXT)
		return fg_refuse(fix, "the inserted text is too long");
	e = &fix->e[fix->n++];
	e->from = *from;
	e->to = *to;
	snprintf(e->text, sizeof(e->text), "%s", text);
	return true;
}

/* ---- the statement tree ---- */

struct finder {
	enum fx_stmt_kind kind;
	const struct fx_loc *loc;
	const struct fx_stmt *path[FG_MAX_DEPTH];
	unsigned depth;
	const struct fx_stmt *found;
	unsigned found_depth;
};

static bool same_place(const struct fx_loc *a, const struct fx_loc *b)
{
	return a->line == b->line && a->col == b->col;
}

static void find(struct finder *f, const struct fx_stmt *s)
{
	unsigned i;

	if (!s || f->found || f->depth == FG_MAX_DEPTH)
		return;
	if (s->kind == f->kind && same_place(&s->loc, f->loc)) {
		f->found = s;
		f->found_depth = f->depth;
		return;
	}
	f->path[f->depth++] = s;
	for (i = 0; i < s->nkids; i++)
		find(f, s->kids[i]);
	f->depth--;
}

static bool locate(struct finder *f, const struct fx_func *fn, enum fx_stmt_kind kind,
		   const struct fx_loc *loc)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->loc = loc;
	find(f, fn->body);
	return f->found != NULL;
}

const struct fx_stmt *fg_stmt_at(const struct fx_func *fn, enum fx_stmt_kind kind,
				 const struct fx_loc *loc, const struct fx_stmt **parent)
{
	struct finder f;

	if (!fn || !fn->body || !locate(&f, fn, kind, loc))
		return NULL;
	if (parent)
		*parent = f.found_depth ? f.path[f.found_depth - 1] : NULL;
	return f.found;
}

bool fg_mentions(const struct fx_expr *e, const char *name)
{
	unsigned i;

	if (!e)
		return false;
	if (e->kind == FXE_IDENT && e->name && !strcmp(e->name, name))
		return true;
	for (i = 0; i < e->nkids; i++)
		if (fg_mentions(e->kids[i], name))
			return true;
	return false;
}

bool fg_top_scope(const struct fx_func *fn, const char *name)
{
	unsigned i;

	for (i = 0; i < fn->nparams; i++)
		if (fn->params[i].name && !strcmp(fn->params[i].name, name))
			return true;
	for (i = 0; fn->body && i < fn->body->nkids; i++) {
		const struct fx_stmt *s = fn->body->kids[i];

		if (s && s->kind == FXS_DECL && s->name && !strcmp(s->name, name))
			return true;
	}
	return false;
}

/* ---- the bytes ---- */

/* Past a comment starting at off (none: off itself). */
static size_t skip_comment(const struct fx_tu *tu, size_t off)
{
	const char *s = tu->src, *end;

	if (off + 1 >= tu->src_len || s[off] != '/')
		return off;
	if (s[off + 1] == '/') {
		end = memchr(s + off, '\n', tu->src_len - off);
		return end ? (size_t)(end - s) : tu->src_len;
	}
	if (s[off + 1] == '*') {
		end = strstr(s + off + 2, "*/");
		return end && (size_t)(end - s) + 2 <= tu->src_len ? (size_t)(end - s) + 2 :
		       tu->src_len;
	}
	return off;
}

/* Past blanks, newlines and comments. */
static size_t skip_space(const struct fx_tu *tu, size_t off)
{
	size_t next;

	while (off < tu->src_len) {
		if (strchr(" \t\r\n", tu->src[off])) {
			off++;
			continue;
		}
		next = skip_comment(tu, off);
		if (next == off)
			break;
		off = next;
	}
	return off;
}

/*
 * From off, the offset of the first `stop` character outside brackets,
 * strings, character literals and comments; tu->src_len if none.
 */
static size_t scan_to(const struct fx_tu *tu, size_t off, char stop)
{
	const char *s = tu->src;
	int depth = 0;
	size_t next;

	while (off < tu->src_len) {
		char c = s[off];

		next = skip_comment(tu, off);
		if (next != off) {
			off = next;
			continue;
		}
		if (c == '"' || c == '\'') {
			for (off++; off < tu->src_len && s[off] != c; off++)
				if (s[off] == '\\')
					off++;
			off++;
			continue;
		}
		if (depth == 0 && c == stop)
			return off;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}')
			depth--;
		if (depth < 0)
			return tu->src_len;
		off++;
	}
	return tu->src_len;
}

/* Only blanks, and at most a comment ending on this line, from off to the newline. */
static bool rest_of_line_empty(const struct fx_tu *tu, size_t off)
{
	const char *s = tu->src;

	while (off < tu->src_len && (s[off] == ' ' || s[off] == '\t'))
		off++;
	if (off + 1 < tu->src_len && s[off] == '/' && s[off + 1] == '/')
		return true;
	if (off + 1 < tu->src_len && s[off] == '/' && s[off + 1] == '*') {
		const char *nl = memchr(s + off, '\n', tu->src_len - off);
		size_t end = skip_comment(tu, off);

		if (nl && end > (size_t)(nl - s))
			return false;
		off = end;
		while (off < tu->src_len && (s[off] == ' ' || s[off] == '\t'))
			off++;
	}
	return off >= tu->src_len || s[off] == '\n' || s[off] == '\r';
}

/* Only blanks before off on its line. */
static bool first_on_line(const struct fx_tu *tu, size_t off)
{
	while (off > 0 && (tu->src[off - 1] == ' ' || tu->src[off - 1] == '\t'))
		off--;
	return off == 0 || tu->src[off - 1] == '\n';
}

static bool word_at(const struct fx_tu *tu, size_t off, const char *w)
{
	size_t n = strlen(w);
	char c;

	if (off + n > tu->src_len || memcmp(tu->src + off, w, n))
		return false;
	c = off + n < tu->src_len ? tu->src[off + n] : ' ';
	return !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		 (c >= '0' && c <= '9'));
}

static bool at(const struct fx_tu *tu, size_t off, struct fx_loc *loc)
{
	return src_loc_at(tu, off, loc);
}

/* Insert text at the start of line. */
static bool insert_at_line(struct fg_fix *fix, const struct fx_tu *tu, unsigned line,
			   const char *text)
{
	struct fx_loc l;

	if (!src_line_start(tu, line, &l))
		return fg_refuse(fix, "line %u is not in the file", line);
	return add_edit(fix, &l, &l, text);
}

/* The closing brace of a void function: `stmt;` one level inside it. */
static bool before_brace(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_loc *loc,
			 const char *stmt)
{
	char ind[64], text[FG_MAX_TEXT];
	struct fx_loc l;
	size_t off;

	if (!src_line_start(tu, loc->line, &l) || !src_offset(tu, &l, &off) ||
	    !src_line_indent(tu, loc->line, ind, sizeof(ind) - 1))
		return fg_refuse(fix, "the function's closing brace is not in the file");
	off += strlen(ind);
	if (off >= tu->src_len || tu->src[off] != '}' || !rest_of_line_empty(tu, off + 1))
		return fg_refuse(fix, "the function's closing brace shares its line with other code");
	snprintf(text, sizeof(text), "%s\t%s;\n", ind, stmt);
	return insert_at_line(fix, tu, loc->line, text);
}

/*
 * The return r is the whole body of loop or if statement p: brace it.
 * The keyword must be spelled at p's location and its parenthesis must
 * close at the end of a line above the return.
 */
static bool brace_body(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_stmt *p,
		       size_t ret_off)
{
	static const char *const kw[] = { "if", "for", "while" };
	char ind[64], close[80];
	size_t off, paren, semi;
	struct fx_loc a, b;
	unsigned i;

	if (!src_offset(tu, &p->loc, &off))
		return fg_refuse(fix, "the enclosing statement is not in the file");
	for (i = 0; i < 3 && !word_at(tu, off, kw[i]); i++)
		;
	if (i == 3)
		return fg_refuse(fix, "the statement enclosing the return is spelled by a macro");
	off = skip_space(tu, off + strlen(kw[i]));
	if (off >= tu->src_len || tu->src[off] != '(')
		return fg_refuse(fix, "the statement enclosing the return is spelled by a macro");
	paren = scan_to(tu, off + 1, ')');
	if (paren >= ret_off || !rest_of_line_empty(tu, paren + 1))
		return fg_refuse(fix, "the return is on the line of its %s", kw[i]);
	semi = scan_to(tu, ret_off, ';');
	if (semi >= tu->src_len || !rest_of_line_empty(tu, semi + 1))
		return fg_refuse(fix, "the return shares its line with other code");
	if (!src_line_indent(tu, p->loc.line, ind, sizeof(ind)) || !at(tu, paren + 1, &a) ||
	    !at(tu, semi + 1, &b) || !src_line_end(tu, b.line, &b))
		return fg_refuse(fix, "the return is not in the file");
	snprintf(close, sizeof(close), "\n%s}", ind);
	return add_edit(fix, &a, &a, " {") && add_edit(fix, &b, &b, close);
}

bool fg_insert_before_exit(struct fg_fix *fix, const struct fx_tu *tu,
			   const struct fx_func *fn, const struct fx_loc *loc,
			   const char *stmt)
{
	char ind[64], text[FG_MAX_TEXT];
	const struct fx_stmt *p;
	struct finder f;
	unsigned d;
	size_t off;

	if (fix->why[0])
		return false;
	if (!tu || !tu->src || !fn || !fn->body)
		return fg_refuse(fix, "no source for the function");
	if (!locate(&f, fn, FXS_RETURN, loc)) {
		if (loc->line == fn->end_line)
			return before_brace(fix, tu, loc, stmt);
		return fg_refuse(fix, "the return at line %u is not a statement of the function",
				 loc->line);
	}
	if (!src_offset(tu, loc, &off) || !word_at(tu, off, "return"))
		return fg_refuse(fix, "the return at line %u is spelled by a macro", loc->line);
	if (!first_on_line(tu, off))
		return fg_refuse(fix, "the return at line %u shares its line with other code",
				 loc->line);
	if (!src_line_indent(tu, loc->line, ind, sizeof(ind)))
		return fg_refuse(fix, "the return at line %u is indented too deep", loc->line);
	snprintf(text, sizeof(text), "%s%s;\n", ind, stmt);
	d = f.found_depth;
	p = d ? f.path[d - 1] : NULL;
	if (p && (p->kind == FXS_IF || p->kind == FXS_FOR || p->kind == FXS_WHILE)) {
		if (p->kind == FXS_IF && p->nkids > 1 && p->kids[1])
			return fg_refuse(fix, "the return at line %u is a branch of an if/else",
					 loc->line);
		if (!brace_body(fix, tu, p, off))
			return false;
		return insert_at_line(fix, tu, loc->line, text);
	}
	/* labels and case labels put the statement after them: fine in a block */
	while (p && (p->kind == FXS_LABEL || p->kind == FXS_CASE || p->kind == FXS_DEFAULT))
		p = --d ? f.path[d - 1] : NULL;
	if (!p || p->kind != FXS_BLOCK)
		return fg_refuse(fix, "the return at line %u is not directly in a block", loc->line);
	return insert_at_line(fix, tu, loc->line, text);
}

/*
 * Where e's text starts: the frontends place some expressions at their
 * operator or member name (p->grp at grp), so the earliest location of e
 * and its operands.
 */
static void expr_start(const struct fx_expr *e, struct fx_loc *first)
{
	unsigned i;

	if (!e)
		return;
	if (e->loc.line && (e->loc.line < first->line ||
			    (e->loc.line == first->line && e->loc.col < first->col)))
		*first = e->loc;
	for (i = 0; i < e->nkids; i++)
		expr_start(e->kids[i], first);
}

bool fg_wrap_expr(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_expr *e,
		  const char *pre, const char *post)
{
	struct fx_expr at;
	struct fx_loc end;

	if (fix->why[0])
		return false;
	if (!e)
		return fg_refuse(fix, "no expression to wrap");
	at = *e;
	expr_start(e, &at.loc);
	if (!tu || !src_expr_end(tu, &at, &end))
		return fg_refuse(fix, "the expression is not spelled where it is used (a macro)");
	return add_edit(fix, &at.loc, &at.loc, pre) && add_edit(fix, &end, &end, post);
}

bool fg_check_result_undo(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_stmt *s,
			  const char *var, const char *cond, const char *undo, const char *then)
{
	const struct fx_expr *e = s ? fx_strip(s->expr) : NULL;
	int w;
	char ind[64], text[FG_MAX_TEXT], pre[80];
	struct fx_loc end, l;
	size_t off, start, semi;

	if (fix->why[0])
		return false;
	if (!tu || !tu->src || !e || s->kind != FXS_EXPR || e->kind != FXE_CALL)
		return fg_refuse(fix, "the call is not a plain statement");
	if (!src_expr_end(tu, e, &end) || !src_offset(tu, &end, &off) ||
	    !src_offset(tu, &e->loc, &start) || !first_on_line(tu, start))
		return fg_refuse(fix, "the call is not spelled where it is used (a macro)");
	semi = skip_space(tu, off);
	if (semi >= tu->src_len || tu->src[semi] != ';' || !rest_of_line_empty(tu, semi + 1))
		return fg_refuse(fix, "the call shares its line with other code");
	if (!src_line_indent(tu, e->loc.line, ind, sizeof(ind)) || !at(tu, semi + 1, &l) ||
	    !src_line_end(tu, l.line, &l))
		return fg_refuse(fix, "the call is not in the file");
	snprintf(pre, sizeof(pre), "%s = ", var);
	if (undo)
		w = snprintf(text, sizeof(text), "\n%sif (%s) {\n%s\t%s;\n%s\t%s;\n%s}", ind, cond,
			     ind, undo, ind, then, ind);
	else
		w = snprintf(text, sizeof(text), "\n%sif (%s)\n%s\t%s;", ind, cond, ind, then);
	if (w < 0 || (size_t)w >= sizeof(text))
		return fg_refuse(fix, "the inserted text is too long");
	return add_edit(fix, &e->loc, &e->loc, pre) && add_edit(fix, &l, &l, text);
}

bool fg_check_result(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_stmt *s,
		     const char *var, const char *cond, const char *then)
{
	return fg_check_result_undo(fix, tu, s, var, cond, NULL, then);
}

/* Does the function pass the object to a call that may keep it? */
struct keeps {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	const char *class, *handle, *acquire;
	const struct fx_expr *call;	/* the first such call */
};

/* callee of call only reads argument k: a reader of the table, a release, a summary */
static bool reads_only(const struct keeps *r, const struct fx_expr *call, unsigned k)
{
	const char *names[2] = { call->name, call->macro };
	const struct tbl_row *row;
	char rel[128];
	unsigned i, j;

	for (i = 0; i < 2; i++) {
		if (!names[i])
			continue;
		row = tbl_find(tbl_get("ref-readers"), 0, names[i]);
		if (row && row->nfields > 1 &&
		    (!strcmp(row->fields[1], "any") || !strcmp(row->fields[1], r->class)))
			return true;
		for (j = 0; cfg_release_name(r->acquire, j, rel, sizeof(rel)); j++)
			if (!strcmp(rel, names[i]))
				return true;
	}
	return call->name && r->prog && fx_find_func(r->prog, r->tu, call->name, NULL) &&
	       !summary_arg(r->prog, r->tu, call->name, r->class, k);
}

static bool keeps_visit(const struct fx_expr *e, void *arg)
{
	struct keeps *r = arg;
	const char *root;
	unsigned k;

	for (k = 1; e->kind == FXE_CALL && k < e->nkids; k++) {
		root = own_root(e->kids[k], false);
		if (root && !strcmp(root, r->handle) && !reads_only(r, e, k)) {
			r->call = e;
			return false;
		}
	}
	return true;
}

/*
 * A success exit: the put goes after the last use only if the function
 * keeps nothing of the object (upstream's "stores nothing"): it returns
 * no object (which could hold the reference for its own put), and passes
 * the object only to calls that read it.
 */
static bool stores_nothing(struct fg_fix *fix, const struct fx_program *prog,
			   const struct fx_tu *tu, const char *class, const struct cfg_leak *v)
{
	struct keeps r = { prog, tu, class, v->handle, v->acquire, NULL };

	if (v->fn->ret_type && strchr(v->fn->ret_type, '*'))
		return fg_refuse(fix, "the function returns an object at line %u, which may keep the reference for a put of its own",
				 v->exit_loc.line);
	fx_walk_stmt(v->fn->body, NULL, keeps_visit, &r);
	if (r.call)
		return fg_refuse(fix, "'%s' is passed to %s() at line %u, which may keep it: whether the success path should drop it cannot be told",
				 v->handle, r.call->name ? r.call->name : "a call", r.call->loc.line);
	return true;
}

bool fg_release_before_exits(struct fg_fix *fix, const struct fx_program *prog,
			     const struct fx_tu *tu, const char *class,
			     const struct cfg_leak *v, unsigned n)
{
	const struct fx_stmt *r;
	unsigned i;

	for (i = 0; i < n; i++) {
		unsigned line = v[i].exit_loc.line;

		if (v[i].all_held)
			continue;
		if (v[i].unchecked)
			return fg_refuse(fix, "'%s' is not tested on some path to line %u: a release there would also run on a failed result",
					 v[i].handle, line);
		if (v[i].via_label)
			return fg_refuse(fix, "the exit at line %u (label '%s') is shared with paths that do not hold '%s': the release needs its own label in the unwind ladder",
					 line, v[i].via_label, v[i].handle);
		return fg_refuse(fix, "the exit at line %u is also reached by paths that do not hold '%s'",
				 line, v[i].handle);
	}
	for (i = 0; i < n; i++)
		if (v[i].exit != CFG_EXIT_FAILURE &&
		    !stores_nothing(fix, prog, tu, class, &v[i]))
			return false;
	if (n && !fg_top_scope(v[0].fn, v[0].handle))
		return fg_refuse(fix, "'%s' is not declared in the function's outermost block",
				 v[0].handle);
	for (i = 0; i < n; i++) {
		r = fg_stmt_at(v[i].fn, FXS_RETURN, &v[i].exit_loc, NULL);
		if (r && fg_mentions(r->expr, v[i].handle))
			return fg_refuse(fix, "the return at line %u still uses '%s'",
					 v[i].exit_loc.line, v[i].handle);
		if (!fg_insert_before_exit(fix, tu, v[i].fn, &v[i].exit_loc, v[i].release))
			return false;
	}
	return n > 0;
}

void fg_emit(struct rule_ctx *ctx, int h, const struct fg_fix *fix)
{
	unsigned i;

	if (fix->why[0]) {
		report_fix_note(ctx, h, fix->why);
		return;
	}
	for (i = 0; i < fix->n; i++)
		report_edit(ctx, h, &fix->e[i].from, &fix->e[i].to, fix->e[i].text);
}

/* What fg_no_effects() walks: writes to locals are allowed inside a callee's body. */
struct effects {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	bool locals_ok, found;
	unsigned depth;
};

static bool effect_free_func(struct effects *x, const char *name);

static bool is_local(const struct fx_expr *e)
{
	e = fx_strip(e);
	return e && e->kind == FXE_IDENT && e->ref == FXR_LOCAL;
}

static bool find_effect(const struct fx_expr *e, void *arg)
{
	struct effects *x = arg;
	const char *op = e->op;

	if (e->kind == FXE_CALL)
		x->found |= !(e->name && (tbl_has("no-effects", 0, e->name) ||
					  (e->macro && tbl_has("no-effects", 0, e->macro)) ||
					  effect_free_func(x, e->name)));
	else if (e->kind == FXE_BINARY && op && op[0] && op[strlen(op) - 1] == '=' &&
		 strcmp(op, "==") && strcmp(op, "!=") && strcmp(op, "<=") && strcmp(op, ">="))
		x->found |= !(x->locals_ok && e->nkids && is_local(e->kids[0]));
	else if (e->kind == FXE_UNARY && op && (!strcmp(op, "++") || !strcmp(op, "--")))
		x->found |= !(x->locals_ok && e->nkids && is_local(e->kids[0]));
	else if (e->kind == FXE_STMTEXPR)
		x->found = true;
	return !x->found;
}

/* A function of the program whose body writes only its locals and calls only such functions. */
static bool effect_free_func(struct effects *x, const char *name)
{
	const struct fx_tu *ftu = NULL;
	const struct fx_func *fn = fx_find_func(x->prog, x->tu, name, &ftu);
	struct effects y = { x->prog, ftu, true, false, x->depth + 1 };

	if (!fn || !fn->body || !ftu || x->depth >= 3)
		return false;
	fx_walk_stmt(fn->body, NULL, find_effect, &y);
	return !y.found;
}

bool fg_no_effects(const struct fx_program *prog, const struct fx_tu *tu, const struct fx_expr *e)
{
	struct effects x = { prog, tu, false, false, 0 };

	if (e)
		fx_walk_expr(e, find_effect, &x);
	return !x.found;
}

/* "if (c) return v;" with no else, c and v without effects. */
static bool is_guard(const struct fx_program *prog, const struct fx_tu *tu,
		     const struct fx_stmt *s)
{
	const struct fx_stmt *t = s->nkids ? s->kids[0] : NULL;

	if (s->kind != FXS_IF || (s->nkids > 1 && s->kids[1]) || !fg_no_effects(prog, tu, s->expr))
		return false;
	while (t && t->kind == FXS_BLOCK && t->nkids == 1)
		t = t->kids[0];
	return t && t->kind == FXS_RETURN && fg_no_effects(prog, tu, t->expr);
}

static bool names_stmt(const struct fx_stmt *s, void *arg)
{
	const char **name = arg;

	if (*name && s->name && !strcmp(s->name, *name))
		*name = NULL;
	return *name;
}

static bool names_expr(const struct fx_expr *e, void *arg)
{
	const char **name = arg;

	if (*name && e->name && !strcmp(e->name, *name))
		*name = NULL;
	return *name;
}

/* name is spelled nowhere in fn (declared, used, a label, a parameter). */
static bool free_name(const struct fx_func *fn, const char *name)
{
	const char *n = name;
	unsigned i;

	for (i = 0; i < fn->nparams; i++)
		if (fn->params[i].name && !strcmp(fn->params[i].name, name))
			return false;
	fx_walk_stmt(fn->body, names_stmt, names_expr, &n);
	return n != NULL;
}

/* Where the line of declaration d's ';' ends, the ';' ending its line. */
static bool decl_line_end(const struct fx_tu *tu, const struct fx_stmt *d, struct fx_loc *end)
{
	size_t o;
	int depth = 0;
	char q = 0;

	if (!src_offset(tu, &d->loc, &o))
		return false;
	for (; o < tu->src_len; o++) {
		char c = tu->src[o];

		if (q) {
			if (c == '\\')
				o++;
			else if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			depth--;
		} else if (c == ';' && !depth) {
			break;
		}
	}
	return o < tu->src_len && rest_of_line_empty(tu, o + 1) && at(tu, o + 1, end) &&
	       src_line_end(tu, end->line, end);
}

bool fg_check_first_call(struct fg_fix *fix, const struct fx_program *prog,
			 const struct fx_tu *tu, const struct fx_func *fn, const struct fx_stmt *s)
{
	static const char *const names[] = { "ret", "err", "rc" };
	const struct fx_stmt *b = fn->body;
	const char *var = NULL;
	char ind[64], text[FG_MAX_TEXT];
	struct fx_loc pos, l;
	struct q_use use;
	unsigned k, i, ndecl = 0;
	size_t o;
	bool own;

	if (fix->why[0])
		return false;
	if (!fn->ret_type || strcmp(fn->ret_type, "int"))
		return fg_refuse(fix, "the function does not return int");
	for (k = 0; b && b->kind == FXS_BLOCK && k < b->nkids && b->kids[k] != s; k++) {
		if (b->kids[k]->kind == FXS_DECL && fg_no_effects(prog, tu, b->kids[k]->expr))
			ndecl += ndecl == k;
		else if (!is_guard(prog, tu, b->kids[k]))
			return fg_refuse(fix, "a statement before the call has effects (line %u): whether its failure must undo them cannot be told",
					 b->kids[k]->loc.line);
	}
	if (!b || b->kind != FXS_BLOCK || k == b->nkids)
		return fg_refuse(fix, "the call is not a statement of the function's body");
	for (i = 0; i < ndecl && !var; i++)
		if (b->kids[i]->name && b->kids[i]->type && !strcmp(b->kids[i]->type, "int") &&
		    (!strcmp(b->kids[i]->name, "ret") || !strcmp(b->kids[i]->name, "err")))
			var = b->kids[i]->name;
	if (var && q_first_use(b, var, Q_OVERWRITES, &s->loc, &use, NULL) && !use.overwrite)
		return fg_refuse(fix, "'%s' is read at line %u before it is set again", var,
				 use.loc.line);
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && !var; i++)
		if (free_name(fn, names[i]))
			var = names[i];
	if (!var)
		return fg_refuse(fix, "no free name for the result");
	own = var && !free_name(fn, var);
	if (!src_line_indent(tu, s->loc.line, ind, sizeof(ind)))
		return fg_refuse(fix, "the call is not in the file");
	if (own) {
		/* an int local of that name is declared already */
	} else if (ndecl) {
		if (!decl_line_end(tu, b->kids[ndecl - 1], &pos))
			return fg_refuse(fix, "the last declaration is not alone on its lines");
		snprintf(text, sizeof(text), "\n%sint %s;", ind, var);
		add_edit(fix, &pos, &pos, text);
	} else {
		/* right after the opening brace, before any comment on the first statement */
		if (!src_offset(tu, &b->loc, &o) || o >= tu->src_len || tu->src[o] != '{' ||
		    !rest_of_line_empty(tu, o + 1) || !at(tu, o + 1, &l) ||
		    !src_line_end(tu, l.line, &l) ||
		    !src_line_indent(tu, b->kids[0]->loc.line, ind, sizeof(ind)))
			return fg_refuse(fix, "the function's opening brace is not alone on its line");
		snprintf(text, sizeof(text), "\n%sint %s;\n", ind, var);
		add_edit(fix, &l, &l, text);
	}
	snprintf(text, sizeof(text), "return %s", var);
	return fg_check_result(fix, tu, s, var, var, text);
}
