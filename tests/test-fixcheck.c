// SPDX-License-Identifier: GPL-2.0
/*
 * test-fixcheck.c - the fix oracles (scripts/fix-check.sh) on small inputs
 * made from the resv-region fixture, whose fix is real: each oracle passes
 * the real checker's fix, fails a sabotaged one (a wrapper that spells the
 * enumerator wrong in --fix and in the JSON edits), and never writes the
 * tree it checks.  The full runs are make fix-check and the kernel targets.
 */
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

#define FIXTURE "corpus/resv-region/bad-int-type.c"

#ifndef REF_BUILD_DIR
#define REF_BUILD_DIR "build/reference"
#endif
#ifndef TEST_CC
#define TEST_CC "cc"
#endif
#ifndef TEST_CFLAGS
#define TEST_CFLAGS "-O2 -g"
#endif

static char tmpdir[PATH_MAX], top[PATH_MAX], lint[PATH_MAX], bad[PATH_MAX + 16];

static void setup(void)
{
	char script[PATH_MAX + 64];
	FILE *f;

	cr_assert(getcwd(top, sizeof(top)));
	cr_assert(realpath(lint_path(), lint), "no checker at %s", lint_path());
	tmpdir_make(tmpdir, sizeof(tmpdir), "fixcheck");
	setenv("FIX_CHECK_CC", TEST_CC, 1);
	setenv("FIX_CHECK_CFLAGS", TEST_CFLAGS, 1);
	setenv("FIX_CHECK_REF_BUILD", REF_BUILD_DIR, 1);
	/* the sabotaged checker: its fix names an enumerator that does not exist */
	snprintf(bad, sizeof(bad), "%s/bad-lint", tmpdir);
	snprintf(script, sizeof(script), "%s", bad);
	f = fopen(script, "w");
	cr_assert(f);
	fprintf(f, "#!/bin/bash\n"
		"fix=; json=\n"
		"for a in \"$@\"; do case $a in --fix) fix=1;; --format=json) json=1;; esac; done\n"
		"if [[ -n $json ]]; then '%s' \"$@\" | sed 's/\"IOMMU_RESV_RESERVED\"/\"IOMMU_RESV_RESERVED_X\"/'; "
		"exit ${PIPESTATUS[0]}; fi\n"
		"'%s' \"$@\"; rc=$?\n"
		"if [[ -n $fix ]]; then for a in \"$@\"; do [[ $a == *.c && -f $a ]] && "
		"sed -i 's/IOMMU_RESV_RESERVED,/IOMMU_RESV_RESERVED_X,/' \"$a\"; done; fi\n"
		"exit $rc\n", lint, lint);
	fclose(f);
	cr_assert_eq(chmod(script, 0755), 0);
}

static void teardown(void)
{
	cr_assert_eq(chdir(top), 0);
	tmpdir_remove(tmpdir);
}

TestSuite(fixcheck, .init = setup, .fini = teardown, .timeout = 240);

/* scripts/fix-check.sh MODE CHECKER [ARG...] from the top directory. */
static void oracle(struct run *r, const char *mode, const char *checker, const char *arg1,
		   const char *arg2)
{
	char script[PATH_MAX + 32];
	char *argv[] = { script, (char *)mode, (char *)checker, (char *)arg1, (char *)arg2, NULL };

	snprintf(script, sizeof(script), "%s/scripts/fix-check.sh", top);
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", script);
}

Test(fixcheck, fixture_oracle_passes_the_fix_and_fails_a_broken_one)
{
	struct run r;

	setenv("FIX_CHECK_FIXTURES", FIXTURE, 1);
	oracle(&r, "fixtures", lint, NULL, NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "ok   " FIXTURE " [clang]") && strstr(r.out, "ok   " FIXTURE " [ts]"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "2 fixture runs with fixes, 0 failed"), "%s", r.out);
	run_free(&r);

	oracle(&r, "fixtures", bad, NULL, NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "FAIL " FIXTURE), "%s", r.out);
	cr_assert(strstr(r.out, "new error: use of undeclared identifier 'IOMMU_RESV_RESERVED_X'"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "re-scan failed"), "%s", r.out);
	run_free(&r);
}

/* A mutants directory: refmmu.c with an integer region type (fixable) and
 * the real resv-or-types mutant (no fix, no reason given today). */
static void make_mutants(char *dir, size_t size)
{
	char cmd[4 * PATH_MAX];

	snprintf(dir, size, "%s/mutants", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "set -e; mkdir -p %s/a/reference/drivers %s/b/reference/drivers; cd %s; "
		 "cp %s/reference/drivers/refmmu.c a/reference/drivers/; "
		 "sed 's/IOMMU_RESV_RESERVED, GFP_KERNEL/2, GFP_KERNEL/' a/reference/drivers/refmmu.c "
		 "> b/reference/drivers/refmmu.c; "
		 "! cmp -s a/reference/drivers/refmmu.c b/reference/drivers/refmmu.c; "
		 "diff -u a/reference/drivers/refmmu.c b/reference/drivers/refmmu.c > resv-int.patch || true; "
		 "cp %s/reference/mutants/resv-or-types.patch .; "
		 "printf 'resv-int\\tnone\\tresv-region\\nresv-or-types\\tresv-region-type\\tresv-region\\n' "
		 "> mutants.tbl",
		 dir, dir, dir, top, top);
	cr_assert_eq(shell_status("%s", cmd), 0, "cannot make the mutants");
}

Test(fixcheck, mutant_oracle_fixes_back_lists_and_fails_a_broken_fix)
{
	char dir[PATH_MAX];
	struct run r;

	make_mutants(dir, sizeof(dir));
	setenv("FIX_CHECK_MUTANTS", dir, 1);
	oracle(&r, "mutants", lint, NULL, NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "resv-int       resv-region  fixed   1 fix(es), harness passes, re-scan clean"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "resv-or-types  resv-region  no fix  "), "%s", r.out);
	cr_assert(strstr(r.out, "mutants: 2, 1 fixed back, 1 listed without a fix"), "%s", r.out);
	run_free(&r);

	/* --strict: a finding with neither a fix nor a reason fails */
	oracle(&r, "mutants", lint, "--strict", NULL);
	if (strstr(r.out, "(no reason given)")) {
		cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
		cr_assert(strstr(r.out, "resv-or-types  resv-region  FAIL"), "%s", r.out);
	} else {
		cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	}
	run_free(&r);

	oracle(&r, "mutants", bad, NULL, NULL);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "resv-int       resv-region  FAIL    "), "%s", r.out);
	cr_assert(strstr(r.out, "the fixed driver does not compile"), "%s", r.out);
	run_free(&r);
}

/* A one-TU "kernel" tree and its compile DB, with the fixture as a driver. */
static void make_tree(char *dir, size_t size, bool db)
{
	char cmd[4 * PATH_MAX];

	snprintf(dir, size, "%s/tree", tmpdir);
	snprintf(cmd, sizeof(cmd),
		 "set -e; mkdir -p %s/drivers/iommu; cp %s/%s %s/drivers/iommu/foo.c", dir, top,
		 FIXTURE, dir);
	cr_assert_eq(shell_status("%s", cmd), 0);
	if (db) {
		snprintf(cmd, sizeof(cmd),
			 "printf '[{\"directory\": \"%s\", \"file\": \"drivers/iommu/foo.c\", "
			 "\"arguments\": [\"cc\", \"-c\", \"-I%s/reference/include\", \"-o\", "
			 "\"drivers/iommu/foo.o\", \"drivers/iommu/foo.c\"]}]\\n' > %s/compile_commands.json",
			 dir, top, dir);
		cr_assert_eq(shell_status("%s", cmd), 0);
	}
}

static void assert_untouched(const char *dir)
{
	char cmd[3 * PATH_MAX];

	snprintf(cmd, sizeof(cmd), "cmp -s %s/%s %s/drivers/iommu/foo.c", top, FIXTURE, dir);
	cr_assert_eq(shell_status("%s", cmd), 0, "the oracle wrote the tree it checks");
}

Test(fixcheck, kernel_oracle_compiles_and_rescans_an_overlay)
{
	char dir[PATH_MAX];
	struct run r;

	make_tree(dir, sizeof(dir), true);
	oracle(&r, "kernel", lint, dir, "--lint-arg=--kernel=6.12");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "tree: 1 findings, 1 with a fix, in 1 file(s)"), "%s", r.out);
	cr_assert(strstr(r.out, "tree: 1 fixes applied, 1 compile and re-scan clean (100 %)"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "  resv-region                       1        1    100 %       1 100 %"),
		  "%s", r.out);
	assert_untouched(dir);
	run_free(&r);

	oracle(&r, "kernel", bad, dir, "--lint-arg=--kernel=6.12");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "FAIL drivers/iommu/foo.c: new error: use of undeclared identifier"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "1 fixes applied, 0 compile and re-scan clean (0 %)"), "%s", r.out);
	assert_untouched(dir);
	run_free(&r);
}

Test(fixcheck, kernel_oracle_says_when_there_is_no_fix)
{
	char dir[PATH_MAX];
	struct run r;

	make_tree(dir, sizeof(dir), true);
	/* without --kernel the rule cannot tell the enumerator: no fix */
	oracle(&r, "kernel", lint, dir, NULL);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "no finding has a fix: nothing to compile or re-scan"), "%s", r.out);
	run_free(&r);
}

Test(fixcheck, tree_oracle_applies_the_patch_in_a_scratch_repo)
{
	char dir[PATH_MAX];
	struct run r;

	make_tree(dir, sizeof(dir), false);
	oracle(&r, "tree", lint, dir, "--lint-arg=--kernel=6.12");
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "1 .c files, 1 findings, 1 with a fix in 1 file(s)"), "%s", r.out);
	cr_assert(strstr(r.out, "tree: 1 fixes, 1 apply and re-scan clean (100 %)"), "%s", r.out);
	assert_untouched(dir);
	run_free(&r);

	oracle(&r, "tree", bad, dir, "--lint-arg=--kernel=6.12");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "tree: 1 fixes, 0 apply and re-scan clean (0 %)"), "%s", r.out);
	assert_untouched(dir);
	run_free(&r);
}
