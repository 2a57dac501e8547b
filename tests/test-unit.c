// SPDX-License-Identifier: GPL-2.0
/*
 * test-unit.c - unit tests of the checker core that need no child process:
 * the #if map and designator scan, argv sanitising, the registry, the
 * rules/data table loader.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../checker/argv.h"
#include "../checker/query.h"
#include "../checker/registry.h"
#include "../checker/srcscan.h"
#include "../checker/table.h"

static const char pp_src[] =
	"int a;\n"				/* 1 */
	"#ifdef CONFIG_A\n"			/* 2 */
	"int b;\n"				/* 3 */
	"# if defined(X) && \\\n"		/* 4 */
	"     defined(Y)\n"			/* 5 */
	"int c;\n"				/* 6 */
	"# else\n"				/* 7 */
	"int d;\n"				/* 8 */
	"# endif\n"				/* 9 */
	"#endif /* CONFIG_A */\n"		/* 10 */
	"int e;\n";				/* 11 */

Test(srcscan, pp_map_nesting)
{
	struct arena a = { 0 };
	struct pp_map m;

	pp_map_build(&a, pp_src, strlen(pp_src), &m);
	cr_assert_eq(pp_map_line(&m, 1)->depth, 0);
	cr_assert_null(pp_map_line(&m, 1)->cond);
	cr_assert_eq(pp_map_line(&m, 3)->depth, 1);
	cr_assert_str_eq(pp_map_line(&m, 3)->cond, "#ifdef CONFIG_A");
	cr_assert_eq(pp_map_line(&m, 6)->depth, 2);
	cr_assert(strstr(pp_map_line(&m, 6)->cond, "defined(Y)"), "continuation joined: %s",
		  pp_map_line(&m, 6)->cond);
	cr_assert_str_eq(pp_map_line(&m, 8)->cond, "# else");
	cr_assert_eq(pp_map_line(&m, 11)->depth, 0);
	cr_assert_eq(pp_map_line(&m, 99)->depth, 0, "out of range is depth 0");
	arena_free(&a);
}

struct seen {
	char names[8][32];
	unsigned lines[8];
	unsigned n;
};

static void collect(const char *name, size_t len, unsigned line, unsigned col, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		snprintf(s->names[s->n], sizeof(s->names[0]), "%.*s", (int)len, name);
		s->lines[s->n++] = line;
	}
}

Test(srcscan, designators_skip_comments_strings_and_compares)
{
	static const char src[] =
		"static const struct x y = {\n"		/* 1 */
		"\t.a = 1, /* .b = 2 */\n"		/* 2 */
		"\t.s = \".c = 3\",\n"			/* 3 */
		"\t. d\t= 4,\n"				/* 4 */
		"};\n"					/* 5 */
		"int f(void) { return p.e == 1; }\n";	/* 6 */
	struct seen s = { 0 };

	srcscan_designators(src, strlen(src), 1, 6, collect, &s);
	cr_assert_eq(s.n, 3, "got %u", s.n);
	cr_assert_str_eq(s.names[0], "a");
	cr_assert_str_eq(s.names[1], "s");
	cr_assert_str_eq(s.names[2], "d");
	cr_assert_eq(s.lines[2], 4);
}

Test(srcscan, toplevel_calls)
{
	static const char src[] =
		"IOMMU_OF_DECLARE(x, \"y\");\n"
		"static int f(int a)\n{\n\treturn g(a);\n}\n"
		"module_platform_driver(drv);\n";
	struct fx_tu tu = { .file = "t.c", .src = src, .src_len = sizeof(src) - 1 };

	srcscan_toplevel_calls(&tu);
	cr_assert_eq(tu.nmacros, 3, "got %u", tu.nmacros);
	cr_assert_str_eq(tu.macros[0].name, "IOMMU_OF_DECLARE");
	cr_assert_str_eq(tu.macros[1].name, "f");
	cr_assert_str_eq(tu.macros[2].name, "module_platform_driver");
	cr_assert_eq(tu.macros[2].loc.line, 6);
	arena_free(&tu.arena);
}

Test(srcscan, prefilter_words)
{
	cr_assert(srcscan_has_any("struct iommu_ops x;", 19, "of_node\0iommu_ops\0"));
	cr_assert_not(srcscan_has_any("int x;", 6, "of_node\0iommu_ops\0"));
}

Test(argv, gcc_only_flags_and_build_words_dropped)
{
	char *in[] = { "gcc", "-Wp,-MMD,drivers/x/.y.o.d", "-nostdinc", "-fconserve-stack",
		       "-mindirect-branch=thunk-extern", "-mpreferred-stack-boundary=3",
		       "-c", "-o", "drivers/x/y.o", "-MF", "dep.d", "-DFOO=1", "-I./include",
		       "drivers/x/y.c" };
	char **out;
	int n = argv_sanitise(14, in, true, "/abs/tree/drivers/x/y.c", &out);

	cr_assert_eq(n, 3, "kept %d words", n);
	cr_assert_str_eq(out[0], "-nostdinc");
	cr_assert_str_eq(out[1], "-DFOO=1");
	cr_assert_str_eq(out[2], "-I./include");
	argv_free(n, out);
}

Test(argv, compiler_kept_without_skip)
{
	char *in[] = { "-Ireference/include", "-DX" };
	char **out;
	int n = argv_sanitise(2, in, false, NULL, &out);

	cr_assert_eq(n, 2);
	argv_free(n, out);
}

Test(registry, ids_are_kebab_case_and_unique)
{
	int i, j;

	for (i = 0; i < RULE_COUNT; i++) {
		const char *id = rule_meta[i].id;
		size_t k;

		cr_assert_eq(rule_lookup(id), i);
		for (k = 0; id[k]; k++)
			cr_assert(id[k] == '-' || (id[k] >= 'a' && id[k] <= 'z') ||
				  (id[k] >= '0' && id[k] <= '9'), "%s is not kebab-case", id);
		for (j = 0; j < i; j++)
			cr_assert_str_neq(rule_meta[j].id, id);
		cr_assert(rule_meta[i].summary[0]);
	}
	cr_assert_eq(rule_lookup("no-such-rule"), -1);
}

static bool word_in(const char *words, const char *w)
{
	for (; *words; words += strlen(words) + 1)
		if (!strcmp(words, w))
			return true;
	return false;
}

/* Every @table reference of rules.def expands, and brings in every row it names. */
Test(registry, prefilter_words_come_from_the_tables)
{
	const struct tbl *pairs = tbl_get("pairs");
	char err[256] = "";
	unsigned i, n = 0;

	cr_assert_eq(registry_init(err, sizeof(err)), 0, "%s", err);
	for (i = 0; i < pairs->nrows; i++) {
		const struct tbl_row *r = &pairs->rows[i];

		if (r->nfields < 2 || strcmp(r->fields[1], "device"))
			continue;
		cr_assert(word_in(rule_prefilter(RULE_device_lookup_put), r->fields[0]),
			  "%s is not a prefilter word of device-lookup-put", r->fields[0]);
		n++;
	}
	cr_assert_geq(n, 4);
	cr_assert(word_in(rule_prefilter(RULE_device_lookup_put), "bus_find_device_by_fwnode"));
	cr_assert(word_in(rule_prefilter(RULE_ops_api), "iommu_ops"));
	cr_assert(word_in(rule_prefilter(RULE_ops_api), "of_iommu_get_ops"));
	cr_assert_not(word_in(rule_prefilter(RULE_ops_api), "func"));
	cr_assert(word_in(rule_prefilter(RULE_unchecked_return), "iommu_fwspec_init"));
	for (i = 0; i < RULE_COUNT; i++)
		cr_assert_null(strchr(rule_prefilter(i), '@'), "%s: unexpanded", rule_meta[i].id);
}

/* An unknown table or an empty selection is an error, not a silent "parse all". */
Test(registry, prefilter_references_are_checked)
{
	char err[256] = "", *w = NULL;
	const char *p;
	unsigned n = 0;

	cr_assert_eq(prefilter_expand("@no-such-table:device\0", &w, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "no table rules/data/no-such-table.tbl"), "%s", err);
	cr_assert_null(w);
	cr_assert_eq(prefilter_expand("@pairs:no-such-class\0", &w, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "selects no row"), "%s", err);
	cr_assert_eq(prefilter_expand("x\0@pairs:register\0x\0", &w, err, sizeof(err)), 0, "%s",
		     err);
	cr_assert(word_in(w, "x") && word_in(w, "iommu_device_register") &&
		  word_in(w, "iommu_device_sysfs_add"));
	cr_assert_not(word_in(w, "iommu_group_get"));
	for (p = w; *p; p += strlen(p) + 1)
		n++;
	cr_assert_eq(n, 3, "x once, and the two register acquires: %u words", n);
	free(w);
	cr_assert_eq(prefilter_expand("@must-check\0", &w, err, sizeof(err)), 0, "%s", err);
	cr_assert(word_in(w, "iommu_fwspec_init"));
	free(w);
}

Test(query, macro_arguments_and_versions)
{
	char buf[64];
	struct fx_loc a = { NULL, 3, 9 }, b = { NULL, 4, 1 };

	cr_assert_str_eq(q_macro_arg("container_of(dev, struct foo, dev)", 1, buf, sizeof(buf)),
			 "struct foo");
	cr_assert_str_eq(q_macro_arg("container_of(d, typeof(*x), f(a, b))", 2, buf, sizeof(buf)),
			 "f(a, b)");
	cr_assert_str_eq(q_macro_arg("container_of(d, typeof(*x), m)", 1, buf, sizeof(buf)),
			 "typeof(*x)");
	cr_assert_null(q_macro_arg("container_of(d, t, m)", 3, buf, sizeof(buf)));
	cr_assert_null(q_macro_arg("no_call", 0, buf, sizeof(buf)));
	cr_assert_str_eq(q_macro_arg("m(averyverylongargument)", 0, buf, 5), "aver");
	cr_assert_eq(q_parse_version("6.12"), 612);
	cr_assert_eq(q_parse_version("4"), 400);
	cr_assert_eq(q_parse_version("six"), 0);
	cr_assert(q_loc_before(&a, &b));
	cr_assert_not(q_loc_before(&b, &a));
	cr_assert_not(q_loc_before(&a, &a));
}

Test(table, every_table_parses_and_is_sorted)
{
	const struct tbl_source *s;

	for (s = tbl_sources; s->name; s++) {
		const struct tbl *t = tbl_get(s->name);
		unsigned i;

		cr_assert(t, "%s not loaded", s->name);
		cr_assert(s->text[0] == '#', "%s: first line must say where the data comes from",
			  s->name);
		for (i = 1; i < t->nrows; i++)
			cr_assert(strcmp(t->rows[i - 1].fields[0], t->rows[i].fields[0]) <= 0,
				  "%s.tbl line %u: rows not sorted", s->name, t->rows[i].line);
	}
	cr_assert_null(tbl_get("no-such-table"));
}
