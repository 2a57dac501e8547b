// SPDX-License-Identifier: GPL-2.0
/*
 * test-levels.c - findings whose level is not the rule's default:
 * of-xlate-presence's unchecked phandle cell is a note (hardening), a
 * warning when the cell indexes an array or addresses a register unbounded,
 * and nothing when the driver reads #iommu-cells itself; map-prot stays a
 * warning.  Both engines.
 */
#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "testutil.h"

TestSuite(levels, .timeout = 120);

/* The level word of the one finding of rule in file ("note", "warning"), or "" if none. */
static void level_of(const char *engine, const char *file, const char *rule, char *level,
		     size_t size)
{
	char eng[32], tag[64];
	char *argv[] = { (char *)lint_path(), eng, "--format=gcc", "--caret=never",
			 "--fail-on=note", (char *)file, "--", "-Ireference/include", NULL };
	struct run r;
	const char *line;
	unsigned n = 0;

	snprintf(eng, sizeof(eng), "--engine=%s", engine);
	snprintf(tag, sizeof(tag), "[%s]", rule);
	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_neq(r.status, 2, "%s failed on %s:\n%s", engine, file, r.err);
	level[0] = '\0';
	for (line = r.out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		const char *end = strchr(line, '\n'), *lv;
		char one[1024];

		if (!end)
			end = line + strlen(line);
		if ((size_t)(end - line) < strlen(tag) ||
		    strncmp(end - strlen(tag), tag, strlen(tag)))
			continue;
		snprintf(one, sizeof(one), "%.*s", (int)(end - line), line);
		lv = strstr(one, ": note: ") ? "note" : strstr(one, ": warning: ") ? "warning" : "?";
		snprintf(level, size, "%s", lv);
		n++;
	}
	cr_assert_leq(n, 1, "%s: %u findings of %s", file, n, rule);
	run_free(&r);
}

static void expect_level(const char *file, const char *rule, const char *want)
{
	static const char *const engines[] = { "clang", "ts" };
	char got[16];
	unsigned i;

	for (i = 0; i < 2; i++) {
		level_of(engines[i], file, rule, got, sizeof(got));
		cr_expect_str_eq(got, want, "%s (%s): level '%s', expected '%s'", file, engines[i],
				 got, want);
	}
}

#define XL "corpus/of-xlate-presence/"

Test(levels, of_xlate_unchecked_cell_is_a_note)
{
	expect_level(XL "bad-args-count-unchecked.c", "of-xlate-presence", "note");
	expect_level(XL "bad-args-fwspec-unchecked.c", "of-xlate-presence", "note");
	expect_level(XL "bad-args-index-bounded.c", "of-xlate-presence", "note");
}

Test(levels, of_xlate_unbounded_index_is_a_warning)
{
	expect_level(XL "bad-args-index-array.c", "of-xlate-presence", "warning");
	expect_level(XL "bad-args-index-register.c", "of-xlate-presence", "warning");
}

Test(levels, of_xlate_validated_cells_no_finding)
{
	expect_level(XL "ok-validates-iommu-cells.c", "of-xlate-presence", "");
}

Test(levels, of_xlate_conditions_stay_warnings)
{
	expect_level(XL "bad-cond-not-config.c", "of-xlate-presence", "warning");
	expect_level(XL "bad-binding-compiled-out.c", "of-xlate-presence", "warning");
	expect_level(XL "ok-cond-shared-binding.c", "of-xlate-presence", "");
}

Test(levels, map_prot_is_a_warning)
{
	expect_level("corpus/map-prot/bad-priv-only.c", "map-prot", "warning");
	expect_level("corpus/map-prot/bad-resource-start.c", "map-prot", "warning");
}
