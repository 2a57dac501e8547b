// SPDX-License-Identifier: GPL-2.0
/*
 * test-fixes-b.c - the fixes of register-unwind and embedded-device-release
 * (checker/fixgen-unwind.c): each fixture is copied, fixed with --fix,
 * re-scanned clean, compiled with clang -fsyntax-only against the fixture
 * headers, and its fixed text compared with the expected edit; findings
 * with no fix by construction keep the file unchanged and say why; the
 * refmmu mutants of register-unwind and resv-region (but resv-or-types) are fixed back to a clean harness
 * (scripts/fix-mutants.sh).
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

static char tmpdir[PATH_MAX], top[PATH_MAX], lint[PATH_MAX];

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	cr_assert(realpath(lint_path(), lint), "no checker at %s", lint_path());
	tmpdir_make(tmpdir, sizeof(tmpdir), "fixes-b");
}

static void teardown(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(fixes_b, .init = setup, .fini = teardown, .timeout = 120);

/* Copy the fixture, --fix it (optionally --fast); returns the fixed text. */
static char *fix_fixture(const char *fixture, bool fast, int want_rc)
{
	char path[PATH_MAX + 64];
	size_t len;
	char *text;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, strrchr(fixture, '/') + 1);
	cr_assert_eq(shell_status("cp '%s/%s' '%s'", top, fixture, path), 0);
	cr_assert_eq(shell_status("'%s' -q %s --fix '%s' -- -I '%s/reference/include' >/dev/null 2>&1",
			lint, fast ? "--fast" : "", path, top), want_rc, "%s: --fix", fixture);
	text = read_file(path, &len);
	cr_assert_not_null(text);
	return text;
}

/*
 * Fixed, re-scanned clean in both engines, compiles.  rc: 0 when every
 * finding had its own fix, 1 when one was fixed by another's edit.
 */
static char *fixed_clean_rc(const char *fixture, int rc)
{
	char path[PATH_MAX + 64], *text, *fast;

	fast = fix_fixture(fixture, true, rc);
	text = fix_fixture(fixture, false, rc);
	cr_assert_str_eq(text, fast, "%s: the engines fix differently", fixture);
	free(fast);
	snprintf(path, sizeof(path), "%s/%s", tmpdir, strrchr(fixture, '/') + 1);
	cr_assert_eq(shell_status("'%s' -q '%s' -- -I '%s/reference/include' >/dev/null 2>&1", lint, path,
			top), 0, "%s: re-scan not clean", fixture);
	cr_assert_eq(shell_status("clang -fsyntax-only -Wall -Wno-unused-function -I '%s/reference/include' '%s'",
			top, path), 0, "%s: the fixed file does not compile", fixture);
	return text;
}

static char *fixed_clean(const char *fixture)
{
	return fixed_clean_rc(fixture, 0);
}

static void has(const char *text, const char *want)
{
	cr_assert_not_null(strstr(text, want), "missing in the fixed text:\n%s\n---\n%s", want, text);
}

Test(fixes_b, remove_order_swapped)
{
	char *t = fixed_clean("corpus/register-unwind/bad-remove-wrong-order.c");

	has(t, "\tiommu_device_unregister(&smmu->iommu);\n\tiommu_device_sysfs_remove(&smmu->iommu);\n}");
	free(t);
}

Test(fixes_b, undo_before_return_with_braces)
{
	char *t = fixed_clean("corpus/register-unwind/bad-register-fails-sysfs-left.c");

	has(t, "\t\tif (ret) {\n\t\t\tiommu_device_sysfs_remove(&mmu->iommu);\n\t\t\treturn ret;\n\t\t}\n\t}\n");
	free(t);
	t = fixed_clean("corpus/register-unwind/bad-dev-err-probe.c");
	has(t, "\tif (ret) {\n\t\tiommu_device_sysfs_remove(&smmu->iommu);\n\t\treturn dev_err_probe(&pdev->dev, ret, \"register\\n\");\n\t}\n");
	free(t);
}

Test(fixes_b, two_steps_undone_in_reverse_order_by_one_edit)
{
	char *t = fixed_clean_rc("corpus/register-unwind/bad-warn-on-after-register.c", 1);

	has(t, "\tif (WARN_ON(!smmu->base)) {\n\t\tiommu_device_unregister(&smmu->iommu);\n\t\tiommu_device_sysfs_remove(&smmu->iommu);\n\t\treturn -ENODEV;\n\t}\n");
	free(t);
}

Test(fixes_b, goto_retargeted_to_the_label_that_undoes)
{
	char *t = fixed_clean("corpus/register-unwind/bad-goto-wrong-label.c");

	has(t, "err = iommu_device_register(&unit->iommu, &wl_ops, NULL);\n\tif (err)\n\t\tgoto out_sysfs;\n");
	free(t);
}

Test(fixes_b, undo_put_in_the_ladder)
{
	char *t = fixed_clean("corpus/register-unwind/bad-later-step-skips-unregister.c");

	has(t, "err_pm_disable:\n\tls_pm_disable(dev);\n\tiommu_device_unregister(&iommu->iommu);\nerr_remove_sysfs:\n");
	free(t);
}

Test(fixes_b, kfree_after_register_becomes_put_device)
{
	char *t = fixed_clean("corpus/embedded-device-release/bad-register-fail-kfree.c");

	has(t, "\t\tput_device(&node->dev);\n\t\treturn ERR_PTR(ret);");
	free(t);
}

Test(fixes_b, of_xlate_args_count_checked_after_the_declarations)
{
	char *t = fixed_clean("corpus/of-xlate-presence/bad-args-count-unchecked.c");

	has(t, "\tunsigned int id;\n\n\tif (args->args_count != 1)\n\t\treturn -EINVAL;\n\tid = args->args[0];\n\n\treturn iommu_fwspec_add_ids(dev, &id, 1);");
	free(t);
}

Test(fixes_b, of_xlate_lookup_declarations_move_after_the_check)
{
	char *t = fixed_clean("corpus/of-xlate-presence/bad-args-count-lookup-decl.c");

	has(t, "\tstruct platform_device *iommu_pdev;\n\tvoid *drvdata;\n\tint ret;\n");
	has(t, "\tunsigned int id;\n\n\tif (args->args_count != 1)\n\t\treturn -EINVAL;\n\tiommu_pdev = of_find_device_by_node(args->np);\n\tdrvdata = platform_get_drvdata(iommu_pdev);\n\tid = args->args[0];\n\n\tput_device(");
	free(t);
}

Test(fixes_b, of_xlate_cells_handed_to_a_cell_reader_are_counted)
{
	char *t = fixed_clean("corpus/of-xlate-presence/bad-args-fwspec-unchecked.c");

	has(t, "\tif (spec->args_count != 1)\n\t\treturn -EINVAL;\n\n\treturn iommu_fwspec_add_ids(dev, spec->args, 1);");
	free(t);
	t = fixed_clean("corpus/of-xlate-presence/bad-args-fwspec-offset.c");
	has(t, "\tif (spec->args_count != 3)\n\t\treturn -EINVAL;\n");
	free(t);
}

Test(fixes_b, unchecked_first_call_returns_its_error)
{
	char *t = fixed_clean("corpus/unchecked-return/bad-first-after-guard.c");

	has(t, "\tunsigned int id = 3;\n\tint ret;\n\n\tif (!ga_allowed(dev))\n");
	has(t, "\tret = iommu_fwspec_add_ids(dev, &id, 1);\n\tif (ret)\n\t\treturn ret;\n\n\treturn 0;");
	free(t);
	t = fixed_clean("corpus/unchecked-return/bad-register-ignored.c");
	has(t, "\tret = iommu_device_register(&ri->iommu, &ri_ops, &pdev->dev);\n\tif (ret) {\n\t\tiommu_device_sysfs_remove(&ri->iommu);\n\t\treturn ret;\n\t}\n\tplatform_set_drvdata");
	free(t);
	t = fixed_clean("corpus/unchecked-return/bad-sysfs-add-ignored.c");
	has(t, "{\n\tint ret;\n\n\t/* expect: unchecked-return */\n\tret = iommu_device_sysfs_add(");
	free(t);
}

/* No fix by construction: the file is left alone and the reason is given. */
static void no_fix(const char *fixture, const char *why)
{
	char path[PATH_MAX + 64], *before, *after;
	struct run r;
	size_t len;

	before = read_file(fixture, &len);
	cr_assert_not_null(before);
	after = fix_fixture(fixture, false, 1);
	cr_assert_str_eq(before, after, "%s: changed without a fix", fixture);
	snprintf(path, sizeof(path), "%s/%s", tmpdir, strrchr(fixture, '/') + 1);
	cr_assert_eq(run_argv((char *[]){ lint, "--format=json", path, "--", "-I",
					  "reference/include", NULL }, &r), 0);
	cr_assert_not_null(strstr(r.out, why), "%s: no reason '%s' in:\n%s", fixture, why, r.out);
	run_free(&r);
	free(before);
	free(after);
}

Test(fixes_b, of_xlate_const_or_escaping_cells_have_no_fix)
{
	no_fix("corpus/of-xlate-presence/bad-args-const-decl.c", "a const object");
	no_fix("corpus/of-xlate-presence/bad-args-address-escapes.c",
	       "how many cells it needs is not known");
}

Test(fixes_b, shared_label_kfree_has_no_fix)
{
	no_fix("corpus/embedded-device-release/bad-initialize-goto-kfree.c",
	       "also reached before the device is initialised");
}

Test(fixes_b, remove_missing_undo_has_no_fix)
{
	no_fix("corpus/register-unwind/bad-remove-misses-unregister.c",
	       "is not decided by construction");
}

Test(fixes_b, resv_sw_msi_window_gets_its_type)
{
	char *t = fixed_clean("corpus/resv-region/bad-sw-msi-as-msi.c");

	has(t, "\t\t\t\t\t IOMMU_RESV_SW_MSI, GFP_KERNEL);");
	free(t);
}

Test(fixes_b, resv_ored_types_have_no_fix)
{
	no_fix("corpus/resv-region/bad-ored-type.c", "is not decidable from the code");
}

Test(fixes_b, resv_region_without_a_bare_return_has_no_null_check_fix)
{
	no_fix("corpus/resv-region/bad-no-null-check.c", "error path to join is not clear");
}

Test(fixes_b, of_xlate_under_ifdef_has_no_fix)
{
	no_fix("corpus/of-xlate-presence/bad-ifdef-of-iommu.c", "not a local edit");
}

Test(fixes_b, unwind_refusals_say_why)
{
	no_fix("tests/data/fixes-b/else-return.c", "not laid out for an insertion");
	no_fix("tests/data/fixes-b/shared-label.c", "also reached without the registration");
	no_fix("tests/data/fixes-b/ladder-other-value.c", "returns another value than this return");
}

Test(fixes_b, mutants_fixed_back_to_a_clean_harness)
{
	char build[PATH_MAX];
	bool san;
	int rc;

	/* the build directory of the checker under test (build-san/iommu-lint), else build */
	snprintf(build, sizeof(build), "%s", lint);
	if (strrchr(build, '/'))
		*strrchr(build, '/') = '\0';
	if (shell_status("test -e '%s/reference/harness/mutant-main.o'", build))
		snprintf(build, sizeof(build), "build");
	if (shell_status("test -e '%s/reference/harness/mutant-main.o'", build))
		cr_skip_test("the reference harness is not built (make reference)");
	san = strlen(build) > 4 && !strcmp(build + strlen(build) - 4, "-san");
	rc = shell_status("IOMMU_LINT='%s' REF_CFLAGS='%s' scripts/fix-mutants.sh '%s' register-unwind resv-region >%s/mutants.out 2>&1",
		lint, san ? "-fsanitize=address,undefined" : "", build, tmpdir);
	cr_assert_eq(rc, 0, "scripts/fix-mutants.sh failed (see %s/mutants.out)", tmpdir);
	cr_assert_eq(shell_status("grep -c '^fixed ' %s/mutants.out | grep -qx 4", tmpdir), 0);
}
