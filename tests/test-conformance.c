// SPDX-License-Identifier: GPL-2.0
/*
 * test-conformance.c - --conformance: the matrix's counts equal a normal
 * run's findings, file by file and rule by rule, on every fixture of the
 * corpus; findings go to the ops table of their file (the one they name);
 * the API-generation columns and the pass / n/a / off cells.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "testutil.h"

TestSuite(conformance, .timeout = 240);

/* Run the checker on files (+ args before them) with -Ireference/include and flag. */
static void lint_files(struct run *r, const char *const *pre, int npre, char **files, size_t n,
		       const char *flag)
{
	char **argv = calloc(n + (size_t)npre + 6, sizeof(*argv));
	size_t k = 0, i;

	cr_assert(argv);
	argv[k++] = (char *)lint_path();
	for (i = 0; i < (size_t)npre; i++)
		argv[k++] = (char *)pre[i];
	for (i = 0; i < n; i++)
		argv[k++] = files[i];
	argv[k++] = "--";
	argv[k++] = "-Ireference/include";
	if (flag)
		argv[k++] = (char *)flag;
	argv[k] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
	free(argv);
}

static struct json_object *parse(const struct run *r)
{
	struct json_object *j = json_tokener_parse(r->out);

	cr_assert(j, "not JSON (exit %d): %.300s\n%s", r->status, r->out, r->err);
	return j;
}

/* Add the "findings" {rule: n} of o to the (file, rule) tally. */
static void tally_add(struct json_object *tally, const char *file, struct json_object *counts)
{
	json_object_object_foreach(counts, rule, v) {
		char key[4096];
		struct json_object *old;
		int n = json_object_get_int(v);

		if (!n)
			continue;
		snprintf(key, sizeof(key), "%s\t%s", file, rule);
		if (json_object_object_get_ex(tally, key, &old))
			n += json_object_get_int(old);
		json_object_object_add(tally, key, json_object_new_int(n));
	}
}

/* got and want hold the same (file, rule) -> count entries. */
static void assert_same_tally(struct json_object *got, struct json_object *want)
{
	cr_assert_eq(json_object_object_length(got), json_object_object_length(want),
		     "matrix %s\nrun %s", json_object_to_json_string(got),
		     json_object_to_json_string(want));
	json_object_object_foreach(want, key, v) {
		struct json_object *g;

		cr_assert(json_object_object_get_ex(got, key, &g), "matrix lacks %s", key);
		cr_assert_eq(json_object_get_int(g), json_object_get_int(v), "%s: matrix %d, run %d",
			     key, json_object_get_int(g), json_object_get_int(v));
	}
}

static struct json_object *row_of(struct json_object *m, const char *ops)
{
	struct json_object *rows = json_object_object_get(m, "rows");
	size_t i;

	for (i = 0; i < json_object_array_length(rows); i++) {
		struct json_object *r = json_object_array_get_idx(rows, i);

		if (!strcmp(json_object_get_string(json_object_object_get(r, "ops")), ops))
			return r;
	}
	cr_assert_fail("no row for %s", ops);
	return NULL;
}

static const char *cell(struct json_object *row, const char *group, const char *key)
{
	return json_object_get_string(json_object_object_get(json_object_object_get(row, group), key));
}

Test(conformance, counts_equal_the_findings_of_a_normal_run)
{
	static const char *const json[] = { "--format=json" };
	static const char *const conf[] = { "--conformance", "--format=json" };
	struct json_object *normal, *matrix, *want, *got, *arr;
	struct run a, b;
	glob_t g;
	size_t i;

	cr_assert_eq(glob("corpus/*/*.c", 0, NULL, &g), 0);
	cr_assert_eq(glob("reference/drivers/*.c", GLOB_APPEND, NULL, &g), 0);
	cr_assert_gt(g.gl_pathc, 100);
	lint_files(&a, json, 1, g.gl_pathv, g.gl_pathc, NULL);
	lint_files(&b, conf, 2, g.gl_pathv, g.gl_pathc, NULL);
	cr_assert_eq(a.status, 1, "exit %d: %s", a.status, a.err);
	cr_assert_eq(b.status, a.status, "exit %d: %s", b.status, b.err);
	normal = parse(&a);
	matrix = parse(&b);
	want = json_object_new_object();
	got = json_object_new_object();
	arr = json_object_object_get(normal, "findings");
	cr_assert_gt(json_object_array_length(arr), 50);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *x = json_object_array_get_idx(arr, i), *one = json_object_new_object();

		json_object_object_add(one, json_object_get_string(json_object_object_get(x, "rule")),
				       json_object_new_int(1));
		tally_add(want, json_object_get_string(json_object_object_get(x, "file")), one);
		json_object_put(one);
	}
	arr = json_object_object_get(matrix, "rows");
	cr_assert_gt(json_object_array_length(arr), 50);
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *r = json_object_array_get_idx(arr, i);

		tally_add(got, json_object_get_string(json_object_object_get(r, "file")),
			  json_object_object_get(r, "findings"));
	}
	arr = json_object_object_get(matrix, "unattributed");
	cr_assert_gt(json_object_array_length(arr), 0, "fixtures without ops have findings");
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *r = json_object_array_get_idx(arr, i);

		tally_add(got, json_object_get_string(json_object_object_get(r, "file")),
			  json_object_object_get(r, "findings"));
	}
	assert_same_tally(got, want);
	cr_assert_eq(json_object_get_int(json_object_object_get(matrix, "findings")),
		     (int)json_object_array_length(json_object_object_get(normal, "findings")));
	json_object_put(want);
	json_object_put(got);
	json_object_put(normal);
	json_object_put(matrix);
	globfree(&g);
	run_free(&a);
	run_free(&b);
}

Test(conformance, rows_attribution_and_api_columns)
{
	static const char *const conf[] = { "--conformance", "--format=json", "-Wno-resv-region" };
	char *files[] = { "corpus/of-xlate-presence/bad-two-ops.c", "reference/drivers/refmmu.c",
			  "corpus/of-xlate-presence/bad-ifdef-active.c" };
	struct json_object *m, *r;
	struct run a;

	lint_files(&a, conf, 3, files, 3, "-DCONFIG_OF_IOMMU");
	cr_assert_eq(a.status, 1, "exit %d: %s", a.status, a.err);
	m = parse(&a);
	cr_assert_eq(json_object_array_length(json_object_object_get(m, "rows")), 4);
	/* bad-two-ops.c: the finding names two_v2_ops, not the first table of the file */
	r = row_of(m, "two_v2_ops");
	cr_assert_str_eq(cell(r, "findings", "of-xlate-presence"), "1");
	cr_assert_str_eq(cell(r, "status", "of-xlate-presence"), "fail");
	r = row_of(m, "two_v1_ops");
	cr_assert_str_eq(cell(r, "findings", "of-xlate-presence"), "0");
	cr_assert_str_eq(cell(r, "status", "of-xlate-presence"), "pass");
	cr_assert_str_eq(cell(r, "api", "group"), "generic");
	/* the reference driver: legacy domain_alloc, probe_device, a custom device_group */
	r = row_of(m, "refmmu_ops");
	cr_assert_str_eq(cell(r, "api", "alloc"), "legacy");
	cr_assert_str_eq(cell(r, "api", "probe"), "probe_device");
	cr_assert_str_eq(cell(r, "api", "group"), "custom");
	cr_assert_str_eq(cell(r, "api", "xlate"), "yes");
	cr_assert_str_eq(cell(r, "status", "ops-api"), "pass");
	cr_assert_str_eq(cell(r, "status", "resv-region"), "off");
	cr_assert_str_eq(cell(r, "status", "suppression-reason"), "n/a");
	cr_assert_str_eq(json_object_get_string(json_object_object_get(r, "api_version")), "6.11");
	/* .of_xlate under #ifdef CONFIG_OF_IOMMU (set): labelled as conditional */
	r = row_of(m, "act_ops");
	cr_assert_str_eq(cell(r, "api", "xlate"), "yes?", "%s", cell(r, "api", "xlate"));
	json_object_put(m);
	run_free(&a);
}

Test(conformance, text_table_and_bad_format)
{
	static const char *const conf[] = { "--conformance" };
	static const char *const sarif[] = { "--conformance", "--format=sarif" };
	char *files[] = { "reference/drivers/refmmu.c", "corpus/device-lookup-put/bad-bus-find-device.c" };
	struct run a;

	lint_files(&a, conf, 1, files, 2, NULL);
	cr_assert_eq(a.status, 1, "exit %d: %s", a.status, a.err);
	cr_assert(strstr(a.out, "iommu-lint conformance: 1 iommu_ops instances"), "%s", a.out);
	cr_assert(strstr(a.out, "refmmu_ops"), "%s", a.out);
	cr_assert(strstr(a.out, "unattributed findings\ncorpus/device-lookup-put/bad-bus-find-device.c (no iommu_ops): device-lookup-put 1"),
		  "%s", a.out);
	cr_assert(strstr(a.out, " device-group-ref 0 device-lookup-put 1 "), "%s", a.out);
	run_free(&a);
	lint_files(&a, sarif, 2, files, 2, NULL);
	assert_tool_failure(&a, "--conformance");
	run_free(&a);
}
