// SPDX-License-Identifier: GPL-2.0
/*
 * map-prot: the prot flags of an IOMMU mapping say what the mapped region
 * is and who may access it.
 *
 * "iommu: Add IOMMU_MMIO" (the seed, 4.9): MMIO regions need different
 * treatment from memory (device memory attributes in the page table, no
 * speculation, no merging of writes), and callers say so with IOMMU_MMIO.
 * A driver that maps a region it knows to be MMIO - the start of a struct
 * resource of a device, a physical address it also ioremap()s, a reserved
 * region it has just tested to be an MSI doorbell - without IOMMU_MMIO
 * gets a normal-memory mapping of registers.  The same holds for a
 * direct-mapped reserved region (IOMMU_RESV_DIRECT*) over such a range: the
 * core maps it with the region's prot (iort gives RMRs of device memory
 * IOMMU_MMIO).  MSI windows are resv-region's.
 *
 * "iommu: add IOMMU_PRIV attribute" (the seed, 4.10) and the comment above
 * IOMMU_PRIV in include/linux/iommu.h: the flag only restricts the
 * permissions given with it to privileged accesses.  A constant prot with
 * neither IOMMU_READ nor IOMMU_WRITE (IOMMU_PRIV alone, IOMMU_NOEXEC alone,
 * 0) maps nothing: io-pgtable-arm and -arm-v7s refuse it with -EINVAL
 * (6.1, 6.12; 4.x returned success without a PTE, "If no access, then
 * nothing to do", and the master faulted later).
 *
 * A prot held in a parameter, or built from anything but IOMMU_* flags and
 * 0, is not judged.  One local is followed to its last value.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

struct map_scan {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
};

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool mentions(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = text ? strstr(text, word) : NULL; p; p = strstr(p + 1, word))
		if ((p == text || !ident_char(p[-1])) && !ident_char(p[n]))
			return true;
	return false;
}

/* Every word of text is an IOMMU_* flag or the literal 0: a constant prot. */
static bool flags_only(const char *text)
{
	const char *p = text;
	size_t k;

	while (p && *p) {
		for (k = 0; ident_char(p[k]); k++)
			;
		if (k && strncmp(p, "IOMMU_", 6) && !(k == 1 && *p == '0'))
			return false;
		p += k ? k : 1;
	}
	return text != NULL;
}

/* The spelling a prot argument stands for, following one local. */
static const char *prot_text(const struct map_scan *m, const struct fx_expr *prot,
			     const struct fx_loc *at, char *buf, size_t len)
{
	const struct fx_expr *def;

	prot = fx_strip(prot);
	if (!prot || prot->ref == FXR_PARAM)
		return NULL;
	if (prot->kind != FXE_IDENT || prot->ref != FXR_LOCAL)
		return q_spell(m->tu, &prot->loc, buf, len);
	def = q_last_def(m->fn->body, prot->name, at);
	return def ? q_spell(m->tu, &fx_strip(def)->loc, buf, len) : NULL;
}

struct decl_scan {
	const char *name;
	const char *type;
};

static bool find_decl(const struct fx_stmt *s, void *arg)
{
	struct decl_scan *d = arg;

	if (s->kind == FXS_DECL && s->name && !strcmp(s->name, d->name))
		d->type = s->type;
	return !d->type;
}

/* The declared type of the local or parameter name of fn, or NULL. */
static const char *var_type(const struct fx_func *fn, const char *name)
{
	struct decl_scan d = { name, NULL };
	unsigned i;

	for (i = 0; i < fn->nparams; i++)
		if (fn->params[i].name && !strcmp(fn->params[i].name, name))
			return fn->params[i].type;
	fx_walk_stmt(fn->body, find_decl, NULL, &d);
	return d.type;
}

struct ioremap_scan {
	const char *text;	/* the mapped address's spelling */
	const struct fx_expr *call;
};

static bool find_ioremap(const struct fx_expr *e, void *arg)
{
	struct ioremap_scan *s = arg;
	const struct tbl_row *r = e->kind == FXE_CALL && e->name ?
				  tbl_find(tbl_get("mmio"), 0, e->name) : NULL;
	const struct fx_expr *a;
	unsigned n;

	if (!r || r->nfields < 3 || strcmp(r->fields[1], "map"))
		return true;
	n = (unsigned)atoi(r->fields[2]);
	a = n < e->nkids ? fx_strip(e->kids[n]) : NULL;
	if (a && a->text && !strcmp(a->text, s->text))
		s->call = e;
	return !s->call;
}

struct msi_test {
	const char *var;
	const struct fx_expr *call;
	bool is_test, found;
};

static bool find_msi_cmp(const struct fx_expr *e, void *arg)
{
	struct msi_test *t = arg;

	if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "==") && e->nkids == 2 &&
	    (q_is_var_member(e->kids[0], t->var, "type") || q_is_var_member(e->kids[1], t->var, "type")) &&
	    (mentions(e->text, "IOMMU_RESV_MSI") || mentions(e->text, "IOMMU_RESV_SW_MSI")))
		t->is_test = true;
	return !t->is_test;
}

static bool is_call(const struct fx_expr *e, void *arg)
{
	struct msi_test *t = arg;

	if (e == t->call)
		t->found = true;
	return !t->found;
}

/* The call sits in the then-branch of "if (var->type == IOMMU_RESV_MSI)". */
static bool find_msi_branch(const struct fx_stmt *s, void *arg)
{
	struct msi_test *t = arg;

	if (s->kind != FXS_IF || !s->nkids || !s->kids[0])
		return true;
	t->is_test = false;
	fx_walk_expr(s->expr, find_msi_cmp, t);
	if (t->is_test)
		fx_walk_stmt(s->kids[0], NULL, is_call, t);
	return !t->found;
}

/* Why phys is known to be MMIO in fn (into why), or false. */
static bool mmio_source(const struct map_scan *m, const struct fx_expr *call,
			const struct fx_expr *phys, char *why, size_t len)
{
	const struct fx_expr *p = fx_strip(phys), *b;
	struct ioremap_scan io = { NULL, NULL };
	const char *type;

	if (!p)
		return false;
	b = p->kind == FXE_MEMBER && p->name && !strcmp(p->name, "start") && p->nkids ?
	    fx_strip(p->kids[0]) : NULL;
	if (b && b->kind == FXE_UNARY && b->op && !strcmp(b->op, "&") && b->nkids)
		b = fx_strip(b->kids[0]);
	if (b && b->kind == FXE_IDENT && b->name && (type = var_type(m->fn, b->name))) {
		struct msi_test t = { b->name, call, false, false };

		if (mentions(type, "resource")) {
			snprintf(why, len, "the start of struct resource '%s'", b->name);
			return true;
		}
		if (mentions(type, "iommu_resv_region")) {
			fx_walk_stmt(m->fn->body, find_msi_branch, NULL, &t);
			if (t.found) {
				snprintf(why, len, "the MSI doorbell region '%s', in the branch that tested it to be one", b->name);
				return true;
			}
		}
	}
	io.text = p->text;
	if (io.text && *io.text)
		fx_walk_stmt(m->fn->body, NULL, find_ioremap, &io);
	if (io.call) {
		snprintf(why, len, "an address this function also maps with %s() at line %u",
			 io.call->name, io.call->loc.line);
		return true;
	}
	return false;
}

static bool check_map(const struct fx_expr *e, void *arg)
{
	const struct map_scan *m = arg;
	const struct tbl_row *r = e->kind == FXE_CALL && e->name ?
				  tbl_find(tbl_get("mmio"), 0, e->name) : NULL;
	unsigned np, nprot;
	const char *prot;
	char buf[256], why[160];
	bool resv;
	int h;

	if (!r || r->nfields < 4 || (strcmp(r->fields[1], "iommu-map") && strcmp(r->fields[1], "resv")))
		return true;
	resv = !strcmp(r->fields[1], "resv");
	np = (unsigned)atoi(r->fields[2]);
	nprot = (unsigned)atoi(r->fields[3]);
	if (np >= e->nkids || nprot >= e->nkids)
		return true;
	if (resv) {
		unsigned nt = r->nfields > 4 ? (unsigned)atoi(r->fields[4]) : 0;
		const struct fx_expr *t = nt && nt < e->nkids ? fx_strip(e->kids[nt]) : NULL;

		/* only direct-mapped regions are mapped with their prot */
		if (!t || !t->text || !strstr(t->text, "IOMMU_RESV_DIRECT"))
			return true;
	}
	prot = prot_text(m, e->kids[nprot], &e->loc, buf, sizeof(buf));
	if (!prot)
		return true;
	if (flags_only(prot) && !mentions(prot, "IOMMU_READ") && !mentions(prot, "IOMMU_WRITE")) {
		h = report(m->ctx, &e->loc, m->fn->name,
			   "%s() %s with prot '%s', which has neither IOMMU_READ nor IOMMU_WRITE: it grants no access, and io-pgtable formats refuse it (older ones mapped nothing and returned success)%s",
			   e->name, resv ? "reserves a direct-mapped region" : "maps", prot,
			   mentions(prot, "IOMMU_PRIV") ?
			   " (IOMMU_PRIV only restricts the permissions given with it to privileged accesses)" : "");
		report_fix_note(m->ctx, h, "whether the master reads, writes or both is the driver's knowledge");
		return true;
	}
	if (!mentions(prot, "IOMMU_MMIO") && mmio_source(m, e, e->kids[np], why, sizeof(why))) {
		h = report(m->ctx, &e->loc, m->fn->name,
			   "%s() %s %s, which is MMIO, with prot '%s' lacking IOMMU_MMIO: the IOMMU maps it as normal memory",
			   e->name, resv ? "reserves a direct-mapped region at" : "maps", why, prot);
		report_fix_note(m->ctx, h, "adding IOMMU_MMIO changes the page-table attributes of the mapping: a driver decision, not a mechanical edit");
	}
	return true;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct map_scan m = { ctx, tu, fn };

	if (fn->body)
		fx_walk_stmt(fn->body, NULL, check_map, &m);
}

void rule_map_prot_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
