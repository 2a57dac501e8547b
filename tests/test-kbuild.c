// SPDX-License-Identifier: GPL-2.0
/*
 * test-kbuild.c - iommu-lint as kbuild's checker: a CHECK command line as
 * `make C=2 CHECK=iommu-lint` writes it (sparse's CHECKFLAGS, gcc's c_flags
 * with -Wp,-MMD and gcc-only flags, -I reference/include, the file last),
 * the exit status kbuild needs, sparse chained with --with-sparse, and the
 * per-file SARIF logs of --sarif-dir merged into one valid log by --merge.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "testutil.h"

#define FIX_LOOKUP "corpus/device-lookup-put/bad-unchecked.c"
#define FIX_UNWIND "corpus/register-unwind/bad-goto-wrong-label.c"
#define FIX_OK "corpus/device-lookup-put/ok-goto-put-chain.c"
#define MULTITOOL "build/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

static char tmpdir[PATH_MAX];
static char depfile[PATH_MAX + 32];

static void make_tmpdir(void)
{
	tmpdir_make(tmpdir, sizeof(tmpdir), "kbuild");
	snprintf(depfile, sizeof(depfile), "-Wp,-MMD,%s/.file.o.d", tmpdir);
}

static void remove_tmpdir(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(kbuild, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 120);

/* sparse's CHECKFLAGS on x86_64, as kbuild passes them */
static const char *const checkflags[] = {
	"-D__linux__", "-Dlinux", "-D__STDC__", "-Dunix", "-D__unix__", "-Wbitwise",
	"-Wno-return-void", "-Wno-unknown-attribute", "-D__x86_64__", "--arch=x86",
	"-mlittle-endian", "-m64",
};

/* gcc's c_flags after the -Wp,-MMD word: gcc-only flags and gcc -W words */
static const char *const c_flags[] = {
	"-Ireference/include", "-include", "reference/include/linux/types.h", "-D__KERNEL__", "-std=gnu11", "-fshort-wchar",
	"-funsigned-char", "-fno-common", "-mno-red-zone", "-mcmodel=kernel",
	"-mindirect-branch=thunk-extern", "-mindirect-branch-register", "-mskip-rax-setup",
	"-fconserve-stack", "-fno-allow-store-data-races", "-O2", "-Wall", "-Wextra",
	"-Wundef", "-Werror=implicit-function-declaration", "-Werror=implicit-int",
	"-Wno-sign-compare", "-Wframe-larger-than=2048", "-Wimplicit-fallthrough=5",
	"-Werror", "-DKBUILD_MODFILE=\"drivers/iommu/fixture\"", "-DKBUILD_BASENAME=\"fixture\"",
	"-DKBUILD_MODNAME=\"fixture\"", "-D__KBUILD_MODNAME=kmod_fixture",
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Run lint_path() as kbuild would: own (NULL-terminated, iommu-lint's
 * options placed where CHECK= puts them), CHECKFLAGS, c_flags, file.
 */
static void check_cmd(struct run *r, const char *const *own, const char *file)
{
	char *argv[128];
	size_t n = 0, i;

	argv[n++] = (char *)lint_path();
	for (i = 0; own && own[i]; i++)
		argv[n++] = (char *)own[i];
	for (i = 0; i < N(checkflags); i++)
		argv[n++] = (char *)checkflags[i];
	argv[n++] = depfile;
	for (i = 0; i < N(c_flags); i++)
		argv[n++] = (char *)c_flags[i];
	argv[n++] = (char *)file;
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
}

static void plain(struct run *r, const char *a1, const char *a2, const char *a3, const char *a4)
{
	char *argv[] = { (char *)lint_path(), (char *)a1, (char *)a2, (char *)a3, (char *)a4, NULL };

	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
}

Test(kbuild, findings_exit_zero_on_stderr)
{
	struct run r;

	check_cmd(&r, NULL, FIX_LOOKUP);
	cr_assert_eq(r.status, 0, "CHECK mode must not stop kbuild on findings: %d\n%s", r.status,
		     r.err);
	cr_assert_eq(count_substr(r.err, FIX_LOOKUP ":"), 2, "one gcc-style finding and its note expected:\n%s", r.err);
	cr_assert_eq(count_substr(r.err, ": note: "), 1, "one related note:\n%s", r.err);
	cr_assert(strstr(r.err, ": warning: ") && strstr(r.err, "[device-lookup-put]"), "%s", r.err);
	cr_assert_str_empty(r.out, "make -s drops stdout: the report belongs on stderr");
	cr_assert_null(strstr(r.err, "TUs ("), "no summary line per file under kbuild:\n%s", r.err);
	run_free(&r);
}

Test(kbuild, fail_on_findings)
{
	const char *own[] = { "--fail-on-findings", NULL };
	struct run r;

	check_cmd(&r, own, FIX_LOOKUP);
	cr_assert_eq(r.status, 1, "--fail-on-findings: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, "[device-lookup-put]"), "%s", r.err);
	run_free(&r);
	check_cmd(&r, own, FIX_OK);
	cr_assert_eq(r.status, 0, "clean file: %d\n%s", r.status, r.err);
	cr_assert_str_empty(r.err);
	run_free(&r);
}

/* Same findings as direct mode with the flags after -- (what -p gives). */
Test(kbuild, same_findings_as_direct_mode)
{
	struct run k, d;

	check_cmd(&k, NULL, FIX_UNWIND);
	plain(&d, "-q", FIX_UNWIND, "--", "-Ireference/include");
	cr_assert_eq(d.status, 1, "%s", d.err);
	cr_assert_gt(strlen(d.out), 0);
	cr_assert_str_eq(k.err, d.out, "CHECK mode:\n%s\ndirect mode:\n%s", k.err, d.out);
	run_free(&k);
	run_free(&d);
}

/* Rule switches still work in CHECK mode; gcc's -Wall/-Werror do not touch rules. */
Test(kbuild, rule_switches_and_gcc_w_words)
{
	const char *own[] = { "-Wno-device-lookup-put", "--fail-on-findings", NULL };
	struct run r;

	check_cmd(&r, own, FIX_LOOKUP);
	cr_assert_eq(r.status, 0, "-Wno-device-lookup-put: %d\n%s", r.status, r.err);
	cr_assert_null(strstr(r.err, "[device-lookup-put]"), "%s", r.err);
	run_free(&r);
}

/*
 * -o in CHECK mode: make runs one call per file, so each appends its report
 * (text) to FILE instead of stderr; -o is not a compiler word there.
 */
Test(kbuild, output_file_collects_every_call)
{
	char report[PATH_MAX], eq[PATH_MAX + 16], *text;
	const char *own1[] = { "-o", report, NULL };
	const char *own2[] = { eq, NULL };
	const char *own3[] = { "--format=sarif", "-o", report, NULL };
	struct run r;

	snprintf(report, sizeof(report), "%s/report.txt", tmpdir);
	snprintf(eq, sizeof(eq), "--output=%s", report);
	check_cmd(&r, own1, FIX_LOOKUP);
	cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.err);
	cr_assert_str_empty(r.err, "the report goes to -o, not stderr");
	run_free(&r);
	check_cmd(&r, own2, FIX_UNWIND);
	cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.err);
	cr_assert_str_empty(r.err);
	run_free(&r);
	text = read_file(report, NULL);
	cr_assert(text, "-o wrote nothing");
	cr_assert(strstr(text, FIX_LOOKUP ":") && strstr(text, "[device-lookup-put]"), "%s", text);
	cr_assert(strstr(text, FIX_UNWIND ":") && strstr(text, "[register-unwind]"), "%s", text);
	cr_assert(strstr(text, "[device-lookup-put]") < strstr(text, "[register-unwind]"),
		  "the second call appends: %s", text);
	free(text);
	check_cmd(&r, own3, FIX_LOOKUP);
	assert_tool_failure(&r, "-o in CHECK mode appends text; use --sarif-dir");
	run_free(&r);
}

Test(kbuild, tool_failure_still_exits_2)
{
	char path[PATH_MAX + 16];
	/* the call passes the prefilter, so libclang does parse the file */
	const char src[] = "#include <linux/no-such-header.h>\n"
			   "void f(void *np) { of_find_device_by_node(np); }\n";
	static const char *const clang[] = { "--engine=clang", NULL };
	struct run r;

	snprintf(path, sizeof(path), "%s/broken.c", tmpdir);
	cr_assert_eq(write_file(path, src, strlen(src)), 0);
	check_cmd(&r, clang, path);
	cr_assert_eq(r.status, 2, "a TU libclang cannot parse: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, "iommu-lint: error: "), "%s", r.err);
	run_free(&r);
}

Test(kbuild, one_file_only)
{
	char *argv[] = { (char *)lint_path(), "--kbuild", "-Ireference/include", FIX_LOOKUP, FIX_OK,
			 NULL };
	struct run r;

	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "iommu-lint: error: CHECK mode scans one file"), "%s", r.err);
	run_free(&r);
}

/*
 * sparse's own warning (a global function with no prior declaration) and
 * the iommu-lint finding both come out of one call.
 */
Test(kbuild, with_sparse_passes_sparse_through)
{
	char path[PATH_MAX + 16];
	const char src[] =
		"#include <linux/iommu.h>\n"
		"#include <linux/of_platform.h>\n"
		"int kb_probe(struct device *dev, struct device_node *np)\n"
		"{\n"
		"\tstruct platform_device *pdev = of_find_device_by_node(np);\n"
		"\n"
		"\tdev_iommu_priv_set(dev, platform_get_drvdata(pdev));\n"
		"\treturn 0;\n"
		"}\n";
	const char *own[] = { "--with-sparse", NULL };
	struct run r;

	if (access("/usr/bin/sparse", X_OK))
		cr_skip_test("sparse is not installed (scripts/deps.sh)");
	snprintf(path, sizeof(path), "%s/kbprobe.c", tmpdir);
	cr_assert_eq(write_file(path, src, strlen(src)), 0);
	check_cmd(&r, own, path);
	cr_assert_eq(r.status, 0, "%d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, "symbol 'kb_probe' was not declared"), "no sparse warning:\n%s",
		  r.err);
	cr_assert(strstr(r.err, "[device-lookup-put]"), "no iommu-lint finding:\n%s", r.err);
	run_free(&r);

	/* without --with-sparse, no sparse */
	check_cmd(&r, NULL, path);
	cr_assert_null(strstr(r.err, "was not declared"), "%s", r.err);
	run_free(&r);
}

Test(kbuild, with_sparse_exit_status)
{
	const char *missing[] = { "--with-sparse=/nonexistent/sparse", NULL };
	const char *failing[] = { "--with-sparse=/bin/false", NULL };
	struct run r;

	check_cmd(&r, missing, FIX_OK);
	cr_assert_eq(r.status, 2, "%d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, "iommu-lint: error: --with-sparse: cannot run '/nonexistent/sparse'"),
		  "%s", r.err);
	run_free(&r);
	/* sparse failing would have stopped kbuild with CHECK=sparse: keep it */
	check_cmd(&r, failing, FIX_OK);
	cr_assert_eq(r.status, 1, "%d\n%s", r.status, r.err);
	run_free(&r);
	/* outside CHECK mode it makes no sense */
	plain(&r, "--with-sparse", FIX_OK, "--", "-Ireference/include");
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "iommu-lint: error: --with-sparse works in CHECK mode only"), "%s",
		  r.err);
	run_free(&r);
}

static unsigned count_sarif_files(const char *dir)
{
	char cmd[PATH_MAX + 64], buf[64] = "";
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls '%s' | grep -c '\\.sarif$'", dir);
	p = popen(cmd, "r");
	cr_assert(p);
	if (!fgets(buf, sizeof(buf), p))
		buf[0] = '\0';
	pclose(p);
	return (unsigned)atoi(buf);
}

/* Multitool's report: any result at level "error" means the log is invalid. */
static void validate_sarif(const char *log)
{
	char report[PATH_MAX + 16];
	char *argv[] = { MULTITOOL, "validate", "--log", "ForceOverwrite;PrettyPrint", "-o", report,
			 "--quiet", "true", (char *)log, NULL };
	struct json_object *rep, *runs, *results;
	struct run r;
	size_t i, j;

	if (access(MULTITOOL, X_OK))
		cr_skip_test("SARIF Multitool missing (scripts/deps.sh)");
	snprintf(report, sizeof(report), "%s.report", log);
	setenv("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1", 1);
	cr_assert_eq(run_argv(argv, &r), 0);
	rep = json_object_from_file(report);
	cr_assert(rep, "no Multitool report for %s:\n%s%s", log, r.out, r.err);
	cr_assert(json_object_object_get_ex(rep, "runs", &runs));
	for (i = 0; i < json_object_array_length(runs); i++) {
		if (!json_object_object_get_ex(json_object_array_get_idx(runs, i), "results",
					       &results))
			continue;
		for (j = 0; j < json_object_array_length(results); j++) {
			struct json_object *res = json_object_array_get_idx(results, j), *lvl;

			if (json_object_object_get_ex(res, "level", &lvl))
				cr_assert_str_neq(json_object_get_string(lvl), "error",
						  "invalid SARIF: %s",
						  json_object_to_json_string(res));
		}
	}
	json_object_put(rep);
	run_free(&r);
}

Test(kbuild, sarif_dir_and_merge)
{
	char dir[PATH_MAX + 16], opt[PATH_MAX + 32], out[PATH_MAX + 32];
	const char *own[] = { opt, NULL };
	struct json_object *log, *runs, *run, *results, *rules, *tool, *driver, *v;
	struct run r;
	size_t i;

	snprintf(dir, sizeof(dir), "%s/sarif", tmpdir);
	snprintf(opt, sizeof(opt), "--sarif-dir=%s", dir);
	snprintf(out, sizeof(out), "%s/merged.sarif", tmpdir);
	check_cmd(&r, own, FIX_LOOKUP);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	check_cmd(&r, own, FIX_OK);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	/* the environment variable stands for the option (set once for make) */
	setenv("IOMMU_LINT_SARIF_DIR", dir, 1);
	check_cmd(&r, NULL, FIX_UNWIND);
	unsetenv("IOMMU_LINT_SARIF_DIR");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	/* a re-run replaces its own log rather than adding one */
	check_cmd(&r, own, FIX_LOOKUP);
	run_free(&r);
	cr_assert_eq(count_sarif_files(dir), 3, "one log per scanned file");

	plain(&r, "--merge", dir, "-o", out);
	cr_assert_eq(r.status, 1, "results in the merged log exit 1: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, "merged 3 SARIF logs"), "%s", r.err);
	run_free(&r);

	log = json_object_from_file(out);
	cr_assert(log, "merged log is not JSON");
	cr_assert(json_object_object_get_ex(log, "version", &v));
	cr_assert_str_eq(json_object_get_string(v), "2.1.0");
	cr_assert(json_object_object_get_ex(log, "runs", &runs));
	cr_assert_eq(json_object_array_length(runs), 1, "one run");
	run = json_object_array_get_idx(runs, 0);
	cr_assert(json_object_object_get_ex(run, "results", &results));
	cr_assert(json_object_object_get_ex(run, "tool", &tool));
	cr_assert(json_object_object_get_ex(tool, "driver", &driver));
	cr_assert(json_object_object_get_ex(driver, "rules", &rules));
	cr_assert_geq(json_object_array_length(results), 2, "findings of both bad files");
	for (i = 0; i < json_object_array_length(results); i++) {
		struct json_object *res = json_object_array_get_idx(results, i), *id, *idx, *rid;
		struct json_object *rule;

		cr_assert(json_object_object_get_ex(res, "ruleId", &id));
		cr_assert(json_object_object_get_ex(res, "ruleIndex", &idx));
		rule = json_object_array_get_idx(rules, (size_t)json_object_get_int(idx));
		cr_assert(rule && json_object_object_get_ex(rule, "id", &rid));
		cr_assert_str_eq(json_object_get_string(rid), json_object_get_string(id));
	}
	cr_assert(strstr(json_object_to_json_string(results), "device-lookup-put"));
	cr_assert(strstr(json_object_to_json_string(results), "register-unwind"));
	json_object_put(log);
	validate_sarif(out);
}

/* A log as iommu-lint writes it under root: one result at level with evidence. */
static void write_log(const char *path, const char *root, const char *level)
{
	char buf[4096];
	int n = snprintf(buf, sizeof(buf),
		"{\"version\": \"2.1.0\", \"runs\": [{"
		"\"tool\": {\"driver\": {\"name\": \"iommu-lint\", \"version\": \"0.1.0\","
		" \"rules\": [{\"id\": \"group-get-put\", \"name\": \"GroupGetPut\","
		" \"shortDescription\": {\"text\": \"leak\"}}]}},"
		"\"originalUriBaseIds\": {\"SRCROOT\": {\"uri\": \"file://%s/\"}},"
		"\"results\": [{\"ruleId\": \"group-get-put\", \"ruleIndex\": 0,"
		" \"level\": \"%s\", \"message\": {\"text\": \"group leaked\"},"
		" \"locations\": [{\"physicalLocation\": {\"artifactLocation\":"
		" {\"uri\": \"drv.c\", \"uriBaseId\": \"SRCROOT\"}, \"region\": {\"startLine\": 4}}}],"
		" \"relatedLocations\": [{\"id\": 0, \"physicalLocation\": {\"artifactLocation\":"
		" {\"uri\": \"drv.c\", \"uriBaseId\": \"SRCROOT\"}, \"region\": {\"startLine\": 9}},"
		" \"message\": {\"text\": \"returned here without a put\"}}]}],"
		"\"invocations\": [{\"executionSuccessful\": true}]}]}", root, level);

	cr_assert_eq(write_file(path, buf, (size_t)n), 0);
}

/* The level and relatedLocations of result i of a merged log (stdout). */
static void merged_result(const char *out, size_t i, const char *level, const char *uri)
{
	struct json_object *log = json_tokener_parse(out), *runs, *res, *r, *v, *rel, *loc;

	cr_assert(log, "merged log is not JSON: %s", out);
	cr_assert(json_object_object_get_ex(log, "runs", &runs));
	cr_assert(json_object_object_get_ex(json_object_array_get_idx(runs, 0), "results", &res));
	r = json_object_array_get_idx(res, i);
	cr_assert(r && json_object_object_get_ex(r, "level", &v));
	cr_assert_str_eq(json_object_get_string(v), level);
	cr_assert(json_object_object_get_ex(r, "relatedLocations", &rel));
	cr_assert_eq(json_object_array_length(rel), 1);
	loc = json_object_array_get_idx(rel, 0);
	cr_assert(json_object_object_get_ex(loc, "message", &v));
	cr_assert(strstr(json_object_to_json_string(v), "returned here without a put"));
	cr_assert(json_object_object_get_ex(loc, "physicalLocation", &v) &&
		  json_object_object_get_ex(v, "artifactLocation", &v) &&
		  json_object_object_get_ex(v, "uri", &v));
	cr_assert_str_eq(json_object_get_string(v), uri);
	json_object_put(log);
}

/*
 * --merge keeps each result's level and related locations (made absolute
 * for a log from another root, as its locations are), and its exit status
 * follows --fail-on: notes alone exit 0 unless --fail-on=note.
 */
Test(kbuild, merge_keeps_levels_and_related_locations)
{
	char dir[PATH_MAX + 16], a[PATH_MAX + 32], b[PATH_MAX + 32], out[PATH_MAX + 32];
	struct run r;

	snprintf(dir, sizeof(dir), "%s/logs", tmpdir);
	snprintf(a, sizeof(a), "%s/a.sarif", dir);
	snprintf(b, sizeof(b), "%s/b.sarif", dir);
	snprintf(out, sizeof(out), "%s/merged.sarif", tmpdir);
	cr_assert_eq(mkdir(dir, 0755), 0);
	write_log(a, "/src/a", "note");
	write_log(b, "/src/b", "note");

	plain(&r, "--merge", dir, NULL, NULL);
	cr_assert_eq(r.status, 0, "notes only: %d\n%s", r.status, r.err);
	merged_result(r.out, 0, "note", "drv.c");
	merged_result(r.out, 1, "note", "file:///src/b/drv.c");
	run_free(&r);
	plain(&r, "--fail-on=note", "--merge", dir, NULL);
	cr_assert_eq(r.status, 1, "--fail-on=note: %d\n%s", r.status, r.err);
	run_free(&r);

	write_log(b, "/src/b", "warning");
	plain(&r, "--merge", dir, "-o", out);
	cr_assert_eq(r.status, 1, "a warning: %d\n%s", r.status, r.err);
	run_free(&r);
	plain(&r, "--merge", dir, "--fail-on", "error");
	cr_assert_eq(r.status, 0, "--fail-on error: %d\n%s", r.status, r.err);
	merged_result(r.out, 1, "warning", "file:///src/b/drv.c");
	run_free(&r);
	validate_sarif(out);
}

/* --fail-on is iommu-lint's own option in a CHECK command too. */
Test(kbuild, fail_on_level_in_check_mode)
{
	const char *own[] = { "--fail-on-findings", "--fail-on=error", NULL };
	const char *own_werror[] = { "--fail-on-findings", "--fail-on", "error",
				     "-Werror=device-lookup-put", NULL };
	struct run r;

	check_cmd(&r, own, FIX_LOOKUP);
	cr_assert_eq(r.status, 0, "a warning under --fail-on=error: %d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, ": warning: "), "%s", r.err);
	run_free(&r);
	check_cmd(&r, own_werror, FIX_LOOKUP);
	cr_assert_eq(r.status, 1, "%d\n%s", r.status, r.err);
	cr_assert(strstr(r.err, ": error: "), "%s", r.err);
	run_free(&r);
}

Test(kbuild, merge_bad_input)
{
	char dir[PATH_MAX + 16], bad[PATH_MAX + 32];
	struct run r;

	snprintf(dir, sizeof(dir), "%s/empty", tmpdir);
	cr_assert_eq(mkdir(dir, 0755), 0);
	plain(&r, "--merge", dir, NULL, NULL);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "iommu-lint: error: --merge") && strstr(r.err, "no .sarif logs"),
		  "%s", r.err);
	run_free(&r);

	snprintf(bad, sizeof(bad), "%s/x.sarif", dir);
	cr_assert_eq(write_file(bad, "{\"version\": ", 12), 0);
	plain(&r, "--merge", dir, NULL, NULL);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "not valid JSON"), "%s", r.err);
	run_free(&r);

	cr_assert_eq(write_file(bad, "{\"version\": \"2.0.0\", \"runs\": []}", 32), 0);
	plain(&r, "--merge", dir, NULL, NULL);
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "not a SARIF 2.1.0 log"), "%s", r.err);
	run_free(&r);

	snprintf(bad, sizeof(bad), "%s/missing", tmpdir);
	plain(&r, "--merge", bad, NULL, NULL);
	cr_assert_eq(r.status, 2, "%s", r.err);
	run_free(&r);
}

/*
 * 32-bit arm's LLVM=1 kbuild passes "-meabi gnu": the value is a word of
 * its own, not a file (it was "unexpected word 'gnu'", exit 2, on every
 * file of the 6.12 arm build), and the flag reaches libclang.
 */
Test(kbuild, option_values_are_not_files)
{
	char *argv[] = { (char *)lint_path(), "--kbuild", "--engine=clang", "-D__KERNEL__",
			 "-Ireference/include", "--target=arm-linux-gnueabi", "-meabi", "gnu",
			 "-mllvm", "-arm-use-movt=0", FIX_LOOKUP, NULL };
	struct run r;

	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "[device-lookup-put]"), "%s", r.err);
	run_free(&r);
}
