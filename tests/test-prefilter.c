// SPDX-License-Identifier: GPL-2.0
/*
 * test-prefilter.c - the prefilter's AND-groups and alternatives
 * (rules/rules.def, checker/srcscan.c): the one-pass matcher, the clang-mode
 * reading (first group only), member-assignment words, and the CLI skipping
 * a file that lacks one group while parsing one that has both.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <criterion/criterion.h>

#include "../checker/registry.h"
#include "../checker/srcscan.h"
#include "testutil.h"

#define M(text, spec, exact) srcscan_prefilter(text, sizeof(text) - 1, spec, exact)

Test(prefilter, and_groups_need_a_word_of_each)
{
	static const char both[] = "device_register(&x->dev);\n kfree(x);";
	static const char one[] = "device_register(&x->dev);\n put_device(&x->dev);";
	static const char spec[] = "device_register\0device_initialize\0&\0kfree\0kvfree\0";

	cr_assert(M(both, spec, true));
	cr_assert_not(M(one, spec, true), "kfree is a necessary word: a file without it is skipped");
	cr_assert(M(one, spec, false), "clang mode requires the first group only");
	cr_assert_not(M("kfree(x);", spec, false));
}

Test(prefilter, alternatives_are_either)
{
	static const char spec[] = "a\0&\0b\0|\0c\0&\0d\0";

	cr_assert(M("a b", spec, true));
	cr_assert(M("d c", spec, true));
	cr_assert_not(M("a d", spec, true));
	cr_assert_not(M("b c", spec, true));
	cr_assert(M("a d", spec, false));
	cr_assert(M("", "", true), "no word: always");
}

Test(prefilter, member_assignment_is_not_a_designator)
{
	static const char spec[] = ".release=\0";

	cr_assert(M("x->dev.release = foo_release;", spec, true));
	cr_assert(M("d.release=f;", spec, true));
	cr_assert(M("a[i] . release\n\t= f;", spec, true));
	cr_assert_not(M("static struct file_operations f = { .release = foo_release, };", spec, true));
	cr_assert_not(M("{\n\t.release\t= foo_release,\n}", spec, true));
	cr_assert_not(M("if (d.release == f)", spec, true));
	cr_assert_not(M("d.released = f;", spec, true));
	cr_assert_not(M("p->release = f;", spec, true), "through -> it is not a device's release");
}

Test(prefilter, words_with_punctuation_and_many_specs)
{
	/* the last one makes the scan track declarations: comments still count */
	const char *specs[] = { "iommu-lint:\0", "(fw)\0", "fw(\0", "of_xlate\0&\0iommu_ops\0",
				"of_xlate\0&\0a\0+\0b\0" };
	static const char t[] = "/* iommu-lint: ignore */ release_firmware(fw); struct iommu_ops o;";
	struct srcscan_pf *pf = srcscan_pf_new(specs, 5);
	bool m[5];

	cr_assert_eq(srcscan_pf_match(pf, t, sizeof(t) - 1, true, m, NULL), 2);
	cr_assert(m[0] && m[1] && !m[2] && !m[3] && !m[4]);
	cr_assert_eq(srcscan_pf_match(pf, t, sizeof(t) - 1, false, m, NULL), 2);
	cr_assert_eq(srcscan_pf_match(pf, "xiommu-lint: of_xlate", 21, true, m, NULL), 0,
		     "a word matches at a token boundary only");
	srcscan_pf_free(pf);
}

/* "+": the joined groups meet in one top-level declaration (signature and body). */
Test(prefilter, plus_joins_groups_within_one_function)
{
	static const char spec[] = "release\0&\0kfree\0+\0device\0+\0container_of\0";
	static const char one[] = "/* release */\nstatic void f(struct device *d)\n{\n"
				  "\tstruct foo *p = container_of(d, struct foo, dev);\n\n"
				  "\tkfree(d);\n}\n";
	static const char split[] = "/* release */\nstatic void f(struct device *d)\n{\n"
				    "\tstruct foo *p = container_of(d, struct foo, dev);\n}\n"
				    "static void g(void *x)\n{\n\tkfree(x);\n}\n";
	static const char noise[] = "/* release */\nstatic void f(struct device *d)\n{\n"
				    "\t/* } */ char *s = \"};\", c = '}';\n"
				    "\tstruct foo *p = container_of(d, struct foo, dev);\n"
				    "\tkfree(d);\n}\n";

	cr_assert(M(one, spec, true));
	cr_assert_not(M(split, spec, true), "kfree in another function");
	cr_assert(M(noise, spec, true), "braces in comments and literals do not end it");
	cr_assert(M(split, spec, false), "clang mode: the first group only");
}

/* rules.def spells "&" and "|" as words; a group may not be empty. */
Test(prefilter, expand_keeps_the_groups)
{
	char err[256] = "", *w = NULL;

	cr_assert_eq(prefilter_expand("@pairs:register\0&\0kfree\0", &w, err, sizeof(err)), 0, "%s",
		     err);
	cr_assert(srcscan_prefilter("iommu_device_register(x); kfree(p);", 35, w, true));
	cr_assert_not(srcscan_prefilter("iommu_device_register(x);", 25, w, true));
	free(w);
	cr_assert_eq(prefilter_expand("a\0&\0|\0b\0", &w, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "after no word"), "%s", err);
	cr_assert_eq(prefilter_expand("a\0&\0", &w, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "empty group"), "%s", err);
	cr_assert_eq(prefilter_expand("a\0+\0b\0", &w, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "after the first group"), "%s", err);
	cr_assert_null(w);
}

/*
 * The CLI: embedded-device-release's kfree-after-register alternative needs
 * both words, so a file with device_register() and no kfree (and no word of
 * another rule) is not parsed, while one with both is (on demand: kfree(x)
 * and device_register(&x->dev) in one function), and reports.
 */
Test(prefilter, cli_skips_a_file_missing_one_group)
{
	static const char one[] = "struct foo { struct device dev; };\n"
				  "int f(struct foo *x)\n{\n\treturn device_register(&x->dev);\n}\n";
	static const char both[] = "struct foo { struct device dev; };\n"
				   "int f(struct foo *x)\n{\n\tint ret = device_register(&x->dev);\n\n"
				   "\tif (ret)\n\t\tkfree(x);\n\treturn ret;\n}\n";
	/* both words, but what it frees is not what it registered: not read either */
	static const char other[] = "struct foo { struct device dev; };\n"
				    "int f(struct foo *x, char *buf)\n{\n\tint ret = device_register(&x->dev);\n\n"
				    "\tif (ret)\n\t\tkfree(buf);\n\treturn ret;\n}\n";
	char *argv[] = { (char *)lint_path(), "--fast", "--stats", "build/test-pf-one.c",
			 "build/test-pf-both.c", "build/test-pf-other.c", NULL };
	struct run r;

	cr_assert_eq(write_file("build/test-pf-one.c", one, sizeof(one) - 1), 0);
	cr_assert_eq(write_file("build/test-pf-both.c", both, sizeof(both) - 1), 0);
	cr_assert_eq(write_file("build/test-pf-other.c", other, sizeof(other) - 1), 0);
	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.err, "3 TUs (1 parsed, 2 skipped by prefilter)"), "%s", r.err);
	cr_assert(strstr(r.out, "test-pf-both.c:7:"), "%s", r.out);
	cr_assert(strstr(r.out, "[embedded-device-release]"), "%s", r.out);
	cr_assert(strstr(r.err, "on demand: 1 files parsed"), "%s", r.err);
	run_free(&r);
}

/* "~" first in an alternative: it keeps a file on demand only. */
Test(prefilter, on_demand_alternative)
{
	const char *specs[] = { "of_find_device_by_node\0|\0~\0put_device\0", "kfree\0" };
	struct srcscan_pf *pf = srcscan_pf_new(specs, 2);
	bool m[2], d[2];

	cr_assert_eq(srcscan_pf_match(pf, "put_device(x);", 14, true, m, d), 1);
	cr_assert(m[0] && d[0] && !m[1] && !d[1], "a release alone: on demand");
	cr_assert_eq(srcscan_pf_match(pf, "of_find_device_by_node(n); put_device(x);", 41, true, m,
				      d), 1);
	cr_assert(m[0] && !d[0], "a lookup: a full match, whatever else is there");
	cr_assert_eq(srcscan_pf_match(pf, "kfree(p);", 9, true, m, d), 1);
	cr_assert(!m[0] && !d[0] && m[1] && !d[1]);
	cr_assert(srcscan_prefilter("put_device(x);", 14, specs[0], true),
		  "srcscan_prefilter() counts a match on demand (conformance, tools)");
	srcscan_pf_free(pf);
}

/*
 * The 64-bytes-at-a-time scan (SSE2) and the byte-at-a-time one agree on
 * every fixture and reference source with every rule's prefilter, and on
 * random texts built from the words, braces, comments, literals and
 * identifiers that straddle the 64-byte blocks.
 */
static struct srcscan_pf *all_rules_pf(void)
{
	const char *specs[RULE_COUNT];
	char err[256];
	int i;

	cr_assert_eq(registry_init(err, sizeof(err)), 0, "%s", err);
	for (i = 0; i < RULE_COUNT; i++)
		specs[i] = rule_prefilter(i);
	return srcscan_pf_new(specs, RULE_COUNT);
}

static void same_both_ways(const struct srcscan_pf *pf, const char *text, size_t len,
			   const char *what)
{
	bool m1[RULE_COUNT], d1[RULE_COUNT], m2[RULE_COUNT], d2[RULE_COUNT];
	int exact, n1, n2;

	for (exact = 0; exact < 2; exact++) {
		srcscan_pf_simd = true;
		n1 = srcscan_pf_match(pf, text, len, exact, m1, d1);
		srcscan_pf_simd = false;
		n2 = srcscan_pf_match(pf, text, len, exact, m2, d2);
		srcscan_pf_simd = true;
		cr_assert_eq(n1, n2, "%s (exact %d): %d rules against %d", what, exact, n1, n2);
		cr_assert_arr_eq(m1, m2, sizeof(m1), "%s (exact %d): the rules differ", what, exact);
		cr_assert_arr_eq(d1, d2, sizeof(d1), "%s (exact %d): on demand differs", what, exact);
	}
}

Test(prefilter, block_scan_equals_the_byte_scan)
{
	static const char *const pieces[] = {
		"kfree", "device_register", "device_initialize", "(&x->dev)", "release",
		".release = f;", "x.release=f;", "container_of", "put_device", "device",
		"of_find_device_by_node", "iommu_ops", "dev_release", "device_type", "{", "}",
		";", " ", "\n", "/* { kfree */", "// } ;\n", "\"{ release\"", "'{'", "x",
		"a_very_long_identifier_that_crosses_the_block_boundary_of_sixty_four_bytes_",
		"iommu-lint:", "#define X(a) { a }\n", "_", "9", "é",
	};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	struct srcscan_pf *pf = all_rules_pf();
	char *files = NULL, *path, buf[2048];
	size_t cap = 0, n = 0;
	FILE *list;
	unsigned r;

	list = popen("find corpus reference -name '*.c' -o -name '*.h' | sort", "r");
	cr_assert_not_null(list);
	while (getline(&files, &cap, list) > 0) {
		char *text;
		size_t len;

		files[strcspn(files, "\n")] = '\0';
		path = files;
		text = read_file(path, &len);
		cr_assert_not_null(text, "%s", path);
		same_both_ways(pf, text, len, path);
		free(text);
		n++;
	}
	pclose(list);
	free(files);
	cr_assert_gt(n, 200, "only %zu sources found", n);
	srand(14);
	for (r = 0; r < 4000; r++) {
		size_t len = 0, k = (size_t)(rand() % 60);

		while (k-- && len < sizeof(buf) - 128) {
			const char *p = pieces[rand() % (int)npieces];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		snprintf(path = (char[32]){ 0 }, 32, "random text %u", r);
		same_both_ways(pf, buf, len, path);
	}
	srcscan_pf_free(pf);
}
