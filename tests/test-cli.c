// SPDX-License-Identifier: GPL-2.0
/*
 * test-cli.c - the command line as users meet it: exit codes 0/1/2, one
 * clear line for every kind of bad input, compile DB mode agreeing with
 * direct mode, -o written atomically, -W switches, output formats.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "testutil.h"

#define FIX_BAD "corpus/of-xlate-presence/bad-missing.c"
#define FIX_OK "corpus/of-xlate-presence/ok-unconditional.c"
#define FIX_LEAKS "corpus/device-lookup-put/bad-later-return-leaks.c"

static char tmpdir[PATH_MAX];

static void make_tmpdir(void)
{
	tmpdir_make(tmpdir, sizeof(tmpdir), "test");
}

static void remove_tmpdir(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(cli, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 60);

/* Run the checker with up to 12 arguments after argv[0]. */
static void lint(struct run *r, const char *a0, const char *a1, const char *a2, const char *a3,
		 const char *a4, const char *a5)
{
	const char *in[] = { a0, a1, a2, a3, a4, a5 };
	char *argv[8];
	int n = 0, i;

	argv[n++] = (char *)lint_path();
	for (i = 0; i < 6 && in[i]; i++)
		argv[n++] = (char *)in[i];
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
}

/* A tool failure with nothing on stdout (no partial report). */
static void assert_failure(const struct run *r, const char *cause)
{
	assert_tool_failure(r, cause);
	cr_assert_str_empty(r->out, "stdout not empty on failure: %s", r->out);
}

static void tmp_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

static void write_db(const char *name, const char *content)
{
	char p[PATH_MAX];

	tmp_path(p, sizeof(p), name);
	cr_assert_eq(write_file(p, content, strlen(content)), 0);
}

/* A compile DB naming the given fixtures, with absolute paths. */
static void write_fixture_db(const char *name, const char *const *files, int n)
{
	char cwd[PATH_MAX], *db = NULL;
	size_t len = 0;
	FILE *f;
	int i;

	cr_assert(getcwd(cwd, sizeof(cwd)));
	f = open_memstream(&db, &len);
	fputs("[\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s  {\"directory\": \"%s\", \"file\": \"%s/%s\", "
			"\"command\": \"gcc -c -Wp,-MMD,x.d -fconserve-stack -mindirect-branch=thunk-extern "
			"-Ireference/include -o x.o %s\"}\n", i ? "," : "", cwd, cwd, files[i], files[i]);
	fputs("]\n", f);
	fclose(f);
	write_db(name, db);
	free(db);
}

Test(cli, clean_file_exits_0)
{
	struct run r;

	lint(&r, FIX_OK, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert_eq(r.status, 0, "exit %d: %s%s", r.status, r.out, r.err);
	cr_assert_str_empty(r.out);
	cr_assert(strstr(r.err, "1 TUs (1 parsed"), "summary: %s", r.err);
	run_free(&r);
}

Test(cli, findings_exit_1_gcc_format)
{
	struct run r;

	lint(&r, FIX_BAD, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, FIX_BAD ":15:"), "no gcc-style location: %s", r.out);
	cr_assert(strstr(r.out, ": warning: "), "%s", r.out);
	cr_assert(strstr(r.out, "[of-xlate-presence]\n"), "%s", r.out);
	cr_assert(strstr(r.err, "1 findings, 0 failed TUs"), "%s", r.err);
	run_free(&r);
}

Test(cli, missing_file)
{
	struct run r;

	lint(&r, "no/such/file.c", "--", NULL, NULL, NULL, NULL);
	assert_failure(&r, "no/such/file.c: cannot open");
	run_free(&r);
}

Test(cli, directory_as_file)
{
	struct run r;

	lint(&r, "corpus", "--", NULL, NULL, NULL, NULL);
	assert_failure(&r, "is a directory");
	run_free(&r);
}

Test(cli, binary_file)
{
	char p[PATH_MAX];
	struct run r;
	static const char bin[] = "\x7f" "ELF\0\0\0\x01\x02";

	tmp_path(p, sizeof(p), "blob.c");
	cr_assert_eq(write_file(p, bin, sizeof(bin)), 0);
	lint(&r, p, "--", NULL, NULL, NULL, NULL);
	assert_failure(&r, "binary file");
	run_free(&r);
}

Test(cli, huge_file)
{
	char p[PATH_MAX];
	struct run r;

	tmp_path(p, sizeof(p), "huge.c");
	cr_assert_eq(write_file(p, "", 0), 0);
	cr_assert_eq(truncate(p, 64L << 20), 0);
	lint(&r, p, "--", NULL, NULL, NULL, NULL);
	assert_failure(&r, "too large");
	run_free(&r);
}

Test(cli, unknown_option)
{
	struct run r;

	lint(&r, "--frobnicate", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown option '--frobnicate'");
	run_free(&r);
}

Test(cli, unknown_rule_id)
{
	struct run r;

	lint(&r, "-Wfrobnicate-rule", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown rule id 'frobnicate-rule'");
	run_free(&r);
	lint(&r, "-Werror=bogus", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown rule id 'bogus'");
	run_free(&r);
}

/* As gcc: switching off a rule that does not exist is a warning, not a failure. */
Test(cli, unknown_wno_is_a_warning)
{
	struct run r;

	lint(&r, "-q", "-Wno-frobnicate-rule", FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_str_eq(r.err,
			 "iommu-lint: warning: unknown rule id 'frobnicate-rule' in -Wno-frobnicate-rule (see --list-rules)\n");
	cr_assert(strstr(r.out, "[of-xlate-presence]"), "the scan still runs: %s", r.out);
	run_free(&r);
}

/* getopt_long conventions: --opt=V and --opt V, -xV and -x V, long names for -j and -o. */
Test(cli, long_options_take_separate_values)
{
	char out1[PATH_MAX], out2[PATH_MAX], out3[PATH_MAX];
	char *a, *b, *c;
	struct run r;

	tmp_path(out1, sizeof(out1), "eq.txt");
	tmp_path(out2, sizeof(out2), "sep.txt");
	tmp_path(out3, sizeof(out3), "short.txt");
	lint(&r, "--jobs=1", "--output", out1, "--format", "text", FIX_BAD);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	run_free(&r);
	lint(&r, "--jobs", "1", "--format=text", FIX_BAD, NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	run_free(&r);
	{
		char eq[PATH_MAX + 16];

		snprintf(eq, sizeof(eq), "--output=%s", out2);
		lint(&r, "-j1", eq, "--format=text", FIX_BAD, NULL, NULL);
		cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
		run_free(&r);
		snprintf(eq, sizeof(eq), "-o%s", out3);
		lint(&r, eq, "--format", "text", FIX_BAD, NULL, NULL);
		cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
		run_free(&r);
	}
	a = read_file(out1, NULL);
	b = read_file(out2, NULL);
	c = read_file(out3, NULL);
	cr_assert(a && b && c, "an -o/--output form wrote nothing");
	cr_assert(strstr(a, "[of-xlate-presence]"), "%s", a);
	cr_assert_str_eq(a, b);
	cr_assert_str_eq(a, c);
	free(a);
	free(b);
	free(c);

	/* no tree iommu.h for a bare file here: ops-api judges by --kernel's value */
	lint(&r, "--kernel", "6.1", "--fast", "corpus/ops-api/ok-unknown-version.c", NULL, NULL);
	cr_assert_eq(r.status, 1, "--kernel 6.1: exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "this tree is >= 6.1: --kernel=6.1"), "%s", r.out);
	run_free(&r);
	lint(&r, "--kernel", "six", FIX_OK, NULL, NULL, NULL);
	assert_failure(&r, "--kernel needs a version such as 6.1, not 'six'");
	run_free(&r);
	lint(&r, FIX_OK, "--kernel", NULL, NULL, NULL, NULL);
	assert_failure(&r, "option --kernel needs a value");
	run_free(&r);
}

Test(cli, unknown_and_misused_options)
{
	struct run r;

	lint(&r, "--frobnicate", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown option '--frobnicate' (see --help)");
	run_free(&r);
	/* no abbreviations, as gcc */
	lint(&r, "--kern=6.1", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown option '--kern=6.1'");
	run_free(&r);
	lint(&r, "--stats=yes", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "option --stats takes no value");
	run_free(&r);
	lint(&r, "-qq", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown option '-qq'");
	run_free(&r);
	/* "--" with no flags after it still asks for libclang */
	lint(&r, "--engine=clang", FIX_LEAKS, "--", NULL, NULL, NULL);
	assert_failure(&r, "'linux/of_platform.h' file not found");
	run_free(&r);
	lint(&r, "--color=sometimes", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown --color 'sometimes' (auto, always or never)");
	run_free(&r);
}

Test(cli, bad_values)
{
	struct run r;

	lint(&r, "-j", "zero", FIX_OK, NULL, NULL, NULL);
	assert_failure(&r, "-j needs a number");
	run_free(&r);
	lint(&r, "--format=xml", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown --format 'xml'");
	run_free(&r);
	lint(&r, "-p", NULL, NULL, NULL, NULL, NULL);
	assert_failure(&r, "-p needs a value");
	run_free(&r);
}

Test(cli, nothing_to_scan)
{
	struct run r;

	lint(&r, NULL, NULL, NULL, NULL, NULL, NULL);
	assert_failure(&r, "nothing to scan");
	run_free(&r);
}

Test(cli, missing_header_fails_unless_keep_going)
{
	char p[PATH_MAX];
	struct run r;
	/* a word the prefilter keeps; no iommu_ops (fast mode would say it lacks iommu.h) */
	static const char src[] = "#include <linux/no-such-header.h>\n"
				  "void f(struct device *dev) { iommu_group_get(dev); }\n";

	tmp_path(p, sizeof(p), "nohdr.c");
	cr_assert_eq(write_file(p, src, sizeof(src) - 1), 0);
	lint(&r, "--engine=clang", p, "--", "-Ireference/include", NULL, NULL);
	assert_failure(&r, "no-such-header.h' file not found");
	run_free(&r);
	/* the auto engine compiles only the TUs it confirms: the text is read */
	lint(&r, p, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert_eq(r.status, 0, "auto engine, no finding to confirm: exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "0 confirmed by clang"), "%s", r.err);
	run_free(&r);
	lint(&r, "--engine=clang", "--keep-going", p, FIX_BAD, "--", "-Ireference/include");
	cr_assert_eq(r.status, 1, "keep-going with a finding: exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "1 failed TUs (--keep-going)"), "%s", r.err);
	cr_assert(strstr(r.out, "[of-xlate-presence]"), "%s", r.out);
	run_free(&r);
}

Test(cli, malformed_db)
{
	struct run r;
	char p[PATH_MAX];

	write_db("broken.json", "[ {\"directory\": \"/\", \"file\": ");
	tmp_path(p, sizeof(p), "broken.json");
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "malformed compile database");
	run_free(&r);

	write_db("trailing.json", "[] []");
	tmp_path(p, sizeof(p), "trailing.json");
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "trailing data at byte 3");
	run_free(&r);

	tmp_path(p, sizeof(p), "binary.json");
	cr_assert_eq(write_file(p, "[\0]", 3), 0);
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "binary file, not a compile database");
	run_free(&r);

	write_db("notalist.json", "{\"directory\": \"/\"}");
	tmp_path(p, sizeof(p), "notalist.json");
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "top level is not a list");
	run_free(&r);

	write_db("nofile.json", "[{\"directory\": \"/\", \"command\": \"cc -c x.c\"}]");
	tmp_path(p, sizeof(p), "nofile.json");
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "entry 0 is not a \"file\" string");
	run_free(&r);
}

Test(cli, empty_db_and_missing_db)
{
	struct run r;
	char p[PATH_MAX];

	write_db("compile_commands.json", "[]\n");
	lint(&r, "-p", tmpdir, NULL, NULL, NULL, NULL);
	assert_failure(&r, "compile database has no entries");
	run_free(&r);

	tmp_path(p, sizeof(p), "absent");
	lint(&r, "-p", p, NULL, NULL, NULL, NULL);
	assert_failure(&r, "No such file or directory");
	run_free(&r);

	lint(&r, "-p", "corpus", NULL, NULL, NULL, NULL);
	assert_failure(&r, "no compile_commands.json in this directory");
	run_free(&r);
}

Test(cli, db_mode_matches_direct_mode)
{
	static const char *const files[] = { FIX_BAD, FIX_OK, "corpus/of-xlate-presence/bad-two-ops.c" };
	struct run direct, db, one;
	char p[PATH_MAX];

	write_fixture_db("compile_commands.json", files, 3);
	lint(&db, "-p", tmpdir, "-j", "2", NULL, NULL);
	cr_assert_eq(db.status, 1, "exit %d: %s", db.status, db.err);
	cr_assert(strstr(db.err, "3 TUs (3 parsed"), "%s", db.err);
	cr_assert_eq(count_substr(db.out, "[of-xlate-presence]"), 2, "%s", db.out);

	/* DB under another name, restricted to one file */
	write_fixture_db("db.json", files, 3);
	tmp_path(p, sizeof(p), "db.json");
	lint(&one, "-p", p, FIX_BAD, NULL, NULL, NULL);
	cr_assert_eq(one.status, 1, "exit %d: %s", one.status, one.err);
	cr_assert(strstr(one.err, "1 TUs (1 parsed"), "%s", one.err);
	lint(&direct, FIX_BAD, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert(strstr(one.out, strstr(direct.out, ":15:")), "DB: %s\ndirect: %s", one.out,
		  direct.out);
	run_free(&direct);
	run_free(&one);

	lint(&one, "-p", p, FIX_OK "x", NULL, NULL, NULL);
	assert_failure(&one, "No such file");
	run_free(&one);
	lint(&one, "-p", p, "corpus/of-xlate-presence/ok-no-device-tree.c", NULL, NULL, NULL);
	assert_failure(&one, "not in the compile database");
	run_free(&one);
	run_free(&db);
}

Test(cli, parallel_output_is_deterministic)
{
	static const char *const files[] = {
		"corpus/of-xlate-presence/bad-two-ops.c", FIX_BAD,
		"corpus/of-xlate-presence/bad-if-is-enabled.c", FIX_OK,
	};
	struct run a, b;

	write_fixture_db("compile_commands.json", files, 4);
	lint(&a, "-p", tmpdir, "-j", "1", NULL, NULL);
	lint(&b, "-p", tmpdir, "-j", "4", NULL, NULL);
	cr_assert_eq(a.status, 1);
	cr_assert_str_eq(a.out, b.out);
	run_free(&a);
	run_free(&b);
}

Test(cli, output_file_atomic)
{
	char out[PATH_MAX], cmd[PATH_MAX * 2];
	struct run r, plain;
	char *text;

	tmp_path(out, sizeof(out), "report.txt");
	lint(&r, "-o", out, FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1);
	cr_assert_str_empty(r.out);
	text = read_file(out, NULL);
	cr_assert(text, "no report written");
	lint(&plain, FIX_BAD, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert_str_eq(text, plain.out);
	free(text);
	run_free(&plain);
	run_free(&r);

	/* a failing run leaves neither the report nor a temporary file */
	tmp_path(out, sizeof(out), "failed.txt");
	lint(&r, "-o", out, "no/such.c", "--", NULL, NULL);
	cr_assert_eq(r.status, 2);
	cr_assert_neq(access(out, F_OK), 0, "report written by a failed run");
	snprintf(cmd, sizeof(cmd), "ls '%s' | grep -q tmp", tmpdir);
	cr_assert_neq(system(cmd), 0, "temporary file left behind");
	run_free(&r);

	/* an unwritable destination is a tool failure */
	lint(&r, "-o", "/proc/iommu-lint/report", FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 2, "exit %d", r.status);
	cr_assert(strstr(r.err, "cannot create"), "%s", r.err);
	run_free(&r);
}

Test(cli, rule_switches)
{
	struct run r;

	lint(&r, "-Wno-of-xlate-presence", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 0, "disabled rule still reported: %s", r.out);
	run_free(&r);
	lint(&r, "-Werror=of-xlate-presence", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, ": error: "), "%s", r.out);
	run_free(&r);
	lint(&r, "-Wno-of-xlate-presence", "-Wof-xlate-presence", FIX_BAD, "--",
	     "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "re-enabled rule not reported");
	run_free(&r);
}

/*
 * --fail-on: the lowest level that makes the exit status 1.  A warning
 * fails by default and with --fail-on=note, not with --fail-on=error
 * unless -Werror makes it an error.
 */
Test(cli, fail_on_level)
{
	struct run r;

	lint(&r, "--fail-on=error", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 0, "a warning under --fail-on=error: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.out, ": warning: "), "the finding is still reported: %s", r.out);
	cr_assert(strstr(r.err, "1 findings, 0 failed TUs"), "%s", r.err);
	run_free(&r);
	lint(&r, "--fail-on", "error", "-Werror", FIX_BAD, "--", "-Ireference/include");
	cr_assert_eq(r.status, 1, "-Werror makes the warning an error: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.out, ": error: "), "%s", r.out);
	run_free(&r);
	lint(&r, "--fail-on=note", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	lint(&r, "--fail-on=note", FIX_OK, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	lint(&r, "--fail-on=info", FIX_BAD, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown --fail-on level 'info' (error, warning or note)");
	run_free(&r);
	lint(&r, FIX_BAD, "--fail-on", NULL, NULL, NULL, NULL);
	assert_failure(&r, "option --fail-on needs a value");
	run_free(&r);
}

/*
 * Fast mode reads the tree's linux/iommu.h: by the -I paths of a command
 * line, or, for a bare file, in the kernel tree around it; with neither,
 * the rules that judge by the tree's API have nothing to judge by.
 */
Test(cli, fast_mode_reads_the_trees_iommu_h)
{
	char tree[PATH_MAX], cmd[3 * PATH_MAX];
	struct run r;

	lint(&r, "--fast", "corpus/attach-dev-return/bad-eperm.c", "--", "-Ireference/include",
	     NULL, NULL);
	cr_assert_eq(r.status, 1, "by -I: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "[attach-dev-return]"), "%s", r.out);
	run_free(&r);
	lint(&r, "--fast", "corpus/attach-dev-return/bad-eperm.c", NULL, NULL, NULL, NULL);
	cr_assert_null(strstr(r.out, "[attach-dev-return]"), "no tree, no documented codes: %s",
		       r.out);
	run_free(&r);
	/* a command line whose -I paths lead to no iommu.h: said, not silent */
	lint(&r, "--fast", "corpus/attach-dev-return/bad-eperm.c", "--", "-I/nonexistent", NULL,
	     NULL);
	cr_assert(strstr(r.out, "bad-eperm.c:1:1: note: fast mode: the tree's linux/iommu.h was not found by the TU's -I paths"),
		  "%s", r.out);
	cr_assert_null(strstr(r.out, "[attach-dev-return]"), "%s", r.out);
	run_free(&r);
	/* a kernel tree: include/linux/iommu.h two levels above the driver */
	tmp_path(tree, sizeof(tree), "tree");
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/include %s/drivers/iommu && cp -r reference/include/linux %s/include/ && "
		 "cp corpus/attach-dev-return/bad-eperm.c %s/drivers/iommu/",
		 tree, tree, tree, tree);
	cr_assert_eq(system(cmd), 0, "%s", cmd);
	snprintf(cmd, sizeof(cmd), "%s/drivers/iommu/bad-eperm.c", tree);
	lint(&r, "--fast", cmd, NULL, NULL, NULL, NULL);
	cr_assert_eq(r.status, 1, "bare file in a tree: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "[attach-dev-return]"), "%s", r.out);
	run_free(&r);
}

/*
 * The prefilter has every acquire of pairs.tbl: a file whose only lookup is
 * bus_find_device_by_fwnode() is parsed, and its leak found.
 */
Test(cli, prefilter_has_every_table_acquire)
{
	struct run r;

	lint(&r, "--fast", "corpus/device-lookup-put/bad-bus-find-by-fwnode.c", NULL, NULL, NULL,
	     NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s%s", r.status, r.out, r.err);
	cr_assert(strstr(r.out, "bad-bus-find-by-fwnode.c:17:") &&
		  strstr(r.out, "from bus_find_device_by_fwnode()") &&
		  strstr(r.out, "[device-lookup-put]"), "%s", r.out);
	cr_assert(strstr(r.err, "1 parsed, 0 skipped by prefilter"), "%s", r.err);
	run_free(&r);
}

/* --stats reports the dataflow walks (checker/flow.c) and their cap. */
Test(cli, stats_count_dataflow_walks)
{
	struct run r;
	const char *p;
	unsigned long fns = 0, visits = 0;

	lint(&r, "--fast", "--stats", "corpus/device-group-ref/bad-helper.c", NULL, NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	p = strstr(r.err, "iommu-lint: stats: dataflow ");
	cr_assert(p, "%s", r.err);
	cr_assert_eq(sscanf(p, "iommu-lint: stats: dataflow %lu functions, %lu node visits", &fns,
			    &visits), 2, "%s", p);
	/* the .device_group callback and the helper it returns through */
	cr_assert_geq(fns, 2, "%s", p);
	cr_assert_gt(visits, 0, "%s", p);
	cr_assert(strstr(p, "0 truncated at 20000 visits"), "%s", r.err);
	run_free(&r);
}

Test(cli, list_rules_matches_registry)
{
	struct run r;
	size_t len;
	char *def = read_file("rules/rules.def", &len);
	unsigned entries = count_substr(def, "\nRULE(");

	lint(&r, "--list-rules", NULL, NULL, NULL, NULL, NULL);
	cr_assert_eq(r.status, 0);
	cr_assert_eq(count_substr(r.out, "\n"), entries, "%u rules listed, %u in rules.def",
		     count_substr(r.out, "\n"), entries);
	cr_assert(strstr(r.out, "of-xlate-presence "), "%s", r.out);
	free(def);
	run_free(&r);
}

Test(cli, json_format)
{
	struct json_object *root, *arr, *f, *v, *sum;
	struct run r;

	lint(&r, "--format=json", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1);
	root = json_tokener_parse(r.out);
	cr_assert(root, "not JSON: %s", r.out);
	cr_assert(json_object_object_get_ex(root, "findings", &arr));
	cr_assert_eq(json_object_array_length(arr), 1);
	f = json_object_array_get_idx(arr, 0);
	cr_assert(json_object_object_get_ex(f, "rule", &v));
	cr_assert_str_eq(json_object_get_string(v), "of-xlate-presence");
	cr_assert(json_object_object_get_ex(f, "symbol", &v));
	cr_assert_str_eq(json_object_get_string(v), "miss_ops");
	cr_assert(json_object_object_get_ex(f, "line", &v));
	cr_assert_eq(json_object_get_int(v), 15);
	cr_assert(json_object_object_get_ex(root, "summary", &sum));
	cr_assert(json_object_object_get_ex(sum, "findings", &v));
	cr_assert_eq(json_object_get_int(v), 1);
	json_object_put(root);
	run_free(&r);
}

Test(cli, sarif_format)
{
	struct json_object *root, *runs, *run, *v, *res, *rules, *loc;
	struct run r, list;

	lint(&r, "--format=sarif", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1);
	root = json_tokener_parse(r.out);
	cr_assert(root, "not JSON");
	cr_assert(json_object_object_get_ex(root, "version", &v));
	cr_assert_str_eq(json_object_get_string(v), "2.1.0");
	cr_assert(json_object_object_get_ex(root, "runs", &runs));
	run = json_object_array_get_idx(runs, 0);
	cr_assert(json_object_object_get_ex(run, "tool", &v));
	cr_assert(json_object_object_get_ex(v, "driver", &v));
	cr_assert(json_object_object_get_ex(v, "rules", &rules));
	lint(&list, "--list-rules", NULL, NULL, NULL, NULL, NULL);
	cr_assert_eq(json_object_array_length(rules), count_substr(list.out, "\n"));
	run_free(&list);
	cr_assert(json_object_object_get_ex(run, "results", &res));
	cr_assert_eq(json_object_array_length(res), 1);
	v = json_object_array_get_idx(res, 0);
	cr_assert(json_object_object_get_ex(v, "partialFingerprints", NULL));
	cr_assert(json_object_object_get_ex(v, "locations", &loc));
	loc = json_object_array_get_idx(loc, 0);
	cr_assert(json_object_object_get_ex(loc, "physicalLocation", &loc));
	cr_assert(json_object_object_get_ex(loc, "artifactLocation", &loc));
	cr_assert(json_object_object_get_ex(loc, "uri", &v));
	cr_assert_str_eq(json_object_get_string(v), FIX_BAD);
	json_object_put(root);
	run_free(&r);
}

Test(cli, help_and_version)
{
	struct run r;

	lint(&r, "--help", NULL, NULL, NULL, NULL, NULL);
	cr_assert_eq(r.status, 0);
	cr_assert(strstr(r.out, "usage: iommu-lint"));
	run_free(&r);
	lint(&r, "--version", NULL, NULL, NULL, NULL, NULL);
	cr_assert_eq(r.status, 0);
	cr_assert(strstr(r.out, "iommu-lint "));
	run_free(&r);
}

/*
 * ops-api knows the API version from the tree's iommu.h, else from --kernel
 * (here: a file parsed by libclang without the kernel's headers).
 */
Test(cli, kernel_version_option)
{
	static const char src[] =
		"struct device;\nstruct list_head;\n"
		"void iommu_get_dm_regions(struct device *dev, struct list_head *list);\n"
		"void dm(struct device *dev, struct list_head *l)\n{\n"
		"\tiommu_get_dm_regions(dev, l);\n}\n";
	char path[PATH_MAX];
	struct run r;

	tmp_path(path, sizeof(path), "dm.c");
	cr_assert_eq(write_file(path, src, strlen(src)), 0);
	lint(&r, path, "--", "-w", NULL, NULL, NULL);
	cr_assert_eq(r.status, 0, "no version must not guess: %s", r.out);
	run_free(&r);
	lint(&r, "--kernel=6.12", path, "--", "-w", NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "--kernel=6.12") && strstr(r.out, "[ops-api]"), "%s", r.out);
	run_free(&r);
	lint(&r, "--kernel=4.10", path, "--", "-w", NULL, NULL);
	cr_assert_eq(r.status, 0, "iommu_get_dm_regions exists in 4.10: %s", r.out);
	run_free(&r);
	lint(&r, "--kernel=six", FIX_OK, NULL, NULL, NULL, NULL);
	assert_failure(&r, "--kernel needs a version such as 6.1");
	run_free(&r);
}

/*
 * Summaries across TUs: a lookup handed to an external helper defined in
 * another file that drops its parameter's reference is not leaked;
 * scanned alone (the helper's body unseen), the same file reports the leak.
 */
Test(cli, summaries_bind_across_files)
{
	static const char user[] =
		"#include <linux/of_platform.h>\n"
		"struct xs_ctx { struct platform_device *peer; };\n"
		"void xs_keep(struct xs_ctx *c, struct platform_device *pdev);\n"
		"int xs_probe(struct xs_ctx *c, struct device_node *np);\n"
		"int xs_probe(struct xs_ctx *c, struct device_node *np)\n"
		"{\n"
		"\tstruct platform_device *pdev = of_find_device_by_node(np);\n"
		"\tif (!pdev)\n"
		"\t\treturn -ENODEV;\n"
		"\tif (!platform_get_drvdata(pdev)) {\n"
		"\t\txs_keep(c, pdev);\n"
		"\t\treturn -EPROBE_DEFER;\n"
		"\t}\n"
		"\txs_keep(c, pdev);\n"
		"\treturn 0;\n"
		"}\n";
	static const char helper[] =
		"#include <linux/of_platform.h>\n"
		"struct xs_ctx { struct platform_device *peer; };\n"
		"void xs_keep(struct xs_ctx *c, struct platform_device *pdev);\n"
		"void xs_keep(struct xs_ctx *c, struct platform_device *pdev)\n"
		"{\n"
		"\tif (c->peer != pdev)\n"
		"\t\tput_device(&pdev->dev);\n"
		"}\n";
	char dir[256], a[300], b[300];
	const char *engines[] = { "--engine=clang", "--fast" };
	struct run r;
	unsigned i;

	tmpdir_make(dir, sizeof(dir), "xsum");
	snprintf(a, sizeof(a), "%s/user.c", dir);
	snprintf(b, sizeof(b), "%s/helper.c", dir);
	cr_assert_eq(write_file(a, user, strlen(user)), 0);
	cr_assert_eq(write_file(b, helper, strlen(helper)), 0);
	for (i = 0; i < 2; i++) {
		char *both[] = { (char *)lint_path(), (char *)engines[i], "--stats", a, b, "--",
				 "-Ireference/include", NULL };
		char *alone[] = { (char *)lint_path(), (char *)engines[i], a, "--",
				  "-Ireference/include", NULL };

		cr_assert_eq(run_argv(both, &r), 0);
		cr_assert_eq(r.status, 0, "%s: helper in another file puts it: %s%s", engines[i],
			     r.out, r.err);
		cr_assert(strstr(r.err, "summaries ") && !strstr(r.err, " 0 used at call sites"),
			  "--stats shows summaries used: %s", r.err);
		run_free(&r);
		cr_assert_eq(run_argv(alone, &r), 0);
		cr_assert_eq(r.status, 1, "%s: helper unseen: %s%s", engines[i], r.out, r.err);
		cr_assert(strstr(r.out, "[device-lookup-put]"), "%s", r.out);
		run_free(&r);
	}
	tmpdir_remove(dir);
}

/*
 * Outputs never damage anything: -o on a character device writes through
 * it (the node stays a device), on a symlink replaces the link's target
 * (the link stays), keeps an existing file's mode, and is refused (exit 2,
 * file untouched) when it names the scanned source, a FIFO with no reader
 * (no hang), or a directory.
 */
Test(cli, outputs_never_damage_files)
{
	char dir[256], src[300], link[300], target[300], fifo[300], out[300];
	struct stat st;
	size_t len;
	char *before, *after;
	struct run r;

	tmpdir_make(dir, sizeof(dir), "outsafe");
	snprintf(src, sizeof(src), "%s/bad.c", dir);
	before = read_file(FIX_BAD, &len);
	cr_assert_not_null(before);
	cr_assert_eq(write_file(src, before, len), 0);

	lint(&r, "-o", "/dev/null", FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(stat("/dev/null", &st), 0);
	cr_assert(S_ISCHR(st.st_mode), "/dev/null is no longer a device");
	run_free(&r);

	lint(&r, "-o", src, src, "--", "-Ireference/include", NULL);
	assert_failure(&r, "is an input of this run");
	after = read_file(src, NULL);
	cr_assert_str_eq(after, before, "the scanned source was overwritten");
	free(after);
	run_free(&r);

	snprintf(target, sizeof(target), "%s/report.txt", dir);
	snprintf(link, sizeof(link), "%s/report-link", dir);
	cr_assert_eq(write_file(target, "old\n", 4), 0);
	cr_assert_eq(chmod(target, 0640), 0);
	cr_assert_eq(symlink("report.txt", link), 0);
	lint(&r, "-o", link, FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(lstat(link, &st), 0);
	cr_assert(S_ISLNK(st.st_mode), "the symlink was replaced");
	cr_assert_eq(stat(target, &st), 0);
	cr_assert_eq(st.st_mode & 07777, 0640, "mode %o not kept", st.st_mode & 07777);
	after = read_file(target, NULL);
	cr_assert(after && strstr(after, "[of-xlate-presence]"), "target not written: %s", after);
	free(after);
	run_free(&r);

	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	lint(&r, "-o", fifo, FIX_BAD, "--", "-Ireference/include", NULL);
	assert_failure(&r, "a FIFO with no reader");
	run_free(&r);

	snprintf(out, sizeof(out), "%s", dir);
	lint(&r, "-o", out, FIX_BAD, "--", "-Ireference/include", NULL);
	assert_failure(&r, "not a regular file");
	run_free(&r);
	free(before);
	tmpdir_remove(dir);
}

/* --merge refuses an output that is one of the logs it merges (it used to skip and overwrite it). */
Test(cli, merge_output_among_inputs_is_refused)
{
	char dir[256], log[300];
	char *argv[6];
	size_t len;
	char *before, *after;
	struct run r;

	tmpdir_make(dir, sizeof(dir), "mergeself");
	snprintf(log, sizeof(log), "%s/one.sarif", dir);
	lint(&r, "--format=sarif", "-o", log, FIX_BAD, "--", "-Ireference/include");
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	before = read_file(log, &len);
	argv[0] = (char *)lint_path();
	argv[1] = "--merge";
	argv[2] = dir;
	argv[3] = "-o";
	argv[4] = log;
	argv[5] = NULL;
	cr_assert_eq(run_argv(argv, &r), 0);
	assert_tool_failure(&r, "is an input of this run");
	after = read_file(log, NULL);
	cr_assert_str_eq(after, before, "an input log was overwritten");
	free(before);
	free(after);
	run_free(&r);
	tmpdir_remove(dir);
}

/* A FIFO or a device as any input is refused at once (it used to block in open()). */
Test(cli, fifo_and_device_inputs_are_refused_not_waited_on)
{
	char dir[256], fifo[300];
	struct run r;

	tmpdir_make(dir, sizeof(dir), "fifoin");
	snprintf(fifo, sizeof(fifo), "%s/in.c", dir);
	cr_assert_eq(mkfifo(fifo, 0600), 0);
	lint(&r, "--fast", fifo, NULL, NULL, NULL, NULL);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "is a FIFO, not a regular file"), "%s", r.err);
	run_free(&r);
	lint(&r, "--fast", "--baseline", fifo, FIX_BAD, NULL, NULL);
	assert_failure(&r, "is a FIFO, not a regular file");
	run_free(&r);
	lint(&r, "--fast", "--baseline", "/dev/zero", FIX_BAD, NULL, NULL);
	assert_failure(&r, "not a regular file");
	run_free(&r);
	lint(&r, "--fast", "--files-from", fifo, NULL, NULL, NULL);
	assert_failure(&r, "is a FIFO, not a regular file");
	run_free(&r);
	tmpdir_remove(dir);
}

/*
 * The path engine's state cap is said in the report: a note at the
 * function whose paths were cut short (the cap lowered through the
 * environment to reach it), which does not change the exit status.
 */
Test(cli, path_state_cap_is_reported)
{
	struct run r;

	setenv("IOMMU_LINT_MAX_PATH_STATES", "5", 1);
	lint(&r, "corpus/device-lookup-put/ok-loop-put-each-iteration.c", "--",
	     "-Ireference/include", NULL, NULL, NULL);
	unsetenv("IOMMU_LINT_MAX_PATH_STATES");
	cr_assert_eq(r.status, 0, "a note must not fail the run: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, ": note: path analysis of li_check() stopped after 5 states: defects") &&
		  strstr(r.out, "[device-lookup-put]"), "%s", r.out);
	run_free(&r);
	lint(&r, "corpus/device-lookup-put/ok-loop-put-each-iteration.c", "--",
	     "-Ireference/include", NULL, NULL, NULL);
	cr_assert_eq(r.status, 0, "%s", r.out);
	cr_assert_null(strstr(r.out, "path analysis"), "no note under the real cap: %s", r.out);
	run_free(&r);
}

/* More acquisitions in one function than the path engine follows: said in a note, not dropped silently. */
Test(cli, acquisition_cap_is_reported)
{
	char dir[256], src[300], *text = calloc(1, 8192);
	struct run r;
	unsigned i;

	cr_assert_not_null(text);
	tmpdir_make(dir, sizeof(dir), "sitecap");
	snprintf(src, sizeof(src), "%s/many.c", dir);
	strcat(text, "#include <linux/of_platform.h>\nint many(struct device_node **np);\n"
		     "int many(struct device_node **np)\n{\n\tstruct platform_device *p;\n");
	for (i = 0; i < 17; i++) {
		char line[128];

		snprintf(line, sizeof(line),
			 "\tp = of_find_device_by_node(np[%u]);\n\tif (p)\n\t\tput_device(&p->dev);\n", i);
		strcat(text, line);
	}
	strcat(text, "\treturn 0;\n}\n");
	cr_assert_eq(write_file(src, text, strlen(text)), 0);
	lint(&r, src, "--", "-Ireference/include", NULL, NULL, NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, ": note: path analysis of many() followed only the first 16 acquisitions"),
		  "%s", r.out);
	run_free(&r);
	free(text);
	tmpdir_remove(dir);
}

/* gcc's layout: the source line under each location, a caret under the column. */
static const char leaks_caret[] =
	FIX_LEAKS ":13:9: warning: device reference 'pdev' from of_find_device_by_node() is not dropped on 3 paths (returning at line 17, ...); release it with put_device(&pdev->dev) [device-lookup-put]\n"
	"   13 | \tpdev = of_find_device_by_node(np);\n"
	"      | \t       ^~~~~~~~~~~~~~~~~~~~~~\n"
	FIX_LEAKS ":17:3: note: 'pdev' still held on this return\n"
	"   17 | \t\treturn -EINVAL;\n"
	"      | \t\t^~~~~~\n"
	FIX_LEAKS ":19:3: note: 'pdev' still held on this return\n"
	"   19 | \t\treturn -EBUSY;\n"
	"      | \t\t^~~~~~\n"
	FIX_LEAKS ":20:2: note: 'pdev' still held on this return\n"
	"   20 | \treturn 0;\n"
	"      | \t^~~~~~\n";

Test(cli, caret_under_finding_and_notes)
{
	struct run r, plain;

	lint(&r, "-q", "--caret", FIX_LEAKS, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_str_eq(r.out, leaks_caret);
	run_free(&r);
	/* a pipe: one line a diagnostic, as scripts read it; --caret=never on a terminal */
	lint(&plain, "-q", FIX_LEAKS, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(count_substr(plain.out, "\n"), 4, "%s", plain.out);
	cr_assert_null(strstr(plain.out, " | "), "%s", plain.out);
	cr_assert_null(strchr(plain.out, '\033'), "%s", plain.out);
	run_free(&plain);
}

/* A UTF-8 character before the column is one column of the caret line. */
Test(cli, caret_counts_utf8_characters_not_bytes)
{
	static const char src[] =
		"#include <linux/device.h>\n#include <linux/of_platform.h>\n"
		"int f(struct device_node *np)\n{\n\tstruct platform_device *pdev;\n"
		"\t/* \xc3\xa9t\xc3\xa9 */ pdev = of_find_device_by_node(np); if (!pdev) return -1;\n"
		"\treturn 0;\n}\n";
	char p[PATH_MAX];
	struct run r;

	tmp_path(p, sizeof(p), "utf8.c");
	cr_assert_eq(write_file(p, src, strlen(src)), 0);
	lint(&r, "-q", "--caret", p, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	/* clang's column 21 is a byte count; "/\* \xc3\xa9t\xc3\xa9 *\/ pdev = " is 17 characters */
	cr_assert(strstr(r.out, "      | \t                 ^~~~~~~~~~~~~~~~~~~~~~\n"), "%s", r.out);
	run_free(&r);
}

/* Run the checker with stdout (and stderr) a terminal. */
static void lint_tty(struct run *r, bool err_tty, const char *a0, const char *a1, const char *a2,
		     const char *a3, const char *a4)
{
	char *argv[] = { (char *)lint_path(), (char *)a0, (char *)a1, (char *)a2, (char *)a3,
			 (char *)a4, NULL };

	cr_assert_eq(run_argv_tty(argv, true, err_tty, r), 0, "cannot run %s", argv[0]);
}

Test(cli, terminal_gets_caret_and_colour)
{
	struct run r;

	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	lint_tty(&r, false, "-q", FIX_LEAKS, "--", "-Ireference/include", NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "\033[01m" FIX_LEAKS ":13:9:\033[m \033[01;35mwarning:\033[m "),
		  "%s", r.out);
	cr_assert(strstr(r.out, "[\033[01;35mdevice-lookup-put\033[m]\n"), "%s", r.out);
	cr_assert(strstr(r.out, "\033[01;36mnote:\033[m 'pdev' still held"), "%s", r.out);
	cr_assert(strstr(r.out, "      | \t       \033[01;32m^~~~~~~~~~~~~~~~~~~~~~\033[m\n"), "%s",
		  r.out);
	run_free(&r);

	/* NO_COLOR: still the caret, no colour; --color=always wins over it */
	setenv("NO_COLOR", "1", 1);
	lint_tty(&r, false, "-q", FIX_LEAKS, "--", "-Ireference/include", NULL);
	cr_assert_str_eq(r.out, leaks_caret);
	run_free(&r);
	lint_tty(&r, false, "-q", "--color=always", FIX_LEAKS, "--", "-Ireference/include");
	cr_assert(strstr(r.out, "\033[01;35mwarning:"), "%s", r.out);
	run_free(&r);
	unsetenv("NO_COLOR");
	lint_tty(&r, false, "-q", "--color=never", "--no-caret", FIX_LEAKS, "--");
	cr_assert_null(strchr(r.out, '\033'), "%s", r.out);
	cr_assert_null(strstr(r.out, " | "), "%s", r.out);
	run_free(&r);
}

/* Paths under the current directory come out relative to it, in -p mode too. */
Test(cli, paths_relative_to_the_current_directory)
{
	static const char *const files[] = { FIX_BAD };
	char db[PATH_MAX], cwd[PATH_MAX], outside[PATH_MAX], *src;
	struct run r;
	size_t len;

	write_fixture_db("compile_commands.json", files, 1);
	tmp_path(db, sizeof(db), "compile_commands.json");
	lint(&r, "-q", "-p", db, NULL, NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(!strncmp(r.out, FIX_BAD ":", strlen(FIX_BAD) + 1), "not relative: %s", r.out);
	cr_assert(getcwd(cwd, sizeof(cwd)));
	cr_assert_null(strstr(r.out, cwd), "%s", r.out);
	run_free(&r);

	/* outside the current directory: absolute, as given */
	src = read_file(FIX_BAD, &len);
	cr_assert(src);
	tmp_path(outside, sizeof(outside), "outside.c");
	cr_assert_eq(write_file(outside, src, len), 0);
	free(src);
	lint(&r, "-q", outside, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(!strncmp(r.out, outside, strlen(outside)), "%s", r.out);
	run_free(&r);
}

/* Progress on a terminal's stderr only: never in a pipe, nor in CI. */
Test(cli, progress_on_a_terminal_only)
{
	struct run r;

	unsetenv("CI");
	setenv("TERM", "xterm", 1);
	lint_tty(&r, true, "-j1", FIX_LEAKS, FIX_BAD, "--", "-Ireference/include");
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "\r\033[K[0/2] 0.0 s " FIX_LEAKS), "%s", r.err);
	cr_assert(strstr(r.err, "\r\033[Kiommu-lint: 2 TUs"), "line erased before the summary: %s",
		  r.err);
	cr_assert_null(strstr(r.out, "\r"), "%s", r.out);
	run_free(&r);
	lint(&r, "-j1", FIX_LEAKS, FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert_null(strchr(r.err, '\r'), "a pipe: %s", r.err);
	run_free(&r);
	setenv("CI", "true", 1);
	lint_tty(&r, true, "-j1", FIX_LEAKS, FIX_BAD, "--", "-Ireference/include");
	cr_assert_null(strchr(r.err, '\r'), "CI: %s", r.err);
	run_free(&r);
}

/* The progress line names the file in work as the report does: relative to
 * the current directory when under it (a compile DB names it absolute). */
Test(cli, progress_names_files_relative_to_the_current_directory)
{
	static const char *const files[] = { FIX_BAD };
	char db[PATH_MAX], cwd[PATH_MAX];
	struct run r;

	write_fixture_db("compile_commands.json", files, 1);
	tmp_path(db, sizeof(db), "compile_commands.json");
	cr_assert(getcwd(cwd, sizeof(cwd)));
	unsetenv("CI");
	setenv("TERM", "xterm", 1);
	lint_tty(&r, true, "-p", db, "--progress=always", NULL, NULL);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "\r\033[K[0/1] 0.0 s " FIX_BAD), "%s", r.err);
	cr_assert_null(strstr(r.err, cwd), "%s", r.err);
	run_free(&r);
}

/*
 * The auto engine hands a TU to libclang when a finding rests on #if code
 * of its function (or a macro of the file); --confirm=all does it for
 * every TU with a finding; --stats says which and why.
 */
Test(cli, auto_engine_confirms_what_needs_it)
{
	char p[PATH_MAX];
	struct run r;
	static const char src[] =
		"#include <linux/iommu.h>\n#include <linux/of_platform.h>\n"
		"int f(struct device *dev, struct device_node *np)\n{\n"
		"\tstruct platform_device *pdev = of_find_device_by_node(np);\n\n"
		"\tdev_iommu_priv_set(dev, platform_get_drvdata(pdev));\n"
		"#ifdef CONFIG_NEVER\n\tput_device(&pdev->dev);\n#endif\n"
		"\treturn 0;\n}\n";

	tmp_path(p, sizeof(p), "ifdef.c");
	cr_assert_eq(write_file(p, src, sizeof(src) - 1), 0);
	/* CONFIG_NEVER is not known here: libclang reads the TU, the put is gone */
	lint(&r, "--stats", p, "--", "-Ireference/include", NULL, NULL);
	cr_assert_eq(r.status, 1, "the put is compiled out: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "[device-lookup-put]"), "%s", r.out);
	cr_assert(strstr(r.err, "1 confirmed by clang"), "%s", r.err);
	cr_assert(strstr(r.err, "ifdef.c (#if)"), "%s", r.err);
	run_free(&r);
	/* -D decides it: the fast reading keeps the put's branch, nothing to confirm */
	lint(&r, "--stats", p, "--", "-Ireference/include", "-DCONFIG_NEVER", NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "0 confirmed by clang"), "%s", r.err);
	run_free(&r);
	lint(&r, "--stats", FIX_BAD, "--", "-Ireference/include", NULL, NULL);
	cr_assert(strstr(r.err, "0 confirmed by clang"), "plain code: as read: %s", r.err);
	run_free(&r);
	lint(&r, "--stats", "--confirm=all", FIX_BAD, "--", "-Ireference/include", NULL);
	cr_assert(strstr(r.err, "1 confirmed by clang"), "%s", r.err);
	cr_assert(strstr(r.err, "(all)"), "%s", r.err);
	run_free(&r);
	lint(&r, "--confirm=some", FIX_BAD, NULL, NULL, NULL, NULL);
	assert_failure(&r, "unknown --confirm 'some' (needed or all)");
	run_free(&r);
	lint(&r, "--confirm=all", FIX_BAD, NULL, NULL, NULL, NULL);
	assert_failure(&r, "--confirm is for the auto engine");
	run_free(&r);
}
