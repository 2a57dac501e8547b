// SPDX-License-Identifier: GPL-2.0
/*
 * test-workflow.c - what a CI job and a pre-commit hook rely on: inline
 * suppressions (with and without a reason, standalone and trailing,
 * --list-suppressions), baselines (round trip, a line shift, a new finding
 * beside an accepted one, bad baseline files), the shared fingerprint in
 * SARIF, --diff REV and --staged on a scratch git repository, the
 * repository's own compile DB, and scripts/git-pre-commit blocking a commit.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "testutil.h"

static char tmpdir[PATH_MAX], incflag[PATH_MAX + 4], top[PATH_MAX];

/*
 * Two of_xlate callbacks that ignore iommu_fwspec_add_ids() (unchecked-return
 * at lines 8 and 21, in a_of_xlate and c_of_xlate) and a clean helper
 * between them (lines 12-15).
 */
static const char drv_text[] =
	"#include <linux/iommu.h>\n"				/* 1 */
	"#include <linux/of.h>\n"
	"\n"
	"static int a_of_xlate(struct device *dev, struct of_phandle_args *args)\n"
	"{\n"							/* 5 */
	"\tif (args->args_count != 1)\n"
	"\t\treturn -EINVAL;\n"
	"\tiommu_fwspec_add_ids(dev, args->args, 1);\n"	/* 8 */
	"\treturn 0;\n"
	"}\n"							/* 10 */
	"\n"
	"static int b_helper(int x)\n"				/* 12 */
	"{\n"
	"\treturn x + 1;\n"					/* 14 */
	"}\n"
	"\n"
	"static int c_of_xlate(struct device *dev, struct of_phandle_args *args)\n"
	"{\n"
	"\tif (b_helper(args->args_count) != 2)\n"		/* 19 */
	"\t\treturn -EINVAL;\n"
	"\tiommu_fwspec_add_ids(dev, args->args, 1);\n"	/* 21 */
	"\treturn 0;\n"
	"}\n"
	"\n"
	"const struct iommu_ops a_ops = {\n"			/* 25 */
	"\t.of_xlate = a_of_xlate,\n"
	"};\n"
	"\n"
	"const struct iommu_ops c_ops = {\n"
	"\t.of_xlate = c_of_xlate,\n"				/* 30 */
	"};\n";

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	tmpdir_make(tmpdir, sizeof(tmpdir), "wf");
	snprintf(incflag, sizeof(incflag), "-I%s/reference/include", top);
}

static void teardown(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(workflow, .init = setup, .fini = teardown, .timeout = 120);

static void tmp_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", tmpdir, name);
}

static void put(const char *name, const char *text)
{
	char p[PATH_MAX];

	tmp_path(p, sizeof(p), name);
	cr_assert_eq(write_file(p, text, strlen(text)), 0, "cannot write %s", p);
}

/* Run a shell command in the scratch directory; it must succeed. */
static void sh(const char *fmt, ...)
{
	char cmd[8192], body[7000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t "
		 "GIT_COMMITTER_EMAIL=t@t GIT_CONFIG_NOSYSTEM=1 HOME='%s' && { %s ; } >/dev/null 2>&1",
		 tmpdir, tmpdir, body);
	cr_assert_eq(system(cmd), 0, "failed: %s", body);
}

/* The checker run in the scratch directory with the given arguments. */
static void lint_in(struct run *r, const char *const *args)
{
	char *argv[40];
	int n = 0;

	argv[n++] = "/bin/sh";
	argv[n++] = "-c";
	argv[n++] = "cd \"$1\" && shift && exec \"$@\"";
	argv[n++] = "sh";
	argv[n++] = tmpdir;
	argv[n++] = (char *)lint_path();
	while (*args && n < 39)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run the checker");
}

/* drv_text with `extra` lines inserted after line `after`. */
static void put_drv(const char *name, unsigned after, const char *extra)
{
	char buf[8192];
	const char *p = drv_text;
	unsigned line = 0;
	size_t o = 0;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = (size_t)(eol - p) + 1;

		memcpy(buf + o, p, len);
		o += len;
		p += len;
		if (++line == after) {
			memcpy(buf + o, extra, strlen(extra));
			o += strlen(extra);
		}
	}
	buf[o] = '\0';
	if (!after) {
		snprintf(buf, sizeof(buf), "%s%s", extra, drv_text);
	}
	put(name, buf);
}

/* --- suppressions ------------------------------------------------------ */

Test(workflow, suppression_with_reason_hides_trailing_and_standalone)
{
	const char *args[] = { "-q", "drv.c", "--", incflag, NULL };
	struct run r;

	/* trailing on line 8, and alone (two-line comment) before line 21 */
	put_drv("drv.c", 0, "");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_eq(count_substr(r.out, "[unchecked-return]"), 2, "%s", r.out);
	run_free(&r);

	sh("sed -i '8s|$| /* iommu-lint: ignore unchecked-return -- ids are checked by the caller */|' drv.c && "
	   "sed -i '20a\\\\t/* iommu-lint: ignore unchecked-return,resv-region -- the\\n\\t * probe path validates ids first */' drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: out %s err %s", r.status, r.out, r.err);
	cr_assert_str_empty(r.out, "%s", r.out);
	run_free(&r);
}

Test(workflow, suppression_without_reason_hides_nothing_and_is_reported)
{
	const char *args[] = { "-q", "--format=json", "drv.c", "--", incflag, NULL };
	struct json_object *root, *arr;
	struct run r;
	unsigned i, sr = 0, ur = 0;

	put_drv("drv.c", 7, "\t/* iommu-lint: ignore unchecked-return */\n");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	root = json_tokener_parse(r.out);
	cr_assert(root && json_object_object_get_ex(root, "findings", &arr), "%s", r.out);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *f = json_object_array_get_idx(arr, i), *v;
		const char *rule;

		json_object_object_get_ex(f, "rule", &v);
		rule = json_object_get_string(v);
		json_object_object_get_ex(f, "line", &v);
		if (!strcmp(rule, "suppression-reason")) {
			sr++;
			cr_assert_eq(json_object_get_int(v), 8, "reported at the comment");
			json_object_object_get_ex(f, "symbol", &v);
			cr_assert_str_eq(json_object_get_string(v), "a_of_xlate");
		} else if (!strcmp(rule, "unchecked-return")) {
			ur++;
		}
	}
	cr_assert_eq(sr, 1, "%s", r.out);
	cr_assert_eq(ur, 2, "the reasonless suppression hid a finding: %s", r.out);
	json_object_put(root);
	run_free(&r);
}

Test(workflow, unknown_rule_and_string_literal)
{
	const char *args[] = { "-q", "drv.c", "--", incflag, NULL };
	struct run r;

	put_drv("drv.c", 7, "\t/* iommu-lint: ignore unchecked-retrun -- typo */\n"
			    "\tconst char *s = \"/* iommu-lint: ignore unchecked-return -- no */\";\n");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, "drv.c:8:2: warning: suppression names unknown rule 'unchecked-retrun'"),
		  "%s", r.out);
	/* the typo covers the string line, the string covers nothing */
	cr_assert_eq(count_substr(r.out, "[unchecked-return]"), 2, "%s", r.out);
	cr_assert_eq(count_substr(r.out, "[suppression-reason]"), 1, "%s", r.out);
	run_free(&r);
}

Test(workflow, list_suppressions)
{
	const char *args[] = { "--list-suppressions", "drv.c", NULL };
	struct run r;

	put_drv("drv.c", 7, "\t/* iommu-lint: ignore unchecked-return -- ids are\n"
			    "\t * validated by the caller */\n"
			    "\t// iommu-lint: ignore resv-region\n");
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "drv.c:8:2: ignore unchecked-return -- ids are validated by the caller\n"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "drv.c:10:2: ignore resv-region (no reason: hides nothing)\n"),
		  "%s", r.out);
	cr_assert_eq(count_substr(r.out, "\n"), 2, "%s", r.out);
	run_free(&r);
}

/* --- baselines ----------------------------------------------------------- */

Test(workflow, baseline_round_trip_with_line_shift)
{
	const char *write[] = { "-q", "--write-baseline", "bl.json", "drv.c", "--", incflag, NULL };
	const char *use[] = { "-q", "--baseline", "bl.json", "drv.c", "--", incflag, NULL };
	struct json_object *root, *arr;
	struct run r;
	char p[PATH_MAX], *text;

	put_drv("drv.c", 0, "");
	lint_in(&r, write);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	cr_assert_str_empty(r.out, "findings written to the baseline are not reported: %s", r.out);
	run_free(&r);
	tmp_path(p, sizeof(p), "bl.json");
	text = read_file(p, NULL);
	cr_assert(text, "no baseline written");
	root = json_tokener_parse(text);
	cr_assert(root && json_object_object_get_ex(root, "findings", &arr), "%s", text);
	cr_assert_eq(json_object_array_length(arr), 2, "%s", text);
	cr_assert(!strstr(text, "\"line\""), "a baseline must not depend on lines: %s", text);
	json_object_put(root);
	free(text);

	/* same code: all hidden */
	lint_in(&r, use);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.out);
	run_free(&r);

	/* five lines of comment on top move both findings: still hidden */
	put_drv("drv.c", 0, "/*\n * moved\n *\n * down\n */\n");
	lint_in(&r, use);
	cr_assert_eq(r.status, 0, "exit %d after a line shift: %s", r.status, r.out);
	run_free(&r);

	/* a second, new finding in a_of_xlate shows; the old one stays hidden */
	put_drv("drv.c", 8, "\tiommu_fwspec_add_ids(dev, args->args, 2);\n");
	lint_in(&r, use);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_eq(count_substr(r.out, "[unchecked-return]"), 1, "%s", r.out);
	run_free(&r);

	/* without the baseline all three show */
	{
		const char *plain[] = { "-q", "drv.c", "--", incflag, NULL };

		lint_in(&r, plain);
		cr_assert_eq(count_substr(r.out, "[unchecked-return]"), 3, "%s", r.out);
		run_free(&r);
	}
}

Test(workflow, sarif_fingerprint_is_the_baseline_key)
{
	const char *write[] = { "-q", "--write-baseline", "bl.json", "drv.c", "--", incflag, NULL };
	const char *sarif[] = { "-q", "--format=sarif", "drv.c", "--", incflag, NULL };
	struct run r;
	char p[PATH_MAX], *bl;
	struct json_object *root, *runs, *res, *bla;
	unsigned i, found = 0;

	put_drv("drv.c", 0, "");
	lint_in(&r, write);
	cr_assert_eq(r.status, 0);
	run_free(&r);
	tmp_path(p, sizeof(p), "bl.json");
	bl = read_file(p, NULL);
	cr_assert(bl);
	lint_in(&r, sarif);
	cr_assert_eq(r.status, 1);
	root = json_tokener_parse(r.out);
	cr_assert(root && json_object_object_get_ex(root, "runs", &runs));
	cr_assert(json_object_object_get_ex(json_object_array_get_idx(runs, 0), "results", &res));
	cr_assert_eq(json_object_array_length(res), 2);
	for (i = 0; i < json_object_array_length(res); i++) {
		struct json_object *pfp, *fp;
		char key[64];

		cr_assert(json_object_object_get_ex(json_object_array_get_idx(res, i),
						    "partialFingerprints", &pfp));
		cr_assert(json_object_object_get_ex(pfp, "iommuLintFingerprint/v1", &fp));
		snprintf(key, sizeof(key), "\"fingerprint\":\"%s\"", json_object_get_string(fp));
		if (strstr(bl, key))
			found++;
	}
	cr_assert_eq(found, 2, "SARIF fingerprints differ from the baseline's: %s", bl);
	bla = json_tokener_parse(bl);
	cr_assert(bla);
	json_object_put(bla);
	json_object_put(root);
	free(bl);
	run_free(&r);
}

Test(workflow, bad_baseline_files)
{
	static const struct {
		const char *text, *cause;
	} cases[] = {
		{ "{", "not valid JSON" },
		{ "[]", "not an iommu-lint baseline" },
		{ "{\"version\": 2, \"findings\": []}", "not an iommu-lint baseline" },
		{ "{\"version\": 1, \"findings\": [{\"fingerprint\": \"xyz\", \"rule\": \"unchecked-return\"}]}",
		  "entry 1: no fingerprint" },
		{ "{\"version\": 1, \"findings\": [{\"fingerprint\": \"0123456789abcdef\", \"rule\": \"no-such-rule\"}]}",
		  "entry 1: unknown rule id 'no-such-rule'" },
	};
	const char *args[] = { "-q", "--baseline", "bl.json", "drv.c", "--", incflag, NULL };
	const char *missing[] = { "-q", "--baseline", "nonexistent.json", "drv.c", "--", incflag, NULL };
	struct run r;
	unsigned i;

	put_drv("drv.c", 0, "");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put("bl.json", cases[i].text);
		lint_in(&r, args);
		assert_tool_failure(&r, cases[i].cause);
		cr_assert_str_empty(r.out, "a report despite a bad baseline: %s", r.out);
		run_free(&r);
	}
	lint_in(&r, missing);
	assert_tool_failure(&r, "nonexistent.json");
	run_free(&r);
}

/* --- --diff and --staged --------------------------------------------------- */

static void make_repo(void)
{
	put_drv("drv.c", 0, "");
	put_drv("other.c", 0, "");
	sh("git init -q . && git add drv.c other.c && git commit -qm init");
}

Test(workflow, diff_reports_changed_functions_only)
{
	const char *args[] = { "-q", "--format=json", "--diff", "HEAD", "--", incflag, NULL };
	struct run r;

	make_repo();
	/* nothing changed: nothing scanned, clean */
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	run_free(&r);

	/* line 19 of c_of_xlate changes: its finding (line 21) is kept, a_of_xlate's is not */
	sh("sed -i '19s/!= 2/!= 3/' drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_eq(count_substr(r.out, "\"rule\":\"unchecked-return\""), 1, "%s", r.out);
	cr_assert(strstr(r.out, "\"symbol\":\"c_of_xlate\""), "%s", r.out);
	cr_assert(strstr(r.out, "\"line\":21"), "%s", r.out);
	run_free(&r);

	/* only the helper changes: no finding in it, none reported */
	sh("git checkout -q drv.c && sed -i '14s/x + 1/x + 2/' drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.out);
	run_free(&r);

	/* a committed change is seen against the older revision, not HEAD */
	sh("sed -i '8s/1);/1); \\/\\/ changed/' other.c && git commit -qam two");
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.out);
	run_free(&r);
	{
		const char *prev[] = { "-q", "--diff", "HEAD~1", "--", incflag, NULL };

		lint_in(&r, prev);
		cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
		cr_assert(strstr(r.out, "other.c:8:2:"), "%s", r.out);
		cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
		run_free(&r);
	}
}

Test(workflow, diff_bad_revision_and_no_repository)
{
	const char *bad[] = { "--diff", "no-such-rev", NULL };
	const char *dash[] = { "--diff=--output=x", NULL };
	const char *staged[] = { "--staged", NULL };
	const char *both[] = { "--staged", "--diff", "HEAD", NULL };
	struct run r;

	/* $tmpdir is not inside a repository (it lives under /tmp) */
	lint_in(&r, staged);
	assert_tool_failure(&r, "--staged needs a git repository");
	run_free(&r);
	make_repo();
	lint_in(&r, bad);
	assert_tool_failure(&r, "unknown revision 'no-such-rev'");
	run_free(&r);
	lint_in(&r, dash);
	assert_tool_failure(&r, "unknown revision");
	run_free(&r);
	lint_in(&r, both);
	assert_tool_failure(&r, "cannot be used together");
	run_free(&r);
}

Test(workflow, staged_sees_the_index_not_unstaged_edits)
{
	const char *args[] = { "-q", "--staged", "--", incflag, NULL };
	struct run r;

	make_repo();
	/* an unstaged edit of a function with a finding: not part of the commit */
	sh("sed -i '6s/!= 1/!= 2/' drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.out);
	run_free(&r);

	/* staged: reported */
	sh("git add drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "drv.c:8:2:"), "%s", r.out);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	run_free(&r);

	/* staged change plus unstaged lines on top: lines of the working copy */
	sh("sed -i '1i /* one */\\n/* two */' drv.c");
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "drv.c:10:2:"), "%s", r.out);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	run_free(&r);
}

Test(workflow, staged_uses_the_trees_compile_db)
{
	const char *args[] = { "-q", "--staged", NULL };
	char db[PATH_MAX * 3];
	struct run r;

	make_repo();
	snprintf(db, sizeof(db),
		 "[{\"directory\": \"%s\", \"file\": \"drv.c\", \"arguments\": [\"cc\", \"%s\", \"-c\", \"drv.c\"]}]",
		 tmpdir, incflag);
	put("compile_commands.json", db);
	sh("sed -i '19s/!= 2/!= 3/' drv.c && sed -i '19s/!= 2/!= 3/' other.c && git add drv.c other.c");
	/* no flags on the command line: only the DB can find <linux/iommu.h> */
	lint_in(&r, args);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.out, "drv.c:21:2:"), "%s", r.out);
	cr_assert(!strstr(r.out, "other.c"), "other.c is not in the DB: %s", r.out);
	run_free(&r);
	{
		const char *loud[] = { "--staged", NULL };

		lint_in(&r, loud);
		cr_assert(strstr(r.err, "other.c: not in the compile database"), "%s", r.err);
		run_free(&r);
	}
}

/* --- the plain git hook ---------------------------------------------------- */

Test(workflow, git_pre_commit_hook_blocks_new_findings)
{
	struct run r;
	char cmd[PATH_MAX * 4];
	int rc;

	make_repo();
	sh("cp '%s/scripts/git-pre-commit' .git/hooks/pre-commit", top);
	/* a clean change commits */
	sh("sed -i '14s/x + 1/x + 2/' drv.c && git add drv.c && "
	   "IOMMU_LINT='%s' IOMMU_LINT_CFLAGS='%s' git commit -qm clean", lint_path(), incflag);
	/* a change in a function with a finding is refused */
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && sed -i '19s/!= 2/!= 3/' drv.c && git add drv.c && "
		 "HOME='%s' GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t "
		 "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t IOMMU_LINT='%s' IOMMU_LINT_CFLAGS='%s' "
		 "git commit -qm bad >out.txt 2>&1",
		 tmpdir, tmpdir, lint_path(), incflag);
	rc = system(cmd);
	cr_assert_neq(rc, 0, "the hook let a finding through");
	{
		char p[PATH_MAX], *out;

		tmp_path(p, sizeof(p), "out.txt");
		out = read_file(p, NULL);
		cr_assert(out && strstr(out, "drv.c:21:2:"), "%s", out ? out : "");
		cr_assert(strstr(out, "--no-verify"), "the hook does not say how to bypass: %s", out);
		free(out);
	}
	/* the same change with a suppression that gives a reason commits */
	sh("sed -i '21s|$| /* iommu-lint: ignore unchecked-return -- test */|' drv.c && git add drv.c && "
	   "IOMMU_LINT='%s' IOMMU_LINT_CFLAGS='%s' git commit -qm suppressed", lint_path(), incflag);
	memset(&r, 0, sizeof(r));
}

/* The suppression lexer on edge cases: unterminated comments and literals. */
Test(workflow, suppression_lexer_edge_cases)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{ "int a; /* iommu-lint: ignore x-y", "e.c:1:8: ignore x-y (no reason" },
		{ "// iommu-lint: ignore a,b -- why", "e.c:1:1: ignore a,b -- why\n" },
		{ "char *s = \"open\n/* iommu-lint: ignore x -- y */\nint a;\n", "e.c:2:1: ignore x -- y\n" },
		{ "char c = '\\''; /* iommu-lint: ignore x -- y */", "e.c:1:16: ignore x -- y\n" },
		{ "/* iommu-lint: ignored x -- not a suppression */\n/* iommu-lint:ignore*/\n",
		  "e.c:2:1: ignore (no rule id) (no reason" },
		{ "/* iommu-lint: ignore x -- */\n", "e.c:1:1: ignore x (no reason" },
		{ "/**/ /*/ iommu-lint: ignore q -- r */", "e.c:1:6: ignore q -- r\n" },
	};
	const char *args[] = { "--list-suppressions", "e.c", NULL };
	struct run r;
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		put("e.c", cases[i].text);
		lint_in(&r, args);
		cr_assert_eq(r.status, 0, "case %u: exit %d: %s", i, r.status, r.err);
		cr_assert(strstr(r.out, cases[i].want), "case %u: want '%s', got '%s'", i,
			  cases[i].want, r.out);
		cr_assert_eq(count_substr(r.out, "\n"), 1, "case %u: %s", i, r.out);
		run_free(&r);
	}
}

Test(workflow, list_suppressions_missing_file)
{
	const char *args[] = { "--list-suppressions", "nosuch.c", NULL };
	struct run r;

	lint_in(&r, args);
	assert_tool_failure(&r, "nosuch.c: cannot open");
	run_free(&r);
}
