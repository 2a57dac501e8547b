// SPDX-License-Identifier: GPL-2.0
/*
 * test-fixgen.c - the fix builders of checker/fixgen.c on hand-made
 * statement trees (a put before a return, braces for an unbraced body, a
 * void function's closing brace, labels, refusals, a checked call, a
 * wrapped member expression), and the fixes of device-lookup-put,
 * group-get-put, device-group-ref and unchecked-return on their fixtures:
 * each fixed copy compiles with clang -fsyntax-only -Ireference/include and
 * re-scans clean in both engines, and each unfixed finding says why.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "../checker/edit.h"
#include "../checker/fixgen.h"
#include "testutil.h"

#define FILE_NAME "t.c"

/* ---- unit: hand-made trees ---- */

static struct fx_stmt *stmt(enum fx_stmt_kind k, unsigned line, unsigned col, unsigned n, ...)
{
	struct fx_stmt *s = calloc(1, sizeof(*s));
	va_list ap;
	unsigned i;

	s->kind = k;
	s->loc = (struct fx_loc){ FILE_NAME, line, col };
	s->nkids = n;
	s->kids = calloc(n + 1, sizeof(*s->kids));
	va_start(ap, n);
	for (i = 0; i < n; i++)
		s->kids[i] = va_arg(ap, struct fx_stmt *);
	va_end(ap);
	return s;
}

static struct fx_expr *expr(enum fx_expr_kind k, const char *text, unsigned line, unsigned col)
{
	struct fx_expr *e = calloc(1, sizeof(*e));

	e->kind = k;
	e->text = text;
	e->name = text;
	e->loc = (struct fx_loc){ FILE_NAME, line, col };
	return e;
}

/* The source with fix's edits applied (they never overlap). */
static char *apply(const struct fx_tu *tu, const struct fg_fix *fix)
{
	size_t off[FG_MAX_EDITS], end[FG_MAX_EDITS], len = tu->src_len, i, j, k;
	unsigned order[FG_MAX_EDITS];
	char *out;

	cr_assert(!fix->why[0], "refused: %s", fix->why);
	for (i = 0; i < fix->n; i++) {
		cr_assert(src_offset(tu, &fix->e[i].from, &off[i]));
		cr_assert(src_offset(tu, &fix->e[i].to, &end[i]));
		len += strlen(fix->e[i].text);
		order[i] = (unsigned)i;
	}
	for (i = 0; i < fix->n; i++)	/* by offset */
		for (j = i + 1; j < fix->n; j++)
			if (off[order[j]] < off[order[i]]) {
				unsigned t = order[i];

				order[i] = order[j];
				order[j] = t;
			}
	out = calloc(1, len + 1);
	for (i = 0, j = 0, k = 0; k <= fix->n; k++) {
		size_t stop = k < fix->n ? off[order[k]] : tu->src_len;

		memcpy(out + j, tu->src + i, stop - i);
		j += stop - i;
		if (k < fix->n) {
			strcpy(out + j, fix->e[order[k]].text);
			j += strlen(fix->e[order[k]].text);
			i = end[order[k]];
		}
	}
	return out;
}

/* tu must be zeroed or set before: its arena (the line table, edit.c) is freed. */
static void set_tu(struct fx_tu *tu, const char *src)
{
	arena_free(&tu->arena);
	memset(tu, 0, sizeof(*tu));
	tu->file = FILE_NAME;
	tu->src = src;
	tu->src_len = strlen(src);
}

static const char if_src[] =
	"int f(int a)\n"
	"{\n"
	"\tif (a)\n"
	"\t\t/* why */\n"
	"\t\treturn -1; /* tail */\n"
	"\treturn 0;\n"
	"}\n";

static struct fx_func if_func(struct fx_stmt **ret1)
{
	struct fx_func fn = { .name = "f", .loc = { FILE_NAME, 1, 5 }, .end_line = 7 };

	*ret1 = stmt(FXS_RETURN, 5, 3, 0);
	fn.body = stmt(FXS_BLOCK, 2, 1, 2, stmt(FXS_IF, 3, 2, 1, *ret1),
		       stmt(FXS_RETURN, 6, 2, 0));
	fn.body->kids[0]->expr = expr(FXE_IDENT, "a", 3, 6);
	return fn;
}

Test(fixgen, put_before_returns_with_braces)
{
	struct fg_fix fix = { 0 };
	struct fx_stmt *r1;
	struct fx_func fn = if_func(&r1);
	struct fx_loc l1 = { FILE_NAME, 5, 3 }, l2 = { FILE_NAME, 6, 2 };
	struct fx_tu tu = { 0 };
	char *out;

	set_tu(&tu, if_src);
	cr_assert(fg_insert_before_exit(&fix, &tu, &fn, &l1, "put(x)"));
	cr_assert(fg_insert_before_exit(&fix, &tu, &fn, &l2, "put(x)"));
	out = apply(&tu, &fix);
	cr_assert_str_eq(out, "int f(int a)\n"
			      "{\n"
			      "\tif (a) {\n"
			      "\t\t/* why */\n"
			      "\t\tput(x);\n"
			      "\t\treturn -1; /* tail */\n"
			      "\t}\n"
			      "\tput(x);\n"
			      "\treturn 0;\n"
			      "}\n");
	free(out);
	arena_free(&tu.arena);
}

Test(fixgen, refuses_else_branch_same_line_and_macro)
{
	static const char same[] = "int f(int a)\n{\n\tif (a) return -1;\n\treturn 0;\n}\n";
	static const char mac[] = "int f(int a)\n{\n\tRET(a);\n\treturn 0;\n}\n";
	struct fg_fix fix = { 0 };
	struct fx_stmt *r1;
	struct fx_func fn = if_func(&r1);
	struct fx_loc l1 = { FILE_NAME, 5, 3 }, l3 = { FILE_NAME, 3, 9 }, lm = { FILE_NAME, 3, 2 };
	struct fx_tu tu = { 0 };

	set_tu(&tu, if_src);
	fn.body->kids[0]->nkids = 2;
	fn.body->kids[0]->kids[1] = stmt(FXS_RETURN, 6, 2, 0);
	cr_assert(!fg_insert_before_exit(&fix, &tu, &fn, &l1, "put(x)"));
	cr_assert(strstr(fix.why, "if/else"), "%s", fix.why);

	memset(&fix, 0, sizeof(fix));
	set_tu(&tu, same);
	fn.body->kids[0]->nkids = 1;
	r1->loc = l3;
	fn.end_line = 5;
	cr_assert(!fg_insert_before_exit(&fix, &tu, &fn, &l3, "put(x)"));
	cr_assert(strstr(fix.why, "shares its line"), "%s", fix.why);

	memset(&fix, 0, sizeof(fix));
	set_tu(&tu, mac);
	fn.body->kids[0] = stmt(FXS_RETURN, 3, 2, 0);
	cr_assert(!fg_insert_before_exit(&fix, &tu, &fn, &lm, "put(x)"));
	cr_assert(strstr(fix.why, "macro"), "%s", fix.why);
	cr_assert_eq(fix.n, 0);
	arena_free(&tu.arena);
}

Test(fixgen, void_closing_brace_and_label)
{
	static const char src[] = "void g(int r)\n{\n\tfoo();\nout:\n\treturn;\n}\n";
	static const char brace[] = "void g(void)\n{\n\tfoo();\n}\n";
	struct fg_fix fix = { 0 };
	struct fx_func fn = { .name = "g", .end_line = 6 };
	struct fx_loc lr = { FILE_NAME, 5, 2 }, lb = { FILE_NAME, 4, 1 };
	struct fx_tu tu = { 0 };
	char *out;

	set_tu(&tu, src);
	fn.body = stmt(FXS_BLOCK, 2, 1, 2, stmt(FXS_EXPR, 3, 2, 0),
		       stmt(FXS_LABEL, 4, 1, 1, stmt(FXS_RETURN, 5, 2, 0)));
	cr_assert(fg_insert_before_exit(&fix, &tu, &fn, &lr, "put(x)"));
	out = apply(&tu, &fix);
	cr_assert_str_eq(out, "void g(int r)\n{\n\tfoo();\nout:\n\tput(x);\n\treturn;\n}\n");
	free(out);

	/* a label that is an unbraced if body: the statement would leave the if */
	memset(&fix, 0, sizeof(fix));
	fn.body->kids[1] = stmt(FXS_IF, 3, 2, 1, fn.body->kids[1]);
	cr_assert(!fg_insert_before_exit(&fix, &tu, &fn, &lr, "put(x)"));
	cr_assert(strstr(fix.why, "not directly in a block"), "%s", fix.why);

	memset(&fix, 0, sizeof(fix));
	set_tu(&tu, brace);
	fn.end_line = 4;
	fn.body = stmt(FXS_BLOCK, 2, 1, 1, stmt(FXS_EXPR, 3, 2, 0));
	cr_assert(fg_insert_before_exit(&fix, &tu, &fn, &lb, "put(x)"));
	out = apply(&tu, &fix);
	cr_assert_str_eq(out, "void g(void)\n{\n\tfoo();\n\tput(x);\n}\n");
	free(out);
	arena_free(&tu.arena);
}

Test(fixgen, check_result_and_wrap)
{
	static const char src[] = "\tfoo(a,\n\t    b);\n\treturn p->grp;\n";
	struct fg_fix fix = { 0 };
	struct fx_stmt *s = stmt(FXS_EXPR, 1, 2, 0);
	struct fx_expr *m = expr(FXE_MEMBER, "p->grp", 3, 12);
	struct fx_tu tu = { 0 };
	char *out;

	set_tu(&tu, src);
	s->expr = expr(FXE_CALL, "foo(a,\n\t    b)", 1, 2);
	cr_assert(fg_check_result(&fix, &tu, s, "ret", "ret < 0", "goto out_free"));
	/* the frontends place a member at its name: the wrap starts at p */
	m->nkids = 1;
	m->kids = calloc(1, sizeof(*m->kids));
	m->kids[0] = expr(FXE_IDENT, "p", 3, 9);
	cr_assert(fg_wrap_expr(&fix, &tu, m, "ref(", ")"));
	out = apply(&tu, &fix);
	cr_assert_str_eq(out, "\tret = foo(a,\n\t    b);\n\tif (ret < 0)\n\t\tgoto out_free;\n"
			      "\treturn ref(p->grp);\n");
	free(out);
	m->kids[0]->loc.col = 10;	/* spelled otherwise: refused */
	cr_assert(!fg_wrap_expr(&fix, &tu, m, "ref(", ")"));
	cr_assert(strstr(fix.why, "macro"));
	arena_free(&tu.arena);
}

Test(fixgen, check_result_with_undo_in_braces)
{
	static const char src[] = "\tfoo(a);\n\treturn 0;\n";
	struct fg_fix fix = { 0 };
	struct fx_stmt *s = stmt(FXS_EXPR, 1, 2, 0);
	struct fx_tu tu = { 0 };
	char *out;

	set_tu(&tu, src);
	s->expr = expr(FXE_CALL, "foo(a)", 1, 2);
	cr_assert(fg_check_result_undo(&fix, &tu, s, "ret", "ret", "undo(a)", "goto out"));
	out = apply(&tu, &fix);
	cr_assert_str_eq(out, "\tret = foo(a);\n\tif (ret) {\n\t\tundo(a);\n\t\tgoto out;\n\t}\n"
			      "\treturn 0;\n");
	free(out);
	free(s->expr);
	free(s->kids);
	free(s);
	arena_free(&tu.arena);
}

/* Calls of rules/data/no-effects.tbl have none; writes and unknown calls do. */
Test(fixgen, no_effects)
{
	struct fx_expr *call = expr(FXE_CALL, "strcmp", 1, 1);
	struct fx_expr *other = expr(FXE_CALL, "kzalloc", 1, 1);
	struct fx_expr *inc = expr(FXE_UNARY, "i", 1, 1);
	struct fx_expr *eq = expr(FXE_BINARY, "a == b", 1, 1);

	inc->op = "++";
	inc->nkids = 1;
	inc->kids = calloc(1, sizeof(*inc->kids));
	inc->kids[0] = expr(FXE_IDENT, "i", 1, 1);
	inc->kids[0]->ref = FXR_LOCAL;
	eq->op = "==";
	cr_assert(fg_no_effects(NULL, NULL, call));
	cr_assert(fg_no_effects(NULL, NULL, eq));
	cr_assert(fg_no_effects(NULL, NULL, NULL));
	cr_assert(!fg_no_effects(NULL, NULL, other), "an unknown call may have effects");
	cr_assert(!fg_no_effects(NULL, NULL, inc), "a write, even to a local, in the caller");
	eq->op = "|=";
	cr_assert(!fg_no_effects(NULL, NULL, eq));
	free(inc->kids[0]);
	free(inc->kids);
	free(inc);
	free(call);
	free(other);
	free(eq);
}

/* ---- the rules' fixes on their fixtures ---- */

static char top[PATH_MAX], lint[PATH_MAX], tmpdir[PATH_MAX];

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	cr_assert(realpath(lint_path(), lint), "no checker at %s", lint_path());
	tmpdir_make(tmpdir, sizeof(tmpdir), "fixgen");
}

static void teardown(void)
{
	cr_assert_eq(chdir(top), 0);
	tmpdir_remove(tmpdir);
}

/* The fixtures fixed on purpose; every other bad-* finding must say why not. */
static const char *const fixed[] = {
	"device-lookup-put/bad-bus-find-by-fwnode.c",
	"device-lookup-put/bad-bus-find-device.c",
	"device-lookup-put/bad-free-cleanup-nulled.c",
	"device-lookup-put/bad-helper-does-not-release.c",
	"device-lookup-put/bad-later-return-leaks.c",
	"device-lookup-put/bad-warn-on-early-return.c",
	"device-lookup-put/bad-xlate-success-path.c",
	"group-get-put/bad-alloc-error-path.c",
	"group-get-put/bad-drvdata-missing.c",
	"group-get-put/bad-early-return.c",
	"group-get-put/bad-goto-wrong-label.c",
	"group-get-put/bad-void-fall-off.c",
	"group-get-put/bad-warn-on.c",
	"device-group-ref/bad-cached-list.c",
	"device-group-ref/bad-member.c",
	"unchecked-return/bad-between-checks-goto.c",
	"unchecked-return/bad-between-checks-return.c",
	"unchecked-return/bad-add-ids-in-xlate.c",
	"unchecked-return/bad-first-after-guard.c",
	"unchecked-return/bad-fwspec-init-ignored.c",
	"unchecked-return/bad-ops-of-xlate.c",
	"unchecked-return/bad-own-xlate.c",
	"unchecked-return/bad-register-ignored.c",
	"unchecked-return/bad-sysfs-add-ignored.c",
};

static const char *const rules[] = {
	"device-lookup-put", "group-get-put", "device-group-ref", "unchecked-return",
};

static bool is_fixed(const char *rule, const char *base)
{
	char key[PATH_MAX];
	unsigned i;

	snprintf(key, sizeof(key), "%s/%s", rule, base);
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (!strcmp(fixed[i], key))
			return true;
	return false;
}

TestSuite(fixgen_rules, .init = setup, .fini = teardown, .timeout = 300);

/*
 * Per rule: --fix on copies of its bad fixtures; the fixed ones differ,
 * compile and re-scan clean in both engines; the others are unchanged and
 * their findings carry a reason.
 */
Test(fixgen_rules, fixtures_fixed_compile_and_rescan_clean)
{
	unsigned r, nfixed = 0;

	for (r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		char dir[PATH_MAX], list[PATH_MAX + 64];
		FILE *ls;
		char base[256];

		snprintf(dir, sizeof(dir), "%s/%s", tmpdir, rules[r]);
		cr_assert_eq(shell_status("mkdir -p %s/orig && cp %s/corpus/%s/bad-*.c %s/ && cp %s/*.c %s/orig/",
				dir, top, rules[r], dir, dir, dir), 0);
		cr_assert_leq(shell_status("cd %s && %s -q --fix *.c -- -I%s/reference/include >/dev/null 2>&1",
				 dir, lint, top), 1);
		cr_assert_leq(shell_status("cd %s && %s -q --format=json orig/*.c -- -I%s/reference/include >why.json",
				 dir, lint, top), 1);
		snprintf(list, sizeof(list), "cd %s && ls *.c", dir);
		ls = popen(list, "r");
		cr_assert(ls);
		while (fscanf(ls, "%255s", base) == 1) {
			bool changed = shell_status("cmp -s %s/%s %s/orig/%s", dir, base, dir, base) != 0;

			cr_assert_eq(changed, is_fixed(rules[r], base), "%s/%s: fixed %d, expected %d",
				     rules[r], base, changed, !changed);
			if (!changed) {
				cr_assert_eq(shell_status("python3 -c 'import json,sys; d=json.load(open(\"%s/why.json\")); "
						"sys.exit(0 if all(x.get(\"no_fix_reason\") for x in d[\"findings\"] "
						"if x[\"file\"].endswith(\"/%s\")) else 1)'", dir, base),
					     0, "%s/%s: no fix and no reason", rules[r], base);
				continue;
			}
			nfixed++;
			cr_assert_eq(shell_status("cd %s && clang -fsyntax-only -I%s/reference/include %s", dir,
					top, base), 0, "%s/%s: the fixed file does not compile",
				     rules[r], base);
			cr_assert_eq(shell_status("cd %s && %s -q %s -- -I%s/reference/include", dir, lint, base,
					top), 0, "%s/%s: findings after the fix", rules[r], base);
			cr_assert_eq(shell_status("cd %s && %s -q --engine=ts %s -- -I%s/reference/include", dir,
					lint, base, top), 0, "%s/%s: fast-mode findings after the fix",
				     rules[r], base);
		}
		pclose(ls);
	}
	cr_assert_eq(nfixed, sizeof(fixed) / sizeof(fixed[0]));
}

/* The no-fix reasons the docs promise, by fixture. */
Test(fixgen_rules, reasons)
{
	static const struct {
		const char *file, *why;
	} cases[] = {
		{ "device-lookup-put/bad-goto-wrong-label.c", "needs its own label" },
		{ "device-lookup-put/bad-unchecked.c", "not tested on some path" },
		{ "device-lookup-put/bad-switch-missing-put.c", "reached by paths that do not hold" },
		{ "device-lookup-put/bad-success-passes-on.c", "passed to sp_attach_irq() at line 19" },
		{ "device-lookup-put/bad-returns-drvdata.c", "returns an object at line 25" },
		{ "device-group-ref/bad-local-copy.c", "a new reference on another" },
		{ "device-group-ref/bad-helper.c", "and not on another" },
		{ "unchecked-return/bad-register-after-step.c", "only before the call" },
		{ "unchecked-return/bad-first-after-effect.c", "a statement before the call has effects (line 11)" },
		{ "unchecked-return/bad-store-never-read.c", "stored result" },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[PATH_MAX];
		char *argv[] = { lint, "-q", "--format=json", path, "--", "-Ireference/include", NULL };
		struct json_object *doc, *arr, *why;
		struct run r;

		snprintf(path, sizeof(path), "corpus/%s", cases[i].file);
		cr_assert_eq(run_argv(argv, &r), 0);
		doc = json_tokener_parse(r.out);
		cr_assert(doc && json_object_object_get_ex(doc, "findings", &arr) &&
			  json_object_array_length(arr) == 1, "%s: %s", path, r.out);
		cr_assert(json_object_object_get_ex(json_object_array_get_idx(arr, 0),
						    "no_fix_reason", &why) && why, "%s", path);
		cr_assert(strstr(json_object_get_string(why), cases[i].why), "%s: %s", path,
			  json_object_get_string(why));
		json_object_put(doc);
		run_free(&r);
	}
}
