// SPDX-License-Identifier: GPL-2.0
/*
 * facts.c - lookups and walks over the facts IR shared by all rules, and the
 * whole-program pass: one hash index of function definitions and of the
 * initialiser fields naming a function, built once for all TUs of a run, so
 * a lookup costs the same whatever the number of TUs, and resolved by C
 * linkage (a static function is seen from its own TU only) so a finding does
 * not depend on which other files share the run.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts.h"
#include "util.h"

#define NO_ENTRY UINT_MAX

struct fx_entry {
	const char *name;
	const void *item;		/* struct fx_func or struct fx_var */
	const struct fx_tu *tu;
	unsigned next;
};

/* Chained hash table; a chain lists its entries in TU path order. */
struct fx_table {
	unsigned mask;
	unsigned *heads;
	unsigned n;
	struct fx_entry *v;
};

/* Where one TU's function array lies, for fx_func_tu(). */
struct fx_range {
	uintptr_t lo, hi;
	const struct fx_tu *tu;
};

struct fx_index {
	struct fx_table funcs;		/* by function name */
	struct fx_table bindings;	/* by the function an initialiser field names */
	unsigned nranges;
	struct fx_range *ranges;	/* sorted by address */
	struct fx_index_stats stats;
};

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static int table_init(struct fx_table *t, unsigned long n)
{
	unsigned long size = 16;

	while (size < 2 * n)
		size *= 2;
	if (size > UINT_MAX / 2 || n >= NO_ENTRY)
		return -ENOMEM;
	t->mask = (unsigned)size - 1;
	t->heads = malloc(size * sizeof(*t->heads));
	t->v = malloc((n ? n : 1) * sizeof(*t->v));
	if (!t->heads || !t->v)
		return -ENOMEM;
	memset(t->heads, 0xff, size * sizeof(*t->heads));
	t->n = 0;
	return 0;
}

/* Entries are pushed in reverse path order, so each chain reads forwards. */
static void table_push(struct fx_table *t, const char *name, const void *item,
		       const struct fx_tu *tu)
{
	struct fx_entry *e = &t->v[t->n];
	unsigned h = name_hash(name) & t->mask;

	e->name = name;
	e->item = item;
	e->tu = tu;
	e->next = t->heads[h];
	t->heads[h] = t->n++;
}

static void table_free(struct fx_table *t)
{
	free(t->heads);
	free(t->v);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

struct tu_pos {
	struct fx_tu *tu;
	unsigned pos;
};

static int cmp_tu_pos(const void *a, const void *b)
{
	const struct tu_pos *x = a, *y = b;
	int c = cmp_str(x->tu->file, y->tu->file);

	if (!c)
		c = cmp_str(x->tu->directory, y->tu->directory);
	if (!c)
		c = x->pos < y->pos ? -1 : x->pos > y->pos;
	return c;
}

static int cmp_range(const void *a, const void *b)
{
	const struct fx_range *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sort prog->tus by (file, directory), keeping the given order between equals. */
static int sort_tus(struct fx_program *prog)
{
	struct tu_pos *v;
	unsigned t, n = 0;

	v = malloc((prog->ntus ? prog->ntus : 1) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (t = 0; t < prog->ntus; t++)
		if (prog->tus[t])
			v[n++] = (struct tu_pos){ prog->tus[t], t };
	qsort(v, n, sizeof(*v), cmp_tu_pos);
	for (t = 0; t < n; t++)
		prog->tus[t] = v[t].tu;
	prog->ntus = n;
	free(v);
	return 0;
}

/* The function an initialiser field names ("fn" or "&fn"), active or not. */
static const char *field_ident(const struct fx_init_field *f)
{
	const struct fx_expr *e = fx_strip(f->value);

	if (e && e->kind == FXE_UNARY && e->op && !strcmp(e->op, "&") && e->nkids)
		e = fx_strip(e->kids[0]);
	return e && e->kind == FXE_IDENT ? e->name : NULL;
}

static bool bindable(const struct fx_var *v)
{
	return v->record && !v->is_array && v->init;
}

static int build_index(struct fx_program *prog, struct fx_index *ix)
{
	unsigned long nfuncs = 0, nbind = 0;
	unsigned t, i, k, r = 0;

	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		nfuncs += tu->nfuncs;
		for (i = 0; i < tu->nvars; i++)
			if (bindable(&tu->vars[i]))
				nbind += tu->vars[i].init->nfields;
	}
	ix->ranges = malloc((prog->ntus ? prog->ntus : 1) * sizeof(*ix->ranges));
	if (!ix->ranges || table_init(&ix->funcs, nfuncs) || table_init(&ix->bindings, nbind))
		return -ENOMEM;
	for (t = prog->ntus; t-- > 0;) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = tu->nfuncs; i-- > 0;)
			if (tu->funcs[i].name)
				table_push(&ix->funcs, tu->funcs[i].name, &tu->funcs[i], tu);
		for (i = tu->nvars; i-- > 0;) {
			const struct fx_var *v = &tu->vars[i];

			for (k = bindable(v) ? v->init->nfields : 0; k-- > 0;) {
				const char *cb = field_ident(&v->init->fields[k]);

				if (cb)
					table_push(&ix->bindings, cb, v, tu);
			}
		}
		if (tu->nfuncs) {
			ix->ranges[r].lo = (uintptr_t)tu->funcs;
			ix->ranges[r].hi = (uintptr_t)(tu->funcs + tu->nfuncs);
			ix->ranges[r++].tu = tu;
		}
	}
	ix->nranges = r;
	qsort(ix->ranges, r, sizeof(*ix->ranges), cmp_range);
	ix->stats.tus = prog->ntus;
	ix->stats.funcs = ix->funcs.n;
	ix->stats.bindings = ix->bindings.n;
	ix->stats.buckets = (unsigned long)ix->funcs.mask + ix->bindings.mask + 2;
	return 0;
}

int fx_program_index(struct fx_program *prog)
{
	double t0 = mono_seconds();
	struct fx_index *ix;

	fx_program_free(prog);
	ix = calloc(1, sizeof(*ix));
	if (!ix || sort_tus(prog))
		goto out_nomem;
	if (build_index(prog, ix))
		goto out_nomem;
	ix->stats.seconds = mono_seconds() - t0;
	prog->index = ix;
	return 0;
out_nomem:
	if (ix) {
		table_free(&ix->funcs);
		table_free(&ix->bindings);
		free(ix->ranges);
	}
	free(ix);
	return -ENOMEM;
}

void fx_program_free(struct fx_program *prog)
{
	struct fx_index *ix = prog->index;

	if (!ix)
		return;
	table_free(&ix->funcs);
	table_free(&ix->bindings);
	free(ix->ranges);
	free(ix);
	prog->index = NULL;
}

const struct fx_index_stats *fx_program_stats(const struct fx_program *prog)
{
	return prog && prog->index ? &prog->index->stats : NULL;
}

const struct fx_tu *fx_func_tu(const struct fx_program *prog, const struct fx_func *fn)
{
	const struct fx_index *ix = prog ? prog->index : NULL;
	uintptr_t p = (uintptr_t)fn;
	unsigned lo = 0, hi = ix ? ix->nranges : 0;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct fx_range *r = &ix->ranges[mid];

		if (p < r->lo)
			hi = mid;
		else if (p >= r->hi)
			lo = mid + 1;
		else
			return r->tu;
	}
	return NULL;
}

const struct fx_func *fx_find_func(const struct fx_program *prog, const struct fx_tu *from,
				   const char *name, const struct fx_tu **tu_out)
{
	struct fx_index *ix = prog ? prog->index : NULL;
	const struct fx_entry *e, *found = NULL;
	unsigned k;

	if (!ix || !name)
		return NULL;
	__atomic_fetch_add(&ix->stats.lookups, 1, __ATOMIC_RELAXED);
	for (k = ix->funcs.heads[name_hash(name) & ix->funcs.mask]; k != NO_ENTRY; k = e->next) {
		const struct fx_func *fn;

		e = &ix->funcs.v[k];
		__atomic_fetch_add(&ix->stats.probes, 1, __ATOMIC_RELAXED);
		if (strcmp(e->name, name))
			continue;
		fn = e->item;
		if (e->tu == from) {
			found = e;
			break;
		}
		if (!found && !fn->is_static)
			found = e;
	}
	if (!found)
		return NULL;
	if (tu_out)
		*tu_out = found->tu;
	return found->item;
}


const struct fx_record *fx_find_record(const struct fx_tu *tu, const char *name)
{
	unsigned i;

	for (i = 0; i < tu->nrecords; i++)
		if (!strcmp(tu->records[i].name, name))
			return &tu->records[i];
	return NULL;
}

const struct fx_init_field *fx_init_get(const struct fx_init *init, const char *field)
{
	unsigned i;

	if (!init)
		return NULL;
	for (i = 0; i < init->nfields; i++)
		if (init->fields[i].field && !strcmp(init->fields[i].field, field))
			return &init->fields[i];
	return NULL;
}

/* "const struct iommu_ops" -> "iommu_ops"; a typedef name stays as it is. */
const char *fx_strip_record_tag(const char *type)
{
	static const char *const skip[] = { "const ", "volatile ", "struct ", "union " };
	bool again = true;
	unsigned i;

	while (type && again) {
		again = false;
		for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++) {
			size_t n = strlen(skip[i]);

			if (!strncmp(type, skip[i], n)) {
				type += n;
				again = true;
			}
		}
	}
	return type;
}

bool fx_record_has_field(const struct fx_record *r, const char *name)
{
	unsigned i;

	for (i = 0; r && i < r->nfields; i++)
		if (r->fields[i].name && !strcmp(r->fields[i].name, name))
			return true;
	return false;
}

const char *fx_init_callback(const struct fx_var *var, const char *field)
{
	const struct fx_init_field *f = fx_init_get(var->init, field);
	const struct fx_expr *e = f ? fx_strip(f->value) : NULL;

	if (!e || f->inactive)
		return NULL;
	if (e->kind == FXE_UNARY && e->op && !strcmp(e->op, "&") && e->nkids)
		e = fx_strip(e->kids[0]);
	return e && e->kind == FXE_IDENT ? e->name : NULL;
}

const struct fx_var *fx_find_binding(const struct fx_program *prog, const struct fx_tu *from,
				     const char *record, const char *field,
				     const char *callback)
{
	struct fx_index *ix = prog ? prog->index : NULL;
	const struct fx_func *target;
	const struct fx_entry *e;
	unsigned k;

	if (!ix || !callback)
		return NULL;
	target = fx_find_func(prog, from, callback, NULL);
	__atomic_fetch_add(&ix->stats.lookups, 1, __ATOMIC_RELAXED);
	k = ix->bindings.heads[name_hash(callback) & ix->bindings.mask];
	for (; k != NO_ENTRY; k = e->next) {
		const struct fx_var *v;
		const char *cb;

		e = &ix->bindings.v[k];
		__atomic_fetch_add(&ix->stats.probes, 1, __ATOMIC_RELAXED);
		v = e->item;
		if (strcmp(e->name, callback) || strcmp(v->record, record))
			continue;
		cb = fx_init_callback(v, field);
		if (cb && !strcmp(cb, callback) &&
		    fx_find_func(prog, e->tu, callback, NULL) == target)
			return v;
	}
	return NULL;
}

const struct fx_expr *fx_strip(const struct fx_expr *e)
{
	while (e && e->kind == FXE_CAST && e->nkids == 1)
		e = e->kids[0];
	return e;
}

bool fx_walk_expr(const struct fx_expr *e, fx_expr_visit_fn fn, void *arg)
{
	unsigned i;

	if (!e)
		return true;
	if (!fn(e, arg))
		return false;
	for (i = 0; i < e->nkids; i++)
		if (!fx_walk_expr(e->kids[i], fn, arg))
			return false;
	if (e->init)
		for (i = 0; i < e->init->nfields; i++)
			if (!fx_walk_expr(e->init->fields[i].value, fn, arg))
				return false;
	if (e->stmt && !fx_walk_stmt(e->stmt, NULL, fn, arg))
		return false;
	return true;
}

bool fx_walk_stmt(const struct fx_stmt *s, fx_stmt_visit_fn sfn, fx_expr_visit_fn efn,
		  void *arg)
{
	unsigned i;

	if (!s)
		return true;
	if (sfn && !sfn(s, arg))
		return false;
	if (efn && s->expr && !fx_walk_expr(s->expr, efn, arg))
		return false;
	for (i = 0; i < s->nkids; i++)
		if (!fx_walk_stmt(s->kids[i], sfn, efn, arg))
			return false;
	return true;
}
