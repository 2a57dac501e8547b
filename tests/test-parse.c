// SPDX-License-Identifier: GPL-2.0
/*
 * test-parse.c - hostile translation units in clang mode: a parser stack
 * overflow costs that TU only and is said in one line; TUs libclang used to
 * crash on (a 10k-branch else-if chain, a 100k-term expression) parse.
 * The TUs are generated here; IOMMU_LINT_PARSE_STACK_KB shrinks the parse
 * thread's stack so that a crash is cheap to provoke.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "testutil.h"

#define FIX_BAD "corpus/of-xlate-presence/bad-missing.c"

static char tmpdir[PATH_MAX];

static void make_tmpdir(void)
{
	tmpdir_make(tmpdir, sizeof(tmpdir), "parse");
}

static void remove_tmpdir(void)
{
	tmpdir_remove(tmpdir);
	unsetenv("IOMMU_LINT_PARSE_STACK_KB");
}

TestSuite(parse, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 240);

/* A function of n "else if" branches (the prefilter word keeps it in the scan). */
static void write_elif(char *path, size_t size, unsigned n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	unsigned i;

	fputs("/* of_find_device_by_node */\nint elif(int x);\nint elif(int x)\n{\n"
	      "\tif (x == 0)\n\t\treturn 0;\n", f);
	for (i = 1; i < n; i++)
		fprintf(f, "\telse if (x == %u)\n\t\treturn %u;\n", i, i);
	fputs("\treturn -1;\n}\n", f);
	fclose(f);
	snprintf(path, size, "%s/elif-%u.c", tmpdir, n);
	cr_assert_eq(write_file(path, buf, len), 0);
	free(buf);
}

/* return 0 + x + x + ... with n terms. */
static void write_expr(char *path, size_t size, unsigned n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	unsigned i;

	fputs("/* of_find_device_by_node */\nint sum(int x);\nint sum(int x)\n{\n\treturn 0", f);
	for (i = 0; i < n; i++)
		fputs(i % 16 ? " + x" : " + x\n\t\t", f);
	fputs(";\n}\n", f);
	fclose(f);
	snprintf(path, size, "%s/expr-%u.c", tmpdir, n);
	cr_assert_eq(write_file(path, buf, len), 0);
	free(buf);
}

static void lint(struct run *r, const char *jobs, bool keep_going, const char *a,
		 const char *b)
{
	char *argv[12];
	int n = 0;

	argv[n++] = (char *)lint_path();
	argv[n++] = "--engine=clang";
	argv[n++] = "-j";
	argv[n++] = (char *)jobs;
	if (keep_going)
		argv[n++] = "--keep-going";
	argv[n++] = (char *)a;
	if (b)
		argv[n++] = (char *)b;
	argv[n++] = FIX_BAD;
	argv[n++] = "--";
	argv[n++] = "-Ireference/include";
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
}

/* The other TU's finding is reported, and nothing of libclang's is on stderr. */
static void assert_other_tu_kept(const struct run *r)
{
	cr_assert(strstr(r->out, "[of-xlate-presence]"), "finding of the other TU lost: %s",
		  r->out);
	cr_assert_null(strstr(r->err, "libclang:"), "libclang's own text on stderr: %s", r->err);
}

Test(parse, deep_else_if_and_long_expression_parse)
{
	char elif[PATH_MAX], expr[PATH_MAX];
	struct run r;

	write_elif(elif, sizeof(elif), 10000);
	write_expr(expr, sizeof(expr), 100000);
	lint(&r, "2", false, elif, expr);
	cr_assert_eq(r.status, 1, "exit %d, want 1 (the fixture's finding); stderr: %s", r.status,
		     r.err);
	assert_other_tu_kept(&r);
	cr_assert(strstr(r.err, "3 TUs (3 parsed"), "%s", r.err);
	run_free(&r);
}

/* A parser that overflows its stack fails its TU with one line; the run goes on. */
static void crash_costs_one_tu(const char *jobs)
{
	char elif[PATH_MAX];
	struct run r;

	setenv("IOMMU_LINT_PARSE_STACK_KB", "2048", 1);
	write_elif(elif, sizeof(elif), 10000);
	lint(&r, jobs, false, elif, NULL);
	assert_tool_failure(&r, "parser crashed (stack overflow?)");
	cr_assert(strstr(r.err, "elif-10000.c: parser crashed"), "TU not named: %s", r.err);
	cr_assert(strstr(r.err, "1 failed TUs"), "%s", r.err);
	cr_assert_null(strstr(r.err, "libclang:"), "libclang's own text on stderr: %s", r.err);
	run_free(&r);

	lint(&r, jobs, true, elif, NULL);
	cr_assert_eq(r.status, 1, "--keep-going: exit %d, want 1; stderr: %s", r.status, r.err);
	assert_other_tu_kept(&r);
	cr_assert(strstr(r.err, "1 failed TUs (--keep-going)"), "%s", r.err);
	cr_assert_eq(count_substr(r.err, "\n"), 2, "want the failure and the summary: %s", r.err);
	run_free(&r);
}

Test(parse, parser_crash_costs_that_tu_only_j1)
{
	crash_costs_one_tu("1");
}

Test(parse, parser_crash_costs_that_tu_only_j2)
{
	crash_costs_one_tu("2");
}

/* The same for an expression, and the next TU on the same worker still parses. */
Test(parse, crash_then_next_tu_on_same_worker)
{
	char expr[PATH_MAX], elif[PATH_MAX];
	struct run r;

	setenv("IOMMU_LINT_PARSE_STACK_KB", "2048", 1);
	write_expr(expr, sizeof(expr), 100000);
	write_elif(elif, sizeof(elif), 20);
	lint(&r, "1", true, expr, elif);
	cr_assert_eq(r.status, 1, "exit %d; stderr: %s", r.status, r.err);
	assert_other_tu_kept(&r);
	cr_assert(strstr(r.err, "expr-100000.c: parser crashed"), "%s", r.err);
	cr_assert(strstr(r.err, "3 TUs (2 parsed"), "%s", r.err);
	run_free(&r);
}

/* The rules walk a 10k-deep chain too: not on the caller's stack (ulimit -s 1024). */
Test(parse, rules_do_not_need_the_callers_stack)
{
	char elif[PATH_MAX];

	write_elif(elif, sizeof(elif), 10000);
	cr_assert_eq(shell_status("ulimit -s 1024 && '%s' --engine=clang -j1 '%s' %s -- "
				  "-Ireference/include >/dev/null 2>&1", lint_path(), elif, FIX_BAD),
		     1, "a 1 MiB main stack is not enough");
}

/* libclang's reason a compile DB does not load, several lines on stderr, becomes our one line. */
Test(parse, tooling_error_is_one_line)
{
	static const char db[] = "[{\"directory\": \"/tmp\", \"file\": \"a.c\", "
				 "\"command\": \"cc -c a.c\", \"oetput\": \"a.o\"}]\n";
	char p[PATH_MAX];
	char *argv[] = { (char *)lint_path(), "-p", tmpdir, NULL };
	struct run r;

	snprintf(p, sizeof(p), "%s/compile_commands.json", tmpdir);
	cr_assert_eq(write_file(p, db, sizeof(db) - 1), 0);
	cr_assert_eq(run_argv(argv, &r), 0);
	assert_tool_failure(&r, "compile_commands.json: libclang cannot load this compile database: "
				"json-compilation-database: Unknown key: \"\"oetput\"\"");
	cr_assert_null(strstr(r.err, "LIBCLANG TOOLING ERROR"), "%s", r.err);
	cr_assert_eq(count_substr(r.err, "\n"), 1, "one line: %s", r.err);
	run_free(&r);
}
