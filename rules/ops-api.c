// SPDX-License-Identifier: GPL-2.0
/*
 * ops-api: struct iommu_ops initialisers and core API calls that do not
 * match the IOMMU API of the tree being scanned.
 *
 * The driver API has been reshaped many times: domain_init/domain_destroy
 * gave way to domain_alloc/domain_free (4.1), add_device/remove_device to
 * probe_device/release_device (5.8), put_resv_regions to a ->free callback
 * on each region (6.0), detach_dev to attach_dev switching domains (6.3);
 * helpers were renamed or dropped (iommu_get_dm_regions 4.11,
 * iommu_get_instance -> iommu_ops_from_fwnode, of_iommu_set_ops folded into
 * iommu_device_register, iommu_device_set_ops/_fwnode 5.13).  Code
 * forward-ported across those changes keeps a callback the core never
 * calls - a detach that never runs, regions nobody frees - or misses one
 * the core calls unconditionally (device_group, probe_device) and oopses.
 *
 * The version of the tree (q_api_version(), checker/query.c) is read from
 * its own include/linux/iommu.h (the
 * header that defines the struct iommu_ops the TU sees): each marker of
 * rules/data/iommu-api.tbl found there (an identifier, or a record field
 * in the parsed layout) proves "version >= X", and the largest one is the
 * tree's lower bound.  Only removals at or below that bound are reported,
 * so correct code of any version between markers is never flagged.
 * Fields absent from the tree's struct iommu_ops are reported too.  Missing
 * required callbacks are reported for ops tables the program hands to the
 * core (iommu_device_register, bus_set_iommu), in any TU, unless its
 * probe_device can only fail (every return an ERR_PTR(): a stub such as
 * xen's grant-dma-iommu, whose devices the core never gets past
 * probe_device, so it never calls device_group or allocates a domain).
 *
 * Known false positives: a tree that backports a marker without the
 * matching removal; a header that keeps removed fields for compatibility
 * (the project's reference iommu.h does, on purpose) is judged by its
 * markers, which is the intent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/query.h"
#include "../checker/rule.h"

/* Why no ops-api finding has a fix (docs/rules/ops-api.md, Fixes). */
#define NO_FIX_PORT "the replacement API has other semantics (callback signature, ownership, who calls it): porting the driver to it is not a local edit"
#define NO_FIX_WRITE "the missing callback has to be written for the driver's hardware: not a mechanical edit"
#include "../checker/table.h"

/* name is listed under kind in iommu-api.tbl ("prefix*" rows match a prefix). */
static bool api_listed(const char *kind, const char *name)
{
	const struct tbl *t = tbl_get("iommu-api");
	unsigned i;

	for (i = 0; name && t && i < t->nrows; i++) {
		const char *w = t->rows[i].fields[1];
		size_t n = strlen(w);

		if (t->rows[i].nfields < 2 || strcmp(t->rows[i].fields[0], kind))
			continue;
		if (n && w[n - 1] == '*' ? !strncmp(name, w, n - 1) : !strcmp(name, w))
			return true;
	}
	return false;
}

static const struct tbl_row *api_row(const char *kind, const char *name)
{
	const struct tbl *t = tbl_get("iommu-api");
	unsigned i;

	for (i = 0; t && i < t->nrows; i++)
		if (t->rows[i].nfields >= 5 && !strcmp(t->rows[i].fields[0], kind) &&
		    !strcmp(t->rows[i].fields[1], name))
			return &t->rows[i];
	return NULL;
}

static void fmt_version(unsigned v, char *buf, size_t len)
{
	snprintf(buf, len, "%u.%u", v / 100, v % 100);
}

static void check_required(struct rule_ctx *ctx, const struct fx_var *ops,
			   const struct fx_record *rec, unsigned version, const char *marker)
{
	const struct tbl *t = tbl_get("iommu-api");
	unsigned i;

	for (i = 0; t && i < t->nrows; i++) {
		const struct tbl_row *row = &t->rows[i];
		char ver[16];

		if (row->nfields < 3 || strcmp(row->fields[0], "require") ||
		    version < q_parse_version(row->fields[2]) || !fx_record_has_field(rec, row->fields[1]) ||
		    fx_init_get(ops->init, row->fields[1]))
			continue;
		fmt_version(version, ver, sizeof(ver));
		report_fix_note(ctx, report(ctx, &ops->loc, ops->name,
		       "iommu_ops '%s' has no .%s: the core calls it unconditionally on this tree (>= %s, %s)",
		       ops->name, row->fields[1], ver, marker),
				NO_FIX_WRITE);
	}
}

struct ret_scan {
	unsigned returns, errors;
};

static bool count_return(const struct fx_stmt *st, void *arg)
{
	struct ret_scan *rs = arg;
	const struct fx_expr *e = st->kind == FXS_RETURN ? fx_strip(st->expr) : NULL;

	if (st->kind != FXS_RETURN)
		return true;
	rs->returns++;
	rs->errors += e && e->kind == FXE_CALL && e->name && !strcmp(e->name, "ERR_PTR");
	return true;
}

/* Does the ops' probe_device (in any TU) return nothing but ERR_PTR()? */
static bool probe_always_fails(const struct rule_ctx *ctx, const struct fx_tu *tu,
			       const struct fx_var *ops)
{
	const char *name = fx_init_callback(ops, "probe_device");
	const struct fx_func *fn = name ? fx_find_func(ctx_program(ctx), tu, name, NULL) : NULL;
	struct ret_scan rs = { 0, 0 };

	if (!fn || !fn->body)
		return false;
	fx_walk_stmt(fn->body, count_return, NULL, &rs);
	return rs.returns && rs.returns == rs.errors;
}

static void check_domain_alloc(struct rule_ctx *ctx, const struct fx_var *ops,
			       const struct fx_record *rec)
{
	bool offered = false;
	unsigned i;

	for (i = 0; rec && i < rec->nfields; i++)
		offered |= rec->fields[i].name && api_listed("domain-source", rec->fields[i].name);
	if (!offered)
		return;
	for (i = 0; i < ops->init->nfields; i++)
		if (ops->init->fields[i].field && api_listed("domain-source", ops->init->fields[i].field))
			return;
	report_fix_note(ctx, report(ctx, &ops->loc, ops->name,
	       "iommu_ops '%s' offers no way to get a domain (no .domain_alloc* callback nor a static identity/blocked/default domain)",
	       ops->name), NO_FIX_WRITE);
}

/*
 * The names handed to a registrar (iommu_device_register, bus_set_iommu)
 * anywhere in the program, gathered once a run, at its first TU, sorted:
 * each ops table is then one lookup, not a walk of every function (that
 * was O(tables x functions): 4000 tables took seconds).  The names point
 * into the TUs' arenas, which outlive the run.
 */
static struct {
	const char **v;
	unsigned n, cap;
} reg_names;

static bool collect_register(const struct fx_expr *e, void *arg)
{
	unsigned i;

	if (e->kind != FXE_CALL || !api_listed("registrar", e->name))
		return true;
	for (i = 1; i < e->nkids; i++) {
		const struct fx_expr *a = q_strip_addr(e->kids[i]);

		if (!a || a->kind != FXE_IDENT || !a->name)
			continue;
		if (reg_names.n == reg_names.cap) {
			unsigned cap = reg_names.cap ? 2 * reg_names.cap : 64;
			const char **v = realloc(reg_names.v, cap * sizeof(*v));

			if (!v) {
				fputs("iommu-lint: out of memory\n", stderr);
				abort();
			}
			reg_names.v = v;
			reg_names.cap = cap;
		}
		reg_names.v[reg_names.n++] = a->name;
	}
	return true;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void scan_registrars(struct rule_ctx *ctx, const struct fx_tu *tu)
{
	const struct fx_program *prog = ctx_program(ctx);
	unsigned t, i;

	for (t = 0; t < prog->ntus && !prog->tus[t]; t++)
		;
	if (t == prog->ntus || prog->tus[t] != tu)
		return;
	reg_names.n = 0;
	for (t = 0; t < prog->ntus; t++)
		for (i = 0; prog->tus[t] && i < prog->tus[t]->nfuncs; i++)
			fx_walk_stmt(prog->tus[t]->funcs[i].body, NULL, collect_register, NULL);
	if (reg_names.n)
		qsort(reg_names.v, reg_names.n, sizeof(*reg_names.v), cmp_name);
}

/* Is this ops table handed to the core (iommu_device_register, bus_set_iommu) anywhere? */
static bool registered(const char *ops)
{
	return reg_names.n &&
	       bsearch(&ops, reg_names.v, reg_names.n, sizeof(*reg_names.v), cmp_name);
}

static void match_iommu_ops(struct rule_ctx *ctx, const struct fx_tu *tu,
			    const struct fx_var *ops)
{
	const struct fx_record *rec = fx_find_record(tu, "iommu_ops");
	char marker[64];
	unsigned version, i;

	if (!ops->init || ops->is_array)
		return;
	version = q_api_version(ctx, tu, marker, sizeof(marker));
	if (!rec && !version)
		return;
	for (i = 0; i < ops->init->nfields; i++) {
		const struct fx_init_field *f = &ops->init->fields[i];
		const struct tbl_row *row;
		char ver[16], now[16];

		if (!f->field || f->inactive)
			continue;
		if (rec && !fx_record_has_field(rec, f->field)) {
			report_fix_note(ctx, report(ctx, &f->loc, ops->name,
			       "iommu_ops '%s' sets .%s, which this tree's struct iommu_ops does not have",
			       ops->name, f->field), NO_FIX_PORT);
			continue;
		}
		row = api_row("field", f->field);
		if (!row || !version || version < q_parse_version(row->fields[3]))
			continue;
		fmt_version(q_parse_version(row->fields[3]), ver, sizeof(ver));
		fmt_version(version, now, sizeof(now));
		report_fix_note(ctx, report(ctx, &f->loc, ops->name,
		       "iommu_ops '%s' sets .%s, removed from the IOMMU API in %s (this tree is >= %s: %s); the core never calls it%s%s",
		       ops->name, f->field, ver, now, marker,
		       strcmp(row->fields[4], "-") ? "; use " : "",
		       strcmp(row->fields[4], "-") ? row->fields[4] : ""), NO_FIX_PORT);
	}
	if (rec && version && registered(ops->name) && !probe_always_fails(ctx, tu, ops)) {
		check_required(ctx, ops, rec, version, marker);
		check_domain_alloc(ctx, ops, rec);
	}
}

struct call_scan {
	struct rule_ctx *ctx;
	const struct fx_func *fn;
	unsigned version;
	bool driver;		/* the TU defines an iommu_ops: driver-func rows apply */
	char marker[64];
};

static bool match_call(const struct fx_expr *e, void *arg)
{
	struct call_scan *c = arg;
	const struct tbl_row *row;
	char ver[16], now[16];

	if (e->kind != FXE_CALL || !e->name)
		return true;
	row = api_row("func", e->name);
	if (!row && c->driver)
		row = api_row("driver-func", e->name);
	if (!row)
		return true;
	if (c->version < q_parse_version(row->fields[3]))
		return true;
	fmt_version(q_parse_version(row->fields[3]), ver, sizeof(ver));
	fmt_version(c->version, now, sizeof(now));
	report_fix_note(c->ctx, report(c->ctx, &e->loc, c->fn->name,
	       "%s() was removed from the IOMMU %sAPI in %s (this tree is >= %s: %s)%s%s",
	       e->name, strcmp(row->fields[0], "func") ? "driver " : "", ver, now, c->marker,
	       strcmp(row->fields[4], "-") ? "; use " : "",
	       strcmp(row->fields[4], "-") ? row->fields[4] : ""), NO_FIX_PORT);
	return true;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct call_scan c = { .ctx = ctx, .fn = fn };
	unsigned i;

	if (!fn->body)
		return;
	c.version = q_api_version(ctx, tu, c.marker, sizeof(c.marker));
	if (!c.version)
		return;
	for (i = 0; i < tu->nvars && !c.driver; i++)
		c.driver = tu->vars[i].init && tu->vars[i].record &&
			   !strcmp(tu->vars[i].record, "iommu_ops");
	fx_walk_stmt(fn->body, NULL, match_call, &c);
}

void rule_ops_api_register(struct rule_reg *r)
{
	hook_tu(r, scan_registrars);
	hook_var(r, "iommu_ops", match_iommu_ops);
	hook_func(r, match_func);
}
