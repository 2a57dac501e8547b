// SPDX-License-Identifier: GPL-2.0
/*
 * test-fix.c - fixes and their outputs (docs/fixes.md): the unified diff
 * applies with git apply and patch -p1 to exactly the edited text (random
 * files and edits), overlapping edits drop a fix, --fix is atomic,
 * idempotent and refuses a file changed since the scan, --export-fixes and
 * --patch-dir mails apply (git am, with the Fixes: line of the commit that
 * brought the defect), JSON and SARIF carry the edits, and both engines
 * produce the same edit for the resv-region fixture.
 */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <json-c/json.h>

#include "../checker/edit.h"
#include "../checker/engine.h"
#include "../checker/fix.h"
#include "testutil.h"

#define FIXTURE "corpus/resv-region/bad-int-type.c"

static char tmpdir[PATH_MAX], top[PATH_MAX], lint[PATH_MAX];

static void setup(void)
{
	cr_assert(getcwd(top, sizeof(top)));
	cr_assert(realpath(lint_path(), lint), "no checker at %s", lint_path());
	tmpdir_make(tmpdir, sizeof(tmpdir), "fix");
	/* git am and commits in the test repositories need an identity */
	setenv("GIT_AUTHOR_NAME", "Fix Test", 1);
	setenv("GIT_AUTHOR_EMAIL", "fix@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Fix Test", 1);
	setenv("GIT_COMMITTER_EMAIL", "fix@example.org", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", tmpdir, 1);
}

static void teardown(void)
{
	cr_assert_eq(chdir(top), 0);
	tmpdir_remove(tmpdir);
}

TestSuite(fix, .init = setup, .fini = teardown, .timeout = 120);

/* Run the checker with NULL-terminated arguments. */
static void lint_run(struct run *r, const char *const *args)
{
	char *argv[512];
	int n = 0;

	argv[n++] = lint;
	while (*args && n < 511)
		argv[n++] = (char *)*args++;
	cr_assert(!*args, "too many arguments");
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0, "cannot run %s", lint);
}

static char *slurp(const char *path)
{
	size_t len;
	char *p = read_file(path, &len);

	cr_assert(p, "cannot read %s", path);
	return p;
}

/* The fixture copied into the temporary directory as name. */
static void copy_fixture(const char *name)
{
	char src[PATH_MAX], dst[PATH_MAX];
	size_t len;
	char *text;

	snprintf(src, sizeof(src), "%s/%s", top, FIXTURE);
	snprintf(dst, sizeof(dst), "%s/%s", tmpdir, name);
	text = read_file(src, &len);
	cr_assert(text);
	cr_assert_eq(write_file(dst, text, len), 0);
	free(text);
}

/* ---- the diff, against git apply and patch -p1 on random edits ---- */

static unsigned seed = 12345;

static unsigned rnd(unsigned n)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 16) % n;
}

static char *random_text(size_t *len)
{
	static const char *words[] = { "a", "b(c);", "{", "}", "\t", " ", "if (x)", "return 0;" };
	unsigned lines = 1 + rnd(30), l, w;
	char *buf = calloc(1, 4096);
	size_t n = 0;

	for (l = 0; l < lines; l++) {
		unsigned nw = rnd(4);

		for (w = 0; w < nw; w++)
			n += (size_t)sprintf(buf + n, "%s", words[rnd(8)]);
		n += (size_t)sprintf(buf + n, "%u", l);	/* no two lines alike */
		if (l + 1 < lines || rnd(3))
			buf[n++] = '\n';
	}
	*len = n;
	return buf;
}

static void one_random_case(unsigned round)
{
	static const char *texts[] = { "", "X", "\n", "foo\nbar", "Y\n", "\n\nZ" };
	struct fx_tu tu = { 0 };
	struct fx_tu *tus[1] = { &tu };
	struct fx_program prog = { .ntus = 1, .tus = tus };
	struct findings f = { 0 };
	size_t len, at = 0, elen = 0, cur = 0;
	char *src = random_text(&len), *expect = calloc(1, 8192), path[PATH_MAX];
	char *patch = NULL;
	size_t plen = 0;
	FILE *m;
	unsigned k, ne = 1 + rnd(4);

	tu.file = "a.c";
	tu.directory = tmpdir;
	tu.src = src;
	tu.src_len = len;
	f.v = calloc(ne, sizeof(*f.v));
	for (k = 0; k < ne && at <= len; k++) {
		struct finding *x = &f.v[f.n++];
		struct finding_edit *e;
		size_t off = at + rnd((unsigned)(len - at + 1)), l;

		l = rnd((unsigned)(len - off + 1 < 6 ? len - off + 1 : 6));
		x->file = strdup("a.c");
		x->symbol = strdup("");
		x->message = strdup("m");
		x->edits = e = calloc(1, sizeof(*e));
		x->nedits = 1;
		e->file = strdup("a.c");
		e->offset = off;
		e->length = l;
		e->text = strdup(texts[rnd(6)]);
		/* the next edit starts after this one, or right at its end */
		at = off + l + (l ? rnd(2) : 1);
	}
	for (k = 0; k < f.n; k++) {
		const struct finding_edit *e = f.v[k].edits;

		memcpy(expect + elen, src + cur, e->offset - cur);
		elen += e->offset - cur;
		memcpy(expect + elen, e->text, strlen(e->text));
		elen += strlen(e->text);
		cur = e->offset + e->length;
	}
	memcpy(expect + elen, src + cur, len - cur);
	elen += len - cur;
	snprintf(path, sizeof(path), "%s/a.c", tmpdir);
	cr_assert_eq(write_file(path, src, len), 0);
	m = open_memstream(&patch, &plen);
	cr_assert_eq(fix_write_diff(m, &prog, &f), 0);
	fclose(m);
	if (!plen) {
		/* only edits that change nothing: no diff at all */
		cr_assert(elen == len && !memcmp(expect, src, len), "round %u: empty diff", round);
		goto out_free;
	}
	snprintf(path, sizeof(path), "%s/g/a.c", tmpdir);
	cr_assert_eq(shell_status("rm -rf %s/g %s/p && mkdir %s/g %s/p", tmpdir, tmpdir, tmpdir, tmpdir), 0);
	cr_assert_eq(write_file(path, src, len), 0);
	snprintf(path, sizeof(path), "%s/p/a.c", tmpdir);
	cr_assert_eq(write_file(path, src, len), 0);
	snprintf(path, sizeof(path), "%s/x.patch", tmpdir);
	cr_assert_eq(write_file(path, patch, plen), 0);
	cr_assert_eq(shell_status("cd %s/g && git apply --whitespace=nowarn ../x.patch", tmpdir), 0,
		     "round %u: git apply failed on:\n%s", round, patch);
	cr_assert_eq(shell_status("cd %s/p && patch -s -p1 < ../x.patch", tmpdir), 0,
		     "round %u: patch -p1 failed on:\n%s", round, patch);
	for (k = 0; k < 2; k++) {
		char *got;
		size_t glen;

		snprintf(path, sizeof(path), "%s/%s/a.c", tmpdir, k ? "p" : "g");
		got = read_file(path, &glen);
		cr_assert(got);
		cr_assert(glen == elen && !memcmp(got, expect, elen),
			  "round %u (%s): result differs from the edited text; patch:\n%s", round,
			  k ? "patch" : "git apply", patch);
		free(got);
	}
out_free:
	findings_free(&f);
	free(patch);
	free(expect);
	free(src);
}

Test(fix, diff_applies_with_git_apply_and_patch)
{
	unsigned round;

	cr_assert_eq(chdir(tmpdir), 0);
	for (round = 0; round < 150; round++)
		one_random_case(round);
}

/* ---- overlaps ---- */

static void add_edit(struct finding *x, unsigned line, unsigned col, unsigned eline,
		     unsigned ecol, const char *text)
{
	struct finding_edit *e;

	x->edits = realloc(x->edits, (x->nedits + 1) * sizeof(*x->edits));
	e = &x->edits[x->nedits++];
	memset(e, 0, sizeof(*e));
	e->file = strdup("o.c");
	e->line = line;
	e->col = col;
	e->end_line = eline;
	e->end_col = ecol;
	e->text = strdup(text);
}

Test(fix, overlapping_edits_drop_a_fix)
{
	static const char src[] = "int a = 1;\nint b = 2;\n";
	struct fx_tu tu = { .file = "o.c", .src = src, .src_len = sizeof(src) - 1 };
	struct fx_tu *tus[1] = { &tu };
	struct fx_program prog = { .ntus = 1, .tus = tus };
	struct findings f = { 0 };
	unsigned i;

	f.n = 4;
	f.v = calloc(4, sizeof(*f.v));
	for (i = 0; i < 4; i++) {
		f.v[i].file = strdup("o.c");
		f.v[i].line = i + 1;
		f.v[i].symbol = strdup("");
		f.v[i].message = strdup("m");
	}
	/* 0: two edits of one finding overlap: no fix at all */
	add_edit(&f.v[0], 1, 5, 1, 6, "x");
	add_edit(&f.v[0], 1, 1, 1, 8, "y");
	/* 1: fine; 2: overlaps 1, comes later: not applied; 3: disjoint: kept */
	add_edit(&f.v[1], 2, 9, 2, 10, "3");
	add_edit(&f.v[2], 2, 5, 2, 11, "c = 4;");
	add_edit(&f.v[3], 1, 9, 1, 10, "5");
	/* an edit outside the parsed file is refused */
	edits_resolve(&prog, &f);
	cr_assert_eq(f.v[0].nedits, 0);
	cr_assert(f.v[0].no_fix && strstr(f.v[0].no_fix, "overlap"), "%s", f.v[0].no_fix);
	cr_assert_eq(f.v[1].nedits, 1);
	cr_assert_eq(f.v[1].edits[0].offset, 19);
	cr_assert_eq(f.v[1].edits[0].length, 1);
	edits_drop_overlaps(&f);
	cr_assert_eq(f.v[1].nedits, 1);
	cr_assert_eq(f.v[2].nedits, 0);
	cr_assert(f.v[2].no_fix && strstr(f.v[2].no_fix, "not applied") &&
		  strstr(f.v[2].no_fix, "o.c:2"), "%s", f.v[2].no_fix);
	cr_assert_eq(f.v[3].nedits, 1);
	findings_free(&f);
	arena_free(&tu.arena);
}

Test(fix, edit_outside_the_file_is_refused)
{
	static const char src[] = "int a;\n";
	struct fx_tu tu = { .file = "o.c", .src = src, .src_len = sizeof(src) - 1 };
	struct fx_tu *tus[1] = { &tu };
	struct fx_program prog = { .ntus = 1, .tus = tus };
	struct findings f = { 0 };

	f.n = 2;
	f.v = calloc(2, sizeof(*f.v));
	f.v[0].file = strdup("o.c");
	f.v[0].symbol = strdup("");
	f.v[0].message = strdup("m");
	f.v[1] = f.v[0];
	f.v[1].file = strdup("o.c");
	f.v[1].symbol = strdup("");
	f.v[1].message = strdup("m");
	add_edit(&f.v[0], 3, 1, 3, 2, "x");		/* no line 3 */
	add_edit(&f.v[1], 1, 1, 1, 2, "x");
	free(f.v[1].edits[0].file);
	f.v[1].edits[0].file = strdup("linux/iommu.h");	/* a header */
	edits_resolve(&prog, &f);
	cr_assert_eq(f.v[0].nedits, 0);
	cr_assert(f.v[0].no_fix && strstr(f.v[0].no_fix, "internal"));
	cr_assert_eq(f.v[1].nedits, 0);
	cr_assert(f.v[1].no_fix && strstr(f.v[1].no_fix, "not the main file"));
	findings_free(&f);
	arena_free(&tu.arena);
}

Test(fix, line_geometry)
{
	static const char src[] = "f()\n{\n\t\tfoo(1);\n}";
	struct fx_tu tu = { .file = "g.c", .src = src, .src_len = sizeof(src) - 1 };
	struct fx_expr e = { .kind = FXE_CALL, .text = "foo(1)", .loc = { "g.c", 3, 3 } };
	struct fx_loc l;
	char ind[8];

	cr_assert(src_line_indent(&tu, 3, ind, sizeof(ind)));
	cr_assert_str_eq(ind, "\t\t");
	cr_assert(!src_line_indent(&tu, 3, ind, 2), "indent longer than the buffer");
	cr_assert(src_line_start(&tu, 3, &l) && l.line == 3 && l.col == 1);
	cr_assert(src_line_end(&tu, 3, &l) && l.col == 10);
	cr_assert(src_line_end(&tu, 4, &l) && l.col == 2, "last line without newline");
	cr_assert(!src_line_start(&tu, 5, &l));
	cr_assert(src_expr_end(&tu, &e, &l) && l.line == 3 && l.col == 9);
	e.text = "foo( 1 )";	/* spelled otherwise: no range */
	cr_assert(!src_expr_end(&tu, &e, &l));
	arena_free(&tu.arena);
}

/* Positions on one long line and across lines, and a TU whose text changed. */
Test(fix, line_spans_and_positions)
{
	static const char src[] = "a; b;\n\n  c;\nd";
	struct fx_tu tu = { .file = "s.c", .src = src, .src_len = sizeof(src) - 1 };
	struct fx_loc l;
	size_t s, e, off;

	src_line_span(&tu, 3, &s, &e);
	cr_assert(s == 0 && e == 5, "%zu %zu", s, e);
	src_line_span(&tu, 5, &s, &e);
	cr_assert(s == 0 && e == 5, "the newline belongs to its line");
	src_line_span(&tu, 6, &s, &e);
	cr_assert(s == 6 && e == 6, "an empty line");
	src_line_span(&tu, 12, &s, &e);
	cr_assert(s == 12 && e == 13, "last line without newline");
	cr_assert(src_loc_at(&tu, 13, &l) && l.line == 4 && l.col == 2);
	cr_assert(src_loc_at(&tu, 9, &l) && l.line == 3 && l.col == 3);
	l = (struct fx_loc){ "s.c", 3, 3 };
	cr_assert(src_offset(&tu, &l, &off) && off == 9);
	l.col = 5;
	cr_assert(src_offset(&tu, &l, &off) && off == 11, "at the newline");
	l.col = 6;
	cr_assert(!src_offset(&tu, &l, &off), "past the line");
	tu.src = "x\ny";
	tu.src_len = 3;
	cr_assert(src_loc_at(&tu, 2, &l) && l.line == 2 && l.col == 1, "table of the old text");
	arena_free(&tu.arena);
}

/* ---- the command line ---- */

static char *fix_json(const char *engine)
{
	char flag[64];
	const char *args[] = { "-q", flag, "--kernel=6.12", "--format=json", FIXTURE, "--",
			       "-Ireference/include", NULL };
	struct json_object *doc, *arr, *fix;
	struct run r;
	char *s;

	snprintf(flag, sizeof(flag), "--engine=%s", engine);
	lint_run(&r, args);
	cr_assert_eq(r.status, 1, "%s: %s", engine, r.err);
	doc = json_tokener_parse(r.out);
	cr_assert(doc && json_object_object_get_ex(doc, "findings", &arr));
	cr_assert_eq(json_object_array_length(arr), 1);
	cr_assert(json_object_object_get_ex(json_object_array_get_idx(arr, 0), "fix", &fix) && fix);
	s = strdup(json_object_to_json_string_ext(fix, JSON_C_TO_STRING_PLAIN |
							  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(doc);
	run_free(&r);
	return s;
}

Test(fix, both_engines_same_edit)
{
	char *c = fix_json("clang"), *t = fix_json("ts");

	cr_assert_str_eq(c, t);
	cr_assert(strstr(c, "\"text\":\"IOMMU_RESV_RESERVED\""), "%s", c);
	cr_assert(strstr(c, "\"line\":9") && strstr(c, "\"column\":50") &&
		  strstr(c, "\"end_column\":51") && strstr(c, "\"length\":1"), "%s", c);
	free(c);
	free(t);
}

Test(fix, no_fix_reason_without_the_kernel_version)
{
	const char *args[] = { "-q", "--format=json", FIXTURE, NULL };
	struct run r;

	lint_run(&r, args);
	cr_assert_eq(r.status, 1);
	cr_assert(strstr(r.out, "\"fix\":null"), "%s", r.out);
	cr_assert(strstr(r.out, "\"no_fix_reason\":\"which IOMMU_RESV_* enumerator"), "%s", r.out);
	run_free(&r);
}

Test(fix, sarif_fixes)
{
	const char *args[] = { "-q", "--kernel=6.12", "--format=sarif", FIXTURE, NULL };
	struct json_object *doc, *o;
	struct run r;

	lint_run(&r, args);
	cr_assert_eq(r.status, 1);
	doc = json_tokener_parse(r.out);
	cr_assert(doc);
	o = json_object_array_get_idx(json_object_object_get(doc, "runs"), 0);
	o = json_object_array_get_idx(json_object_object_get(o, "results"), 0);
	o = json_object_array_get_idx(json_object_object_get(o, "fixes"), 0);
	cr_assert(o, "no fixes in %s", r.out);
	cr_assert(json_object_object_get(json_object_object_get(o, "description"), "text"));
	o = json_object_array_get_idx(json_object_object_get(o, "artifactChanges"), 0);
	cr_assert_str_eq(json_object_get_string(json_object_object_get(
		json_object_object_get(o, "artifactLocation"), "uri")), FIXTURE);
	o = json_object_array_get_idx(json_object_object_get(o, "replacements"), 0);
	cr_assert_str_eq(json_object_get_string(json_object_object_get(
		json_object_object_get(o, "insertedContent"), "text")), "IOMMU_RESV_RESERVED");
	o = json_object_object_get(o, "deletedRegion");
	cr_assert_eq(json_object_get_int(json_object_object_get(o, "startLine")), 9);
	cr_assert_eq(json_object_get_int(json_object_object_get(o, "startColumn")), 50);
	cr_assert_eq(json_object_get_int(json_object_object_get(o, "endLine")), 9);
	cr_assert_eq(json_object_get_int(json_object_object_get(o, "endColumn")), 51);
	json_object_put(doc);
	run_free(&r);
}

Test(fix, fix_in_place_then_clean_and_idempotent)
{
	const char *fix[] = { "-q", "--kernel=6.12", "--fix", "real.c", NULL };
	const char *scan[] = { "-q", "--kernel=6.12", "real.c", NULL };
	struct stat before, after;
	char *text, *again;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	copy_fixture("real.c");
	cr_assert_eq(chmod("real.c", 0640), 0);
	lint_run(&r, fix);
	cr_assert_eq(r.status, 0, "every finding fixed: exit 0, got %d: %s", r.status, r.err);
	run_free(&r);
	text = slurp("real.c");
	cr_assert(strstr(text, "iommu_alloc_resv_region(base, size, 0, IOMMU_RESV_RESERVED, GFP_KERNEL);"),
		  "%s", text);
	cr_assert_eq(stat("real.c", &before), 0);
	cr_assert_eq(before.st_mode & 07777, 0640, "mode kept");
	lint_run(&r, scan);
	cr_assert_eq(r.status, 0, "fixed file scans clean: %s", r.out);
	run_free(&r);
	lint_run(&r, fix);
	cr_assert_eq(r.status, 0);
	run_free(&r);
	again = slurp("real.c");
	cr_assert_str_eq(again, text, "second --fix changed the file");
	cr_assert_eq(stat("real.c", &after), 0);
	cr_assert_eq(after.st_ino, before.st_ino, "second --fix rewrote the file");
	cr_assert_eq(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);
	free(text);
	free(again);
}

Test(fix, fix_through_a_symlink)
{
	const char *fix[] = { "-q", "--kernel=6.12", "--fix", "link.c", NULL };
	struct stat st;
	char *text;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	copy_fixture("target.c");
	cr_assert_eq(symlink("target.c", "link.c"), 0);
	lint_run(&r, fix);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	cr_assert_eq(lstat("link.c", &st), 0);
	cr_assert(S_ISLNK(st.st_mode), "the symlink was replaced");
	text = slurp("target.c");
	cr_assert(strstr(text, "IOMMU_RESV_RESERVED"));
	free(text);
}

Test(fix, fix_exit_1_when_findings_remain)
{
	const char *fix[] = { "-q", "--fix", "real.c", NULL };	/* no --kernel: no fix */
	char *orig, *text;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	copy_fixture("real.c");
	orig = slurp("real.c");
	lint_run(&r, fix);
	cr_assert_eq(r.status, 1);
	run_free(&r);
	text = slurp("real.c");
	cr_assert_str_eq(text, orig);
	free(text);
	free(orig);
}

Test(fix, file_changed_since_the_scan_is_left_alone)
{
	const char *fix[] = { "-q", "--kernel=6.12", "--fix", "real.c", NULL };
	char *text;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	copy_fixture("real.c");
	setenv(FIX_TEST_HOOK_ENV, "echo '/* edited meanwhile */' >> real.c", 1);
	lint_run(&r, fix);
	unsetenv(FIX_TEST_HOOK_ENV);
	assert_tool_failure(&r, "changed since it was scanned");
	run_free(&r);
	text = slurp("real.c");
	cr_assert(strstr(text, "0, 2, GFP_KERNEL") && strstr(text, "/* edited meanwhile */"),
		  "the file was touched: %s", text);
	free(text);
}

Test(fix, export_fixes_apply)
{
	const char *exp[] = { "-q", "--kernel=6.12", "--export-fixes", "out.patch",
			      "drivers/iommu/foo.c", NULL };
	const char *fmt[] = { "-q", "--kernel=6.12", "--format=patch", "drivers/iommu/foo.c", NULL };
	char *patch;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(shell_status("mkdir -p drivers/iommu"), 0);
	copy_fixture("drivers/iommu/foo.c");
	lint_run(&r, exp);
	cr_assert_eq(r.status, 1, "findings: exit 1 (%s)", r.err);
	cr_assert(strstr(r.out, "[resv-region]"), "the report still goes to stdout");
	run_free(&r);
	patch = slurp("out.patch");
	cr_assert(strstr(patch, "--- a/drivers/iommu/foo.c\n+++ b/drivers/iommu/foo.c\n@@ -6,7 +6,7 @@\n"),
		  "%s", patch);
	cr_assert_eq(shell_status("patch -p1 --dry-run -s < out.patch"), 0);
	cr_assert_eq(shell_status("git apply --check out.patch"), 0);
	lint_run(&r, fmt);
	cr_assert_eq(r.status, 1);
	cr_assert_str_eq(r.out, patch, "--format=patch differs from --export-fixes");
	run_free(&r);
	/* inside a git checkout, from a subdirectory: paths from the top level */
	cr_assert_eq(shell_status("git init -q && git add drivers && git commit -qm init"), 0);
	cr_assert_eq(chdir("drivers"), 0);
	{
		const char *sub[] = { "-q", "--kernel=6.12", "--format=patch", "iommu/foo.c", NULL };

		lint_run(&r, sub);
		cr_assert(strstr(r.out, "--- a/drivers/iommu/foo.c\n"), "%s", r.out);
		run_free(&r);
	}
	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(shell_status("git apply --check out.patch"), 0);
	free(patch);
}

Test(fix, patch_dir_mail_applies_with_git_am)
{
	const char *pd[] = { "-q", "--kernel=6.12", "--patch-dir", "mails", "drivers/iommu/foo.c", NULL };
	const char *scan[] = { "-q", "--kernel=6.12", "drivers/iommu/foo.c", NULL };
	char *mail, *head, *log, tag[64];
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(shell_status("git init -q && mkdir -p drivers/iommu"), 0);
	copy_fixture("drivers/iommu/foo.c");
	/* the tree starts right; a later commit brings the integer in */
	cr_assert_eq(shell_status("sed -i 's/0, 2, GFP/0, IOMMU_RESV_RESERVED, GFP/' drivers/iommu/foo.c && "
			"git add . && git commit -qm 'iommu/foo: Add the foo driver' && "
			"echo '/* x */' >> drivers/iommu/foo.c && git commit -qam 'iommu/foo: Tidy up' && "
			"sed -i 's/0, IOMMU_RESV_RESERVED, GFP/0, 2, GFP/' drivers/iommu/foo.c && "
			"git commit -qam 'iommu/foo: Spell the region type as a number' && "
			"git rev-parse HEAD > head && git log -1 --format=%%s > /dev/null"), 0);
	head = slurp("head");
	lint_run(&r, pd);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	cr_assert_eq(shell_status("ls mails | grep -qx '0001-iommu-foo-Use-IOMMU_RESV_RESERVED-not-2-as-the-reser.patch'"), 0);
	cr_assert_eq(shell_status("cat mails/0001-*.patch > mail"), 0);
	mail = slurp("mail");
	cr_assert(strstr(mail, "\nSubject: [PATCH] iommu/foo: Use IOMMU_RESV_RESERVED, not 2, as the reserved region type\n"),
		  "%s", mail);
	snprintf(tag, sizeof(tag), "\nFixes: %.12s (\"", head);
	cr_assert(strstr(mail, tag) && strstr(mail, "(\"iommu/foo: Spell the region type as a number\")\n---\n"),
		  "no Fixes: line for %.12s in:\n%s", head, mail);
	cr_assert_eq(shell_status("git am -q mails/0001-*.patch"), 0, "git am failed on:\n%s", mail);
	cr_assert_eq(shell_status("git log -1 --format=%%B > log"), 0);
	log = slurp("log");
	cr_assert(strstr(log, "iommu/foo: Use IOMMU_RESV_RESERVED") && strstr(log, tag + 1), "%s", log);
	lint_run(&r, scan);
	cr_assert_eq(r.status, 0, "clean after git am: %s", r.out);
	run_free(&r);
	free(log);
	free(mail);
	free(head);
}

Test(fix, patch_dir_without_git_has_no_fixes_line)
{
	const char *pd[] = { "-q", "--kernel=6.12", "--patch-dir", "mails", "drivers/iommu/foo.c", NULL };
	char *mail;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(shell_status("mkdir -p drivers/iommu"), 0);
	copy_fixture("drivers/iommu/foo.c");
	lint_run(&r, pd);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	cr_assert_eq(shell_status("cat mails/0001-*.patch > mail"), 0);
	mail = slurp("mail");
	cr_assert(strstr(mail, "Subject: [PATCH] iommu/foo: Use IOMMU_RESV_RESERVED"), "%s", mail);
	cr_assert(!strstr(mail, "Fixes:"), "%s", mail);
	cr_assert(strstr(mail, "\n--- a/drivers/iommu/foo.c\n"), "%s", mail);
	free(mail);
}

Test(fix, options)
{
	const char *staged[] = { "--fix", "--staged", NULL };
	const char *noval[] = { FIXTURE, "--export-fixes", NULL };
	const char *help[] = { "--help", NULL };
	struct run r;

	lint_run(&r, staged);
	assert_tool_failure(&r, "--fix cannot be used with --staged");
	run_free(&r);
	lint_run(&r, noval);
	assert_tool_failure(&r, "--export-fixes needs a value");
	run_free(&r);
	lint_run(&r, help);
	cr_assert_eq(r.status, 0);
	cr_assert(strstr(r.out, "--fix") && strstr(r.out, "--export-fixes FILE") &&
		  strstr(r.out, "--patch-dir DIR") && strstr(r.out, "patch (the fixes"), "%s", r.out);
	run_free(&r);
}

/*
 * libclang moves the process into each command's directory: relative
 * output paths (-o, --export-fixes) and patch paths stay those of the
 * directory the checker was started in.
 */
Test(fix, compile_db_in_another_directory)
{
	const char *args[] = { "-q", "--kernel=6.12", "-p", "db", "-o", "report.txt",
			       "--export-fixes", "out.patch", NULL };
	char db[2 * PATH_MAX + 256], *patch;
	struct run r;

	cr_assert_eq(chdir(tmpdir), 0);
	cr_assert_eq(shell_status("mkdir -p db src/drivers/iommu"), 0);
	copy_fixture("src/drivers/iommu/foo.c");
	snprintf(db, sizeof(db),
		 "[{\"directory\": \"%s/src\", \"file\": \"drivers/iommu/foo.c\", "
		 "\"arguments\": [\"cc\", \"-c\", \"-I%s/reference/include\", \"drivers/iommu/foo.c\"]}]\n",
		 tmpdir, top);
	cr_assert_eq(write_file("db/compile_commands.json", db, strlen(db)), 0);
	lint_run(&r, args);
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	cr_assert_eq(access("report.txt", F_OK), 0, "-o FILE written elsewhere");
	patch = slurp("out.patch");
	cr_assert(strstr(patch, "--- a/src/drivers/iommu/foo.c\n"), "%s", patch);
	cr_assert_eq(shell_status("patch -p1 -s < out.patch"), 0);
	free(patch);
	patch = slurp("src/drivers/iommu/foo.c");
	cr_assert(strstr(patch, "IOMMU_RESV_RESERVED"));
	free(patch);
}

/* Fixes of one engine over the fixtures: "file:line:rule" -> fix JSON. */
static struct json_object *engine_fixes(const char *engine, char **files, size_t n)
{
	char flag[64];
	const char *args[300];
	struct json_object *doc, *arr, *map = json_object_new_object();
	size_t i, a = 0;
	struct run r;

	snprintf(flag, sizeof(flag), "--engine=%s", engine);
	args[a++] = "-q";
	args[a++] = flag;
	args[a++] = "--kernel=6.12";
	args[a++] = "--format=json";
	for (i = 0; i < n && a < 290; i++)
		args[a++] = files[i];
	args[a++] = "--";
	args[a++] = "-Ireference/include";
	args[a] = NULL;
	lint_run(&r, args);
	cr_assert_leq(r.status, 1, "%s: %s", engine, r.err);
	doc = json_tokener_parse(r.out);
	cr_assert(doc && json_object_object_get_ex(doc, "findings", &arr));
	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *x = json_object_array_get_idx(arr, i), *fix;
		char key[PATH_MAX + 64];

		snprintf(key, sizeof(key), "%s:%d:%s",
			 json_object_get_string(json_object_object_get(x, "file")),
			 json_object_get_int(json_object_object_get(x, "line")),
			 json_object_get_string(json_object_object_get(x, "rule")));
		fix = json_object_object_get(x, "fix");
		json_object_object_add(map, key, fix ? json_object_new_string(
			json_object_to_json_string_ext(fix, JSON_C_TO_STRING_PLAIN)) : NULL);
	}
	json_object_put(doc);
	run_free(&r);
	return map;
}

/*
 * Every fix a rule offers is the same edit in both engines, on every
 * fixture both engines read (no "engines:" or "flags:" tag).
 */
Test(fix, engines_agree_on_every_fixture_fix)
{
	glob_t g;
	char **files;
	struct json_object *c, *t;
	size_t i, n = 0;
	unsigned compared = 0;

	cr_assert_eq(glob("corpus/*/*.c", 0, NULL, &g), 0);
	files = calloc(g.gl_pathc, sizeof(*files));
	for (i = 0; i < g.gl_pathc; i++) {
		char *text = slurp(g.gl_pathv[i]);

		if (!strstr(text, "engines:") && !strstr(text, "flags:") &&
		    strncmp(g.gl_pathv[i], "corpus/kernel/", 14))
			files[n++] = g.gl_pathv[i];
		free(text);
	}
	c = engine_fixes("clang", files, n);
	t = engine_fixes("ts", files, n);
	json_object_object_foreach(c, key, cfix) {
		struct json_object *tfix;

		if (!json_object_object_get_ex(t, key, &tfix) || (!cfix && !tfix))
			continue;
		cr_assert(cfix && tfix, "%s: a fix in one engine only (clang %s, ts %s)", key,
			  cfix ? json_object_get_string(cfix) : "none",
			  tfix ? json_object_get_string(tfix) : "none");
		cr_assert_str_eq(json_object_get_string(cfix), json_object_get_string(tfix),
				 "%s: the engines' fixes differ", key);
		compared++;
	}
	cr_assert_geq(compared, 1, "no fix seen on the fixtures");
	json_object_put(c);
	json_object_put(t);
	free(files);
	globfree(&g);
}
