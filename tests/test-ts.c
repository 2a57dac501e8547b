// SPDX-License-Identifier: GPL-2.0
/*
 * test-ts.c - the tree-sitter frontend (fast mode): grammar ABI check, the
 * parse buffer (directives and attribute macros blanked at the same
 * offsets), facts of kernel code with unexpanded macros around ERROR nodes,
 * agreement with the libclang frontend on tests/data/facts-sample.c, and the
 * engine selection of the command line.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

#include <criterion/criterion.h>

#include "../checker/engine.h"
#include "../checker/frontend-ts/ts.h"
#include "../checker/registry.h"
#include "../checker/srcscan.h"
#include "testutil.h"

static struct fx_tu *parse_text(const char *text)
{
	struct fx_tu *tu = calloc(1, sizeof(*tu));
	struct tu_job job = { .file = "mem.c" };
	struct pp_map map;
	char err[256] = "";
	void *fe = NULL;

	cr_assert(tu);
	cr_assert_eq(fe_ts_ops.init(&fe, err, sizeof(err)), 0, "init: %s", err);
	tu->file = "mem.c";
	tu->src = strdup(text);
	tu->src_len = strlen(text);
	cr_assert_eq(fe_ts_ops.parse(fe, &job, tu, err, sizeof(err)), 0, "parse: %s", err);
	pp_map_build(&tu->arena, tu->src, tu->src_len, &map);
	srcscan_annotate_inits(tu, &map);
	fe_ts_ops.fini(fe);
	return tu;
}

static void free_tu(struct fx_tu *tu)
{
	free((char *)tu->src);
	arena_free(&tu->arena);
	free(tu);
}

static const struct fx_func *func(const struct fx_tu *tu, const char *name)
{
	unsigned i;

	for (i = 0; i < tu->nfuncs; i++)
		if (!strcmp(tu->funcs[i].name, name))
			return &tu->funcs[i];
	cr_assert_fail("no function %s", name);
	return NULL;
}

struct count {
	const char *callee;
	unsigned calls, fors, gotos, labels;
};

static bool count_expr(const struct fx_expr *e, void *arg)
{
	struct count *c = arg;

	if (e->kind == FXE_CALL && e->name && !strcmp(e->name, c->callee))
		c->calls++;
	return true;
}

static bool count_stmt(const struct fx_stmt *s, void *arg)
{
	struct count *c = arg;

	c->fors += s->kind == FXS_FOR;
	c->gotos += s->kind == FXS_GOTO;
	c->labels += s->kind == FXS_LABEL;
	return true;
}

Test(ts, grammar_abi_accepted)
{
	char err[256] = "";

	cr_assert_eq(fe_ts_ops.check(err, sizeof(err)), 0, "%s", err);
}

Test(ts, blank_keeps_offsets)
{
	static const char src[] =
		"#include <linux/iommu.h>\n"
		"static int __init foo(void) { return 0; }\n"
		"#if 0\n"
		"garbage {{{\n"
		"#else\n"
		"int kept;\n"
		"#endif\n"
		"struct x *p __free(kfree) = NULL;\n"
		"#define M(a) \\\n"
		"	do { a; } while (0)\n"
		"#define SQ 0x1 /* a comment that\n"
		"	* goes on */\n";
	char *b = fe_ts_blank(src, sizeof(src) - 1);
	size_t i;

	cr_assert(b);
	cr_assert_eq(strlen(b), sizeof(src) - 1);
	for (i = 0; i < sizeof(src) - 1; i++)
		cr_assert(src[i] != '\n' ? b[i] != '\n' : b[i] == '\n', "newline moved at %zu", i);
	cr_assert_null(strstr(b, "#include"));
	cr_assert_null(strstr(b, "__init"));
	cr_assert_null(strstr(b, "garbage"));
	cr_assert_null(strstr(b, "__free"));
	cr_assert_null(strstr(b, "kfree"));
	cr_assert_null(strstr(b, "while"), "a continued #define line is blanked whole");
	cr_assert_null(strstr(b, "goes on"), "so is a comment a #define opens");
	cr_assert(strstr(b, "static int "));
	cr_assert(strstr(b, "int kept;"));
	cr_assert(strstr(b, "struct x *p "));
	free(b);
}

/* Kernel code as written: macros unexpanded, ERROR nodes around them. */
static const char kernel_src[] =
	"static DEFINE_MUTEX(lock);\n"					/* 1 */
	"static int __init probe(struct device *dev)\n"			/* 2 */
	"{\n"
	"	struct foo *f __free(kfree) = NULL;\n"
	"	struct bar *b;\n"						/* 5 */
	"	int ret;\n"
	"\n"
	"	list_for_each_entry(b, &head, node) {\n"			/* 8 */
	"		if (WARN_ON(!b))\n"
	"			goto out_put;\n"				/* 10 */
	"	}\n"
	"#ifdef CONFIG_OF\n"
	"	ret = of_thing(dev);\n"
	"#else\n"
	"	ret = 0;\n"							/* 15 */
	"#endif\n"
	"	kfree(container_of(dev, struct foo, dev));\n"
	"	return ret;\n"
	"out_put:\n"
	"	put_device(dev);\n"						/* 20 */
	"	return -ENODEV;\n"
	"}\n"
	"\n"
	"static const struct iommu_ops ops = {\n"			/* 24 */
	"	.probe_device = probe,\n"
	"#ifdef CONFIG_OF_IOMMU\n"
	"	.of_xlate = generic_xlate,\n"
	"#endif\n"
	"	.pgsize_bitmap = SZ_4K,\n"
	"};\n"								/* 30 */
	"\n"
	"static void after(void) { iommu_device_unregister(&x); }\n";

Test(ts, kernel_macros_do_not_hide_code)
{
	struct fx_tu *tu = parse_text(kernel_src);
	const struct fx_func *f = func(tu, "probe");
	struct count c = { .callee = "put_device" };
	const struct fx_var *v = NULL;
	unsigned i;

	cr_assert(f->is_static);
	cr_assert_eq(f->loc.line, 2);
	cr_assert_eq(f->nparams, 1);
	cr_assert_str_eq(f->params[0].type, "struct device *");
	cr_assert_str_eq(f->params[0].name, "dev");
	cr_assert_str_eq(f->ret_type, "int");
	fx_walk_stmt(f->body, count_stmt, count_expr, &c);
	cr_assert_eq(c.calls, 1);
	cr_assert_eq(c.fors, 1, "list_for_each_entry(...) { } is one loop");
	cr_assert_eq(c.gotos, 1);
	cr_assert_eq(c.labels, 1);
	c = (struct count){ .callee = "container_of" };
	fx_walk_stmt(f->body, count_stmt, count_expr, &c);
	cr_assert_eq(c.calls, 1, "kfree(container_of(..., struct foo, ...)) is a call");
	c = (struct count){ .callee = "of_thing" };
	fx_walk_stmt(f->body, count_stmt, count_expr, &c);
	cr_assert_eq(c.calls, 1, "both #ifdef branches are read");
	func(tu, "after");

	for (i = 0; i < tu->nvars; i++)
		if (!strcmp(tu->vars[i].name, "ops"))
			v = &tu->vars[i];
	cr_assert(v && v->init, "the ops initialiser is found");
	cr_assert_str_eq(v->record, "iommu_ops");
	cr_assert_eq(v->init->nfields, 3);
	cr_assert_str_eq(v->init->fields[1].field, "of_xlate");
	cr_assert_str_eq(v->init->fields[1].cond, "#ifdef CONFIG_OF_IOMMU");
	cr_assert_null(v->init->fields[0].cond);
	cr_assert_eq(v->init->fields[0].value->ref, FXR_FUNC);
	cr_assert_eq(v->init->fields[1].value->ref, FXR_FUNC);
	free_tu(tu);
}

Test(ts, locals_params_and_globals_resolved)
{
	struct fx_tu *tu = parse_text("static int g;\n"
				      "int f(int p)\n{\n\tint l = p + g;\n\treturn helper(l);\n}\n");
	const struct fx_stmt *decl = func(tu, "f")->body->kids[0];
	const struct fx_expr *sum = decl->expr;

	cr_assert_eq(decl->kind, FXS_DECL);
	cr_assert_str_eq(decl->name, "l");
	cr_assert_eq(sum->kind, FXE_BINARY);
	cr_assert_str_eq(sum->op, "+");
	cr_assert_eq(sum->kids[0]->ref, FXR_PARAM);
	cr_assert_eq(sum->kids[1]->ref, FXR_GLOBAL);
	cr_assert_eq(func(tu, "f")->body->kids[1]->expr->kids[1]->ref, FXR_LOCAL);
	free_tu(tu);
}

/* The function and statement lines the two frontends give for one file. */
static char *shape(char *dump)
{
	char *out = calloc(1, strlen(dump) + 1), *line, *save = NULL;

	for (line = strtok_r(dump, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		const char *t = line + strspn(line, " ");

		if (strstr(line, "macro="))
			continue;	/* WARN_ON(): ({ ... }) to libclang, a call to tree-sitter */
		if (!strncmp(t, "func ", 5) || !strncmp(t, "if ", 3) || !strncmp(t, "for ", 4) ||
		    !strncmp(t, "goto ", 5) || !strncmp(t, "label ", 6) ||
		    !strncmp(t, "return ", 7) || !strncmp(t, "switch ", 7) ||
		    !strncmp(t, "var ", 4) || !strncmp(t, "call name=", 10)) {
			strcat(out, line);
			strcat(out, "\n");
		}
	}
	return out;
}

Test(ts, agrees_with_clang_on_the_facts_sample)
{
	char *clang_argv[] = { (char *)lint_path(), "--engine=clang", "--dump-facts",
			       "tests/data/facts-sample.c", "--", "-Ireference/include", NULL };
	char *ts_argv[] = { (char *)lint_path(), "--fast", "--dump-facts",
			    "tests/data/facts-sample.c", NULL };
	struct run rc, rt;
	char *a, *b;

	cr_assert_eq(run_argv(clang_argv, &rc), 0);
	cr_assert_eq(run_argv(ts_argv, &rt), 0);
	cr_assert_eq(rc.status, 0, "%s", rc.err);
	cr_assert_eq(rt.status, 0, "%s", rt.err);
	a = shape(rc.out);
	b = shape(rt.out);
	cr_assert(strstr(a, "func sample_probe"));
	cr_assert_str_eq(b, a);
	free(a);
	free(b);
	run_free(&rc);
	run_free(&rt);
}

Test(ts, default_engine_for_plain_files_is_ts)
{
	static const char src[] = "#include <no/such/header.h>\n"
				  "static int f(void) { return 0; }\n";
	char *plain[] = { (char *)lint_path(), "--dump-facts", "build/test-ts-plain.c", NULL };
	char *clang[] = { (char *)lint_path(), "--engine=clang", "--dump-facts",
			  "build/test-ts-plain.c", NULL };
	char *flags[] = { (char *)lint_path(), "--dump-facts", "build/test-ts-plain.c", "--",
			  "-DX", NULL };
	struct run r;

	cr_assert_eq(write_file("build/test-ts-plain.c", src, sizeof(src) - 1), 0);
	cr_assert_eq(run_argv(plain, &r), 0);
	cr_assert_eq(r.status, 0, "fast mode needs no headers: %s", r.err);
	cr_assert(strstr(r.out, "func f @2"));
	run_free(&r);
	cr_assert_eq(run_argv(clang, &r), 0);
	cr_assert_eq(r.status, 2, "libclang must miss the header");
	cr_assert(strstr(r.err, "iommu-lint: error: "));
	run_free(&r);
	cr_assert_eq(run_argv(flags, &r), 0);
	cr_assert_eq(r.status, 2, "compiler flags select libclang");
	run_free(&r);
}

Test(ts, bad_engine_is_a_clear_error)
{
	char *bad[] = { (char *)lint_path(), "--engine=gcc", "x.c", NULL };
	struct run r;

	cr_assert_eq(run_argv(bad, &r), 0);
	cr_assert_eq(r.status, 2);
	cr_assert(strstr(r.err, "iommu-lint: error: unknown engine"), "%s", r.err);
	run_free(&r);
}

/*
 * A table fragment (a .c #included inside an array elsewhere) is parsed: the
 * tree-sitter 0.25 runtime does not crash on its whole-file error recovery
 * (Debian's 0.20.7 did, and such files were refused).
 */
Test(ts, table_fragment_is_parsed)
{
	char *fr[] = { (char *)lint_path(), "--fast", "--stats", "build/test-ts-frag.c", NULL };
	size_t cap = 64 * 1024, len = 0;
	char *frag = malloc(cap);
	struct run r;
	unsigned i;

	cr_assert(frag);
	len += (size_t)snprintf(frag, cap, "/* iommu_ops put_device table */\n");
	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(frag + len, cap - len, "{ %u, 2, \"x\" },\n", i);
	cr_assert_lt(len, cap - 1);
	cr_assert_eq(write_file("build/test-ts-frag.c", frag, len), 0);
	free(frag);
	cr_assert_eq(run_argv(fr, &r), 0);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.err, "(1 parsed, 0 skipped by prefilter)"), "%s", r.err);
	cr_assert(strstr(r.err, "0 failed TUs"), "%s", r.err);
	run_free(&r);
}

Test(ts, prefilter_matches_tokens)
{
	static const char a[] = "release_firmware(fw); foo_release(x);";
	static const char b[] = "\tdev->release = pu_release;";
	static const char c[] = "/* iommu-lint: ignore x -- y */";

	cr_assert_not(srcscan_has_any(a, sizeof(a) - 1, "release\0"));
	cr_assert(srcscan_has_any(b, sizeof(b) - 1, "release\0"));
	cr_assert(srcscan_has_any("release", 7, "release\0"), "at both ends of the text");
	cr_assert(srcscan_has_any(c, sizeof(c) - 1, "iommu-lint:\0"));
	cr_assert_not(srcscan_has_any(a, sizeof(a) - 1, "firmware\0fw(\0"));
	cr_assert(srcscan_has_any(a, sizeof(a) - 1, "firmware\0(fw)\0"));
}

const TSLanguage *tree_sitter_c(void);

/* Every tree-sitter query of the project compiles against the grammar. */
Test(ts, all_queries_compile)
{
	static const char *const dirs[] = { "checker/frontend-ts", "rules" };
	unsigned d, n = 0;

	for (d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *de;

		cr_assert(dir, "cannot open %s", dirs[d]);
		while ((de = readdir(dir))) {
			size_t l = strlen(de->d_name), len;
			char path[512], *text;
			uint32_t off = 0;
			TSQueryError qe = TSQueryErrorNone;
			TSQuery *q;

			if (l < 5 || strcmp(de->d_name + l - 4, ".scm"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[d], de->d_name);
			text = read_file(path, &len);
			cr_assert(text, "cannot read %s", path);
			q = ts_query_new(tree_sitter_c(), text, (uint32_t)len, &off, &qe);
			cr_assert(q, "%s: query error %d at byte %u", path, (int)qe, off);
			ts_query_delete(q);
			free(text);
			n++;
		}
		closedir(dir);
	}
	cr_log_info("%u tree-sitter queries compiled", n);
}

/* The check itself can fail: an unknown node type is refused. */
Test(ts, bad_query_is_refused)
{
	static const char bad[] = "(no_such_node) @x";
	uint32_t off = 0;
	TSQueryError qe = TSQueryErrorNone;
	TSQuery *q = ts_query_new(tree_sitter_c(), bad, sizeof(bad) - 1, &off, &qe);

	cr_assert_null(q);
	cr_assert_eq(qe, TSQueryErrorNodeType);
}

/* An iterator macro without braces must not swallow the rest of the file. */
Test(ts, iterator_without_braces)
{
	struct fx_tu *tu = parse_text("static void f(int wq)\n{\n\tif (x) {\n"
				      "\t\tfor_each_node(node)\n\t\t\tnr(wq, node)->max = a;\n"
				      "\t\treturn;\n\t}\n\tdevice_for_each_child(dev, NULL, fn);\n}\n"
				      "static void g(void)\n{\n}\n");
	struct count c = { .callee = "for_each_node" };
	const struct fx_func *f = func(tu, "f");

	func(tu, "g");
	fx_walk_stmt(f->body, count_stmt, count_expr, &c);
	cr_assert_eq(c.fors, 1);
	cr_assert_eq(c.calls, 1, "the loop header is the call it was written as");
	c = (struct count){ .callee = "device_for_each_child" };
	fx_walk_stmt(f->body, count_stmt, count_expr, &c);
	cr_assert_eq(c.calls, 1, "a for_each function call stays a call");
	cr_assert_eq(c.fors, 1);
	free_tu(tu);
}

/* A type spelling longer than the frontend's buffer is cut, not overrun. */
Test(ts, long_type_spelling)
{
	char src[1024];
	struct fx_tu *tu;
	const struct fx_stmt *d;

	snprintf(src, sizeof(src), "void f(void)\n{\n\tstruct %0400d **p;\n}\n", 0);
	memset(src + 23, 'x', 400);	/* "struct xxx...x **p" */
	tu = parse_text(src);
	d = func(tu, "f")->body->kids[0];
	cr_assert_eq(d->kind, FXS_DECL);
	cr_assert_str_eq(d->name, "p");
	cr_assert(d->type && strlen(d->type) < 256);
	free_tu(tu);
}

/*
 * Code nested deeper than the frontend converts is said in the report (a
 * note naming the function and the limit, in text, JSON and SARIF), not
 * dropped silently.
 */
Test(ts, nesting_limit_is_a_note)
{
	char *text[] = { (char *)lint_path(), "--fast", "build/test-ts-deep.c", NULL };
	char *sarif[] = { (char *)lint_path(), "--fast", "--format=sarif", "build/test-ts-deep.c",
			  NULL };
	char *json[] = { (char *)lint_path(), "--fast", "--format=json", "build/test-ts-deep.c",
			 NULL };
	size_t cap = 64 * 1024, len = 0;
	char *src = malloc(cap);
	struct run r;
	unsigned i;

	cr_assert(src);
	len += (size_t)snprintf(src, cap, "void deep(struct device *dev, int a)\n{\n");
	for (i = 0; i < 250; i++)
		len += (size_t)snprintf(src + len, cap - len, "if (a) {\n");
	len += (size_t)snprintf(src + len, cap - len, "put_device(dev);\n");
	for (i = 0; i < 250; i++)
		len += (size_t)snprintf(src + len, cap - len, "}\n");
	/* a word the prefilter keeps the file for (put_device alone: on demand only) */
	len += (size_t)snprintf(src + len, cap - len,
				"}\nvoid shallow(void)\n{\n}\n/* registers no iommu_ops */\n");
	cr_assert_lt(len, cap - 1);
	cr_assert_eq(write_file("build/test-ts-deep.c", src, len), 0);
	free(src);
	cr_assert_eq(run_argv(text, &r), 0);
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "build/test-ts-deep.c:1:6: note: fast mode: deep() nests deeper than 400 statements and expressions (about 200 nested blocks) at line 203:"),
		  "%s", r.out);
	cr_assert_eq(count_substr(r.out, "note: fast mode:"), 1, "shallow() is whole: %s", r.out);
	run_free(&r);
	cr_assert_eq(run_argv(sarif, &r), 0);
	cr_assert(strstr(r.out, "\"toolExecutionNotifications\""), "%s", r.out);
	cr_assert(strstr(r.out, "\"level\":\"note\""), "%s", r.out);
	cr_assert(strstr(r.out, "fast mode: deep() nests deeper than 400"), "%s", r.out);
	run_free(&r);
	cr_assert_eq(run_argv(json, &r), 0);
	cr_assert(strstr(r.out, "\"limits\""), "%s", r.out);
	cr_assert(strstr(r.out, "fast mode: deep() nests deeper than 400"), "%s", r.out);
	run_free(&r);
}

/*
 * CR-only line endings are line breaks: the findings are on their lines
 * (they were all on line 1) and a suppression hides only the finding below
 * it (it hid them all); the file is said to be read that way.
 */
Test(ts, cr_only_line_endings)
{
	static const char fixture[] = "corpus/register-unwind/bad-warn-on-after-register.c";
	char *argv[] = { (char *)lint_path(), "--fast", "build/test-ts-cr.c", NULL };
	static const char expect[] = "/* expect: register-unwind */";
	static const char ignore[] = "/* iommu-lint: ignore register-unwind -- the test's */";
	size_t len, i, at;
	char *orig = read_file(fixture, &len), *p, *src;
	struct run r;

	cr_assert(orig);
	p = strstr(orig, expect);
	cr_assert(p);
	at = (size_t)(p - orig);
	src = malloc(len + sizeof(ignore));
	cr_assert(src);
	memcpy(src, orig, at);
	memcpy(src + at, ignore, sizeof(ignore) - 1);
	memcpy(src + at + sizeof(ignore) - 1, p + sizeof(expect) - 1, len - at - (sizeof(expect) - 1));
	len += sizeof(ignore) - sizeof(expect);
	free(orig);
	for (i = 0; i < len; i++)
		if (src[i] == '\n')
			src[i] = '\r';
	cr_assert_eq(write_file("build/test-ts-cr.c", src, len), 0);
	free(src);
	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(count_substr(r.out, ": warning: "), 1, "%s", r.out);
	cr_assert(strstr(r.out, "build/test-ts-cr.c:32:8: warning: iommu_device_register("), "%s",
		  r.out);
	cr_assert(strstr(r.out, "build/test-ts-cr.c:1:1: note: fast mode: 43 lines end with a CR alone"),
		  "%s", r.out);
	run_free(&r);
}

/*
 * With a compile command, fast mode decides a main file's #if conditions
 * as the compiler would (ppeval.c) and reads only the branches it keeps;
 * what it cannot decide it reads both ways, as without flags.
 */
Test(ts, conditions_decided_by_the_command_line)
{
	static const char src[] =
		"#define LOCAL 2\n"
		"#if LOCAL > 1 && defined(FOO)\nvoid a_kept(void) { }\n#else\nvoid a_dropped(void) { }\n#endif\n"
		"#ifdef BAR\nvoid b_dropped(void) { }\n#elif FOO == 3\nvoid b_kept(void) { }\n#else\nvoid b_else(void) { }\n#endif\n"
		"#undef LOCAL\n#if LOCAL\nvoid c_dropped(void) { }\n#endif\n"
		"#if defined(HEADER_MACRO) || 0\nvoid d_open1(void) { }\n#else\nvoid d_open2(void) { }\n#endif\n"
		"#if 1 || HEADER_MACRO\nvoid e_kept(void) { }\n#endif\n"
		"#ifndef FOO\nvoid f_dropped(void) { }\n#endif\n";
	char *flags[] = { (char *)lint_path(), "--engine=ts", "--dump-facts", "build/test-ts-pp.c",
			  "--", "-DFOO=3", "-UBAR", NULL };
	char *bare[] = { (char *)lint_path(), "--engine=ts", "--dump-facts", "build/test-ts-pp.c",
			 NULL };
	static const char *const kept[] = { "a_kept", "b_kept", "d_open1", "d_open2", "e_kept" };
	static const char *const dropped[] = { "a_dropped", "b_dropped", "b_else", "c_dropped",
					       "f_dropped" };
	char want[64];
	struct run r;
	unsigned i;

	cr_assert_eq(write_file("build/test-ts-pp.c", src, sizeof(src) - 1), 0);
	cr_assert_eq(run_argv(flags, &r), 0);
	cr_assert_eq(r.status, 0, "%s", r.err);
	for (i = 0; i < sizeof(kept) / sizeof(kept[0]); i++) {
		snprintf(want, sizeof(want), "func %s @", kept[i]);
		cr_assert(strstr(r.out, want), "%s should be read:\n%s", kept[i], r.out);
	}
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		snprintf(want, sizeof(want), "func %s @", dropped[i]);
		cr_assert_null(strstr(r.out, want), "%s is compiled out:\n%s", dropped[i], r.out);
	}
	run_free(&r);
	/* no command line: every branch read, as a person reads the file */
	cr_assert_eq(run_argv(bare, &r), 0);
	for (i = 0; i < sizeof(dropped) / sizeof(dropped[0]); i++) {
		snprintf(want, sizeof(want), "func %s @", dropped[i]);
		cr_assert(strstr(r.out, want), "%s without flags:\n%s", dropped[i], r.out);
	}
	run_free(&r);
}

/*
 * A rule's hooks run only on the TUs whose fx_tu.rules has its bit (the
 * prefilter matched; 0: every rule): the same leak is reported when the TU
 * is marked for device-lookup-put or for every rule, and not when it is
 * marked for another rule only.
 */
static unsigned leak_findings(struct fx_tu *tu, unsigned rules)
{
	struct fx_tu *tus[1] = { tu };
	struct fx_program prog = { .tus = tus, .ntus = 1 };
	struct rule_settings rs;
	struct findings f = { 0 };
	unsigned n, i;

	memset(&rs, 0, sizeof(rs));
	rule_settings_default(&rs);
	rs.frontend = "ts";
	tu->rules = rules;
	engine_run(&rs, &prog, &f);
	for (i = n = 0; i < f.n; i++)
		n += f.v[i].rule == rule_lookup("device-lookup-put");
	findings_free(&f);
	fx_program_free(&prog);
	return n;
}

Test(ts, rules_run_only_where_their_prefilter_matched)
{
	static const char src[] =
		"int x_xlate(struct device *dev, struct of_phandle_args *args)\n{\n"
		"\tstruct platform_device *pdev = of_find_device_by_node(args->np);\n\n"
		"\tif (!pdev)\n\t\treturn -ENODEV;\n\treturn 0;\n}\n";
	int dlp, other;
	char err[256];
	struct fx_tu *tu;

	cr_assert_eq(registry_init(err, sizeof(err)), 0, "%s", err);
	dlp = rule_lookup("device-lookup-put");
	other = rule_lookup("map-prot");
	cr_assert(dlp >= 0 && other >= 0);
	tu = parse_text(src);
	cr_assert_eq(leak_findings(tu, 0), 1, "every rule runs on an unmarked TU");
	cr_assert_eq(leak_findings(tu, 1u << dlp), 1);
	cr_assert_eq(leak_findings(tu, 1u << other), 0, "device-lookup-put skips a TU it did not match");
	free_tu(tu);
}
