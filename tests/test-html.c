// SPDX-License-Identifier: GPL-2.0
/*
 * test-html.c - --format=html as text: one self-contained page, everything
 * escaped, one section per finding of the JSON report, the highlighted rows
 * exactly the finding's location and related notes (the path), its fix.
 * scripts/html-check.py checks the same page in a real browser (make html-check).
 * report_html() itself: excerpts of lines and files that are not there.
 * The Conformance section: the --conformance --format=json matrix's cells.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "../checker/report.h"
#include "testutil.h"

#define ESCAPE "tests/data/html/bad-escape.c"
#define GOTO_LEAK "corpus/device-lookup-put/bad-flag-not-set.c"
#define WRONG_ORDER "corpus/register-unwind/bad-remove-wrong-order.c"
#define MISSING_UNDO "corpus/register-unwind/bad-remove-misses-unregister.c"
#define GOTO_SKIP "corpus/register-unwind/bad-goto-wrong-label.c"

TestSuite(html, .timeout = 60);

/*
 * Scan files (NULL-terminated, at most 11) with -Ireference/include in format
 * fmt, with --conformance when conf.
 */
static void scan_conf(struct run *r, const char *fmt, const char *const *files, bool conf)
{
	char opt[32], *argv[20];
	int n = 0;

	snprintf(opt, sizeof(opt), "--format=%s", fmt);
	argv[n++] = (char *)lint_path();
	argv[n++] = opt;
	argv[n++] = "-q";
	if (conf)
		argv[n++] = "--conformance";
	while (*files && n < 16)
		argv[n++] = (char *)*files++;
	argv[n++] = "--";
	argv[n++] = "-Ireference/include";
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", argv[0]);
	cr_assert(r->status == 0 || r->status == 1, "exit %d: %s", r->status, r->err);
}

static void scan(struct run *r, const char *fmt, const char *const *files)
{
	scan_conf(r, fmt, files, false);
}

static void scan1(struct run *r, const char *fmt, const char *file)
{
	const char *files[] = { file, NULL };

	scan(r, fmt, files);
}

/* The data-line of every highlighted row, in page order, as "15 20 27". */
static void hl_lines(const char *html, char *buf, size_t n)
{
	const char *p = html, *d;
	size_t used = 0;

	buf[0] = '\0';
	while ((p = strstr(p, "<tr class=\"ln hl"))) {
		d = strstr(p, "data-line=\"");
		cr_assert(d);
		used += (size_t)snprintf(buf + used, n - used, "%s%u", used ? " " : "",
					 (unsigned)strtoul(d + 11, NULL, 10));
		cr_assert_lt(used, n);
		p = d;
	}
}

/* The lines of a finding's related notes in the JSON report, as "20 27". */
static void related_lines(const char *json, unsigned k, char *buf, size_t n)
{
	struct json_object *doc = json_tokener_parse(json), *fs, *rel;
	size_t used = 0;
	unsigned i;

	cr_assert(doc && json_object_object_get_ex(doc, "findings", &fs));
	cr_assert_lt(k, json_object_array_length(fs));
	cr_assert(json_object_object_get_ex(json_object_array_get_idx(fs, k), "related", &rel));
	buf[0] = '\0';
	for (i = 0; i < json_object_array_length(rel); i++) {
		struct json_object *line;

		cr_assert(json_object_object_get_ex(json_object_array_get_idx(rel, i), "line", &line));
		used += (size_t)snprintf(buf + used, n - used, "%s%d", used ? " " : "",
					 json_object_get_int(line));
		cr_assert_lt(used, n);
	}
	json_object_put(doc);
}

Test(html, one_self_contained_page)
{
	struct run r;
	size_t n;

	scan1(&r, "html", GOTO_LEAK);
	cr_assert_eq(r.status, 1, "%s", r.err);
	n = strlen(r.out);
	cr_assert(!strncmp(r.out, "<!DOCTYPE html>\n", 16), "%.200s", r.out);
	cr_assert(n > 8 && !strcmp(r.out + n - 8, "</html>\n"));
	cr_assert(strstr(r.out, "Content-Security-Policy\" content=\"default-src 'none'"));
	cr_assert_null(strstr(r.out, "<script"), "no script: the page needs none");
	cr_assert_null(strstr(r.out, "http:"));
	cr_assert_null(strstr(r.out, "https:"));
	cr_assert_null(strstr(r.out, " src="));
	cr_assert(strstr(r.out, "href=\"docs/rules/device-lookup-put.md\""));
	run_free(&r);
}

/* The fixture's <script>, </table> and & are text in the excerpt, never markup. */
Test(html, source_and_messages_escaped)
{
	struct run r;

	scan1(&r, "html", ESCAPE);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.out, "tag = &quot;&lt;script&gt;document.title = &#39;pwned&#39;&lt;/script&gt; "
			 "&amp; &lt;/td&gt;&lt;/table&gt;&quot;;</td>"), "%s", r.out);
	cr_assert(strstr(r.out, "/* &lt;b&gt;not bold&lt;/b&gt; &amp;amp; leaks */"));
	cr_assert(strstr(r.out, "put_device(&amp;pdev-&gt;dev)</p>"), "message escaped");
	cr_assert(strstr(r.out, "&#39;pdev&#39; still held on this return"));
	cr_assert_null(strstr(r.out, "<script"));
	cr_assert_null(strstr(r.out, "<b>"));
	run_free(&r);
}

/* One section per finding of the JSON report of the same scan, and the total. */
Test(html, one_section_per_finding)
{
	const char *files[] = { GOTO_LEAK, WRONG_ORDER, MISSING_UNDO, GOTO_SKIP, ESCAPE,
				"corpus/of-xlate-presence/bad-missing.c", NULL };
	struct json_object *doc, *fs;
	struct run h, j;
	char total[64];
	unsigned n;

	scan(&h, "html", files);
	scan(&j, "json", files);
	doc = json_tokener_parse(j.out);
	cr_assert(doc && json_object_object_get_ex(doc, "findings", &fs));
	n = (unsigned)json_object_array_length(fs);
	cr_assert_geq(n, 6);
	cr_assert_eq(count_substr(h.out, "<section class=\"finding "), n);
	snprintf(total, sizeof(total), "<span id=\"total\">%u</span> findings", n);
	cr_assert(strstr(h.out, total), "%s not in the page", total);
	cr_assert(strstr(h.out, "<tr data-key=\"register-unwind\"><td><a href=\"docs/rules/register-unwind.md\"><code>register-unwind</code></a></td><td class=\"n\">3</td>"),
		  "by-rule count");
	cr_assert_null(strstr(h.out, "id=\"by-driver\"><caption>"), "corpus/ and tests/ share no directory");
	cr_assert(strstr(h.out, "<tr data-key=\"" ESCAPE "\"><td><a href=\"#f"));
	json_object_put(doc);
	run_free(&h);
	run_free(&j);
}

/* The highlighted rows of a leak through a goto: acquisition, goto, return. */
Test(html, path_highlighted)
{
	char got[256], rel[256], want[300];
	struct run h, j;

	scan1(&h, "html", GOTO_LEAK);
	scan1(&j, "json", GOTO_LEAK);
	hl_lines(h.out, got, sizeof(got));
	cr_assert_str_eq(got, "15 20 27");
	related_lines(j.out, 0, rel, sizeof(rel));
	snprintf(want, sizeof(want), "15 %s", rel);
	cr_assert_str_eq(got, want, "highlighted rows are the location and the related notes");
	cr_assert(strstr(h.out, "<tr class=\"ln hl primary\" id=\"f1-s0-L15\" data-line=\"15\">"));
	cr_assert(strstr(h.out, "<td class=\"text\">&#8627; &#39;goto out&#39; taken with &#39;pdev&#39; held</td>"));
	cr_assert(strstr(h.out, "No automatic fix: the exit at line 27"));
	cr_assert(strstr(h.out, "<caption>in <code>corpus/device-lookup-put/</code></caption>"));
	cr_assert(strstr(h.out, "<tr data-key=\"" GOTO_LEAK "\"><td><a href=\"#f1\"><code>bad-flag-not-set.c</code></a></td><td class=\"n\">1</td>"));
	run_free(&h);
	run_free(&j);
}

/* The related notes the page highlights: the goto taken, the steps of probe and remove. */
Test(html, path_is_in_related_notes)
{
	static const struct {
		const char *file, *lines;
	} cases[] = {
		{ GOTO_LEAK, "20 27" },		/* goto out, then the return */
		{ GOTO_SKIP, "33 42" },		/* the goto skipping the undo, the return */
		{ WRONG_ORDER, "24 28 43" },	/* probe's two steps, remove's other call */
		{ MISSING_UNDO, "26" },		/* the registration in probe */
	};
	char got[256];
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct run r;

		scan1(&r, "json", cases[i].file);
		related_lines(r.out, 0, got, sizeof(got));
		cr_assert_str_eq(got, cases[i].lines, "%s", cases[i].file);
		run_free(&r);
	}
}

/* A fix is shown as its diff, one class per added and removed line. */
Test(html, fix_as_diff)
{
	struct run r;

	scan1(&r, "html", WRONG_ORDER);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, "<b>Fix</b>: undo the registrations in reverse order in remove"));
	cr_assert(strstr(r.out, "<span class=\"del\">-\tiommu_device_sysfs_remove(&amp;smmu-&gt;iommu);</span>"),
		  "%s", r.out);
	cr_assert(strstr(r.out, "<span class=\"add\">+\tiommu_device_sysfs_remove(&amp;smmu-&gt;iommu);</span>"));
	cr_assert(strstr(r.out, "<span>+++ b/" WRONG_ORDER "</span>"));
	run_free(&r);
}

Test(html, clean_scan_says_so)
{
	struct run r;

	scan1(&r, "html", "reference/drivers/refmmu.c");
	cr_assert_eq(r.status, 0, "%s", r.err);
	cr_assert(strstr(r.out, "<p>No findings.</p>"));
	cr_assert_eq(count_substr(r.out, "<section"), 0);
	run_free(&r);
}

Test(html, written_with_o)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], *argv[8];
	struct run r;
	char *page;
	size_t len;

	tmpdir_make(dir, sizeof(dir), "html");
	snprintf(path, sizeof(path), "%s/report.html", dir);
	argv[0] = (char *)lint_path();
	argv[1] = "--format=html";
	argv[2] = "-o";
	argv[3] = path;
	argv[4] = GOTO_LEAK;
	argv[5] = "--";
	argv[6] = "-Ireference/include";
	argv[7] = NULL;
	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_str_empty(r.out);
	page = read_file(path, &len);
	cr_assert(page && strstr(page, "<section class=\"finding sev-warning\" id=\"f1\""));
	free(page);
	run_free(&r);
	tmpdir_remove(dir);
}

/*
 * report_html() on a finding whose evidence is partly missing: a line 0, a
 * line past the end of the parsed text, a header that does not exist, and
 * one that does (read from disk, as it is now).  Every mark stays a
 * highlighted row, and says what is missing.
 */
Test(html, excerpt_of_missing_lines_and_files)
{
	static const char src[] = "int a;\nint b; /* <b> */\nint c;\n";
	struct fx_tu tu = { .file = "x.c", .src = src, .src_len = sizeof(src) - 1 };
	struct fx_tu *tus[] = { &tu };
	struct fx_program prog = { .ntus = 1, .tus = tus };
	struct related_loc rel[] = {
		{ "x.c", 0, 0, "no line <0>" },
		{ "x.c", 9, 1, "past the end" },
		{ "reference/include/linux/device.h", 1, 1, "a header on disk" },
		{ "/nonexistent/gone.h", 5, 1, "a header that is gone" },
	};
	struct finding x = {
		.rule = 0, .severity = SEV_WARNING, .file = "x.c", .line = 2, .col = 1,
		.symbol = "b", .message = "message & <i>more</i>", .nrelated = 4, .related = rel,
	};
	struct findings f = { 1, 1, &x };
	struct run_summary sum = { .tus = 1, .parsed = 1, .findings = 1 };
	char *page = NULL, *hdr, want[512], got[256];
	size_t len = 0, n;
	FILE *out = open_memstream(&page, &len);
	struct rule_settings rs;

	rule_settings_default(&rs);
	cr_assert(out);
	cr_assert_eq(report_html(out, &rs, &prog, &f, &sum), 0);
	fclose(out);
	hl_lines(page, got, sizeof(got));
	cr_assert_str_eq(got, "0 2 9 1 5", "%s", page);
	cr_assert(strstr(page, "<td class=\"code\"><span class=\"nosrc\">(no line given)</span>"));
	cr_assert(strstr(page, "<td class=\"code\">int b; /* &lt;b&gt; */</td>"));
	cr_assert(strstr(page, "<span class=\"nosrc\">(past the end of the file as it is now)</span>"));
	cr_assert(strstr(page, "&#8627; no line &lt;0&gt;</td>"));
	cr_assert(strstr(page, "<p class=\"msg\">message &amp; &lt;i&gt;more&lt;/i&gt;</p>"));
	cr_assert(strstr(page, "<div class=\"nosrc\">source not available: cannot open: No such file or directory</div>"),
		  "%s", page);
	hdr = read_file("reference/include/linux/device.h", &n);
	cr_assert(hdr);
	hdr[strcspn(hdr, "\n")] = '\0';
	snprintf(want, sizeof(want), "data-line=\"1\"><td class=\"no\">1</td><td class=\"code\">%s</td>", hdr);
	cr_assert(strstr(page, want), "the header's first line, escaped: %s", want);
	free(hdr);
	free(page);
}

/* The value of attribute name ("data-n") in the tag p is in, up to its '>'. */
static char *attr(const char *p, const char *name, char *buf, size_t n)
{
	const char *end = strchr(p, '>'), *a;
	char key[64];
	size_t len;

	snprintf(key, sizeof(key), " %s=\"", name);
	a = strstr(p, key);
	cr_assert(a && end && a < end, "no %s in %.120s", name, p);
	a += strlen(key);
	len = strcspn(a, "\"");
	cr_assert_lt(len, n);
	memcpy(buf, a, len);
	buf[len] = '\0';
	return buf;
}

/*
 * Every cell of the page's Conformance section equals the JSON matrix of
 * the same scan: the rows (file, ops) in order, each rule's status and
 * count; a count links to the first finding of that rule in that file.
 * Returns the number of cells with a count.
 */
static unsigned assert_section_is_matrix(const char *page, const char *json)
{
	struct json_object *doc = json_tokener_parse(json), *rows;
	const char *sec = strstr(page, "<table class=\"conf\" id=\"conformance\">"), *p, *end;
	unsigned i, nrows = 0, linked = 0;

	cr_assert(doc && json_object_object_get_ex(doc, "rows", &rows), "%.300s", json);
	cr_assert(sec, "no Conformance section");
	cr_assert_eq(count_substr(page, "<h2>Conformance</h2>"), 1);
	end = strstr(sec, "</table>");
	for (p = sec; (p = strstr(p, "<tr data-file=\"")) && p < end; p++)
		nrows++;
	cr_assert_eq(nrows, json_object_array_length(rows), "rows of the page and the matrix");
	p = sec;
	for (i = 0; i < nrows; i++) {
		struct json_object *row = json_object_array_get_idx(rows, i), *v, *st, *fs;
		char file[1024], buf[1024];
		const char *rend;

		p = strstr(p, "<tr data-file=\"");
		rend = strstr(p, "</tr>");
		cr_assert(json_object_object_get_ex(row, "file", &v));
		cr_assert_str_eq(attr(p, "data-file", file, sizeof(file)), json_object_get_string(v));
		cr_assert(json_object_object_get_ex(row, "ops", &v));
		cr_assert_str_eq(attr(p, "data-ops", buf, sizeof(buf)), json_object_get_string(v));
		cr_assert(json_object_object_get_ex(row, "status", &st));
		cr_assert(json_object_object_get_ex(row, "findings", &fs));
		json_object_object_foreach(st, rule, status) {
			char key[128], want[1200], full[1300];
			struct json_object *cnt;
			const char *c, *href;
			int n;

			snprintf(key, sizeof(key), " data-rule=\"%s\" data-status=\"", rule);
			c = strstr(p, key);
			cr_assert(c && c < rend, "row %u: no cell for %s", i, rule);
			cr_assert_str_eq(attr(c, "data-status", buf, sizeof(buf)),
					 json_object_get_string(status), "row %u %s", i, rule);
			cr_assert(json_object_object_get_ex(fs, rule, &cnt));
			n = json_object_get_int(cnt);
			cr_assert_eq(atoi(attr(c, "data-n", buf, sizeof(buf))), n, "row %u %s", i, rule);
			href = strstr(c, "<a href=\"#f");
			if (!n) {
				cr_assert(!href || href > strstr(c, "</td>"), "%s: a link without a count", rule);
				continue;
			}
			cr_assert(href && href < strstr(c, "</td>"), "%s: a count without a link", rule);
			snprintf(want, sizeof(want), "data-rule=\"%s\" data-file=\"%s\" data-line=\"",
				 rule, file);
			snprintf(full, sizeof(full), "id=\"f%u\" %s", (unsigned)atoi(href + 11), want);
			cr_assert(strstr(page, full), "%s links to a finding of another rule or file", rule);
			cr_assert_eq(strstr(page, want), strstr(page, full) + (strchr(full, ' ') - full) + 1,
				     "%s: not the first finding of the rule in %s", rule, file);
			linked++;
		}
		p = rend;
	}
	json_object_put(doc);
	return linked;
}

Test(html, conformance_section_is_the_matrix)
{
	const char *files[] = { "reference/drivers/refmmu.c", WRONG_ORDER, GOTO_SKIP, GOTO_LEAK,
				"corpus/attach-dev-return/bad-eperm.c",
				"corpus/device-group-ref/bad-helper.c", "corpus/ops-api/bad-add-device-5x.c",
				"corpus/of-xlate-presence/bad-missing.c", NULL };
	struct run h, j;

	scan(&h, "html", files);
	scan_conf(&j, "json", files, true);
	cr_assert_geq(assert_section_is_matrix(h.out, j.out), 3, "cells with findings");
	cr_assert(strstr(h.out, "<tr data-file=\"reference/drivers/refmmu.c\""));
	cr_assert(strstr(h.out, "not in a row."), "the leak of " GOTO_LEAK " is unattributed");
	run_free(&h);
	run_free(&j);
}

/* A clean scan still shows its matrix: all pass or n/a, no links. */
Test(html, conformance_section_of_clean_scan)
{
	const char *files[] = { "reference/drivers/refmmu.c", NULL };
	struct run h, j;

	scan(&h, "html", files);
	scan_conf(&j, "json", files, true);
	cr_assert_eq(h.status, 0);
	cr_assert_eq(assert_section_is_matrix(h.out, j.out), 0);
	cr_assert(strstr(h.out, "data-status=\"pass\""));
	run_free(&h);
	run_free(&j);
}

/* No iommu_ops in the scan: no section (the findings are still there). */
Test(html, no_conformance_without_ops)
{
	struct run r;

	scan1(&r, "html", GOTO_LEAK);
	cr_assert_eq(r.status, 1);
	cr_assert_null(strstr(r.out, "Conformance"), "a section without an ops table");
	cr_assert_null(strstr(r.out, "class=\"conf\""));
	cr_assert(strstr(r.out, "<section class=\"finding "));
	run_free(&r);
}
