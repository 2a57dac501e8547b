// SPDX-License-Identifier: GPL-2.0
/*
 * test-meta.c - what surrounds the findings: --explain and the docs built
 * into the binary, iommu-lint(1) kept in step with --help, make install /
 * uninstall, bash completion, SARIF help / suppressions / provenance, and
 * the GitLab Code Quality report checked against its schema.
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

#define INC "-Ireference/include"
#define SUPPRESSED "corpus/suppression-reason/ok-with-reason.c"
#define BAD "corpus/of-xlate-presence/bad-missing.c"
#define CQ_SCHEMA "tests/data/codequality.schema.json"

static char tmpdir[PATH_MAX];

static void make_tmpdir(void)
{
	tmpdir_make(tmpdir, sizeof(tmpdir), "meta");
}

static void remove_tmpdir(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(meta, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 120);

/* Run the checker with the NULL-terminated arguments after argv[0]. */
static void lint(struct run *r, const char *const *args)
{
	char *argv[32];
	int n = 0;

	argv[n++] = (char *)lint_path();
	while (*args && n < 31)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
}

static struct json_object *parse_out(const struct run *r)
{
	struct json_object *o = json_tokener_parse(r->out);

	cr_assert(o, "output is not JSON: %.400s", r->out);
	return o;
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	cr_assert(json_object_object_get_ex(o, key, &v), "no '%s' in %s", key,
		  json_object_to_json_string(o));
	return v;
}

static struct json_object *sarif_run(struct json_object *root)
{
	return json_object_array_get_idx(get(root, "runs"), 0);
}

/* The rule ids of --list-rules, NUL-separated into buf; how many. */
static int rule_ids(char *buf, size_t size, const char **ids, int max)
{
	const char *args[] = { "--list-rules", NULL };
	struct run r;
	char *line, *save = NULL;
	int n = 0;

	lint(&r, args);
	cr_assert_eq(r.status, 0);
	snprintf(buf, size, "%s", r.out);
	run_free(&r);
	for (line = strtok_r(buf, "\n", &save); line && n < max; line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, " ")] = '\0';
		ids[n++] = line;
	}
	cr_assert_gt(n, 5, "--list-rules lists too few rules");
	return n;
}

/* --- --explain ------------------------------------------------------------ */

Test(meta, explain_prints_every_rule_doc_as_written)
{
	const char *ids[64];
	char buf[16384], path[PATH_MAX];
	int n = rule_ids(buf, sizeof(buf), ids, 64), i;

	for (i = 0; i < n; i++) {
		const char *args[] = { "--explain", ids[i], NULL };
		struct run r;
		char *doc;

		snprintf(path, sizeof(path), "docs/rules/%s.md", ids[i]);
		doc = read_file(path, NULL);
		cr_assert(doc, "no %s", path);
		lint(&r, args);
		cr_assert_eq(r.status, 0, "--explain %s: %s", ids[i], r.err);
		cr_assert_str_eq(r.out, doc, "--explain %s is not %s", ids[i], path);
		run_free(&r);
		free(doc);
	}
}

Test(meta, explain_equals_form)
{
	const char *args[] = { "--explain=resv-region", NULL };
	struct run r;

	lint(&r, args);
	cr_assert_eq(r.status, 0);
	cr_assert(!strncmp(r.out, "# resv-region\n", 14), "%.80s", r.out);
	run_free(&r);
}

Test(meta, explain_unknown_rule_is_one_line_error)
{
	const char *args[] = { "--explain", "no-such-rule", NULL };
	struct run r;

	lint(&r, args);
	assert_tool_failure(&r, "no-such-rule");
	cr_assert_str_empty(r.out);
	run_free(&r);
}

Test(meta, explain_without_rule_lists_them)
{
	const char *args[] = { "--explain", NULL };
	const char *ids[64];
	char buf[16384];
	int n = rule_ids(buf, sizeof(buf), ids, 64), i;
	struct run r;

	lint(&r, args);
	cr_assert_eq(r.status, 0);
	for (i = 0; i < n; i++)
		cr_assert(strstr(r.out, ids[i]), "--explain does not list %s", ids[i]);
	run_free(&r);
}

/* --- iommu-lint(1) --------------------------------------------------------- */

Test(meta, help_mentions_explain)
{
	const char *args[] = { "--help", NULL };
	struct run r;

	lint(&r, args);
	cr_assert_eq(r.status, 0);
	cr_assert(strstr(r.out, "--explain"), "--help does not mention --explain");
	run_free(&r);
}

/* Every long option --help names is in the man page (as \-\-name). */
Test(meta, man_page_has_every_option_of_help)
{
	const char *args[] = { "--help", NULL };
	char *man = read_file("docs/iommu-lint.1", NULL), *p, want[128];
	struct run r;
	unsigned seen = 0;

	cr_assert(man, "no docs/iommu-lint.1");
	lint(&r, args);
	cr_assert_eq(r.status, 0);
	for (p = r.out; (p = strstr(p, "--")); ) {
		size_t n = 0;

		p += 2;
		while (n < 100 && (p[n] == '-' || (p[n] >= 'a' && p[n] <= 'z')))
			n++;
		if (!n)
			continue;
		snprintf(want, sizeof(want), "\\-\\-%.*s", (int)n, p);
		/* the escaped name, not followed by more of a longer option name */
		{
			char *hit = man;
			bool found = false;

			while ((hit = strstr(hit, want))) {
				char c = hit[strlen(want)];

				hit += strlen(want);
				if (!(c >= 'a' && c <= 'z') && c != '-') {
					found = true;
					break;
				}
			}
			cr_assert(found, "--%.*s of --help is not in docs/iommu-lint.1", (int)n, p);
		}
		seen++;
	}
	cr_assert_gt(seen, 20, "too few long options in --help");
	for (p = (char *)"SH EXIT STATUS\0SH EXAMPLES\0SH OPTIONS\0"; *p; p += strlen(p) + 1)
		cr_assert(strstr(man, p), "no %s section", p);
	run_free(&r);
	free(man);
}

Test(meta, man_page_renders_without_warnings)
{
	char out[PATH_MAX + 16];

	if (shell_status("command -v groff >/dev/null 2>&1"))
		cr_skip_test("groff is not installed");
	snprintf(out, sizeof(out), "%s/groff.err", tmpdir);
	cr_assert_eq(shell_status("groff -man -Tutf8 -ww -z docs/iommu-lint.1 2>%s", out), 0);
	{
		char *err = read_file(out, NULL);

		cr_assert(err && !*err, "groff warns: %s", err ? err : "");
		free(err);
	}
}

/* The page footer names the release the tree will be tagged as (DEF_VER of
 * scripts/version-gen.sh), not an older one. */
Test(meta, man_page_names_the_release_version)
{
	char *man = read_file("docs/iommu-lint.1", NULL);
	char *gen = read_file("scripts/version-gen.sh", NULL);
	char ver[64] = "", want[96];
	const char *p;

	cr_assert(man && gen);
	p = strstr(gen, "\nDEF_VER=");
	cr_assert(p, "no DEF_VER in scripts/version-gen.sh");
	cr_assert_eq(sscanf(p, "\nDEF_VER=%63[0-9.]", ver), 1);
	snprintf(want, sizeof(want), "\"iommu-lint %s\"", ver);
	p = strstr(man, "\n.TH ");
	cr_assert(p, "no .TH line");
	cr_assert(strstr(p, want) && strstr(p, want) < strchr(p + 1, '\n'),
		  ".TH of docs/iommu-lint.1 does not say %s", want);
	free(man);
	free(gen);
}

/* --- make install / uninstall --------------------------------------------- */

static bool exists(const char *root, const char *rel, mode_t type)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	return !stat(p, &st) && (st.st_mode & S_IFMT) == type;
}

Test(meta, install_and_uninstall_in_destdir)
{
	static const char *const files[] = {
		"usr/bin/iommu-lint", "usr/share/man/man1/iommu-lint.1",
		"usr/share/doc/iommu-lint/rules/device-group-ref.md",
		"usr/share/doc/iommu-lint/rules/unchecked-return.md",
		"usr/share/iommu-lint/git-pre-commit",
		"usr/share/bash-completion/completions/iommu-lint",
	};
	char dest[PATH_MAX], log[PATH_MAX + 16], cmd[PATH_MAX * 3];
	unsigned i;

	snprintf(dest, sizeof(dest), "%s/dest", tmpdir);
	snprintf(log, sizeof(log), "%s/make.log", tmpdir);
	cr_assert_eq(shell_status("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory install PREFIX=/usr DESTDIR=%s INSTALL_BIN=%s >%s 2>&1",
				  dest, lint_path(), log), 0, "make install failed (%s)", log);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		cr_assert(exists(dest, files[i], S_IFREG), "make install did not install %s", files[i]);
	snprintf(cmd, sizeof(cmd), "%s/usr/bin/iommu-lint --version | grep -q '^iommu-lint '", dest);
	cr_assert_eq(shell_status("%s", cmd), 0, "the installed binary does not run");
	cr_assert_eq(shell_status("test -x %s/usr/share/iommu-lint/git-pre-commit", dest), 0);
	cr_assert_eq(shell_status("cmp -s docs/iommu-lint.1 %s/usr/share/man/man1/iommu-lint.1", dest), 0);

	cr_assert_eq(shell_status("env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory uninstall PREFIX=/usr DESTDIR=%s >%s 2>&1",
				  dest, log), 0, "make uninstall failed");
	/* nothing of ours is left: no file at all, no directory named after us */
	cr_assert_eq(shell_status("test -z \"$(find %s -type f -o -type l)\"", dest), 0,
		     "make uninstall left files behind");
	cr_assert_eq(shell_status("test -z \"$(find %s -name '*iommu-lint*')\"", dest), 0,
		     "make uninstall left directories behind");
}

/* --- bash completion ------------------------------------------------------ */

/* The completions of the words (the last one is completed), space-separated. */
static char *complete(const char *words)
{
	char script[PATH_MAX], out[PATH_MAX + 16], text[2048];

	snprintf(script, sizeof(script), "%s/complete.sh", tmpdir);
	snprintf(out, sizeof(out), "%s/complete.out", tmpdir);
	snprintf(text, sizeof(text),
		 "source scripts/iommu-lint-completion.bash || exit 3\n"
		 "COMP_WORDS=(%s %s)\n"
		 "COMP_CWORD=$((${#COMP_WORDS[@]} - 1))\n"
		 "_iommu_lint\n"
		 "echo \"${COMPREPLY[*]}\"\n", lint_path(), words);
	cr_assert_eq(write_file(script, text, strlen(text)), 0);
	cr_assert_eq(shell_status("bash %s >%s 2>&1", script, out), 0, "completion failed");
	return read_file(out, NULL);
}

Test(meta, completion_options_rules_formats)
{
	char *s;

	if (shell_status("command -v bash >/dev/null 2>&1"))
		cr_skip_test("no bash");
	s = complete("--expl");
	cr_assert_str_eq(s, "--explain\n");
	free(s);
	s = complete("--explain device-");
	cr_assert_str_eq(s, "device-group-ref device-lookup-put\n");
	free(s);
	s = complete("--format = ");
	cr_assert_str_eq(s, "text json sarif codequality patch html\n");
	free(s);
	s = complete("--format=co");
	cr_assert_str_eq(s, "--format=codequality\n");
	free(s);
	s = complete("-Wno-resv");
	cr_assert_str_eq(s, "-Wno-resv-region\n");
	free(s);
	s = complete("--fail-on ''");
	cr_assert_str_eq(s, "error warning note\n");
	free(s);
}

/* --- SARIF ---------------------------------------------------------------- */

Test(meta, sarif_rules_carry_their_docs)
{
	const char *args[] = { "-q", "--format=sarif", BAD, "--", INC, NULL };
	struct json_object *root, *driver, *rules;
	struct run r;
	size_t i;

	lint(&r, args);
	cr_assert_eq(r.status, 1, "%s", r.err);
	root = parse_out(&r);
	driver = get(get(sarif_run(root), "tool"), "driver");
	cr_assert(strstr(json_object_get_string(get(driver, "informationUri")), "://"));
	rules = get(driver, "rules");
	cr_assert_gt(json_object_array_length(rules), 5);
	for (i = 0; i < json_object_array_length(rules); i++) {
		struct json_object *rule = json_object_array_get_idx(rules, i);
		const char *id = json_object_get_string(get(rule, "id"));
		const char *uri = json_object_get_string(get(rule, "helpUri"));
		char tail[256], path[PATH_MAX], *doc;

		snprintf(tail, sizeof(tail), "/rules/%s.md", id);
		cr_assert(strlen(uri) > strlen(tail) && !strcmp(uri + strlen(uri) - strlen(tail), tail),
			  "helpUri of %s: %s", id, uri);
		snprintf(path, sizeof(path), "docs/rules/%s.md", id);
		doc = read_file(path, NULL);
		cr_assert_str_eq(json_object_get_string(get(get(rule, "help"), "markdown")), doc,
				 "help.markdown of %s is not its doc", id);
		free(doc);
	}
	json_object_put(root);
	run_free(&r);
}

/* Inline suppressions: SARIF keeps the results; text, JSON and the exit status do not see them. */
Test(meta, sarif_keeps_inline_suppressed_results)
{
	const char *sarif[] = { "-q", "--format=sarif", SUPPRESSED, "--", INC, NULL };
	const char *json[] = { "-q", "--format=json", SUPPRESSED, "--", INC, NULL };
	const char *text[] = { "-q", SUPPRESSED, "--", INC, NULL };
	struct json_object *root, *results;
	struct run r;
	size_t i;

	lint(&r, sarif);
	cr_assert_eq(r.status, 0, "suppressed findings must not fail the run: %s", r.err);
	root = parse_out(&r);
	results = get(sarif_run(root), "results");
	cr_assert_eq(json_object_array_length(results), 2, "%s", r.out);
	for (i = 0; i < 2; i++) {
		struct json_object *res = json_object_array_get_idx(results, i);
		struct json_object *sup = json_object_array_get_idx(get(res, "suppressions"), 0);

		cr_assert_str_eq(json_object_get_string(get(sup, "kind")), "inSource");
		cr_assert(strstr(json_object_get_string(get(sup, "justification")), "firmware"),
			  "the reason is the justification: %s", json_object_to_json_string(sup));
	}
	json_object_put(root);
	run_free(&r);

	lint(&r, text);
	cr_assert_eq(r.status, 0);
	cr_assert_str_empty(r.out);
	run_free(&r);
	lint(&r, json);
	cr_assert_eq(r.status, 0);
	root = parse_out(&r);
	cr_assert_eq(json_object_array_length(get(root, "findings")), 0);
	json_object_put(root);
	run_free(&r);
}

Test(meta, sarif_keeps_baselined_results)
{
	char bl[PATH_MAX];
	const char *write[] = { "-q", "--write-baseline", bl, BAD, "--", INC, NULL };
	const char *use[] = { "-q", "--format=sarif", "--baseline", bl, BAD, "--", INC, NULL };
	const char *text[] = { "-q", "--baseline", bl, BAD, "--", INC, NULL };
	struct json_object *root, *results, *sup;
	struct run r;

	snprintf(bl, sizeof(bl), "%s/baseline.json", tmpdir);
	lint(&r, write);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	lint(&r, use);
	cr_assert_eq(r.status, 0, "baselined findings must not fail the run: %s", r.err);
	root = parse_out(&r);
	results = get(sarif_run(root), "results");
	cr_assert_eq(json_object_array_length(results), 1, "%s", r.out);
	sup = json_object_array_get_idx(get(json_object_array_get_idx(results, 0), "suppressions"), 0);
	cr_assert_str_eq(json_object_get_string(get(sup, "kind")), "external");
	cr_assert(strstr(json_object_get_string(get(sup, "justification")), bl),
		  "the justification names the baseline: %s", json_object_to_json_string(sup));
	json_object_put(root);
	run_free(&r);
	lint(&r, text);
	cr_assert_eq(r.status, 0);
	cr_assert_str_empty(r.out);
	run_free(&r);
}

/* --merge counts only results that are not suppressed for its exit status. */
Test(meta, merge_ignores_suppressed_results)
{
	char dir[PATH_MAX], out[PATH_MAX];
	const char *scan[] = { "-q", "--sarif-dir", dir, SUPPRESSED, "--", INC, NULL };
	const char *merge[] = { "-q", "--merge", dir, "-o", out, NULL };
	struct run r;

	snprintf(dir, sizeof(dir), "%s/sarif", tmpdir);
	snprintf(out, sizeof(out), "%s/merged.sarif", tmpdir);
	mkdir(dir, 0755);
	lint(&r, scan);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	lint(&r, merge);
	cr_assert_eq(r.status, 0, "a merged log of suppressed results fails: %s", r.err);
	run_free(&r);
	{
		char *s = read_file(out, NULL);

		cr_assert(s && count_substr(s, "\"suppressions\"") == 2, "%s", s ? s : "");
		free(s);
	}
}

/* The SARIF log of a scan run with cwd dir (a shell command), parsed. */
static struct json_object *sarif_in(const char *dir)
{
	char cwd[PATH_MAX], out[PATH_MAX + 16], *text;
	struct json_object *root;

	cr_assert(getcwd(cwd, sizeof(cwd)));
	snprintf(out, sizeof(out), "%s/vcp.sarif", tmpdir);
	cr_assert_lt(shell_status("cd %s && %s -q --format=sarif -o %s %s/" BAD " -- -I%s/reference/include",
				  dir, lint_path(), out, cwd, cwd), 2);
	text = read_file(out, NULL);
	root = text ? json_tokener_parse(text) : NULL;
	cr_assert(root, "no SARIF log: %s", text ? text : "");
	free(text);
	return root;
}

static char *git_out(const char *dir, const char *args)
{
	char out[PATH_MAX + 16], *s;

	snprintf(out, sizeof(out), "%s/git.out", tmpdir);
	cr_assert_eq(shell_status("git -C %s %s >%s 2>/dev/null", dir, args, out), 0, "git %s", args);
	s = read_file(out, NULL);
	s[strcspn(s, "\n")] = '\0';
	return s;
}

Test(meta, sarif_version_control_provenance_in_git)
{
	char repo[PATH_MAX], uri[PATH_MAX + 16], *head, *top;
	struct json_object *root, *vcp, *vcd;

	if (shell_status("command -v git >/dev/null 2>&1"))
		cr_skip_test("no git");
	snprintf(repo, sizeof(repo), "%s/repo", tmpdir);
	cr_assert_eq(shell_status("git init -q -b topic %s && cd %s && echo x >f && git add f && "
				  "git -c user.name=t -c user.email=t@t commit -qm init",
				  repo, repo), 0);
	head = git_out(repo, "rev-parse HEAD");
	top = git_out(repo, "rev-parse --show-toplevel");

	/* no origin: the file URI of the top of the work tree */
	root = sarif_in(repo);
	vcp = get(sarif_run(root), "versionControlProvenance");
	cr_assert_eq(json_object_array_length(vcp), 1);
	vcd = json_object_array_get_idx(vcp, 0);
	snprintf(uri, sizeof(uri), "file://%s/", top);
	cr_assert_str_eq(json_object_get_string(get(vcd, "repositoryUri")), uri);
	cr_assert_str_eq(json_object_get_string(get(vcd, "revisionId")), head);
	cr_assert_str_eq(json_object_get_string(get(vcd, "branch")), "topic");
	json_object_put(root);

	/* origin's URL when there is one */
	cr_assert_eq(shell_status("git -C %s remote add origin https://git.example.org/drv.git", repo), 0);
	root = sarif_in(repo);
	vcd = json_object_array_get_idx(get(sarif_run(root), "versionControlProvenance"), 0);
	cr_assert_str_eq(json_object_get_string(get(vcd, "repositoryUri")),
			 "https://git.example.org/drv.git");
	json_object_put(root);

	/* every origin becomes an absolute URI, never with a password in it */
	{
		static const char *const cases[][2] = {
			{ "https://ci:s3cret@git.example.org/drv.git", "https://git.example.org/drv.git" },
			{ "git@git.example.org:iommu/drv.git", "ssh://git@git.example.org/iommu/drv.git" },
			{ "ssh://git@git.example.org:2222/drv.git", "ssh://git@git.example.org:2222/drv.git" },
			{ "/srv/git/my drv.git", "file:///srv/git/my%20drv.git" },
			{ ".", NULL },	/* relative: the top of the work tree */
		};
		unsigned i;

		for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			cr_assert_eq(shell_status("git -C %s remote set-url origin '%s'", repo,
						  cases[i][0]), 0);
			root = sarif_in(repo);
			vcd = json_object_array_get_idx(get(sarif_run(root), "versionControlProvenance"), 0);
			snprintf(uri, sizeof(uri), "file://%s", top);
			cr_assert_str_eq(json_object_get_string(get(vcd, "repositoryUri")),
					 cases[i][1] ? cases[i][1] : uri, "origin %s", cases[i][0]);
			json_object_put(root);
		}
	}
	free(head);
	free(top);
}

Test(meta, sarif_no_provenance_outside_git)
{
	char dir[PATH_MAX];
	struct json_object *root, *v;

	snprintf(dir, sizeof(dir), "%s/plain", tmpdir);
	mkdir(dir, 0755);
	if (!shell_status("git -C %s rev-parse --git-dir >/dev/null 2>&1", dir))
		cr_skip_test("%s is inside a git work tree", dir);
	root = sarif_in(dir);
	cr_assert(!json_object_object_get_ex(sarif_run(root), "versionControlProvenance", &v),
		  "versionControlProvenance outside a git checkout");
	json_object_put(root);
}

/* --- GitLab Code Quality -------------------------------------------------- */

static int validate_cq(const char *report)
{
	return shell_status("python3 scripts/codequality-validate.py " CQ_SCHEMA " %s >&2", report);
}

Test(meta, codequality_report_is_valid)
{
	char out[PATH_MAX];
	const char *args[] = { "-q", "--format=codequality", "-o", out,
			       "corpus/of-xlate-presence/bad-missing.c",
			       "corpus/of-xlate-presence/bad-args-const-decl.c",
			       "corpus/resv-region/bad-int-type.c", "--", INC, NULL };
	struct json_object *root, *issue;
	struct run r;
	char *text;

	snprintf(out, sizeof(out), "%s/gl-code-quality.json", tmpdir);
	lint(&r, args);
	cr_assert_eq(r.status, 1, "findings exit 1 as in text mode: %s", r.err);
	run_free(&r);
	cr_assert_eq(validate_cq(out), 0, "%s is not a valid Code Quality report", out);
	text = read_file(out, NULL);
	root = json_tokener_parse(text);
	cr_assert(json_object_is_type(root, json_type_array));
	cr_assert_geq(json_object_array_length(root), 3);
	/* a note-level finding (the unchecked args_count) is "info", a warning "major" */
	issue = json_object_array_get_idx(root, 0);
	cr_assert_str_eq(json_object_get_string(get(issue, "check_name")), "of-xlate-presence");
	cr_assert_str_eq(json_object_get_string(get(issue, "severity")), "info");
	cr_assert_str_eq(json_object_get_string(get(get(issue, "location"), "path")),
			 "corpus/of-xlate-presence/bad-args-const-decl.c");
	issue = json_object_array_get_idx(root, 1);
	cr_assert_str_eq(json_object_get_string(get(issue, "severity")), "major");
	cr_assert_str_eq(json_object_get_string(get(get(issue, "location"), "path")),
			 "corpus/of-xlate-presence/bad-missing.c");
	json_object_put(root);
	free(text);
}

/* The validator itself rejects what GitLab would: a wrong severity, a missing line, a repeat. */
Test(meta, codequality_validator_rejects_bad_reports)
{
	static const char *const bad[] = {
		"{}",
		"[{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\",\"severity\":\"warning\","
		"\"location\":{\"path\":\"a.c\",\"lines\":{\"begin\":1}}}]",
		"[{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\",\"severity\":\"minor\","
		"\"location\":{\"path\":\"a.c\",\"lines\":{}}}]",
		"[{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\",\"severity\":\"minor\","
		"\"location\":{\"path\":\"a.c\",\"lines\":{\"begin\":1}}},"
		"{\"description\":\"d\",\"check_name\":\"c\",\"fingerprint\":\"f\",\"severity\":\"minor\","
		"\"location\":{\"path\":\"a.c\",\"lines\":{\"begin\":2}}}]",
	};
	char p[PATH_MAX];
	unsigned i;

	snprintf(p, sizeof(p), "%s/bad.json", tmpdir);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cr_assert_eq(write_file(p, bad[i], strlen(bad[i])), 0);
		cr_assert_eq(shell_status("python3 scripts/codequality-validate.py " CQ_SCHEMA " %s >/dev/null",
					  p), 1, "accepted: %s", bad[i]);
	}
}

/* Repeats of one finding get distinct fingerprints; suppressed findings are not issues. */
Test(meta, codequality_fingerprints_unique_and_suppressed_hidden)
{
	static const char rep[] =
		"void f(void)\n{\n"
		"\tint a; /* iommu-lint: ignore nope-rule -- x */\n"
		"\tint b; /* iommu-lint: ignore nope-rule -- x */\n}\n";
	char out[PATH_MAX], src[PATH_MAX], *text;
	/* one defect twice in one function: two findings with one baseline fingerprint */
	const char *args[] = { "-q", "--format=codequality", "-o", out, src, NULL };
	const char *sup[] = { "-q", "--format=codequality", SUPPRESSED, "--", INC, NULL };
	struct json_object *root;
	const char *a, *b;
	struct run r;

	snprintf(out, sizeof(out), "%s/cq.json", tmpdir);
	snprintf(src, sizeof(src), "%s/rep.c", tmpdir);
	cr_assert_eq(write_file(src, rep, strlen(rep)), 0);
	lint(&r, args);
	cr_assert_eq(r.status, 1);
	run_free(&r);
	cr_assert_eq(validate_cq(out), 0, "fingerprints repeat");
	text = read_file(out, NULL);
	root = json_tokener_parse(text);
	cr_assert_eq(json_object_array_length(root), 2, "%s", text);
	a = json_object_get_string(get(json_object_array_get_idx(root, 0), "fingerprint"));
	b = json_object_get_string(get(json_object_array_get_idx(root, 1), "fingerprint"));
	cr_assert(strlen(b) == strlen(a) + 2 && !strncmp(a, b, strlen(a)) &&
		  !strcmp(b + strlen(a), "-2"), "repeat fingerprints: %s %s", a, b);
	json_object_put(root);
	free(text);

	lint(&r, sup);
	cr_assert_eq(r.status, 0);
	root = parse_out(&r);
	cr_assert(json_object_is_type(root, json_type_array));
	cr_assert_eq(json_object_array_length(root), 0,
		     "suppressed findings are not Code Quality issues: %s", r.out);
	json_object_put(root);
	run_free(&r);
}
