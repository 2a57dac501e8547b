// SPDX-License-Identifier: GPL-2.0
/*
 * attach-dev-return: an attach_dev callback returns an error code that the
 * tree's iommu.h does not list for it, or logs an error on a path that
 * returns -EINVAL.
 *
 * Since 6.2 ("iommu: Add return value rules to attach_dev op and APIs",
 * with "iommu: Use EINVAL for incompatible device/domain in ->attach_dev"
 * converting the drivers) the kernel-doc of attach_dev lists what it may
 * return: 0, -EINVAL (device and domain incompatible: callers such as
 * VFIO probe whether an existing domain can be reused, so the driver must
 * not log an error then), -ENOMEM, -ENOSPC, -EBUSY, -ENODEV; anything
 * else is treated as -ENODEV and discouraged.  The list is read from the
 * tree's own iommu.h (the header that defines the ops record the TU
 * sees), so a tree whose header does not document it gets no finding.
 *
 * Error codes are seen where the callback returns a constant ("return
 * -EPERM") or assigns one to a local it returns ("ret = -EIO; ... return
 * ret").  A log call and a -EINVAL return (or assignment of the returned
 * local) in one statement block is the logging finding.  Codes passed up
 * from a helper are not followed (a limitation, docs/rules/attach-dev-return.md).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"
#include "../checker/util.h"

/* Why no attach-dev-return finding has a fix (docs/rules/attach-dev-return.md). */
#define NO_FIX_CODE "which documented code fits (-ENODEV, -EBUSY, -ENOSPC ...) depends on why the attach fails: the driver author's call"
#define NO_FIX_LOG "the log may be wanted at another level or for another code; only the author knows whether this -EINVAL is the incompatible-domain answer"

#define MAX_CODES 16
#define MAX_HEADERS 16
#define MAX_RETVARS 8

struct codes {
	unsigned n;
	char code[MAX_CODES][24];
};

/* iommu.h paths already read, with the codes their attach_dev doc lists */
static struct {
	char *path;
	struct codes codes;
} headers[MAX_HEADERS];
static unsigned nheaders;

/* The "* * EINVAL - ..." items of the @attach_dev kernel-doc in text. */
static void parse_doc(const char *text, struct codes *c)
{
	const char *p = text ? strstr(text, "@attach_dev:") : NULL;

	c->n = 0;
	if (!p)
		return;
	for (p = strchr(p, '\n'); p && *p; p = strchr(p + 1, '\n')) {
		const char *q = p + 1;
		size_t k = 0;

		while (*q == ' ' || *q == '\t' || *q == '*')
			q++;
		if (*q == '@' || !strncmp(q, "/", 1))
			break;
		if (q[0] != 'E' || !isupper((unsigned char)q[1]))
			continue;
		while (k + 1 < sizeof(c->code[0]) && isupper((unsigned char)q[k]))
			k++;
		if (c->n < MAX_CODES) {
			memcpy(c->code[c->n], q, k);
			c->code[c->n++][k] = '\0';
		}
	}
}

static const char *header_path(const struct fx_tu *tu, char *buf, size_t len)
{
	const struct fx_record *r = fx_find_record(tu, "iommu_domain_ops");

	if (!r)
		r = fx_find_record(tu, "iommu_ops");
	if (!r || !r->loc.file)
		return NULL;
	if (r->loc.file[0] == '/' || !tu->directory)
		snprintf(buf, len, "%s", r->loc.file);
	else
		snprintf(buf, len, "%s/%s", tu->directory, r->loc.file);
	return buf;
}

/*
 * The documented codes for the TU's tree; n == 0 when it documents none.
 * A TU that binds attach_dev sees the record it initialises, so in clang
 * mode the header is always known.
 */
static const struct codes *documented(const struct fx_tu *tu, struct codes *tmp)
{
	char path[4096];
	unsigned i;
	char *text;

	tmp->n = 0;
	if (!header_path(tu, path, sizeof(path)))
		return tmp;
	for (i = 0; i < nheaders; i++)
		if (!strcmp(headers[i].path, path))
			return &headers[i].codes;
	text = read_text_file(path);
	parse_doc(text, tmp);
	free(text);
	if (nheaders < MAX_HEADERS && (headers[nheaders].path = strdup(path))) {
		headers[nheaders].codes = *tmp;
		return &headers[nheaders++].codes;
	}
	return tmp;
}

static bool listed(const struct codes *c, const char *code)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (!strcmp(c->code[i], code))
			return true;
	return false;
}

/* "-EPERM" (a macro or, in fast mode, an identifier) -> "EPERM"; else NULL. */
static const char *errno_name(const struct fx_expr *e)
{
	const char *n;

	e = fx_strip(e);
	if (!e || e->kind != FXE_UNARY || !e->op || strcmp(e->op, "-") || e->nkids != 1)
		return NULL;
	e = fx_strip(e->kids[0]);
	n = e ? (e->macro ? e->macro : e->name) : NULL;
	return n && n[0] == 'E' && isupper((unsigned char)n[1]) ? n : NULL;
}

static bool logger_row(const char *name)
{
	const struct tbl *t = tbl_get("attach-dev");
	unsigned i;

	for (i = 0; name && t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2 && !strcmp(t->rows[i].fields[0], "logger") &&
		    !strcmp(t->rows[i].fields[1], name))
			return true;
	return false;
}

/*
 * A logging call, as written: the macro may expand to a statement
 * expression (the kernel's dev_err with CONFIG_PRINTK_INDEX), not a call.
 */
static bool is_logger(const struct fx_expr *e)
{
	e = fx_strip(e);
	return e && ((e->macro && logger_row(e->macro)) ||
		     (e->kind == FXE_CALL && logger_row(e->name)));
}

struct scan {
	struct rule_ctx *ctx;
	const struct fx_func *fn;
	const struct codes *codes;
	unsigned nvars;
	const char *vars[MAX_RETVARS];	/* locals the function returns */
	char list[256];
};

static bool returned_var(const struct scan *s, const struct fx_expr *e)
{
	unsigned i;

	for (i = 0; i < s->nvars; i++)
		if (q_is_var(e, s->vars[i], false))
			return true;
	return false;
}

static bool collect_returned(const struct fx_stmt *st, void *arg)
{
	struct scan *s = arg;
	const struct fx_expr *e = st->kind == FXS_RETURN ? fx_strip(st->expr) : NULL;

	if (e && e->kind == FXE_IDENT && e->ref == FXR_LOCAL && !returned_var(s, e) &&
	    s->nvars < MAX_RETVARS)
		s->vars[s->nvars++] = e->name;
	return true;
}

/* The errno constant this statement makes the callback return, or NULL. */
static const char *stmt_code(const struct scan *s, const struct fx_stmt *st,
			     const struct fx_loc **loc)
{
	const struct fx_expr *e = fx_strip(st->expr);
	unsigned i;

	*loc = &st->loc;
	if (st->kind == FXS_RETURN)
		return errno_name(e);
	if (st->kind == FXS_DECL && st->name && e) {
		for (i = 0; i < s->nvars; i++)
			if (!strcmp(s->vars[i], st->name))
				return errno_name(e);
		return NULL;
	}
	if (st->kind == FXS_EXPR && q_is_assign(e) && returned_var(s, e->kids[0])) {
		*loc = &e->loc;
		return errno_name(e->kids[1]);
	}
	return NULL;
}

static bool check_code(const struct fx_stmt *st, void *arg)
{
	struct scan *s = arg;
	const struct fx_loc *loc;
	const char *code = stmt_code(s, st, &loc);

	if (!code || listed(s->codes, code))
		return true;
	report_fix_note(s->ctx, report(s->ctx, loc, s->fn->name,
	       "attach_dev callback %s() returns -%s, which the attach_dev kernel-doc in this tree's iommu.h does not list (%s): the core treats it as -ENODEV",
	       s->fn->name, code, s->list), NO_FIX_CODE);
	return true;
}

/* A block that both logs an error and returns (or sets up) -EINVAL. */
static bool check_block(const struct fx_stmt *st, void *arg)
{
	struct scan *s = arg;
	const struct fx_stmt *log = NULL, *einval = NULL;
	const struct fx_loc *loc;
	const char *code;
	unsigned i;

	if (st->kind != FXS_BLOCK)
		return true;
	for (i = 0; i < st->nkids; i++) {
		const struct fx_stmt *k = st->kids[i];

		if (k->kind == FXS_EXPR && is_logger(k->expr) && !log)
			log = k;
		code = stmt_code(s, k, &loc);
		if (code && !strcmp(code, "EINVAL") && !einval)
			einval = k;
	}
	if (log && einval) {
		int h = report(s->ctx, &log->expr->loc, s->fn->name,
			       "attach_dev callback %s() logs an error on a path that returns -EINVAL: the attach_dev kernel-doc in this tree's iommu.h makes -EINVAL the quiet \"incompatible domain\" answer that callers probe for; log at debug level, or return another code",
			       s->fn->name);

		report_related(s->ctx, h, &einval->loc, "-EINVAL returned here");
		report_fix_note(s->ctx, h, NO_FIX_LOG);
	}
	return true;
}

static bool init_binds(const struct fx_init *init, const char *fn);

static bool expr_binds(const struct fx_expr *e, void *arg)
{
	return e->kind != FXE_INITLIST || !init_binds(e->init, arg);
}

/* ".attach_dev = fn" in init or in an initialiser nested in it (compound literals). */
static bool init_binds(const struct fx_init *init, const char *fn)
{
	unsigned i;

	for (i = 0; init && i < init->nfields; i++) {
		const struct fx_init_field *f = &init->fields[i];
		const struct fx_expr *v = q_strip_addr(f->value);

		if (f->inactive)
			continue;
		if (f->field && !strcmp(f->field, "attach_dev") && v && v->kind == FXE_IDENT &&
		    v->name && !strcmp(v->name, fn))
			return true;
		if (f->value && !fx_walk_expr(f->value, expr_binds, (void *)fn))
			return true;
	}
	return false;
}

/*
 * fn is bound as attach_dev: by a file-scope iommu_domain_ops/iommu_ops of
 * any TU, or in an initialiser of its own TU, nested ones included (the 6.x
 * ".default_domain_ops = &(const struct iommu_domain_ops) { ... }").
 */
static bool is_attach_dev(const struct fx_program *prog, const struct fx_tu *tu,
			  const struct fx_func *fn)
{
	unsigned i;

	if (fx_find_binding(prog, tu, "iommu_domain_ops", "attach_dev", fn->name) ||
	    fx_find_binding(prog, tu, "iommu_ops", "attach_dev", fn->name))
		return true;
	for (i = 0; i < tu->nvars; i++)
		if (init_binds(tu->vars[i].init, fn->name))
			return true;
	return false;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct scan s = { .ctx = ctx, .fn = fn };
	struct codes tmp;
	unsigned i;

	if (!fn->body || !is_attach_dev(ctx_program(ctx), tu, fn))
		return;
	s.codes = documented(tu, &tmp);
	if (!s.codes->n)
		return;
	snprintf(s.list, sizeof(s.list), "0");
	for (i = 0; i < s.codes->n; i++)
		snprintf(s.list + strlen(s.list), sizeof(s.list) - strlen(s.list), ", -%s",
			 s.codes->code[i]);
	fx_walk_stmt(fn->body, collect_returned, NULL, &s);
	fx_walk_stmt(fn->body, check_code, NULL, &s);
	if (listed(s.codes, "EINVAL"))
		fx_walk_stmt(fn->body, check_block, NULL, &s);
}

void rule_attach_dev_return_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
