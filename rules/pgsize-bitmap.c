// SPDX-License-Identifier: GPL-2.0
/*
 * pgsize-bitmap: an iommu_ops that hands out paging domains but gives them
 * no page sizes, or a domain bitmap with sizes the ops' own does not have.
 *
 * iommu_map() and iommu_unmap() start with WARN_ON(domain->pgsize_bitmap
 * == 0) and fail.  The bitmap comes from ops->pgsize_bitmap, which the
 * core copies into a new domain only when the domain's own is still zero
 * (per-domain bitmaps since 4.6, "iommu: Allow selecting page sizes per
 * domain"; 6.x drivers such as VT-d, AMD and virtio-iommu set only the
 * domain's, or fill the ops' at probe time).  So an ops table with a
 * paging allocation callback (rules/data/pgsize.tbl) is fine when its
 * initialiser sets a non-zero .pgsize_bitmap, when some function assigns
 * <ops>.pgsize_bitmap, or - on trees whose struct iommu_domain has the
 * field - when some function of the driver's file assigns a
 * pgsize_bitmap member.  Otherwise every paging domain it hands out is
 * unusable.
 *
 * Where both are constants in the file (sizes.h SZ_* macros, integer
 * literals, |, <<, ~), a domain's bitmap that sets sizes the ops'
 * .pgsize_bitmap (what the driver declares its page-table format
 * supports) does not is reported too: the core would split mappings into
 * pages the hardware cannot map.
 */
#include <stdlib.h>
#include <string.h>

#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

/* Why no pgsize-bitmap finding has a fix (docs/rules/pgsize-bitmap.md). */
#define NO_FIX "the page sizes are those of the hardware's page-table format: not something an edit can know"

static bool table_has(const char *kind, const char *name)
{
	const struct tbl *t = tbl_get("pgsize");
	unsigned i;

	for (i = 0; name && t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 2 && !strcmp(t->rows[i].fields[0], kind) &&
		    !strcmp(t->rows[i].fields[1], name))
			return true;
	return false;
}

/* "SZ_4K" -> 0x1000, by the size-macro prefixes of pgsize.tbl. */
static bool size_macro(const char *name, unsigned long long *v)
{
	const struct tbl *t = tbl_get("pgsize");
	unsigned i;

	for (i = 0; name && t && i < t->nrows; i++) {
		const char *pre = t->rows[i].fields[1];
		char *end;
		unsigned long long n;

		if (t->rows[i].nfields < 2 || strcmp(t->rows[i].fields[0], "size-macro") ||
		    strncmp(name, pre, strlen(pre)))
			continue;
		n = strtoull(name + strlen(pre), &end, 10);
		if (end == name + strlen(pre))
			return false;
		if (*end == 'K')
			n <<= 10, end++;
		else if (*end == 'M')
			n <<= 20, end++;
		else if (*end == 'G')
			n <<= 30, end++;
		if (*end)
			return false;
		*v = n;
		return true;
	}
	return false;
}

static bool int_literal(const char *text, unsigned long long *v)
{
	char *end;

	if (!text || !*text || (*text < '0' || *text > '9'))
		return false;
	*v = strtoull(text, &end, 0);
	while (*end == 'u' || *end == 'U' || *end == 'l' || *end == 'L')
		end++;
	return !*end;
}

/* The value of a constant page-size expression, as unsigned long (64-bit). */
static bool const_value(const struct fx_expr *e, unsigned long long *v)
{
	unsigned long long a, b;

	e = fx_strip(e);
	if (!e)
		return false;
	switch (e->kind) {
	case FXE_INT:
		return int_literal(e->text, v) || size_macro(e->text, v) ||
		       size_macro(e->macro, v);
	case FXE_IDENT:
		return size_macro(e->name, v);
	case FXE_UNARY:
		if (!e->op || strcmp(e->op, "~") || e->nkids != 1 || !const_value(e->kids[0], &a))
			return false;
		*v = ~a;
		return true;
	case FXE_BINARY:
		if (!e->op || e->nkids != 2 || !const_value(e->kids[0], &a) ||
		    !const_value(e->kids[1], &b))
			return false;
		if (!strcmp(e->op, "|") || !strcmp(e->op, "+"))
			*v = a | b;
		else if (!strcmp(e->op, "<<") && b < 64)
			*v = a << b;
		else
			return false;
		return true;
	default:
		return false;
	}
}

/* "x.pgsize_bitmap = v" or "x->pgsize_bitmap |= v": the member, else NULL. */
static const struct fx_expr *pgsize_store(const struct fx_expr *e)
{
	const struct fx_expr *lhs;

	if (e->kind != FXE_BINARY || e->nkids != 2 || !e->op ||
	    (strcmp(e->op, "=") && strcmp(e->op, "|=")))
		return NULL;
	lhs = fx_strip(e->kids[0]);
	return lhs && lhs->kind == FXE_MEMBER && lhs->name && !strcmp(lhs->name, "pgsize_bitmap") &&
	       lhs->nkids == 1 ? lhs : NULL;
}

static bool names(const struct fx_expr *e, const char *var)
{
	e = q_strip_addr(e);
	return e && e->kind == FXE_IDENT && e->name && !strcmp(e->name, var);
}

struct store_scan {
	const char *ops;	/* the ops variable's name */
	bool ops_store;		/* ops.pgsize_bitmap = ... */
	bool domain_store;	/* some other pgsize_bitmap member, non-zero */
	struct rule_ctx *ctx;	/* subset check: report there (NULL: only scan) */
	const struct fx_func *fn;
	unsigned long long ops_bits;
};

static bool find_store(const struct fx_expr *e, void *arg)
{
	struct store_scan *s = arg;
	const struct fx_expr *m = pgsize_store(e);
	unsigned long long v;

	if (!m)
		return true;
	if (names(m->kids[0], s->ops)) {
		s->ops_store = true;
		return true;
	}
	if (!const_value(e->kids[1], &v)) {
		s->domain_store = true;
		return true;
	}
	if (v)
		s->domain_store = true;
	if (s->ctx && (v & ~s->ops_bits))
		report_fix_note(s->ctx, report(s->ctx, &e->loc, s->fn->name,
		       "domain pgsize_bitmap %#llx has page sizes %#llx that iommu_ops '%s' .pgsize_bitmap (%#llx) does not: the core splits mappings into pages the page-table format cannot map",
		       v, v & ~s->ops_bits, s->ops, s->ops_bits), NO_FIX);
	return true;
}

static void scan_tu(const struct fx_tu *tu, struct store_scan *s)
{
	unsigned i;

	for (i = 0; i < tu->nfuncs; i++) {
		s->fn = &tu->funcs[i];
		fx_walk_stmt(tu->funcs[i].body, NULL, find_store, s);
	}
}

static const char *paging_alloc(const struct fx_var *ops)
{
	unsigned i;

	for (i = 0; i < ops->init->nfields; i++) {
		const struct fx_init_field *f = &ops->init->fields[i];

		if (f->field && !f->inactive && table_has("paging-alloc", f->field))
			return f->field;
	}
	return NULL;
}

static bool init_has_map_op(const struct fx_init *in);

/* An expression that is, or holds (&(struct ...){ ... }), an initialiser with a map op. */
static bool expr_has_map_op(const struct fx_expr *e)
{
	unsigned i;

	if (!e)
		return false;
	if (e->init && init_has_map_op(e->init))
		return true;
	for (i = 0; i < e->nkids; i++)
		if (expr_has_map_op(e->kids[i]))
			return true;
	return false;
}

static bool init_has_map_op(const struct fx_init *in)
{
	unsigned i;

	for (i = 0; i < in->nfields; i++) {
		const struct fx_init_field *f = &in->fields[i];

		if (f->inactive)
			continue;
		if (f->field && table_has("map-op", f->field))
			return true;
		if (expr_has_map_op(f->value))
			return true;
	}
	return false;
}

/*
 * Does any initialiser of the file give a domain a way to map (.map_pages,
 * .map)?  A driver whose domains have none (fsl_pamu: windows, not page
 * tables) hands out no paging domain: iommu_map() fails on it whatever the
 * bitmap says.
 */
static bool tu_has_map_op(const struct fx_tu *tu)
{
	unsigned i;

	for (i = 0; i < tu->nvars; i++)
		if (tu->vars[i].init && init_has_map_op(tu->vars[i].init))
			return true;
	return false;
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *ops)
{
	const struct fx_program *prog = ctx_program(ctx);
	struct store_scan s = { .ops = ops->name };
	const struct fx_init_field *bm;
	const char *alloc;
	unsigned long long v = 0;
	bool per_domain;
	unsigned t;

	/* a struct iommu_ops without the field (a partial model of one) has no such contract */
	if (!ops->init || ops->is_array || !(alloc = paging_alloc(ops)) ||
	    !q_layout_has(tu, "iommu_ops.pgsize_bitmap") || !tu_has_map_op(tu))
		return;
	bm = fx_init_get(ops->init, "pgsize_bitmap");
	if (bm && !bm->inactive && !(const_value(bm->value, &v) && !v)) {
		if (const_value(bm->value, &v)) {
			s.ctx = ctx;
			s.ops_bits = v;
			scan_tu(tu, &s);
		}
		return;
	}
	for (t = 0; t < prog->ntus && !s.ops_store; t++)
		scan_tu(prog->tus[t], &s);
	if (s.ops_store)
		return;
	s.domain_store = false;
	scan_tu(tu, &s);
	per_domain = q_layout_has(tu, "iommu_domain.pgsize_bitmap") != 0;
	if (per_domain && s.domain_store)
		return;
	report_fix_note(ctx, report(ctx, bm && !bm->inactive ? &bm->loc : &ops->loc, ops->name,
	       "iommu_ops '%s' hands out paging domains (.%s) but %s, and %s: iommu_map() and iommu_unmap() WARN and fail on every such domain",
	       ops->name, alloc, bm && !bm->inactive ? "its .pgsize_bitmap is 0" : "has no .pgsize_bitmap",
	       per_domain ? "no function of its file sets a domain's pgsize_bitmap"
			  : "this tree's struct iommu_domain has no pgsize_bitmap of its own"), NO_FIX);
}

void rule_pgsize_bitmap_register(struct rule_reg *r)
{
	hook_var(r, "iommu_ops", match_iommu_ops);
}
