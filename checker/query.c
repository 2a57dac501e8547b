// SPDX-License-Identifier: GPL-2.0
/*
 * query.c - questions several rules ask of the facts (see query.h): the
 * uses of a local after a point with the context of each (tested, handed
 * on, overwritten), the last value given to a local, the spelling of an
 * operand, and the IOMMU API version of the scanned tree, read once per
 * header from the marker rows of rules/data/iommu-api.tbl.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "query.h"
#include "rule.h"
#include "table.h"

bool q_loc_before(const struct fx_loc *a, const struct fx_loc *b)
{
	return a->line < b->line || (a->line == b->line && a->col < b->col);
}

bool q_is_assign(const struct fx_expr *e)
{
	return e && e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2;
}

const struct fx_expr *q_strip_addr(const struct fx_expr *e)
{
	e = fx_strip(e);
	if (e && e->kind == FXE_UNARY && e->op && !strcmp(e->op, "&") && e->nkids == 1)
		e = fx_strip(e->kids[0]);
	return e;
}

bool q_is_var(const struct fx_expr *e, const char *var, bool params)
{
	e = fx_strip(e);
	return e && e->kind == FXE_IDENT && e->name && !strcmp(e->name, var) &&
	       (e->ref == FXR_LOCAL || (params && e->ref == FXR_PARAM));
}

struct use_scan {
	const char *var;
	unsigned flags;
	struct fx_loc after;
	bool found;
	struct q_use first;
	bool handed_on;
	unsigned force_cond;	/* inside a statement expression used as a condition */
};

static void scan_expr(struct use_scan *u, const struct fx_expr *e, bool cond, bool escape);
static void scan_stmt(struct use_scan *u, const struct fx_stmt *s);

static void note_use(struct use_scan *u, const struct fx_loc *loc, bool cond, bool escape,
		     bool overwrite)
{
	if (!q_loc_before(&u->after, loc))
		return;
	if (escape)
		u->handed_on = true;
	if (u->found && !q_loc_before(loc, &u->first.loc))
		return;
	u->found = true;
	u->first.loc = *loc;
	u->first.cond = cond;
	u->first.escape = escape;
	u->first.overwrite = overwrite;
}

static void scan_kids(struct use_scan *u, const struct fx_expr *e, bool cond, bool escape)
{
	unsigned i;

	for (i = 0; i < e->nkids; i++)
		scan_expr(u, e->kids[i], cond, escape);
}

static bool is_op(const struct fx_expr *e, const char *const *ops)
{
	for (; e->op && *ops; ops++)
		if (!strcmp(e->op, *ops))
			return true;
	return false;
}

static void scan_expr(struct use_scan *u, const struct fx_expr *e, bool cond, bool escape)
{
	static const char *const tests[] = { "==", "!=", "&&", "||", NULL };
	bool params = u->flags & Q_PARAMS;
	unsigned i;

	if (!e)
		return;
	if (e->kind == FXE_IDENT && q_is_var(e, u->var, params) &&
	    q_loc_before(&u->after, &e->loc)) {
		note_use(u, &e->loc, cond || u->force_cond, escape, false);
		return;
	}
	switch (e->kind) {
	case FXE_MEMBER:
		if (e->arrow && e->nkids == 1 && q_is_var(e->kids[0], u->var, params)) {
			/* var->field dereferences it, wherever it is passed */
			scan_expr(u, e->kids[0], cond, false);
			u->handed_on |= escape;
			return;
		}
		break;
	case FXE_BINARY:
		if (q_is_assign(e)) {
			/* x = var hands it on; var = ... is no use of the old value */
			if (!q_is_var(e->kids[0], u->var, params))
				scan_expr(u, e->kids[0], cond, escape);
			else if (u->flags & Q_OVERWRITES)
				note_use(u, &fx_strip(e->kids[0])->loc, false, false, true);
			scan_expr(u, e->kids[1], cond, true);
			return;
		}
		if (is_op(e, tests)) {
			scan_kids(u, e, true, escape);
			return;
		}
		break;
	case FXE_UNARY:
		if (e->op && !strcmp(e->op, "!")) {
			scan_kids(u, e, true, escape);
			return;
		}
		break;
	case FXE_COND:
		if (e->nkids == 3) {
			scan_expr(u, e->kids[0], true, escape);
			scan_expr(u, e->kids[1], cond, escape);
			scan_expr(u, e->kids[2], cond, escape);
			return;
		}
		break;
	case FXE_CALL:
		/* any argument hands the value on (list_add_tail ...) */
		scan_expr(u, e->nkids ? e->kids[0] : NULL, cond, escape);
		for (i = 1; i < e->nkids; i++)
			scan_expr(u, e->kids[i], cond, true);
		return;
	default:
		break;
	}
	scan_kids(u, e, cond, escape);
	if (e->init)
		for (i = 0; i < e->init->nfields; i++)
			scan_expr(u, e->init->fields[i].value, cond, true);
	if (e->stmt) {
		/* if (WARN_ON(!r)): the whole statement expression is the test */
		u->force_cond += cond;
		scan_stmt(u, e->stmt);
		u->force_cond -= cond;
	}
}

static void scan_stmt(struct use_scan *u, const struct fx_stmt *s)
{
	unsigned i;

	if (!s)
		return;
	switch (s->kind) {
	case FXS_IF:
	case FXS_WHILE:
	case FXS_DO:
	case FXS_FOR:
	case FXS_SWITCH:
		scan_expr(u, s->expr, true, false);
		break;
	case FXS_RETURN:
		scan_expr(u, s->expr, false, true);
		break;
	default:
		scan_expr(u, s->expr, false, false);
		break;
	}
	for (i = 0; i < s->nkids; i++)
		scan_stmt(u, s->kids[i]);
}

bool q_first_use(const struct fx_stmt *body, const char *var, unsigned flags,
		 const struct fx_loc *after, struct q_use *first, bool *handed_on)
{
	struct use_scan u = { .var = var, .flags = flags, .after = *after };

	scan_stmt(&u, body);
	*first = u.first;
	if (handed_on)
		*handed_on = u.handed_on;
	return u.found;
}

struct def_scan {
	const char *var;
	struct fx_loc before;
	const struct fx_expr *def;
};

static bool find_def_stmt(const struct fx_stmt *s, void *arg)
{
	struct def_scan *d = arg;

	if (s->kind == FXS_DECL && s->name && !strcmp(s->name, d->var) && s->expr &&
	    q_loc_before(&s->loc, &d->before))
		d->def = s->expr;
	return true;
}

static bool find_def_expr(const struct fx_expr *e, void *arg)
{
	struct def_scan *d = arg;

	if (q_is_assign(e) && q_is_var(e->kids[0], d->var, true) &&
	    q_loc_before(&e->loc, &d->before))
		d->def = e->kids[1];
	return true;
}

const struct fx_expr *q_last_def(const struct fx_stmt *body, const char *var,
				 const struct fx_loc *before)
{
	struct def_scan d = { .var = var, .before = *before };

	fx_walk_stmt(body, find_def_stmt, find_def_expr, &d);
	return d.def;
}

const char *q_spell(const struct fx_tu *tu, const struct fx_loc *loc, char *buf, size_t len)
{
	const char *p = tu->src, *end;
	unsigned line = 1, depth = 0;
	size_t n = 0;

	if (!p || !loc->line || !loc->col || (loc->file && strcmp(loc->file, tu->file)))
		return NULL;
	end = p + tu->src_len;
	while (p < end && line < loc->line)
		if (*p++ == '\n')
			line++;
	p += loc->col - 1;
	for (; p < end && n + 1 < len; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')' && !depth)
			break;
		else if (*p == ')')
			depth--;
		else if ((*p == ',' || *p == ';') && !depth)
			break;
		buf[n++] = *p;
	}
	while (n && (buf[n - 1] == ' ' || buf[n - 1] == '\t' || buf[n - 1] == '\n'))
		n--;
	buf[n] = '\0';
	return n ? buf : NULL;
}

const struct fx_var *q_find_global(const struct fx_program *prog, const struct fx_tu *from,
				   const char *name, const char *record)
{
	unsigned t, i;

	/* C linkage: from's own variable, else an external one of another TU */
	for (i = 0; from && i < from->nvars; i++) {
		const struct fx_var *v = &from->vars[i];

		if (!strcmp(v->name, name) && v->record && !strcmp(v->record, record) && v->init)
			return v;
	}
	for (t = 0; t < prog->ntus; t++)
		for (i = 0; prog->tus[t] != from && i < prog->tus[t]->nvars; i++) {
			const struct fx_var *v = &prog->tus[t]->vars[i];

			if (!strcmp(v->name, name) && v->record && !strcmp(v->record, record) &&
			    v->init && !v->is_static)
				return v;
		}
	return NULL;
}

bool q_release_shaped(const struct fx_func *fn)
{
	return fn->body && fn->nparams == 1 && fn->params[0].type &&
	       !strcmp(fn->params[0].type, "struct device *") && fn->ret_type &&
	       !strcmp(fn->ret_type, "void") && fn->params[0].name;
}

struct frees_scan {
	const char *param;
	const struct fx_expr *call;
};

static bool frees_visit(const struct fx_expr *e, void *arg)
{
	struct frees_scan *f = arg;
	const struct fx_expr *a;

	if (q_call_role(e, "device-lifetime", "free") && e->nkids == 2) {
		a = fx_strip(e->kids[1]);
		if (a && a->kind == FXE_IDENT && a->ref == FXR_PARAM && !strcmp(a->name, f->param))
			f->call = e;	/* the last one, as the finding has always said */
	}
	return true;
}

const struct fx_expr *q_release_frees_param(const struct fx_func *fn)
{
	struct frees_scan f = { NULL, NULL };

	if (!q_release_shaped(fn))
		return NULL;
	f.param = fn->params[0].name;
	fx_walk_stmt(fn->body, NULL, frees_visit, &f);
	return f.call;
}

static bool embeds(const struct fx_tu *tu, const char *name, const char *inner, unsigned depth)
{
	const struct fx_record *r;
	unsigned i;

	if (!name || depth > 4 || !(r = fx_find_record(tu, name)))
		return false;
	for (i = 0; i < r->nfields; i++) {
		const struct fx_field *f = &r->fields[i];

		if (f->is_pointer || !f->record)
			continue;
		if (!strcmp(f->record, inner) || embeds(tu, f->record, inner, depth + 1))
			return true;
	}
	return false;
}

bool q_record_embeds(const struct fx_tu *tu, const char *name, const char *inner)
{
	return embeds(tu, name, inner, 0);
}

const char *q_macro_arg(const char *text, unsigned i, char *buf, size_t len)
{
	const char *p = text ? strchr(text, '(') : NULL, *start;
	int depth = 0;
	size_t n;

	if (!p || !len)
		return NULL;
	for (start = ++p; *p; p++) {
		if (*p == '(') {
			depth++;
		} else if (*p == ')' && depth) {
			depth--;
		} else if ((*p == ',' || *p == ')') && !depth) {
			if (!i--)
				break;
			if (*p == ')')
				return NULL;
			start = p + 1;
		}
	}
	if (!*p)
		return NULL;
	while (start < p && (*start == ' ' || *start == '\t' || *start == '\n'))
		start++;
	n = (size_t)(p - start);
	while (n && (start[n - 1] == ' ' || start[n - 1] == '\t' || start[n - 1] == '\n'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(buf, start, n);
	buf[n] = '\0';
	return buf;
}

unsigned q_parse_version(const char *s)
{
	unsigned major = 0, minor = 0;

	if (!s || sscanf(s, "%u.%u", &major, &minor) < 1)
		return 0;
	return major * 100 + minor;
}

int q_layout_has(const struct fx_tu *tu, const char *record_field)
{
	const char *dot = strchr(record_field, '.');
	const struct fx_record *r;
	char rec[128];

	if (!dot)
		return -1;
	snprintf(rec, sizeof(rec), "%.*s", (int)(dot - record_field), record_field);
	r = fx_find_record(tu, rec);
	if (!r)
		return -1;
	return fx_record_has_field(r, dot + 1);
}

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p = text;

	while (text && (p = strstr(p, word))) {
		if ((p == text || !ident_char(p[-1])) && !ident_char(p[n]))
			return true;
		p += n;
	}
	return false;
}

#define MAX_HEADERS 16

/* iommu.h paths already read, with the version their markers prove */
static struct {
	char *path;
	unsigned version;
	const char *marker;
} headers[MAX_HEADERS];
static unsigned nheaders;
static pthread_mutex_t headers_lock = PTHREAD_MUTEX_INITIALIZER;	/* rules run in parallel */

/* Version proven by the markers in the tree's iommu.h; 0 if not parsed. */
static unsigned header_version_locked(const struct fx_tu *tu, const char **marker)
{
	const struct fx_record *ops = fx_find_record(tu, "iommu_ops");
	const struct tbl *t = tbl_get("iommu-api");
	char path[4096];
	unsigned i, best = 0;
	char *text;

	*marker = NULL;
	if (!ops || !ops->loc.file || !t)
		return 0;
	if (ops->loc.file[0] == '/' || !tu->directory)
		snprintf(path, sizeof(path), "%s", ops->loc.file);
	else
		snprintf(path, sizeof(path), "%s/%s", tu->directory, ops->loc.file);
	for (i = 0; i < nheaders; i++)
		if (!strcmp(headers[i].path, path)) {
			*marker = headers[i].marker;
			return headers[i].version;
		}
	text = read_text_file(path);
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *row = &t->rows[i];
		unsigned v;
		bool found;

		if (row->nfields < 3 || strcmp(row->fields[0], "marker"))
			continue;
		v = q_parse_version(row->fields[2]);
		if (strchr(row->fields[1], '.'))
			found = q_layout_has(tu, row->fields[1]) == 1;
		else
			found = has_word(text, row->fields[1]);
		if (found && v > best) {
			best = v;
			*marker = row->fields[1];
		}
	}
	free(text);
	if (nheaders < MAX_HEADERS && (headers[nheaders].path = strdup(path))) {
		headers[nheaders].version = best;
		headers[nheaders].marker = *marker;
		nheaders++;
	}
	return best;
}

static unsigned header_version(const struct fx_tu *tu, const char **marker)
{
	unsigned v;

	pthread_mutex_lock(&headers_lock);
	v = header_version_locked(tu, marker);
	pthread_mutex_unlock(&headers_lock);
	return v;
}

unsigned q_api_version(const struct rule_ctx *ctx, const struct fx_tu *tu, char *why,
		       size_t len)
{
	return q_tree_version(tu, ctx_kernel_version(ctx), why, len);
}

unsigned q_tree_version(const struct fx_tu *tu, const char *kernel, char *why, size_t len)
{
	const char *marker = NULL;
	unsigned v = header_version(tu, &marker);

	if (v) {
		snprintf(why, len, "'%s' in its iommu.h", marker);
		return v;
	}
	if (kernel) {
		snprintf(why, len, "--kernel=%s", kernel);
		return q_parse_version(kernel);
	}
	return 0;
}

bool q_call_role(const struct fx_expr *e, const char *table, const char *role)
{
	const struct tbl_row *row;

	e = fx_strip(e);
	if (!e || e->kind != FXE_CALL || !e->name)
		return false;
	row = tbl_find(tbl_get(table), 0, e->name);
	return row && row->nfields > 1 && !strcmp(row->fields[1], role);
}

struct role_scan {
	const char *table, *role, *text;
	const struct fx_expr *call;
};

static bool find_role(const struct fx_expr *e, void *arg)
{
	struct role_scan *rs = arg;
	const struct fx_expr *a;

	if (!q_call_role(e, rs->table, rs->role) || e->nkids != 2)
		return true;
	a = fx_strip(e->kids[1]);
	if (!rs->text || (a && a->text && !strcmp(a->text, rs->text)))
		rs->call = e;
	return !rs->call || !rs->text;
}

const struct fx_expr *q_find_call_role(const struct fx_stmt *s, const char *table,
				       const char *role)
{
	struct role_scan rs = { table, role, NULL, NULL };

	fx_walk_stmt(s, NULL, find_role, &rs);
	return rs.call;
}

bool q_tu_calls_on(const struct fx_tu *tu, const char *table, const char *role, const char *text)
{
	struct role_scan rs = { table, role, text, NULL };
	unsigned i;

	for (i = 0; tu && text && i < tu->nfuncs && !rs.call; i++)
		fx_walk_stmt(tu->funcs[i].body, NULL, find_role, &rs);
	return rs.call != NULL;
}

struct assign_scan {
	const char *table, *role, *var;	/* role NULL: any right-hand side */
	const struct fx_expr *rhs;
};

static bool scan_assign_stmt(const struct fx_stmt *st, void *arg)
{
	struct assign_scan *as = arg;

	if (st->kind == FXS_DECL && st->name && st->expr && !strcmp(st->name, as->var) &&
	    (!as->role || q_call_role(st->expr, as->table, as->role)))
		as->rhs = st->expr;
	return !as->rhs;
}

static bool scan_assign_expr(const struct fx_expr *e, void *arg)
{
	struct assign_scan *as = arg;
	const struct fx_expr *l;

	if (!q_is_assign(e) || !(l = fx_strip(e->kids[0])) || !l->text || strcmp(l->text, as->var))
		return true;
	if (!as->role || q_call_role(e->kids[1], as->table, as->role))
		as->rhs = e->kids[1];
	return !as->rhs;
}

const struct fx_expr *q_assigned(const struct fx_stmt *body, const char *var, const char *table,
				 const char *role)
{
	struct assign_scan as = { table, role, var, NULL };

	if (var)
		fx_walk_stmt(body, scan_assign_stmt, scan_assign_expr, &as);
	return as.rhs;
}

bool q_tu_assigns_call_role(const struct fx_tu *tu, const char *table, const char *role,
			    const char *var)
{
	unsigned i;

	for (i = 0; tu && var && i < tu->nfuncs; i++)
		if (q_assigned(tu->funcs[i].body, var, table, role))
			return true;
	return false;
}

bool q_is_var_member(const struct fx_expr *e, const char *var, const char *field)
{
	const struct fx_expr *base;

	if (!e || e->kind != FXE_MEMBER || !e->name || strcmp(e->name, field) || !e->nkids)
		return false;
	base = fx_strip(e->kids[0]);
	return base && base->kind == FXE_IDENT && base->name && !strcmp(base->name, var);
}
