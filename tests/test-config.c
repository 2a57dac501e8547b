// SPDX-License-Identifier: GPL-2.0
/*
 * test-config.c - .iommu-lint files: options read from the current
 * directory upward and overridden by the command line, relative paths
 * taken from the file's directory, "root = true", excludes for positional
 * files, --files-from, -p and --staged, per-directory rule switches (a
 * nearer file re-enables what a farther one disabled), --print-config with
 * the origin of each value, --no-config, and one-line errors naming the
 * file and line.  Every scan is fast mode over copies of one leaking
 * fixture (device-lookup-put at line 12 of each copy).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

#define LEAK "corpus/device-lookup-put/bad-later-return-leaks.c"

static char tmpdir[PATH_MAX], top[PATH_MAX], lint[PATH_MAX * 2];

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	tmpdir_make(tmpdir, sizeof(tmpdir), "config");
	if (lint_path()[0] == '/')
		snprintf(lint, sizeof(lint), "%s", lint_path());
	else
		snprintf(lint, sizeof(lint), "%s/%s", top, lint_path());
}

static void teardown(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(config, .init = setup, .fini = teardown, .timeout = 60);

static void sh(const char *fmt, ...)
{
	char body[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	cr_assert_eq(shell_status("cd '%s' && export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t "
				  "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@t GIT_CONFIG_NOSYSTEM=1 "
				  "HOME='%s' && { %s ; } >/dev/null 2>&1", tmpdir, tmpdir, body), 0,
		     "failed: %s", body);
}

/* The checker run in tmpdir/dir ("." for tmpdir) with args, NULL-terminated. */
static void lint_in(struct run *r, const char *dir, ...)
{
	char *argv[40], where[PATH_MAX * 2];
	const char *a;
	va_list ap;
	int n = 0;

	snprintf(where, sizeof(where), "%s/%s", tmpdir, dir);
	argv[n++] = "/bin/sh";
	argv[n++] = "-c";
	argv[n++] = "cd \"$1\" && shift && exec \"$@\"";
	argv[n++] = "sh";
	argv[n++] = where;
	argv[n++] = lint;
	va_start(ap, dir);
	while ((a = va_arg(ap, const char *)) && n < 39)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0);
}

/* The leaking fixture copied into each directory, and the config files. */
static void make_tree(const char *top_cfg, const char *sub_cfg, const char *deep_cfg)
{
	sh("mkdir -p sub/deep skip && for d in . sub sub/deep skip; do "
	   "grep -v expect: '%s/" LEAK "' > $d/leak.c; done", top);
	if (top_cfg)
		sh("printf '%%s' '%s' > .iommu-lint", top_cfg);
	if (sub_cfg)
		sh("printf '%%s' '%s' > sub/.iommu-lint", sub_cfg);
	if (deep_cfg)
		sh("printf '%%s' '%s' > sub/deep/.iommu-lint", deep_cfg);
}

static unsigned leaks(const struct run *r)
{
	return count_substr(r->out, "[device-lookup-put]");
}

Test(config, options_apply_and_the_command_line_wins)
{
	struct run r;

	make_tree("# rules\n-Wno-device-lookup-put\n--format json\n", NULL, NULL);
	lint_in(&r, ".", "-q", "leak.c", NULL);
	cr_assert_eq(r.status, 0, "the config's -Wno did not apply: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "\"findings\""), "the config's --format json did not apply: %s",
		  r.out);
	run_free(&r);
	lint_in(&r, ".", "-q", "-Wdevice-lookup-put", "--format=text", "leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "leak.c:12:9: warning:"), "%s", r.out);
	run_free(&r);
	/* from a sub-directory: found upward */
	lint_in(&r, "sub", "-q", "leak.c", NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	run_free(&r);
	/* --no-config reads none */
	lint_in(&r, ".", "-q", "--no-config", "leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	run_free(&r);
}

Test(config, paths_are_relative_to_the_config_file)
{
	struct run r;

	make_tree(NULL, NULL, NULL);
	/* a baseline of the leak at the top; the runs start in sub/deep */
	lint_in(&r, "sub/deep", "-q", "--write-baseline", "../../base.json", "leak.c", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	sh("printf -- '--baseline base.json\\n' > .iommu-lint");
	lint_in(&r, "sub/deep", "-q", "leak.c", NULL);
	cr_assert_eq(r.status, 0, "the baseline was not found from sub/deep: %s%s", r.out, r.err);
	run_free(&r);
	/* root = true stops the search: the baseline is not read */
	sh("printf 'root = true\\n' > sub/.iommu-lint");
	lint_in(&r, "sub/deep", "-q", "leak.c", NULL);
	cr_assert_eq(r.status, 1, "root = true did not stop the search: %s%s", r.out, r.err);
	run_free(&r);
}

Test(config, per_directory_rule_switches)
{
	struct run r;

	make_tree(NULL, "-Wno-device-lookup-put\n", "-Wdevice-lookup-put\n");
	lint_in(&r, ".", "-q", "leak.c", "sub/leak.c", "sub/deep/leak.c", "skip/leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(leaks(&r), 3, "%s", r.out);
	cr_assert(!strstr(r.out, "\nsub/leak.c") && strncmp(r.out, "sub/leak.c", 10),
		  "sub/.iommu-lint disables the rule there: %s", r.out);
	cr_assert(strstr(r.out, "sub/deep/leak.c:12:9:"), "sub/deep re-enables it: %s", r.out);
	run_free(&r);
	/* only the disabled directory scanned: still nothing */
	lint_in(&r, ".", "-q", "sub/leak.c", NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	run_free(&r);
	/* the command line wins over every directory */
	lint_in(&r, ".", "-q", "-Wdevice-lookup-put", "sub/leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	run_free(&r);
	/* a farther file disables, a nearer one raises to an error */
	sh("printf -- '-Wno-device-lookup-put\\n' > .iommu-lint && "
	   "printf -- '-Werror=device-lookup-put\\n' > sub/.iommu-lint && rm sub/deep/.iommu-lint");
	lint_in(&r, ".", "-q", "leak.c", "sub/deep/leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(leaks(&r), 1, "%s", r.out);
	cr_assert(strstr(r.out, "sub/deep/leak.c:12:9: error:"), "%s", r.out);
	run_free(&r);
}

Test(config, excludes_apply_to_every_way_of_naming_files)
{
	struct run r;

	make_tree("exclude = skip\nexclude = sub/deep/*.c\n", NULL, NULL);
	lint_in(&r, ".", "-q", "leak.c", "skip/leak.c", "sub/deep/leak.c", NULL);
	cr_assert_eq(leaks(&r), 1, "%s", r.out);
	cr_assert(strstr(r.out, "leak.c:12:9:") == r.out, "%s", r.out);
	run_free(&r);
	/* the summary says what the config left out */
	lint_in(&r, ".", "leak.c", "skip/leak.c", "sub/deep/leak.c", NULL);
	cr_assert(strstr(r.err, "1 TUs (1 parsed, 0 skipped by prefilter, 2 excluded by .iommu-lint)"),
		  "%s", r.err);
	run_free(&r);
	lint_in(&r, ".", "leak.c", NULL);
	cr_assert(!strstr(r.err, "excluded"), "%s", r.err);
	run_free(&r);
	/* --files-from */
	sh("printf 'skip/leak.c\\nsub/leak.c\\nsub/deep/leak.c\\n' > list");
	lint_in(&r, ".", "-q", "--files-from=list", NULL);
	cr_assert_eq(leaks(&r), 1, "%s", r.out);
	cr_assert(strstr(r.out, "sub/leak.c:12:9:") == r.out, "%s", r.out);
	run_free(&r);
	/* -p: a compile DB listing all four */
	sh("printf '[' > compile_commands.json && for f in leak.c skip/leak.c sub/leak.c "
	   "sub/deep/leak.c; do printf '{\"directory\": \"%s\", \"file\": \"%%s\", "
	   "\"arguments\": [\"cc\", \"-c\", \"%%s\"]},' $f $f >> compile_commands.json; done && "
	   "sed -i 's/,$/]/' compile_commands.json", tmpdir);
	lint_in(&r, ".", "-q", "--fast", "-p", ".", NULL);
	cr_assert_eq(leaks(&r), 2, "%s%s", r.out, r.err);
	cr_assert(!strstr(r.out, "skip/") && !strstr(r.out, "deep/"), "%s", r.out);
	run_free(&r);
	/* --staged, the hook */
	sh("rm compile_commands.json && git init -q . && git add leak.c skip sub");
	lint_in(&r, ".", "-q", "--staged", NULL);
	cr_assert_eq(leaks(&r), 2, "%s%s", r.out, r.err);
	cr_assert(!strstr(r.out, "skip/") && !strstr(r.out, "deep/"), "%s", r.out);
	run_free(&r);
	/* a directory's own exclude covers its own files */
	sh("printf 'exclude = leak.c\\n' > sub/.iommu-lint");
	lint_in(&r, ".", "-q", "sub/leak.c", "leak.c", NULL);
	cr_assert_eq(leaks(&r), 1, "%s", r.out);
	cr_assert(strstr(r.out, "leak.c:12:9:") == r.out, "%s", r.out);
	run_free(&r);
}

Test(config, print_config_says_where_each_value_came_from)
{
	char want[PATH_MAX * 2];
	struct run r;

	make_tree("--fail-on=note\n-j 1\nexclude = skip\n", "-Wno-device-lookup-put\n", NULL);
	lint_in(&r, "sub", "--print-config", "-j", "2", "leak.c", NULL);
	cr_assert_eq(r.status, 0, "%s", r.err);
	snprintf(want, sizeof(want), "#   %s/.iommu-lint\n", tmpdir);
	cr_assert(strstr(r.out, want), "%s", r.out);
	snprintf(want, sizeof(want), "#   %s/sub/.iommu-lint\n", tmpdir);
	cr_assert(strstr(r.out, want), "%s", r.out);
	snprintf(want, sizeof(want), "# %s/.iommu-lint:1\n", tmpdir);
	cr_assert(strstr(r.out, "--fail-on=note ") && strstr(r.out, want), "%s", r.out);
	snprintf(want, sizeof(want), "# %s/.iommu-lint:2, overridden: command line\n", tmpdir);
	cr_assert(strstr(r.out, "-j 1 ") && strstr(r.out, want), "%s", r.out);
	cr_assert(strstr(r.out, "-j 2 ") && strstr(r.out, "# command line\n"), "%s", r.out);
	snprintf(want, sizeof(want), "# %s/.iommu-lint:3\n", tmpdir);
	cr_assert(strstr(r.out, "exclude = skip ") && strstr(r.out, want), "%s", r.out);
	snprintf(want, sizeof(want), "# %s/sub/.iommu-lint:1\n", tmpdir);
	cr_assert(strstr(r.out, "-Wno-device-lookup-put ") && strstr(r.out, want), "%s", r.out);
	run_free(&r);
}

Test(config, errors_name_the_file_and_line)
{
	char want[PATH_MAX * 2];
	struct run r;

	make_tree("# ok\n\n--frob\n", "bogus = 1\n", NULL);
	lint_in(&r, ".", "leak.c", NULL);
	snprintf(want, sizeof(want), "%s/.iommu-lint:3: unknown option '--frob'", tmpdir);
	assert_tool_failure(&r, want);
	run_free(&r);
	sh("rm .iommu-lint");
	lint_in(&r, ".", "sub/leak.c", NULL);
	snprintf(want, sizeof(want), "%s/sub/.iommu-lint:1: unknown setting 'bogus'", tmpdir);
	assert_tool_failure(&r, want);
	run_free(&r);
	sh("printf -- '-Wnope\\n' > sub/.iommu-lint");
	lint_in(&r, ".", "sub/leak.c", NULL);
	snprintf(want, sizeof(want), "%s/sub/.iommu-lint:1: unknown rule id 'nope'", tmpdir);
	assert_tool_failure(&r, want);
	run_free(&r);
	sh("printf -- '-j\\n' > sub/.iommu-lint");
	lint_in(&r, "sub", "leak.c", NULL);
	snprintf(want, sizeof(want), "%s/sub/.iommu-lint:1: option -j needs a value", tmpdir);
	assert_tool_failure(&r, want);
	run_free(&r);
}

/* -Wno-<unknown> in a file is a warning naming the file and line, said once,
 * also in a directory below the current one (read per scanned file). */
Test(config, unknown_wno_in_a_file_is_a_warning_with_its_line)
{
	char want[PATH_MAX * 2];
	struct run r;

	make_tree(NULL, "-Wno-device-lookup-puts\n", NULL);
	lint_in(&r, ".", "-q", "sub/leak.c", "sub/deep/leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	snprintf(want, sizeof(want), "iommu-lint: warning: %s/sub/.iommu-lint:1: unknown rule id "
		 "'device-lookup-puts' in -Wno-device-lookup-puts", tmpdir);
	cr_assert(strstr(r.err, want), "no warning naming the line: %s", r.err);
	cr_assert_eq(count_substr(r.err, "unknown rule id"), 1, "%s", r.err);
	run_free(&r);
	/* the run's own chain (found from the current directory): once too */
	lint_in(&r, "sub", "-q", "leak.c", "deep/leak.c", NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert_eq(count_substr(r.err, "unknown rule id"), 1, "%s", r.err);
	run_free(&r);
}
