// SPDX-License-Identifier: GPL-2.0
/*
 * test-hooks.c - the hook of .pre-commit-hooks.yaml under the real pre-commit
 * framework, in a scratch repository whose second commit leaks a device
 * reference: `pre-commit run --all-files` and `--from-ref/--to-ref` over it
 * fail (they used to pass, since the hook only read the staged diff), a range
 * that does not touch the leak passes, and at commit time only the changed
 * functions count.  The framework clones a scratch copy of the hook
 * repository (.pre-commit-hooks.yaml, scripts/git-pre-commit) at a tag.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

static char tmpdir[PATH_MAX], top[PATH_MAX], lint[PATH_MAX * 2];

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	tmpdir_make(tmpdir, sizeof(tmpdir), "hooks");
	if (lint_path()[0] == '/')
		snprintf(lint, sizeof(lint), "%s", lint_path());
	else
		snprintf(lint, sizeof(lint), "%s/%s", top, lint_path());
}

static void teardown(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(hooks, .init = setup, .fini = teardown, .timeout = 120);

#define ENV "export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@t GIT_COMMITTER_NAME=t " \
	"GIT_COMMITTER_EMAIL=t@t GIT_CONFIG_NOSYSTEM=1 HOME='%s' PRE_COMMIT_HOME='%s/pc-home' " \
	"IOMMU_LINT='%s' && "

/* Run a command in tmpdir/k with the test's environment; output in tmpdir/out.txt. */
static int sh_status(const char *fmt, ...)
{
	char body[6000];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	return shell_status("cd '%s/k' && " ENV "{ %s ; } >'%s/out.txt' 2>&1", tmpdir, tmpdir,
			    tmpdir, lint, body, tmpdir);
}

static char *output(void)
{
	char p[PATH_MAX + 16];

	snprintf(p, sizeof(p), "%s/out.txt", tmpdir);
	return read_file(p, NULL);
}

static void sh(const char *fmt, ...)
{
	char body[6000], *out;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	rc = sh_status("%s", body);
	out = output();
	cr_assert_eq(rc, 0, "failed: %s\n%s", body, out ? out : "");
	free(out);
}

/*
 * The hook repository at tag v0.0.1-test, and the repository it checks:
 * a clean first commit, then drv/leak.c (a device reference leaked on three
 * returns, the fixture corpus/device-lookup-put/bad-later-return-leaks.c).
 */
static void make_repos(void)
{
	cr_assert_eq(shell_status("command -v pre-commit >/dev/null"), 0,
		     "the pre-commit framework is not installed (scripts/deps.sh installs it)");
	cr_assert_eq(shell_status("cd '%s' && mkdir -p k hookrepo/scripts && "
				  "cp '%s/.pre-commit-hooks.yaml' hookrepo/ && "
				  "cp '%s/scripts/git-pre-commit' hookrepo/scripts/",
				  tmpdir, top, top), 0);
	sh("cd ../hookrepo && git init -q . && git add . && git commit -qm hooks && "
	   "git tag -a v0.0.1-test -m test");
	sh("git init -q . && mkdir drv && cp -r '%s/reference/include' . && "
	   "printf 'int ok(int x);\\nint ok(int x)\\n{\\n\\treturn x;\\n}\\n' > drv/ok.c && "
	   "printf 'repos:\\n  - repo: %s/hookrepo\\n    rev: v0.0.1-test\\n"
	   "    hooks:\\n      - id: iommu-lint\\n' > .pre-commit-config.yaml && "
	   "git add . && git commit -qm init", top, tmpdir);
	sh("grep -v 'expect:' '%s/corpus/device-lookup-put/bad-later-return-leaks.c' > drv/leak.c && "
	   "git add drv/leak.c && git commit -qm leak", top);
}

static void assert_leak_reported(int rc)
{
	char *out = output();

	cr_assert_eq(rc, 1, "pre-commit exit %d, not 1:\n%s", rc, out ? out : "");
	cr_assert(strstr(out, "Failed"), "%s", out);
	cr_assert(strstr(out, "drv/leak.c:12:9: warning: device reference 'pdev'"), "%s", out);
	cr_assert(strstr(out, "[device-lookup-put]"), "%s", out);
	free(out);
}

static void assert_passed(int rc)
{
	char *out = output();

	cr_assert_eq(rc, 0, "pre-commit exit %d, not 0:\n%s", rc, out ? out : "");
	cr_assert(strstr(out, "Passed") || strstr(out, "Skipped"), "%s", out);
	free(out);
}

Test(hooks, all_files_finds_a_committed_leak)
{
	make_repos();
	assert_leak_reported(sh_status("pre-commit run --all-files"));
	/* --files names one file: the whole file is checked too */
	assert_leak_reported(sh_status("pre-commit run --files drv/leak.c"));
	assert_passed(sh_status("pre-commit run --files drv/ok.c"));
}

Test(hooks, from_ref_to_ref_finds_a_committed_leak)
{
	make_repos();
	assert_leak_reported(sh_status("pre-commit run --from-ref HEAD~1 --to-ref HEAD"));
	/* a later range that does not touch the leaking function passes */
	sh("printf 'int ok2(void);\\nint ok2(void)\\n{\\n\\treturn 0;\\n}\\n' >> drv/leak.c && "
	   "git commit -qam more");
	assert_passed(sh_status("pre-commit run --from-ref HEAD~1 --to-ref HEAD"));
	assert_leak_reported(sh_status("pre-commit run --from-ref HEAD~2 --to-ref HEAD"));
}

Test(hooks, commit_checks_the_changed_functions)
{
	make_repos();
	/* a new function beside the committed leak: not the commit's problem */
	sh("printf 'int ok2(void);\\nint ok2(void)\\n{\\n\\treturn 0;\\n}\\n' >> drv/leak.c && "
	   "git add drv/leak.c");
	assert_passed(sh_status("pre-commit run"));
	sh("git commit -qm 'clean change'");
	/* a change inside the leaking function is */
	sh("sed -i 's/return -EBUSY;/return -EAGAIN;/' drv/leak.c && git add drv/leak.c");
	assert_leak_reported(sh_status("pre-commit run"));
	cr_assert_neq(sh_status("pre-commit install && git commit -qm bad"), 0,
		      "git commit let the leak through");
}

/*
 * The version: `git describe` of the annotated release tag vX.Y.Z, a
 * fallback without tags or git, and a `make dist` tarball (no .git) that
 * keeps the version it was made with.
 */
TestSuite(release, .init = setup, .fini = teardown, .timeout = 120);

static char *sh_out(const char *fmt, ...)
{
	char body[4096];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	rc = shell_status("cd '%s' && " ENV "{ %s ; } >'%s/out.txt' 2>&1", tmpdir, tmpdir, tmpdir,
			  lint, body, tmpdir);
	cr_assert_eq(rc, 0, "failed: %s", body);
	return output();
}

Test(release, version_is_git_describe)
{
	char *want = sh_out("'%s/scripts/version-gen.sh'", top), *got;

	got = sh_out("'%s' --version", lint);
	cr_assert(want && got);
	cr_assert(strncmp(got, "iommu-lint ", 11) == 0 && !strcmp(got + 11, want),
		  "--version says '%s', scripts/version-gen.sh '%s'", got, want);
	free(got);
	free(want);
}

Test(release, version_with_and_without_tags)
{
	char *v;

	v = sh_out("mkdir -p r/scripts && cp '%s/scripts/version-gen.sh' r/scripts/ && cd r && "
	       "git init -q . && git add . && git commit -qm one", top);
	free(v);
	v = sh_out("r/scripts/version-gen.sh");
	cr_assert(!strncmp(v, "0.3.0-0-g", 9) && strlen(v) == 17, "no tag: '%s'", v);
	free(v);
	/* a lightweight tag is not a release */
	v = sh_out("cd r && git tag v9.0.0 && git tag -a v1.2.3 -m 1.2.3 HEAD && "
		   "git tag -d v9.0.0 >/dev/null && scripts/version-gen.sh");
	cr_assert_str_eq(v, "1.2.3\n");
	free(v);
	v = sh_out("cd r && echo x > f && git add f && git commit -qm two && scripts/version-gen.sh");
	cr_assert(!strncmp(v, "1.2.3-1-g", 9), "'%s'", v);
	free(v);
	v = sh_out("cd r && echo y > f && scripts/version-gen.sh");
	cr_assert(strstr(v, "-dirty\n"), "'%s'", v);
	free(v);
	/* no git at all: the VERSION file, else the default */
	v = sh_out("mkdir -p t/scripts && cp r/scripts/version-gen.sh t/scripts/ && "
		   "t/scripts/version-gen.sh && echo 4.5.6 > t/VERSION && t/scripts/version-gen.sh");
	cr_assert_str_eq(v, "0.3.0\n4.5.6\n");
	free(v);
}

Test(release, dist_tarball_keeps_its_version)
{
	char *want, *got;

	want = sh_out("unset MAKEFLAGS MFLAGS MAKELEVEL SAN; git clone -q '%s' c && c/scripts/version-gen.sh", top);
	got = sh_out("unset MAKEFLAGS MFLAGS MAKELEVEL SAN; make -s -C c dist >/dev/null && mkdir x && tar -xzf c/iommu-lint-*.tar.gz -C x && "
		     "cd x/iommu-lint-* && test ! -e .git && cat VERSION && scripts/version-gen.sh && "
		     "make -s build/version.c >/dev/null && cat build/version.c");
	cr_assert(want && got);
	{
		char line[256];

		snprintf(line, sizeof(line), "%.*s", (int)strcspn(want, "\n"), want);
		cr_assert(count_substr(got, line) == 3, "tarball of %s: %s", line, got);
		cr_assert(strstr(got, "const char iommu_lint_version[] = \""), "%s", got);
	}
	free(want);
	free(got);
}
