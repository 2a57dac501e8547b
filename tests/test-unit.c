// SPDX-License-Identifier: GPL-2.0
/*
 * test-unit.c - unit tests of the checker core that need no child process:
 * the #if map and designator scan, argv sanitising, the registry, the
 * rules/data table loader, and the evidence of a finding (report_related,
 * report_level) through the engine, the reporters, suppressions and
 * fingerprints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "../checker/argv.h"
#include "../checker/baseline.h"
#include "../checker/engine.h"
#include "../checker/options.h"
#include "../checker/ppcond.h"
#include "../checker/query.h"
#include "../checker/registry.h"
#include "../checker/report.h"
#include "../checker/rule.h"
#include "../checker/srcscan.h"
#include "../checker/suppress.h"
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

/* Evidence: findings made through the engine's rule API, as a rule makes them. */

static struct findings ev_out;
static struct rule_settings ev_rs;

static void ev_init(void)
{
	memset(&ev_out, 0, sizeof(ev_out));
	rule_settings_default(&ev_rs);
}

static void ev_fini(void)
{
	findings_free(&ev_out);
}

TestSuite(evidence, .init = ev_init, .fini = ev_fini);

static struct fx_loc at(const char *file, unsigned line, unsigned col)
{
	struct fx_loc l = { file, line, col };

	return l;
}

Test(evidence, related_in_source_order_and_deduplicated)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc p = at("drv.c", 10, 2), l;
	struct finding *f;
	int h;

	h = report(ctx, &p, "probe", "leak of %s", "grp");
	cr_assert_eq(h, 0);
	l = at("drv.c", 30, 3);
	report_related(ctx, h, &l, "returned here without a put");
	l = at("other.h", 5, 1);
	report_related(ctx, h, &l, "declared here");
	l = at("drv.c", 12, 9);
	report_related(ctx, h, &l, "reference taken here");
	l = at("drv.c", 30, 3);
	report_related(ctx, h, &l, "returned here without a put");	/* duplicate */
	report_related(ctx, h, &l, "second note at %u", 30u);	/* same place, new text */
	l = at("drv.c", 12, 2);
	report_related(ctx, h, &l, "reference taken here");	/* same text, new column */
	/* a second report at the same place is the same finding */
	cr_assert_eq(report(ctx, &p, "probe", "leak again"), h);
	engine_ctx_free(ctx);

	cr_assert_eq(ev_out.n, 1);
	f = &ev_out.v[0];
	cr_assert_eq(f->nrelated, 5);
	cr_assert_eq(f->related[0].line, 12);
	cr_assert_eq(f->related[0].col, 2);
	cr_assert_eq(f->related[1].col, 9);
	cr_assert_str_eq(f->related[2].message, "returned here without a put");
	cr_assert_str_eq(f->related[3].message, "second note at 30");
	cr_assert_str_eq(f->related[4].file, "other.h", "the finding's own file comes first");
	cr_assert_eq(f->severity, rule_meta[0].severity);
}

Test(evidence, related_capped_with_and_more)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc p = at("drv.c", 1, 1), l;
	const struct finding *f;
	unsigned i;
	int h = report(ctx, &p, "f", "leak");

	/* reverse order and every one twice: the first RELATED_MAX by line stay */
	for (i = RELATED_MAX + 10; i > 0; i--) {
		l = at("drv.c", 100 + i, 1);
		report_related(ctx, h, &l, "path %u", i);
		report_related(ctx, h, &l, "path %u", i);
	}
	engine_ctx_free(ctx);
	f = &ev_out.v[0];
	cr_assert_eq(f->nrelated, RELATED_MAX + 1);
	for (i = 0; i < RELATED_MAX; i++)
		cr_assert_eq(f->related[i].line, 101 + i);
	cr_assert_str_eq(f->related[RELATED_MAX].message, "and 10 more related locations");
	cr_assert_eq(f->related[RELATED_MAX].line, 101 + RELATED_MAX);
}

Test(evidence, related_one_past_the_cap_is_kept)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc p = at("drv.c", 1, 1), l;
	unsigned i;
	int h = report(ctx, &p, "f", "leak");

	for (i = 0; i < RELATED_MAX + 1; i++) {
		l = at("drv.c", 10 + i, 1);
		report_related(ctx, h, &l, "step");
	}
	engine_ctx_free(ctx);
	cr_assert_eq(ev_out.v[0].nrelated, RELATED_MAX + 1);
	cr_assert_str_eq(ev_out.v[0].related[RELATED_MAX].message, "step");
}

/*
 * One finding per (rule, file, line, symbol), also when every finding is on
 * one line (thousands of functions on one line) and across contexts.
 */
Test(evidence, one_finding_per_key)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out), *other;
	struct fx_loc p = at("drv.c", 1, 1), q = at("other.c", 1, 1);
	char sym[32];
	unsigned i;

	for (i = 0; i < 5000; i++) {
		snprintf(sym, sizeof(sym), "f%u", i);
		cr_assert_eq(report(ctx, &p, sym, "leak"), (int)i);
	}
	for (i = 0; i < 5000; i += 7) {
		snprintf(sym, sizeof(sym), "f%u", i);
		cr_assert_eq(report(ctx, &p, sym, "again"), (int)i, "duplicate of f%u", i);
	}
	cr_assert_eq(report(ctx, &q, "f1", "leak"), 5000, "another file");
	cr_assert_eq(report(ctx, &p, NULL, "leak"), 5001);
	cr_assert_eq(report(ctx, &p, "", "leak"), 5001, "no symbol is the empty one");
	engine_ctx_free(ctx);
	other = engine_ctx_new(&ev_rs, 1, &ev_out);
	cr_assert_eq(report(other, &p, "f3", "leak"), 5002, "another rule");
	engine_ctx_free(other);
	other = engine_ctx_new(&ev_rs, 0, &ev_out);
	cr_assert_eq(report(other, &p, "f3", "leak"), 3, "found by a new context");
	engine_ctx_free(other);
	cr_assert_eq(ev_out.n, 5003);
}

/* One finding at level, under the -W settings the test set in ev_rs. */
static enum severity level_of(enum severity level)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc p = at("drv.c", 1 + ev_out.n, 1);
	int h = report(ctx, &p, "f", "x");

	report_level(ctx, h, level);
	engine_ctx_free(ctx);
	return ev_out.v[h].severity;
}

Test(evidence, levels_and_werror)
{
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc p = at("drv.c", 100, 1);

	report(ctx, &p, "f", "default level");
	engine_ctx_free(ctx);
	cr_assert_eq(ev_out.v[0].severity, rule_meta[0].severity);

	cr_assert_eq(level_of(SEV_NOTE), SEV_NOTE);
	cr_assert_eq(level_of(SEV_ERROR), SEV_ERROR);
	ev_rs.werror_all = true;		/* -Werror: warnings only */
	cr_assert_eq(level_of(SEV_NOTE), SEV_NOTE);
	cr_assert_eq(level_of(SEV_WARNING), SEV_ERROR);
	ev_rs.werror_all = false;
	ev_rs.werror[0] = true;			/* -Werror=<id>: every finding */
	cr_assert_eq(level_of(SEV_NOTE), SEV_ERROR);
	ev_rs.werror[0] = false;
	ev_rs.werror[1] = true;			/* another rule's -Werror= */
	cr_assert_eq(level_of(SEV_NOTE), SEV_NOTE);
	cr_assert_eq(level_of(SEV_WARNING), SEV_WARNING);
}

Test(evidence, findings_at_least_counts_levels)
{
	struct finding v[3] = { { .severity = SEV_NOTE }, { .severity = SEV_WARNING },
				{ .severity = SEV_ERROR } };
	struct findings f = { .n = 3, .cap = 3, .v = v };

	cr_assert_eq(findings_at_least(&f, SEV_NOTE), 3);
	cr_assert_eq(findings_at_least(&f, SEV_WARNING), 2);
	cr_assert_eq(findings_at_least(&f, SEV_ERROR), 1);
}

/* A note-level finding in drv.c with two related locations, hand-built. */
static struct related_loc hb_rel[2] = {
	{ .file = "drv.c", .line = 12, .col = 5, .message = "reference taken here" },
	{ .file = "drv.c", .line = 20, .col = 0, .message = "returned here without a put" },
};
static struct finding hb_v[2] = {
	{ .rule = 0, .severity = SEV_NOTE, .file = "drv.c", .line = 12, .col = 5,
	  .symbol = "probe", .message = "leak", .nrelated = 2, .related = hb_rel },
	{ .rule = 0, .severity = SEV_WARNING, .file = "drv.c", .line = 40, .col = 1,
	  .symbol = "remove", .message = "plain" },
};
static const struct findings hb = { .n = 2, .cap = 2, .v = hb_v };
static const struct run_summary hb_sum = { .tus = 1, .parsed = 1, .findings = 2, .notes = 1 };

/* What a reporter writes, NUL-terminated; free() it. */
static char *render(int (*writer)(FILE *, const struct findings *, const struct run_summary *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	cr_assert(out);
	cr_assert_eq(writer(out, &hb, &hb_sum), 0);
	fclose(out);
	return buf;
}

Test(evidence, text_prints_note_lines_after_the_finding)
{
	char *s = render(report_text), want[512];

	snprintf(want, sizeof(want),
		 "drv.c:12:5: note: leak [%s]\n"
		 "drv.c:12:5: note: reference taken here\n"
		 "drv.c:20:0: note: returned here without a put\n"
		 "drv.c:40:1: warning: plain [%s]\n", rule_meta[0].id, rule_meta[0].id);
	cr_assert_str_eq(s, want);
	free(s);
}

static struct json_object *get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	cr_assert(json_object_object_get_ex(o, key, &v), "no \"%s\" in %s", key,
		  json_object_to_json_string(o));
	return v;
}

Test(evidence, json_has_level_and_related)
{
	char *s = render(report_json);
	struct json_object *doc = json_tokener_parse(s), *f0, *f1, *rel, *r1;

	cr_assert(doc, "not JSON: %s", s);
	f0 = json_object_array_get_idx(get(doc, "findings"), 0);
	f1 = json_object_array_get_idx(get(doc, "findings"), 1);
	cr_assert_str_eq(json_object_get_string(get(f0, "level")), "note");
	cr_assert_str_eq(json_object_get_string(get(f1, "level")), "warning");
	rel = get(f0, "related");
	cr_assert_eq(json_object_array_length(rel), 2);
	r1 = json_object_array_get_idx(rel, 1);
	cr_assert_str_eq(json_object_get_string(get(r1, "file")), "drv.c");
	cr_assert_eq(json_object_get_int(get(r1, "line")), 20);
	cr_assert_eq(json_object_get_int(get(r1, "column")), 0);
	cr_assert_str_eq(json_object_get_string(get(r1, "message")), "returned here without a put");
	cr_assert_eq(json_object_array_length(get(f1, "related")), 0);
	cr_assert_eq(json_object_get_int(get(get(doc, "summary"), "notes")), 1);
	json_object_put(doc);
	free(s);
}

Test(evidence, sarif_level_and_related_locations)
{
	char *s = render(report_sarif);
	struct json_object *doc = json_tokener_parse(s), *res, *r0, *r1, *rel, *l1, *region;

	cr_assert(doc, "not JSON: %s", s);
	res = get(json_object_array_get_idx(get(doc, "runs"), 0), "results");
	r0 = json_object_array_get_idx(res, 0);
	r1 = json_object_array_get_idx(res, 1);
	cr_assert_str_eq(json_object_get_string(get(r0, "level")), "note");
	cr_assert_str_eq(json_object_get_string(get(r1, "level")), "warning");
	cr_assert(!json_object_object_get_ex(r1, "relatedLocations", NULL));
	rel = get(r0, "relatedLocations");
	cr_assert_eq(json_object_array_length(rel), 2);
	l1 = json_object_array_get_idx(rel, 1);
	cr_assert_eq(json_object_get_int(get(l1, "id")), 1);
	cr_assert_str_eq(json_object_get_string(get(get(l1, "message"), "text")),
			 "returned here without a put");
	region = get(get(l1, "physicalLocation"), "region");
	cr_assert_eq(json_object_get_int(get(region, "startLine")), 20);
	cr_assert(!json_object_object_get_ex(region, "startColumn", NULL), "column 0 is unknown");
	json_object_put(doc);
	free(s);
}

#define MULTITOOL "build/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"

/* The log with related locations is valid SARIF 2.1.0 (Microsoft's Multitool). */
Test(evidence, sarif_with_related_locations_validates)
{
	char dir[] = "/tmp/iommu-lint-evidence.XXXXXX", log[64], rep[80], cmd[512];
	char *s = render(report_sarif);
	struct json_object *doc, *runs, *results, *lvl;
	size_t i, j;
	FILE *f;

	if (access(MULTITOOL, X_OK))
		cr_skip_test("SARIF Multitool missing (scripts/deps.sh)");
	cr_assert(mkdtemp(dir));
	snprintf(log, sizeof(log), "%s/ev.sarif", dir);
	snprintf(rep, sizeof(rep), "%s/ev.report", dir);
	f = fopen(log, "w");
	cr_assert(f && fputs(s, f) >= 0 && !fclose(f));
	snprintf(cmd, sizeof(cmd),
		 "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 %s validate --quiet true -o %s "
		 "--log 'ForceOverwrite;PrettyPrint' %s >/dev/null 2>&1", MULTITOOL, rep, log);
	cr_assert_eq(system(cmd), 0);
	doc = json_object_from_file(rep);
	cr_assert(doc, "no Multitool report");
	runs = get(doc, "runs");
	for (i = 0; i < json_object_array_length(runs); i++) {
		if (!json_object_object_get_ex(json_object_array_get_idx(runs, i), "results",
					       &results))
			continue;
		for (j = 0; j < json_object_array_length(results); j++) {
			struct json_object *r = json_object_array_get_idx(results, j);

			if (json_object_object_get_ex(r, "level", &lvl))
				cr_assert_str_neq(json_object_get_string(lvl), "error",
						  "invalid SARIF: %s", json_object_to_json_string(r));
		}
	}
	json_object_put(doc);
	unlink(rep);
	unlink(log);
	rmdir(dir);
	free(s);
}

Test(evidence, fingerprint_ignores_related_and_level)
{
	struct finding bare = hb_v[0];
	char a[FINGERPRINT_LEN + 1], b[FINGERPRINT_LEN + 1];

	finding_fingerprint(&hb_v[0], NULL, a);
	bare.nrelated = 0;
	bare.related = NULL;
	bare.severity = SEV_ERROR;
	finding_fingerprint(&bare, NULL, b);
	cr_assert_str_eq(a, b);
}

/*
 * A suppression at the primary line hides the finding with all its related
 * notes; one at a related line hides nothing.
 */
Test(evidence, suppression_at_primary_line_hides_finding_and_notes)
{
	static const char src[] =
		"int probe(void)\n"						/* 1 */
		"{\n"								/* 2 */
		"\t/* iommu-lint: ignore %s -- freed by the caller */\n"	/* 3 */
		"\tg = get();\n"						/* 4 */
		"\tif (x)\n"							/* 5 */
		"\t\treturn 1;\n"						/* 6 */
		"\treturn 0;\n"							/* 7 */
		"}\n"								/* 8 */
		"int remove(void)\n"						/* 9 */
		"{\n"								/* 10 */
		"\th = get();\n"						/* 11 */
		"\treturn 0;\n"							/* 12 */
		"}\n";								/* 13 */
	char text[1024];
	struct fx_tu tu = { .file = "drv.c", .src = text };
	struct fx_tu *tus[1] = { &tu };
	struct fx_program prog = { .tus = tus, .ntus = 1 };
	struct rule_ctx *ctx = engine_ctx_new(&ev_rs, 0, &ev_out);
	struct fx_loc l = at("drv.c", 4, 2);
	int h;

	snprintf(text, sizeof(text), src, rule_meta[0].id);
	tu.src_len = strlen(text);
	h = report(ctx, &l, "probe", "leak");
	l = at("drv.c", 6, 3);
	report_related(ctx, h, &l, "returned here without a put");
	l = at("drv.c", 11, 2);
	h = report(ctx, &l, "remove", "leak");
	l = at("drv.c", 4, 2);		/* evidence on the suppressed line */
	report_related(ctx, h, &l, "compare with here");
	engine_ctx_free(ctx);

	cr_assert_eq(suppress_apply(&prog, &ev_out, NULL), 1);
	cr_assert_eq(ev_out.n, 1);
	cr_assert_str_eq(ev_out.v[0].symbol, "remove");
	cr_assert_eq(ev_out.v[0].nrelated, 1);
}

/*
 * Options in layers (a config file's words, then the command line): a later
 * value overrides, files and compiler flags accumulate, errors name the origin.
 */
Test(options, layers_override_and_accumulate)
{
	char *conf[] = { "--jobs", "3", "--format=json", "-Wno-device-lookup-put", "a.c", "--",
			 "-DA" };
	char *cmd[] = { "-j2", "--kernel", "6.1", "b.c", "--", "-DB" };
	char *bad[] = { "--format" };
	char err[256] = "";
	struct options o;
	int r = rule_lookup("device-lookup-put");

	cr_assert_geq(r, 0);
	options_init(&o);
	cr_assert_eq(options_parse_args(&o, 7, conf, ".iommu-lint:2", err, sizeof(err)), 0, "%s",
		     err);
	cr_assert_eq(options_parse_args(&o, 6, cmd, NULL, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(options_finish(&o, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(o.jobs, 2);
	cr_assert_eq(o.format, FMT_JSON);
	cr_assert_str_eq(o.rules.kernel, "6.1");
	cr_assert_not(o.rules.enabled[r]);
	cr_assert_eq(o.nfiles, 2);
	cr_assert_str_eq(o.files[0], "a.c");
	cr_assert_str_eq(o.files[1], "b.c");
	cr_assert_eq(o.nextra, 2);
	cr_assert_str_eq(o.extra[0], "-DA");
	cr_assert_str_eq(o.extra[1], "-DB");
	cr_assert_null(o.extra[2]);
	cr_assert_eq(options_parse_args(&o, 1, bad, ".iommu-lint:4", err, sizeof(err)), -EINVAL);
	cr_assert_str_eq(err, ".iommu-lint:4: option --format needs a value");
	options_free(&o);
}

/* kbuild.c's own words in a CHECK command come from the same table. */
Test(options, check_words)
{
	bool next;

	cr_assert(options_check_word("-o", &next) && next);
	cr_assert(options_check_word("--output=x", &next) && !next);
	cr_assert(options_check_word("-j4", &next) && !next);
	cr_assert(options_check_word("--with-sparse", &next) && !next);
	cr_assert(options_check_word("--fail-on", &next) && next);
	cr_assert_not(options_check_word("--fix", &next));
	cr_assert_not(options_check_word("-D__linux__", &next));
	cr_assert_not(options_check_word("--arch=x86", &next));
	cr_assert_not(options_check_word("--stats=1", &next));
}

/* ppcond: spellings of one condition compare equal; #else negates; nesting is kept. */
Test(ppcond, normalised_condition_stack)
{
	static const char src[] =
		"#ifdef CONFIG_OF\n"			/* 1 */
		"a\n"					/* 2 */
		"#else\n"				/* 3 */
		"b\n"					/* 4 */
		"#endif\n"				/* 5 */
		"#if defined(CONFIG_OF) && \\\n"	/* 6 */
		"    defined(CONFIG_X)\n"		/* 7 */
		"c\n"					/* 8 */
		"#if IS_ENABLED(CONFIG_OF)\n"		/* 9 */
		"d\n"					/* 10 */
		"#endif\n"				/* 11 */
		"#endif\n"				/* 12 */
		"#ifndef CONFIG_Y\n"			/* 13 */
		"e\n"					/* 14 */
		"#elif defined CONFIG_Z\n"		/* 15 */
		"f\n"					/* 16 */
		"#endif\n";				/* 17 */
	struct fx_tu tu = { .file = "t.c", .src = src, .src_len = sizeof(src) - 1 };
	struct pp_conds cs;

	pp_conds_at(&tu, 2, &cs);
	cr_assert_eq(cs.n, 1);
	cr_assert_str_eq(cs.c[0], "CONFIG_OF");
	pp_conds_at(&tu, 4, &cs);
	cr_assert_str_eq(cs.c[0], "!CONFIG_OF");
	pp_conds_at(&tu, 8, &cs);
	cr_assert_eq(cs.n, 1);
	cr_assert_str_eq(cs.c[0], "defined(CONFIG_OF)&&defined(CONFIG_X)");
	pp_conds_at(&tu, 10, &cs);
	cr_assert_eq(cs.n, 2);
	cr_assert_str_eq(cs.c[1], "CONFIG_OF");
	cr_assert(pp_conds_has(&cs, "CONFIG_OF"));
	cr_assert_not(pp_conds_has(&cs, "CONFIG_X"));
	pp_conds_at(&tu, 14, &cs);
	cr_assert_str_eq(cs.c[0], "!CONFIG_Y");
	pp_conds_at(&tu, 16, &cs);
	cr_assert_str_eq(cs.c[0], "CONFIG_Z");
	pp_conds_at(&tu, 17, &cs);
	cr_assert_eq(cs.n, 1);
	pp_conds_at(&tu, 18, &cs);
	cr_assert_eq(cs.n, 0);
}
