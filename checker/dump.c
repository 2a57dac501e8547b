// SPDX-License-Identifier: GPL-2.0
/*
 * dump.c - --dump-facts: the facts IR of each TU as indented text, for
 * debugging a frontend and for tests that compare what two frontends see.
 */
#include <stdio.h>

#include "dump.h"

static const char *const expr_kinds[] = {
	[FXE_OTHER] = "other", [FXE_IDENT] = "ident", [FXE_CALL] = "call",
	[FXE_MEMBER] = "member", [FXE_UNARY] = "unary", [FXE_BINARY] = "binary",
	[FXE_COND] = "cond", [FXE_CAST] = "cast", [FXE_SUBSCRIPT] = "subscript",
	[FXE_INT] = "int", [FXE_STRING] = "string", [FXE_INITLIST] = "initlist",
	[FXE_STMTEXPR] = "stmtexpr",
};

static const char *const stmt_kinds[] = {
	[FXS_OTHER] = "other", [FXS_BLOCK] = "block", [FXS_EXPR] = "expr",
	[FXS_DECL] = "decl", [FXS_IF] = "if", [FXS_WHILE] = "while", [FXS_DO] = "do",
	[FXS_FOR] = "for", [FXS_SWITCH] = "switch", [FXS_CASE] = "case",
	[FXS_DEFAULT] = "default", [FXS_BREAK] = "break", [FXS_CONTINUE] = "continue",
	[FXS_RETURN] = "return", [FXS_GOTO] = "goto", [FXS_LABEL] = "label",
};

static void dump_init(FILE *out, const struct fx_init *init, int depth);

static void dump_expr(FILE *out, const struct fx_expr *e, int depth)
{
	unsigned i;

	if (!e)
		return;
	fprintf(out, "%*s%s", depth * 2, "", expr_kinds[e->kind]);
	if (e->name)
		fprintf(out, " name=%s", e->name);
	if (e->op)
		fprintf(out, " op='%s'", e->op);
	if (e->kind == FXE_MEMBER)
		fprintf(out, " %s", e->arrow ? "->" : ".");
	if (e->macro)
		fprintf(out, " macro=%s", e->macro);
	if (e->ref)
		fprintf(out, " ref=%d", (int)e->ref);
	fprintf(out, " @%u:%u", e->loc.line, e->loc.col);
	if (e->text && (e->kind == FXE_INT || e->kind == FXE_STRING || e->kind == FXE_OTHER ||
			e->macro))
		fprintf(out, " `%s`", e->text);
	fputc('\n', out);
	for (i = 0; i < e->nkids; i++)
		dump_expr(out, e->kids[i], depth + 1);
	if (e->init)
		dump_init(out, e->init, depth + 1);
	if (e->stmt)
		fprintf(out, "%*s({...})\n", depth * 2 + 2, "");
}

static void dump_init(FILE *out, const struct fx_init *init, int depth)
{
	unsigned i;

	for (i = 0; i < init->nfields; i++) {
		const struct fx_init_field *f = &init->fields[i];

		fprintf(out, "%*s.%s @%u%s%s%s\n", depth * 2, "", f->field ? f->field : "[]",
			f->loc.line, f->inactive ? " inactive" : "", f->cond ? " under " : "",
			f->cond ? f->cond : "");
		dump_expr(out, f->value, depth + 1);
	}
}

static void dump_stmt(FILE *out, const struct fx_stmt *s, int depth)
{
	unsigned i;

	if (!s) {
		fprintf(out, "%*s(none)\n", depth * 2, "");
		return;
	}
	fprintf(out, "%*s%s", depth * 2, "", stmt_kinds[s->kind]);
	if (s->name)
		fprintf(out, " %s", s->name);
	fprintf(out, " @%u\n", s->loc.line);
	dump_expr(out, s->expr, depth + 2);
	for (i = 0; i < s->nkids; i++)
		dump_stmt(out, s->kids[i], depth + 1);
}

void dump_facts(FILE *out, const struct fx_tu *tu)
{
	unsigned i, j;

	fprintf(out, "tu %s\n", tu->file);
	for (i = 0; i < tu->nrecords; i++) {
		const struct fx_record *r = &tu->records[i];

		fprintf(out, "record %s @%s:%u\n", r->name, r->loc.file ? r->loc.file : "?",
			r->loc.line);
		for (j = 0; j < r->nfields; j++)
			fprintf(out, "  field %s : %s%s%s%s\n", r->fields[j].name ? r->fields[j].name : "?",
				r->fields[j].type, r->fields[j].is_pointer ? " pointer" : "",
				r->fields[j].record ? " record=" : "",
				r->fields[j].record ? r->fields[j].record : "");
	}
	for (i = 0; i < tu->nvars; i++) {
		const struct fx_var *v = &tu->vars[i];

		fprintf(out, "var %s : %s @%u-%u%s%s\n", v->name, v->type, v->loc.line, v->end_line,
			v->is_static ? " static" : "", v->is_array ? " array" : "");
		if (v->init)
			dump_init(out, v->init, 1);
	}
	for (i = 0; i < tu->nmacros; i++)
		fprintf(out, "toplevel-call %s @%u\n", tu->macros[i].name, tu->macros[i].loc.line);
	for (i = 0; i < tu->nfuncs; i++) {
		const struct fx_func *f = &tu->funcs[i];

		fprintf(out, "func %s @%u-%u%s (", f->name, f->loc.line, f->end_line,
			f->is_static ? " static" : "");
		for (j = 0; j < f->nparams; j++)
			fprintf(out, "%s%s %s", j ? ", " : "", f->params[j].type,
				f->params[j].name ? f->params[j].name : "");
		fprintf(out, ") -> %s\n", f->ret_type);
		dump_stmt(out, f->body, 1);
	}
}
