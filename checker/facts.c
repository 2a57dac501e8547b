// SPDX-License-Identifier: GPL-2.0
/* facts.c - lookups and walks over the facts IR shared by all rules. */
#include <string.h>

#include "facts.h"

const struct fx_func *fx_find_func(const struct fx_program *prog, const char *name,
				   const struct fx_tu **tu_out)
{
	unsigned t, i;

	if (!name)
		return NULL;
	for (t = 0; t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nfuncs; i++) {
			if (strcmp(tu->funcs[i].name, name))
				continue;
			if (tu_out)
				*tu_out = tu;
			return &tu->funcs[i];
		}
	}
	return NULL;
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

const struct fx_var *fx_find_binding(const struct fx_program *prog, const char *record,
				     const char *field, const char *callback)
{
	unsigned t, i;

	for (t = 0; callback && t < prog->ntus; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nvars; i++) {
			const struct fx_var *v = &tu->vars[i];
			const char *cb;

			if (!v->record || strcmp(v->record, record) || v->is_array)
				continue;
			cb = fx_init_callback(v, field);
			if (cb && !strcmp(cb, callback))
				return v;
		}
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
