// SPDX-License-Identifier: GPL-2.0
/*
 * clang.c - the libclang frontend: parse one TU and turn the main file's
 * functions, file-scope variables (with their initialisers) and records into
 * the facts IR.
 *
 * libclang 14 has no operator-kind API, so unary and binary operators are
 * read from the source text between the operands.  Extents of code written
 * inside a macro invocation cover the whole invocation, so such expressions
 * carry the invocation as their text and its name in ->macro; rules that need
 * to see through WARN_ON(!p) read the text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clang-c/Index.h>

#include "../frontend.h"
#include "../util.h"
#include "guard.h"
#include "../includes.h"

#define TEXT_MAX 320

struct fe_clang {
	CXIndex index;
};

static int fe_clang_init(void **state, char *err, size_t errlen);
static int fe_clang_parse(void *state, const struct tu_job *job, struct fx_tu *tu, char *err,
			  size_t errlen);
static void fe_clang_fini(void *state);

const struct frontend_ops fe_clang_ops = {
	.name = "clang",
	.init = fe_clang_init,
	.parse = fe_clang_parse,
	.fini = fe_clang_fini,
};

struct conv {
	struct fx_tu *tu;
	CXTranslationUnit ctu;
	CXFile main_file;
	unsigned depth;
};

struct kids {
	unsigned n, cap;
	CXCursor *v;
};

static int fe_clang_init(void **state, char *err, size_t errlen)
{
	struct fe_clang *fe = calloc(1, sizeof(*fe));

	*state = NULL;
	if (!fe)
		goto out_fail;
	guard_setup();		/* before libclang's first index */
	fe->index = clang_createIndex(0, 0);
	if (!fe->index)
		goto out_free;
	*state = fe;
	return 0;
out_free:
	free(fe);
out_fail:
	snprintf(err, errlen, "libclang: cannot create an index");
	return -ENOMEM;
}

static void fe_clang_fini(void *state)
{
	struct fe_clang *fe = state;

	if (!fe)
		return;
	clang_disposeIndex(fe->index);
	free(fe);
}

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData data)
{
	struct kids *k = data;

	(void)parent;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 8;
		k->v = xrealloc(k->v, k->cap * sizeof(*k->v));
	}
	k->v[k->n++] = c;
	return CXChildVisit_Continue;
}

static void kids_of(CXCursor c, struct kids *k)
{
	k->n = 0;
	clang_visitChildren(c, collect_kid, k);
}

static const char *cx_str(struct conv *cv, CXString s)
{
	const char *p = clang_getCString(s);
	const char *r = p && *p ? arena_strdup(&cv->tu->arena, p) : NULL;

	clang_disposeString(s);
	return r;
}

/*
 * Where code is expanded, not spelled: a WARN_ON() written in the main file
 * is main-file code even though its body is spelled in a header.
 * (clang_Location_isFromMainFile() asks about the spelling location.)
 */
static bool in_main(const struct conv *cv, CXSourceLocation sl, unsigned *off)
{
	CXFile file;
	unsigned line, col, o;

	clang_getExpansionLocation(sl, &file, &line, &col, &o);
	if (off)
		*off = o;
	return file && cv->main_file && clang_File_isEqual(file, cv->main_file);
}

static void loc_of(struct conv *cv, CXSourceLocation sl, struct fx_loc *loc)
{
	CXFile file;
	unsigned line, col, off;

	clang_getExpansionLocation(sl, &file, &line, &col, &off);
	loc->line = line;
	loc->col = col;
	if (file && cv->main_file && clang_File_isEqual(file, cv->main_file))
		loc->file = cv->tu->file;
	else
		loc->file = file ? cx_str(cv, clang_getFileName(file)) : NULL;
}

/* Main-file byte offsets of the cursor's (expansion) extent; false if elsewhere. */
static bool extent_of(const struct conv *cv, CXCursor c, unsigned *start, unsigned *end)
{
	CXSourceRange r = clang_getCursorExtent(c);

	return in_main(cv, clang_getRangeStart(r), start) &&
	       in_main(cv, clang_getRangeEnd(r), end) && *start <= *end;
}

static const char *slice(struct conv *cv, unsigned s, unsigned e)
{
	size_t n;

	if (e > cv->tu->src_len || s > e)
		return NULL;
	n = e - s;
	if (n > TEXT_MAX)
		n = TEXT_MAX;
	return arena_strndup(&cv->tu->arena, cv->tu->src + s, n);
}

static const char *trimmed_slice(struct conv *cv, unsigned s, unsigned e)
{
	const char *src = cv->tu->src;

	while (s < e && (src[s] == ' ' || src[s] == '\t' || src[s] == '\n' || src[s] == '(' ))
		s++;
	while (e > s && (src[e - 1] == ' ' || src[e - 1] == '\t' || src[e - 1] == '\n' ||
			 src[e - 1] == ')'))
		e--;
	return s < e ? slice(cv, s, e) : NULL;
}

/*
 * Name of the macro invoked at the expansion point of c, if c comes from one.
 * libclang 14 has no "is this a macro location" call and its
 * clang_getSpellingLocation() returns the expansion point for macro bodies,
 * so the raw location is read: clang encodes macro locations with the top
 * bit of the 32-bit SourceLocation set (SourceLocation::MacroIDBit), and a
 * cursor location carries that raw encoding in int_data.
 */
static const char *macro_of(struct conv *cv, CXCursor c)
{
	CXSourceLocation sl = clang_getCursorLocation(c);
	const char *src = cv->tu->src;
	unsigned ox, n = 0;

	if (!(sl.int_data & 0x80000000u))
		return NULL;
	if (!in_main(cv, sl, &ox) || ox >= cv->tu->src_len)
		return NULL;
	while (ox + n < cv->tu->src_len &&
	       (src[ox + n] == '_' || (src[ox + n] >= 'a' && src[ox + n] <= 'z') ||
		(src[ox + n] >= 'A' && src[ox + n] <= 'Z') || (src[ox + n] >= '0' && src[ox + n] <= '9')))
		n++;
	return n ? arena_strndup(&cv->tu->arena, src + ox, n) : NULL;
}

static struct fx_expr *conv_expr(struct conv *cv, CXCursor c);
static struct fx_stmt *conv_stmt(struct conv *cv, CXCursor c);
static struct fx_init *conv_init(struct conv *cv, CXCursor c);

static CXCursor strip_cursor(CXCursor c)
{
	struct kids k = { 0 };

	for (;;) {
		enum CXCursorKind kind = clang_getCursorKind(c);

		if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr)
			break;
		kids_of(c, &k);
		if (k.n != 1)
			break;
		c = k.v[0];
	}
	free(k.v);
	return c;
}

static enum fx_ref ref_kind(CXCursor c)
{
	CXCursor d = clang_getCursorReferenced(c);

	switch (clang_getCursorKind(d)) {
	case CXCursor_VarDecl:
		if (clang_getCursorKind(clang_getCursorSemanticParent(d)) == CXCursor_FunctionDecl &&
		    clang_Cursor_getStorageClass(d) != CX_SC_Static &&
		    clang_Cursor_getStorageClass(d) != CX_SC_Extern)
			return FXR_LOCAL;
		return FXR_GLOBAL;
	case CXCursor_ParmDecl:
		return FXR_PARAM;
	case CXCursor_FunctionDecl:
		return FXR_FUNC;
	case CXCursor_EnumConstantDecl:
		return FXR_ENUM;
	case CXCursor_FieldDecl:
		return FXR_FIELD;
	default:
		return FXR_NONE;
	}
}

static struct fx_expr *new_expr(struct conv *cv, CXCursor c, enum fx_expr_kind kind)
{
	struct fx_expr *e = arena_alloc(&cv->tu->arena, sizeof(*e));
	unsigned s, end;

	e->kind = kind;
	loc_of(cv, clang_getCursorLocation(c), &e->loc);
	if (extent_of(cv, c, &s, &end))
		e->text = slice(cv, s, end);
	e->macro = macro_of(cv, c);
	return e;
}

static void set_kids(struct conv *cv, struct fx_expr *e, const struct kids *k, unsigned from)
{
	unsigned i;

	if (k->n <= from)
		return;
	e->nkids = k->n - from;
	e->kids = arena_alloc(&cv->tu->arena, e->nkids * sizeof(*e->kids));
	for (i = from; i < k->n; i++)
		e->kids[i - from] = conv_expr(cv, k->v[i]);
}

/* Operator spelled between two operands, or before/after one. */
static const char *op_between(struct conv *cv, CXCursor whole, CXCursor a, CXCursor b,
			      bool binary)
{
	unsigned ws, we, as, ae, bs, be;

	if (!extent_of(cv, whole, &ws, &we) || !extent_of(cv, a, &as, &ae))
		return NULL;
	if (binary)
		return extent_of(cv, b, &bs, &be) && ae <= bs ? trimmed_slice(cv, ae, bs) : NULL;
	if (ws < as)
		return trimmed_slice(cv, ws, as);
	if (ae < we)
		return trimmed_slice(cv, ae, we);
	return NULL;
}

static struct fx_expr *conv_expr(struct conv *cv, CXCursor c)
{
	struct kids k = { 0 };
	struct fx_expr *e;
	enum CXCursorKind kind;

	c = strip_cursor(c);
	kind = clang_getCursorKind(c);
	kids_of(c, &k);
	if (cv->depth > 200) {
		e = new_expr(cv, c, FXE_OTHER);
		goto out;
	}
	cv->depth++;
	switch (kind) {
	case CXCursor_DeclRefExpr:
		e = new_expr(cv, c, FXE_IDENT);
		e->name = cx_str(cv, clang_getCursorSpelling(c));
		e->ref = ref_kind(c);
		break;
	case CXCursor_CallExpr: {
		CXCursor callee;

		e = new_expr(cv, c, FXE_CALL);
		set_kids(cv, e, &k, 0);
		if (k.n) {
			callee = strip_cursor(k.v[0]);
			if (clang_getCursorKind(callee) == CXCursor_DeclRefExpr)
				e->name = cx_str(cv, clang_getCursorSpelling(callee));
		}
		break;
	}
	case CXCursor_MemberRefExpr:
		e = new_expr(cv, c, FXE_MEMBER);
		e->name = cx_str(cv, clang_getCursorSpelling(c));
		set_kids(cv, e, &k, 0);
		if (k.n)
			e->arrow = clang_getCanonicalType(clang_getCursorType(k.v[0])).kind ==
				   CXType_Pointer;
		break;
	case CXCursor_UnaryOperator:
		e = new_expr(cv, c, FXE_UNARY);
		set_kids(cv, e, &k, 0);
		if (k.n == 1)
			e->op = op_between(cv, c, k.v[0], k.v[0], false);
		break;
	case CXCursor_UnaryExpr:
		e = new_expr(cv, c, FXE_UNARY);
		e->op = "sizeof";
		set_kids(cv, e, &k, 0);
		break;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		e = new_expr(cv, c, FXE_BINARY);
		set_kids(cv, e, &k, 0);
		if (k.n == 2)
			e->op = op_between(cv, c, k.v[0], k.v[1], true);
		break;
	case CXCursor_ConditionalOperator:
		e = new_expr(cv, c, FXE_COND);
		set_kids(cv, e, &k, 0);
		break;
	case CXCursor_CStyleCastExpr:
		e = new_expr(cv, c, FXE_CAST);
		e->name = cx_str(cv, clang_getTypeSpelling(clang_getCursorType(c)));
		/* children: an optional TypeRef, then the operand */
		if (k.n)
			set_kids(cv, e, &k, k.n - 1);
		break;
	case CXCursor_ArraySubscriptExpr:
		e = new_expr(cv, c, FXE_SUBSCRIPT);
		set_kids(cv, e, &k, 0);
		break;
	case CXCursor_IntegerLiteral:
	case CXCursor_CharacterLiteral:
		e = new_expr(cv, c, FXE_INT);
		break;
	case CXCursor_StringLiteral:
		e = new_expr(cv, c, FXE_STRING);
		break;
	case CXCursor_InitListExpr:
		e = new_expr(cv, c, FXE_INITLIST);
		e->init = conv_init(cv, c);
		break;
	case CXCursor_StmtExpr:
		e = new_expr(cv, c, FXE_STMTEXPR);
		if (k.n)
			e->stmt = conv_stmt(cv, k.v[0]);
		break;
	case CXCursor_TypeRef:
	case CXCursor_MemberRef:
		e = new_expr(cv, c, FXE_OTHER);
		e->name = cx_str(cv, clang_getCursorSpelling(c));
		break;
	default:
		e = new_expr(cv, c, FXE_OTHER);
		set_kids(cv, e, &k, 0);
		break;
	}
	cv->depth--;
out:
	free(k.v);
	return e;
}

/* Initialiser list: designated ".field = value" elements and positional ones. */
static struct fx_init *conv_init(struct conv *cv, CXCursor c)
{
	struct fx_init *init = arena_alloc(&cv->tu->arena, sizeof(*init));
	struct kids k = { 0 }, d = { 0 };
	unsigned i, cap = 0;

	init->type = cx_str(cv, clang_getTypeSpelling(clang_getCursorType(c)));
	kids_of(c, &k);
	for (i = 0; i < k.n; i++) {
		struct fx_init_field *f;

		init->fields = arena_grow(&cv->tu->arena, init->fields, init->nfields, &cap,
					  sizeof(*init->fields));
		f = &init->fields[init->nfields++];
		loc_of(cv, clang_getCursorLocation(k.v[i]), &f->loc);
		kids_of(k.v[i], &d);
		if (clang_getCursorKind(k.v[i]) == CXCursor_UnexposedExpr && d.n >= 2 &&
		    clang_getCursorKind(d.v[0]) == CXCursor_MemberRef) {
			unsigned m;

			/*
			 * A member of an anonymous struct/union (6.11+'s
			 * platform_driver .remove_new) comes as an unnamed
			 * MemberRef for the anonymous member, then the named one;
			 * of a chain ".a.b = x" the field is the first, "a".
			 */
			for (m = 0; m + 1 < d.n && !f->field &&
				    clang_getCursorKind(d.v[m]) == CXCursor_MemberRef; m++) {
				f->field = cx_str(cv, clang_getCursorSpelling(d.v[m]));
				if (f->field && !f->loc.line)
					loc_of(cv, clang_getCursorLocation(d.v[m]), &f->loc);
			}
			f->value = conv_expr(cv, d.v[d.n - 1]);
		} else {
			f->value = conv_expr(cv, k.v[i]);
		}
	}
	free(k.v);
	free(d.v);
	return init;
}

static struct fx_stmt *new_stmt(struct conv *cv, CXCursor c, enum fx_stmt_kind kind)
{
	struct fx_stmt *s = arena_alloc(&cv->tu->arena, sizeof(*s));

	s->kind = kind;
	loc_of(cv, clang_getCursorLocation(c), &s->loc);
	return s;
}

static void stmt_kids(struct conv *cv, struct fx_stmt *s, const struct kids *k, unsigned from,
		      unsigned to)
{
	unsigned i;

	if (to <= from)
		return;
	s->nkids = to - from;
	s->kids = arena_alloc(&cv->tu->arena, s->nkids * sizeof(*s->kids));
	for (i = from; i < to; i++)
		s->kids[i - from] = conv_stmt(cv, k->v[i]);
}

static struct fx_stmt *conv_decl(struct conv *cv, CXCursor var)
{
	struct fx_stmt *s = new_stmt(cv, var, FXS_DECL);
	struct kids k = { 0 };

	s->name = cx_str(cv, clang_getCursorSpelling(var));
	s->type = cx_str(cv, clang_getTypeSpelling(clang_getCursorType(var)));
	kids_of(var, &k);
	if (k.n && clang_isExpression(clang_getCursorKind(k.v[k.n - 1])))
		s->expr = conv_expr(cv, k.v[k.n - 1]);
	free(k.v);
	return s;
}

static struct fx_stmt *conv_stmt(struct conv *cv, CXCursor c)
{
	enum CXCursorKind kind = clang_getCursorKind(c);
	struct kids k = { 0 };
	struct fx_stmt *s;
	unsigned i;

	kids_of(c, &k);
	switch (kind) {
	case CXCursor_CompoundStmt:
		s = new_stmt(cv, c, FXS_BLOCK);
		stmt_kids(cv, s, &k, 0, k.n);
		break;
	case CXCursor_DeclStmt:
		if (k.n == 1 && clang_getCursorKind(k.v[0]) == CXCursor_VarDecl) {
			s = conv_decl(cv, k.v[0]);
			break;
		}
		s = new_stmt(cv, c, FXS_BLOCK);
		s->kids = arena_alloc(&cv->tu->arena, (k.n + 1) * sizeof(*s->kids));
		for (i = 0; i < k.n; i++)
			if (clang_getCursorKind(k.v[i]) == CXCursor_VarDecl)
				s->kids[s->nkids++] = conv_decl(cv, k.v[i]);
		break;
	case CXCursor_IfStmt:
		s = new_stmt(cv, c, FXS_IF);
		if (k.n >= 2) {
			s->expr = conv_expr(cv, k.v[0]);
			s->nkids = 2;
			s->kids = arena_alloc(&cv->tu->arena, 2 * sizeof(*s->kids));
			s->kids[0] = conv_stmt(cv, k.v[1]);
			s->kids[1] = k.n >= 3 ? conv_stmt(cv, k.v[2]) : NULL;
		}
		break;
	case CXCursor_WhileStmt:
		s = new_stmt(cv, c, FXS_WHILE);
		if (k.n == 2) {
			s->expr = conv_expr(cv, k.v[0]);
			stmt_kids(cv, s, &k, 1, 2);
		}
		break;
	case CXCursor_DoStmt:
		s = new_stmt(cv, c, FXS_DO);
		if (k.n == 2) {
			s->expr = conv_expr(cv, k.v[1]);
			stmt_kids(cv, s, &k, 0, 1);
		}
		break;
	case CXCursor_ForStmt:
		/* libclang omits empty for-clauses: body last, header parts after it */
		s = new_stmt(cv, c, FXS_FOR);
		if (k.n) {
			s->nkids = k.n;
			s->kids = arena_alloc(&cv->tu->arena, k.n * sizeof(*s->kids));
			s->kids[0] = conv_stmt(cv, k.v[k.n - 1]);
			for (i = 0; i + 1 < k.n; i++)
				s->kids[i + 1] = conv_stmt(cv, k.v[i]);
		}
		break;
	case CXCursor_SwitchStmt:
		s = new_stmt(cv, c, FXS_SWITCH);
		if (k.n >= 2) {
			s->expr = conv_expr(cv, k.v[k.n - 2]);
			stmt_kids(cv, s, &k, k.n - 1, k.n);
		}
		break;
	case CXCursor_CaseStmt:
		s = new_stmt(cv, c, FXS_CASE);
		if (k.n >= 2) {
			s->expr = conv_expr(cv, k.v[0]);
			stmt_kids(cv, s, &k, k.n - 1, k.n);
		}
		break;
	case CXCursor_DefaultStmt:
		s = new_stmt(cv, c, FXS_DEFAULT);
		stmt_kids(cv, s, &k, k.n ? k.n - 1 : 0, k.n);
		break;
	case CXCursor_BreakStmt:
		s = new_stmt(cv, c, FXS_BREAK);
		break;
	case CXCursor_ContinueStmt:
		s = new_stmt(cv, c, FXS_CONTINUE);
		break;
	case CXCursor_ReturnStmt:
		s = new_stmt(cv, c, FXS_RETURN);
		if (k.n)
			s->expr = conv_expr(cv, k.v[0]);
		break;
	case CXCursor_GotoStmt:
		s = new_stmt(cv, c, FXS_GOTO);
		if (k.n)
			s->name = cx_str(cv, clang_getCursorSpelling(k.v[0]));
		break;
	case CXCursor_LabelStmt:
		s = new_stmt(cv, c, FXS_LABEL);
		s->name = cx_str(cv, clang_getCursorSpelling(c));
		stmt_kids(cv, s, &k, k.n ? k.n - 1 : 0, k.n);
		break;
	default:
		if (clang_isExpression(kind)) {
			s = new_stmt(cv, c, FXS_EXPR);
			s->expr = conv_expr(cv, c);
		} else {
			s = new_stmt(cv, c, FXS_OTHER);
		}
		break;
	}
	free(k.v);
	return s;
}

static void add_func(struct conv *cv, CXCursor c, unsigned *cap)
{
	struct fx_tu *tu = cv->tu;
	struct fx_func *f;
	struct kids k = { 0 };
	CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(c));
	CXFile file;
	unsigned col, off, i;
	int n;

	tu->funcs = arena_grow(&tu->arena, tu->funcs, tu->nfuncs, cap, sizeof(*tu->funcs));
	f = &tu->funcs[tu->nfuncs++];
	f->name = cx_str(cv, clang_getCursorSpelling(c));
	f->ret_type = cx_str(cv, clang_getTypeSpelling(clang_getResultType(clang_getCursorType(c))));
	loc_of(cv, clang_getCursorLocation(c), &f->loc);
	clang_getExpansionLocation(end, &file, &f->end_line, &col, &off);
	f->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
	n = clang_Cursor_getNumArguments(c);
	if (n > 0) {
		f->nparams = (unsigned)n;
		f->params = arena_alloc(&tu->arena, f->nparams * sizeof(*f->params));
		for (i = 0; i < f->nparams; i++) {
			CXCursor p = clang_Cursor_getArgument(c, i);

			f->params[i].name = cx_str(cv, clang_getCursorSpelling(p));
			f->params[i].type = cx_str(cv, clang_getTypeSpelling(clang_getCursorType(p)));
		}
	}
	kids_of(c, &k);
	for (i = k.n; i-- > 0;) {
		if (clang_getCursorKind(k.v[i]) == CXCursor_CompoundStmt) {
			f->body = conv_stmt(cv, k.v[i]);
			break;
		}
	}
	free(k.v);
}

/* Name of the record at the bottom of t (through arrays and typedefs). */
static const char *record_name(struct conv *cv, CXType t, bool *is_array)
{
	t = clang_getCanonicalType(t);
	*is_array = false;
	while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray) {
		*is_array = true;
		t = clang_getCanonicalType(clang_getArrayElementType(t));
	}
	if (t.kind != CXType_Record)
		return NULL;
	return cx_str(cv, clang_getCursorSpelling(clang_getTypeDeclaration(t)));
}

static void add_var(struct conv *cv, CXCursor c, unsigned *cap)
{
	struct fx_tu *tu = cv->tu;
	struct fx_var *v;
	struct kids k = { 0 }, el = { 0 };
	CXSourceLocation end = clang_getRangeEnd(clang_getCursorExtent(c));
	enum CX_StorageClass sc = clang_Cursor_getStorageClass(c);
	CXFile file;
	unsigned col, off, i;
	CXCursor init;

	tu->vars = arena_grow(&tu->arena, tu->vars, tu->nvars, cap, sizeof(*tu->vars));
	v = &tu->vars[tu->nvars++];
	v->name = cx_str(cv, clang_getCursorSpelling(c));
	v->type = cx_str(cv, clang_getTypeSpelling(clang_getCursorType(c)));
	v->record = record_name(cv, clang_getCursorType(c), &v->is_array);
	v->is_static = sc == CX_SC_Static;
	v->is_extern = sc == CX_SC_Extern;
	loc_of(cv, clang_getCursorLocation(c), &v->loc);
	clang_getExpansionLocation(end, &file, &v->end_line, &col, &off);
	kids_of(c, &k);
	if (!k.n || clang_getCursorKind(k.v[k.n - 1]) != CXCursor_InitListExpr)
		goto out;
	init = k.v[k.n - 1];
	if (!v->is_array) {
		v->init = conv_init(cv, init);
		goto out;
	}
	kids_of(init, &el);
	v->nelems = el.n;
	for (i = 0; i < el.n; i++) {
		if (clang_getCursorKind(el.v[i]) == CXCursor_InitListExpr) {
			v->init = conv_init(cv, el.v[i]);
			break;
		}
	}
out:
	free(k.v);
	free(el.v);
}

static void add_record(struct conv *cv, CXCursor c, unsigned *cap)
{
	struct fx_tu *tu = cv->tu;
	struct fx_record *r;
	struct kids k = { 0 };
	const char *name = cx_str(cv, clang_getCursorSpelling(c));
	unsigned i, fcap = 0;

	if (!name || strchr(name, ' '))
		return;		/* anonymous */
	tu->records = arena_grow(&tu->arena, tu->records, tu->nrecords, cap, sizeof(*tu->records));
	r = &tu->records[tu->nrecords++];
	r->name = name;
	r->is_union = clang_getCursorKind(c) == CXCursor_UnionDecl;
	loc_of(cv, clang_getCursorLocation(c), &r->loc);
	kids_of(c, &k);
	for (i = 0; i < k.n; i++) {
		struct fx_field *f;
		CXType t;

		if (clang_getCursorKind(k.v[i]) != CXCursor_FieldDecl)
			continue;
		r->fields = arena_grow(&tu->arena, r->fields, r->nfields, &fcap, sizeof(*r->fields));
		f = &r->fields[r->nfields++];
		t = clang_getCursorType(k.v[i]);
		f->name = cx_str(cv, clang_getCursorSpelling(k.v[i]));
		f->type = cx_str(cv, clang_getTypeSpelling(t));
		f->is_pointer = clang_getCanonicalType(t).kind == CXType_Pointer;
		f->record = record_name(cv, t, &f->is_array);
	}
	free(k.v);
}

struct top {
	struct conv *cv;
	unsigned fcap, vcap, rcap;
};

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData data)
{
	struct top *t = data;

	(void)parent;
	if (!in_main(t->cv, clang_getCursorLocation(c), NULL)) {
		/* Layouts of header records too: struct iommu_device lives in iommu.h. */
		if ((clang_getCursorKind(c) == CXCursor_StructDecl ||
		     clang_getCursorKind(c) == CXCursor_UnionDecl) && clang_isCursorDefinition(c))
			add_record(t->cv, c, &t->rcap);
		return CXChildVisit_Continue;
	}
	switch (clang_getCursorKind(c)) {
	case CXCursor_FunctionDecl:
		if (clang_isCursorDefinition(c))
			add_func(t->cv, c, &t->fcap);
		break;
	case CXCursor_VarDecl:
		add_var(t->cv, c, &t->vcap);
		break;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c))
			add_record(t->cv, c, &t->rcap);
		break;
	default:
		break;
	}
	return CXChildVisit_Continue;
}

/* First error diagnostic as one line; returns true when there is one. */
static bool first_error(CXTranslationUnit ctu, char *err, size_t errlen)
{
	unsigned i, n = clang_getNumDiagnostics(ctu);

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(ctu, i);
		bool bad = clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error;

		if (bad) {
			CXString s = clang_formatDiagnostic(d, CXDiagnostic_DisplaySourceLocation |
							       CXDiagnostic_DisplayColumn);

			snprintf(err, errlen, "%s", clang_getCString(s));
			clang_disposeString(s);
		}
		clang_disposeDiagnostic(d);
		if (bad)
			return true;
	}
	return false;
}

/* One TU through libclang into facts; runs on guard_run()'s thread. */
struct parse_call {
	struct fe_clang *fe;
	const struct tu_job *job;
	struct fx_tu *tu;
	char *err;
	size_t errlen;
	const char **args;	/* freed by the caller, crash or not */
};

static const char *cx_error_name(enum CXErrorCode rc)
{
	switch (rc) {
	case CXError_Crashed:
		return "libclang crashed";
	case CXError_InvalidArguments:
		return "invalid arguments";
	case CXError_ASTReadError:
		return "bad compiler arguments or unreadable input";
	default:
		return "failure";
	}
}

static int parse_tu(void *arg)
{
	struct parse_call *pc = arg;
	const struct tu_job *job = pc->job;
	CXTranslationUnit ctu = NULL;
	enum CXErrorCode rc;
	struct conv cv = { .tu = pc->tu };
	struct top top = { .cv = &cv };
	int i, n = 0, ret = 0;

	/* on the guarded thread too: the walk recurses as deep as the includes nest */
	ret = includes_check(job, pc->err, pc->errlen);
	if (ret)
		return ret;
	pc->args = calloc((size_t)job->argc + 4, sizeof(*pc->args));
	if (!pc->args) {
		snprintf(pc->err, pc->errlen, "out of memory");
		return -ENOMEM;
	}
	if (job->directory) {
		pc->args[n++] = "-working-directory";
		pc->args[n++] = job->directory;
	}
	for (i = 0; i < job->argc; i++)
		pc->args[n++] = job->argv[i];
	pc->args[n++] = "-w";	/* warnings cost time and are not ours to report */
	rc = clang_parseTranslationUnit2(pc->fe->index, job->file, pc->args, n, NULL, 0,
					 CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles, &ctu);
	if (rc != CXError_Success || !ctu) {
		snprintf(pc->err, pc->errlen, "libclang could not parse it (error %d: %s)", (int)rc,
			 cx_error_name(rc));
		return -EINVAL;
	}
	if (first_error(ctu, pc->err, pc->errlen)) {
		ret = -EINVAL;
		goto out_tu;
	}
	cv.ctu = ctu;
	cv.main_file = clang_getFile(ctu, job->file);
	clang_visitChildren(clang_getTranslationUnitCursor(ctu), visit_top, &top);
out_tu:
	clang_disposeTranslationUnit(ctu);
	return ret;
}

/*
 * Parse on a guarded thread (guard.c): a parser crash fails this TU only.
 * The index stays usable (a parse only reads its options).
 */
static int fe_clang_parse(void *state, const struct tu_job *job, struct fx_tu *tu, char *err,
			  size_t errlen)
{
	struct fe_clang *fe = state;
	struct parse_call pc = { .fe = fe, .job = job, .tu = tu, .err = err, .errlen = errlen };
	int ret = guard_run(parse_tu, &pc, job->file, err, errlen);

	free(pc.args);
	return ret;
}
