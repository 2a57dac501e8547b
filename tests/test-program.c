// SPDX-License-Identifier: GPL-2.0
/*
 * test-program.c - the whole-program pass: names bind by C linkage (a
 * static function is seen from its own file only; an external one from
 * every file, the first by path when several files define it), and the
 * findings of a set of files are the same in one run, split over several
 * runs, in any order and with any -j.  Also --files-from.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "../checker/facts.h"
#include "testutil.h"

/* ---- the index, on hand-made programs ---- */

#define MAX_FUNCS 4

struct mini_tu {
	struct fx_tu tu;
	struct fx_func funcs[MAX_FUNCS];
};

/* "name" external, "!name" static. */
static void mini(struct mini_tu *m, const char *file, const char *const *names)
{
	unsigned i;

	memset(m, 0, sizeof(*m));
	m->tu.file = file;
	m->tu.directory = "/src";
	m->tu.funcs = m->funcs;
	for (i = 0; names[i]; i++) {
		m->funcs[i].is_static = names[i][0] == '!';
		m->funcs[i].name = names[i] + m->funcs[i].is_static;
	}
	m->tu.nfuncs = i;
}

/* Files given in an order that is not the path order. */
static struct mini_tu ta, tb, tc, td, te;

static void make_program(struct fx_program *prog, struct fx_tu **tus, bool reverse)
{
	struct fx_tu *order[] = { &te.tu, &tb.tu, &td.tu, &ta.tu, &tc.tu };
	unsigned i;

	mini(&ta, "a.c", (const char *[]){ "!helper", "ext", "a_main", NULL });
	mini(&tb, "b.c", (const char *[]){ "!helper", "b_main", NULL });
	mini(&tc, "c.c", (const char *[]){ "ext", NULL });
	mini(&td, "d.c", (const char *[]){ "!ext", NULL });
	mini(&te, "e.c", (const char *[]){ "e_main", NULL });
	for (i = 0; i < 5; i++)
		tus[i] = order[reverse ? 4 - i : i];
	prog->ntus = 5;
	prog->tus = tus;
	prog->index = NULL;
	cr_assert_eq(fx_program_index(prog), 0);
}

Test(program, static_function_is_seen_from_its_own_file_only)
{
	struct fx_tu *tus[5];
	struct fx_program prog;
	const struct fx_tu *where = NULL;

	make_program(&prog, tus, false);
	cr_assert_eq(fx_find_func(&prog, &ta.tu, "helper", &where), &ta.funcs[0]);
	cr_assert_eq(where, &ta.tu);
	cr_assert_eq(fx_find_func(&prog, &tb.tu, "helper", &where), &tb.funcs[0]);
	cr_assert_eq(where, &tb.tu);
	cr_assert_null(fx_find_func(&prog, &te.tu, "helper", NULL));
	cr_assert_null(fx_find_func(&prog, NULL, "helper", NULL));
	fx_program_free(&prog);
}

Test(program, own_definition_wins_then_first_external_by_path)
{
	struct fx_tu *tus[5];
	struct fx_program prog;
	bool reverse;

	for (reverse = false; ; reverse = true) {
		make_program(&prog, tus, reverse);
		/* a.c and c.c define ext, d.c has a static ext */
		cr_assert_eq(fx_find_func(&prog, &td.tu, "ext", NULL), &td.funcs[0]);
		cr_assert_eq(fx_find_func(&prog, &tc.tu, "ext", NULL), &tc.funcs[0]);
		cr_assert_eq(fx_find_func(&prog, &te.tu, "ext", NULL), &ta.funcs[1]);
		cr_assert_eq(fx_find_func(&prog, &tb.tu, "ext", NULL), &ta.funcs[1]);
		cr_assert_null(fx_find_func(&prog, &ta.tu, "nowhere", NULL));
		/* the TUs are in path order after the pass */
		cr_assert_str_eq(prog.tus[0]->file, "a.c");
		cr_assert_str_eq(prog.tus[4]->file, "e.c");
		cr_assert_eq(fx_func_tu(&prog, &tb.funcs[1]), &tb.tu);
		cr_assert_null(fx_func_tu(&prog, (const struct fx_func *)&tus[0]));
		cr_assert_eq(fx_program_stats(&prog)->funcs, 8);
		fx_program_free(&prog);
		if (reverse)
			break;
	}
}

Test(program, binding_follows_linkage)
{
	struct fx_expr name = { .kind = FXE_IDENT, .ref = FXR_FUNC, .name = "helper" };
	struct fx_init_field field = { .field = "of_xlate", .value = &name };
	struct fx_init init = { "struct iommu_ops", 1, &field };
	struct fx_var ops = { .name = "b_ops", .record = "iommu_ops", .init = &init };
	struct fx_tu *tus[5];
	struct fx_program prog;

	make_program(&prog, tus, false);
	fx_program_free(&prog);
	tb.tu.vars = &ops;	/* b.c: .of_xlate = helper, its own static helper */
	tb.tu.nvars = 1;
	cr_assert_eq(fx_program_index(&prog), 0);
	cr_assert_eq(fx_find_binding(&prog, &tb.tu, "iommu_ops", "of_xlate", "helper"), &ops);
	cr_assert_null(fx_find_binding(&prog, &ta.tu, "iommu_ops", "of_xlate", "helper"));
	cr_assert_null(fx_find_binding(&prog, &tb.tu, "iommu_ops", "release", "helper"));
	cr_assert_null(fx_find_binding(&prog, &tb.tu, "device_type", "of_xlate", "helper"));
	cr_assert_eq(fx_program_stats(&prog)->bindings, 1);
	fx_program_free(&prog);
}

/* ---- the checker on synthetic multi-file programs ---- */

static char tmpdir[PATH_MAX];

static void make_tmpdir(void)
{
	tmpdir_make(tmpdir, sizeof(tmpdir), "program");
}

static void remove_tmpdir(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(program_cli, .init = make_tmpdir, .fini = remove_tmpdir, .timeout = 60);

/*
 * A device lookup whose reference `helper` is meant to drop; `body` is the
 * helper's statement, `storage` "static " or "".
 */
static void write_src(const char *name, const char *storage, const char *helper,
		      const char *body, const char *caller)
{
	char path[PATH_MAX], src[1024];
	int n;

	n = snprintf(src, sizeof(src),
		     "%s%svoid %s(struct platform_device *pdev)%s\n"
		     "%s%s%s"
		     "int %s(struct device *dev, struct of_phandle_args *args)\n"
		     "{\n"
		     "	struct platform_device *pdev = of_find_device_by_node(args->np);\n"
		     "\n"
		     "	if (!pdev)\n"
		     "		return -ENODEV;\n"
		     "	dev_iommu_priv_set(dev, platform_get_drvdata(pdev));\n"
		     "	%s(pdev);\n"
		     "	return 0;\n"
		     "}\n",
		     body ? "" : "extern ", storage, helper, body ? "" : ";",
		     body ? "{\n\t" : "", body ? body : "", body ? "\n}\n\n" : "\n", caller,
		     helper);
	cr_assert_lt(n, (int)sizeof(src));
	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	cr_assert_eq(write_file(path, src, strlen(src)), 0);
}

#define RELEASES "put_device(&pdev->dev);"
#define KEEPS "dev_info(&pdev->dev, \"seen\\n\");"

/* Run the checker on files of tmpdir (NULL-terminated), with -j jobs. */
static void lint_files(struct run *r, const char *jobs, const char *const *names)
{
	char *argv[16], paths[12][PATH_MAX];
	int n = 0, i;

	argv[n++] = (char *)lint_path();
	argv[n++] = "-q";
	argv[n++] = "-j";
	argv[n++] = (char *)jobs;
	for (i = 0; names[i]; i++) {
		snprintf(paths[i], PATH_MAX, "%s/%s", tmpdir, names[i]);
		argv[n++] = paths[i];
	}
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0);
	cr_assert(r->status == 0 || r->status == 1, "exit %d: %s", r->status, r->err);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text, sorted, joined again (text is consumed). */
static char *sorted_lines(char *text)
{
	char *line[64], *out = calloc(1, strlen(text) + 1), *save = NULL, *p;
	unsigned n = 0, i;

	cr_assert_not_null(out);
	for (p = strtok_r(text, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		cr_assert_lt(n, 64u);
		line[n++] = p;
	}
	qsort(line, n, sizeof(*line), cmp_line);
	for (i = 0; i < n; i++) {
		strcat(out, line[i]);
		strcat(out, "\n");
	}
	free(text);
	return out;
}

/*
 * The findings of `names` in one run (given order and reversed, -j 1 and
 * -j 4) and file by file, concatenated: all the same.  Returns them.
 */
static char *same_findings_however_run(const char *const *names, unsigned n)
{
	const char *rev[12] = { 0 }, *one[2] = { 0 };
	char *whole, *ws, *split = calloc(1, 1);
	struct run r, s;
	unsigned i;

	cr_assert_lt(n, 12u);
	for (i = 0; i < n; i++)
		rev[i] = names[n - 1 - i];
	lint_files(&r, "1", names);
	whole = r.out;
	free(r.err);
	lint_files(&r, "4", names);
	lint_files(&s, "4", rev);
	cr_assert_str_eq(r.out, whole, "-j 4 differs from -j 1");
	cr_assert_str_eq(s.out, whole, "reversed file order differs");
	run_free(&r);
	run_free(&s);
	for (i = 0; i < n; i++) {
		one[0] = names[i];
		lint_files(&r, "2", one);
		split = realloc(split, strlen(split) + strlen(r.out) + 1);
		cr_assert_not_null(split);
		strcat(split, r.out);
		run_free(&r);
	}
	/* related notes follow their finding: compare as sets of lines */
	split = sorted_lines(split);
	ws = sorted_lines(strdup(whole));
	cr_assert_str_eq(split, ws, "file by file:\n%s\none run:\n%s", split, ws);
	free(split);
	free(ws);
	return whole;
}

Test(program_cli, same_name_static_helpers_follow_c_linkage)
{
	static const char *const names[] = { "a.c", "b.c", NULL };
	char *out;

	write_src("a.c", "static ", "sh_put", RELEASES, "a_xlate");
	write_src("b.c", "static ", "sh_put", KEEPS, "b_xlate");
	out = same_findings_however_run(names, 2);
	cr_assert_eq(count_substr(out, "[device-lookup-put]"), 1, "%s", out);
	cr_assert(strstr(out, "/b.c:14:"), "want the leak in b.c only: %s", out);
	free(out);
}

Test(program_cli, external_helper_binds_across_files_own_static_first)
{
	static const char *const names[] = { "c.c", "d.c", "e.c", NULL };
	static const char *const alone[] = { "d.c", NULL };
	struct run r;

	write_src("c.c", "", "ext_put", RELEASES, "c_xlate");
	write_src("d.c", "", "ext_put", NULL, "d_xlate");	/* calls c.c's */
	write_src("e.c", "static ", "ext_put", KEEPS, "e_xlate");
	lint_files(&r, "2", names);
	cr_assert_eq(count_substr(r.out, "[device-lookup-put]"), 1, "%s", r.out);
	cr_assert(strstr(r.out, "/e.c:14:"), "want the leak in e.c only: %s", r.out);
	run_free(&r);
	/* without c.c, nothing drops d.c's reference */
	lint_files(&r, "2", alone);
	cr_assert(strstr(r.out, "/d.c:11:"), "want the leak in d.c: %s", r.out);
	run_free(&r);
}

Test(program_cli, files_from_list_stdin_and_errors)
{
	char list[PATH_MAX], text[4 * PATH_MAX], arg[PATH_MAX + 16];
	char *argv[6] = { (char *)lint_path(), "-q", arg, NULL };
	static const char *const names[] = { "a.c", "b.c", NULL };
	struct run direct, r;

	write_src("a.c", "static ", "sh_put", RELEASES, "a_xlate");
	write_src("b.c", "static ", "sh_put", KEEPS, "b_xlate");
	lint_files(&direct, "2", names);
	snprintf(list, sizeof(list), "%s/list", tmpdir);
	snprintf(text, sizeof(text), "%s/b.c\n\n   \n%s/a.c\r\n", tmpdir, tmpdir);
	cr_assert_eq(write_file(list, text, strlen(text)), 0);
	snprintf(arg, sizeof(arg), "--files-from=%s", list);
	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
	cr_assert_str_eq(r.out, direct.out);
	run_free(&r);
	run_free(&direct);

	/* "-": the list on stdin, through the shell */
	snprintf(text, sizeof(text), "printf '%%s\\n' %s/a.c | %s -q --stats --files-from -",
		 tmpdir, lint_path());
	{
		char *sh[] = { "/bin/sh", "-c", text, NULL };

		cr_assert_eq(run_argv(sh, &r), 0);
	}
	cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "whole-program pass 1 TUs"), "%s", r.err);
	cr_assert(strstr(r.err, "peak RSS"), "%s", r.err);
	run_free(&r);

	snprintf(arg, sizeof(arg), "--files-from=%s/none", tmpdir);
	cr_assert_eq(run_argv(argv, &r), 0);
	assert_tool_failure(&r, "--files-from");
	cr_assert_str_empty(r.out);
	run_free(&r);

	snprintf(text, sizeof(text), "%s/a.c\n%s/gone.c\n", tmpdir, tmpdir);
	cr_assert_eq(write_file(list, text, strlen(text)), 0);
	snprintf(arg, sizeof(arg), "--files-from=%s", list);
	cr_assert_eq(run_argv(argv, &r), 0);
	assert_tool_failure(&r, "list:2: ");
	cr_assert(strstr(r.err, "gone.c' names no file"), "%s", r.err);
	run_free(&r);

	snprintf(text, sizeof(text), "%s\n", tmpdir);
	cr_assert_eq(write_file(list, text, strlen(text)), 0);
	cr_assert_eq(run_argv(argv, &r), 0);
	assert_tool_failure(&r, "names no file");
	run_free(&r);
}

/* iommu-lint with argv (NULL-terminated, after the program name) into r. */
static void lint_argv(struct run *r, const char *const *args)
{
	char *argv[24];
	int n = 0;

	argv[n++] = (char *)lint_path();
	while (*args && n < 23)
		argv[n++] = (char *)*args++;
	argv[n] = NULL;
	cr_assert_eq(run_argv(argv, r), 0);
}

/* Shard k of 3 of c.c d.c e.c (fast mode) into tmpdir/dir; extra: one more option or NULL. */
static void shard(unsigned k, const char *dir, const char *extra)
{
	char spec[16], sd[PATH_MAX], files[3][PATH_MAX];
	const char *args[12] = { "-q", "--fast", spec, "--sarif-dir", sd };
	unsigned n = 5, i;
	struct run r;

	snprintf(spec, sizeof(spec), "--shard=%u/3", k);
	snprintf(sd, sizeof(sd), "%s/%s", tmpdir, dir);
	for (i = 0; i < 3; i++) {
		snprintf(files[i], PATH_MAX, "%s/%c.c", tmpdir, 'c' + i);
		args[n++] = files[i];
	}
	if (extra)
		args[n++] = extra;
	args[n] = NULL;
	lint_argv(&r, args);
	cr_assert_eq(r.status, 0, "shard %u: exit %d: %s", k, r.status, r.err);
	cr_assert_str_empty(r.out, "a shard reports nothing: %s", r.out);
	run_free(&r);
}

/*
 * Three files, three shards of one file each: d.c calls c.c's external
 * helper, which drops the reference, so only e.c leaks.  Shard by shard
 * d.c would leak too; merged, the shards' facts make one program again.
 */
Test(program_cli, shards_merge_into_the_whole_program)
{
	char sd[PATH_MAX], cmd[3 * PATH_MAX];
	const char *merge[] = { "-q", "--merge", sd, "--format=text", NULL };
	const char *sarif[] = { "-q", "--merge", sd, NULL };
	static const char *const names[] = { "c.c", "d.c", "e.c", NULL };
	struct run r, whole;
	unsigned k;

	write_src("c.c", "", "ext_put", RELEASES, "c_xlate");
	write_src("d.c", "", "ext_put", NULL, "d_xlate");
	write_src("e.c", "static ", "ext_put", KEEPS, "e_xlate");
	lint_files(&whole, "2", names);
	for (k = 1; k <= 3; k++)
		shard(k, "s", NULL);
	snprintf(sd, sizeof(sd), "%s/s", tmpdir);
	lint_argv(&r, merge);
	cr_assert_eq(r.status, 1, "merge: exit %d: %s", r.status, r.err);
	cr_assert_str_eq(r.out, whole.out, "merged:\n%s\none run:\n%s", r.out, whole.out);
	cr_assert_eq(count_substr(r.out, "[device-lookup-put]"), 1, "%s", r.out);
	cr_assert(strstr(r.out, "/e.c:14:"), "%s", r.out);
	run_free(&r);
	run_free(&whole);
	/* a merge of facts writes SARIF unless told */
	lint_argv(&r, sarif);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert(strstr(r.out, "\"version\":\"2.1.0\""), "%s", r.out);
	run_free(&r);

	/* a shard there twice, then missing */
	snprintf(cmd, sizeof(cmd), "cp %s/shard-1-of-3.facts %s/copy.facts", sd, sd);
	cr_assert_eq(system(cmd), 0);
	lint_argv(&r, merge);
	assert_tool_failure(&r, "shard 1 of 3 is there twice");
	run_free(&r);
	snprintf(cmd, sizeof(cmd), "rm %s/copy.facts %s/shard-2-of-3.facts", sd, sd);
	cr_assert_eq(system(cmd), 0);
	lint_argv(&r, merge);
	assert_tool_failure(&r, "shard 2 of 3 is missing");
	run_free(&r);
	/* a shard of a run with other options */
	shard(2, "s", "-Wno-unchecked-return");
	lint_argv(&r, merge);
	assert_tool_failure(&r, "of another run");
	run_free(&r);
	/* a damaged facts file */
	shard(2, "s", NULL);
	snprintf(cmd, sizeof(cmd), "truncate -s 100 %s/shard-2-of-3.facts", sd);
	cr_assert_eq(system(cmd), 0);
	lint_argv(&r, merge);
	assert_tool_failure(&r, "shard-2-of-3.facts: facts file is truncated");
	run_free(&r);
	/* a FIFO where a shard should be: one line, no wait in open() */
	shard(2, "s", NULL);
	snprintf(cmd, sizeof(cmd), "rm %s/shard-2-of-3.facts && mkfifo %s/shard-2-of-3.facts", sd, sd);
	cr_assert_eq(system(cmd), 0);
	lint_argv(&r, merge);
	assert_tool_failure(&r, "shard-2-of-3.facts: not a regular file");
	run_free(&r);
	snprintf(cmd, sizeof(cmd), "rm %s/shard-2-of-3.facts", sd);
	cr_assert_eq(system(cmd), 0);
	/* SARIF logs and shard facts in one directory */
	shard(2, "s", NULL);
	snprintf(cmd, sizeof(cmd), "echo '{}' > %s/other.sarif", sd);
	cr_assert_eq(system(cmd), 0);
	lint_argv(&r, merge);
	assert_tool_failure(&r, "holds both SARIF logs and --shard facts");
	run_free(&r);
}

Test(program_cli, shard_option_errors)
{
	static const char *const bad[] = { "0/3", "4/3", "1/0", "a/b", "1/3x", "", "-1/3",
					   "1/5000" };
	char opt[32], file[PATH_MAX], sd[PATH_MAX];
	const char *args[6] = { "--fast", opt, "--sarif-dir", sd, file, NULL };
	const char *nodir[4] = { "--fast", "--shard=1/2", file, NULL };
	const char *both[6] = { "--shard=1/2", "--merge", sd, NULL };
	static const struct {
		const char *opt, *said;
	} report[] = {
		{ "-o/tmp/never-written.txt", "-o" }, { "--format=json", "--format" },
		{ "--fix", "--fix" }, { "--baseline=b.json", "--baseline" },
		{ "--conformance", "--conformance" },
	};
	struct run r;
	unsigned i;

	write_src("c.c", "", "ext_put", RELEASES, "c_xlate");
	snprintf(file, sizeof(file), "%s/c.c", tmpdir);
	snprintf(sd, sizeof(sd), "%s/s", tmpdir);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(opt, sizeof(opt), "--shard=%s", bad[i]);
		lint_argv(&r, args);
		assert_tool_failure(&r, "--shard needs K/N with 1 <= K <= N <= 4096");
		run_free(&r);
	}
	lint_argv(&r, nodir);
	assert_tool_failure(&r, "--shard needs --sarif-dir DIR");
	run_free(&r);
	snprintf(opt, sizeof(opt), "--shard=2/2");
	lint_argv(&r, args);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	lint_argv(&r, both);
	assert_tool_failure(&r, "--shard and --merge are two steps");
	run_free(&r);
	/* what makes a report belongs to the merge step */
	for (i = 0; i < sizeof(report) / sizeof(report[0]); i++) {
		const char *a[8] = { "--fast", "--shard=1/2", "--sarif-dir", sd, report[i].opt, file,
				     NULL };
		char want[64];

		snprintf(want, sizeof(want), "%s does not go with --shard", report[i].said);
		lint_argv(&r, a);
		assert_tool_failure(&r, want);
		run_free(&r);
	}
}

/*
 * A file kept only because it releases a device (device-lookup-put's "~"
 * alternative) is parsed when another file calls a function it defines,
 * and only then: a static helper of the same name, or no caller, leaves
 * it out (--stats says how many were parsed on demand).
 */
Test(program_cli, files_parsed_on_demand)
{
	static const char helper[] =
		"void ext_put(struct platform_device *pdev)\n{\n\tput_device(&pdev->dev);\n}\n";
	static const char other[] =
		"static void ext_put(struct platform_device *pdev)\n{\n\tput_device(&pdev->dev);\n}\n"
		"void unrelated(struct device *dev)\n{\n\tput_device(dev);\n}\n";
	char h[PATH_MAX], o[PATH_MAX], u[PATH_MAX];
	const char *with[] = { "--fast", "--stats", u, h, o, NULL };
	const char *alone[] = { "--fast", "--stats", h, o, NULL };
	struct run r;

	write_src("u.c", "", "ext_put", NULL, "u_xlate");	/* calls ext_put, defined elsewhere */
	snprintf(u, sizeof(u), "%s/u.c", tmpdir);
	snprintf(h, sizeof(h), "%s/h.c", tmpdir);
	snprintf(o, sizeof(o), "%s/o.c", tmpdir);
	cr_assert_eq(write_file(h, helper, sizeof(helper) - 1), 0);
	cr_assert_eq(write_file(o, other, sizeof(other) - 1), 0);
	lint_argv(&r, with);
	cr_assert_eq(r.status, 0, "h.c's ext_put drops u.c's reference: %s%s", r.out, r.err);
	cr_assert(strstr(r.err, "on demand: 1 files parsed"), "%s", r.err);
	cr_assert(strstr(r.err, "3 TUs (2 parsed, 1 skipped"), "%s", r.err);
	run_free(&r);
	lint_argv(&r, alone);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "on demand: 0 files parsed"), "%s", r.err);
	cr_assert(strstr(r.err, "2 TUs (0 parsed, 2 skipped"), "%s", r.err);
	run_free(&r);
}

/*
 * embedded-device-release's bindings are kept on demand: a file that binds
 * a release is parsed when it defines a release the rule reports (one that
 * frees its struct device * or does nothing) or names one the run defines
 * (b.c binds a.c's, which a.c's device_type names too); a binding of a
 * release that frees the container (c.c) is not parsed at all.  Those
 * files are read in part: the definitions the rule may read, and what
 * they name.
 */
Test(program_cli, release_bindings_parsed_on_demand)
{
	static const char a[] =
		"void cb_release(struct device *dev)\n{\n\tkfree(dev);\n}\n\n"
		"struct device_type cb_type = {\n\t.release = cb_release,\n};\n";
	static const char b[] =
		"struct cb_unit {\n\tint id;\n\tstruct device dev;\n};\n\n"
		"extern void cb_release(struct device *dev);\n\n"
		"void cb_add(struct cb_unit *p)\n{\n\tp->dev.release = cb_release;\n}\n\n"
		"int cb_count(int x)\n{\n\treturn x + 1;\n}\n";
	static const char c[] =
		"struct c_unit {\n\tstruct device dev;\n};\n\n"
		"static void c_release(struct device *dev)\n{\n"
		"\tkfree(container_of(dev, struct c_unit, dev));\n}\n\n"
		"void c_add(struct c_unit *u)\n{\n\tu->dev.release = c_release;\n}\n";
	char pa[PATH_MAX], pb[PATH_MAX], pc[PATH_MAX];
	const char *all[] = { "--fast", "--stats", "-Wno-unchecked-return", pa, pb, pc, NULL };
	const char *no_a[] = { "--fast", "--stats", pb, pc, NULL };
	struct run r;

	snprintf(pa, sizeof(pa), "%s/a.c", tmpdir);
	snprintf(pb, sizeof(pb), "%s/b.c", tmpdir);
	snprintf(pc, sizeof(pc), "%s/c.c", tmpdir);
	cr_assert_eq(write_file(pa, a, sizeof(a) - 1), 0);
	cr_assert_eq(write_file(pb, b, sizeof(b) - 1), 0);
	cr_assert_eq(write_file(pc, c, sizeof(c) - 1), 0);
	lint_argv(&r, all);
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "a.c:3:") &&
		  strstr(r.out, "cb_release() kfree()s the struct device * it is given, but it is the release of the embedded device 'p->dev'"),
		  "%s", r.out);
	/* read in part: cb_count names nothing the rule reads */
	cr_assert(strstr(r.err, "on demand: 2 files parsed") &&
		  strstr(r.err, "2 of them in part (1 definitions not read)"), "%s", r.err);
	cr_assert(strstr(r.err, "3 TUs (2 parsed, 1 skipped"), "%s", r.err);
	run_free(&r);
	/* without a.c nothing b.c names is a candidate: neither file is read further */
	lint_argv(&r, no_a);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "2 TUs (0 parsed, 2 skipped"), "%s", r.err);
	run_free(&r);
}

/*
 * A file parsed on demand only for its summaries is read in part: the
 * definitions the run calls and what they call in the file, not the rest
 * (g_unused, h_unused).  When a later round asks more of it (h.c is read
 * in round 1 for ext_d; ext_b, read in round 1 too, calls h.c's ext_c,
 * which drops the reference), it is read again with more: no finding, and
 * four functions in the program.
 */
Test(program_cli, files_parsed_in_part_on_demand)
{
	static const char u[] =
		"extern void ext_b(struct platform_device *pdev);\n"
		"extern void ext_d(struct device *dev);\n\n"
		"int u_xlate(struct device *dev, struct of_phandle_args *args)\n{\n"
		"\tstruct platform_device *pdev = of_find_device_by_node(args->np);\n\n"
		"\tif (!pdev)\n\t\treturn -ENODEV;\n\text_d(dev);\n\text_b(pdev);\n\treturn 0;\n}\n";
	static const char g[] =
		"extern void ext_c(struct platform_device *pdev);\n\n"
		"void ext_b(struct platform_device *pdev)\n{\n\text_c(pdev);\n}\n\n"
		"void g_unused(struct device *dev)\n{\n\tput_device(dev);\n}\n";
	static const char h[] =
		"void ext_d(struct device *dev)\n{\n\tdev_info(dev, \"d\\n\");\n}\n\n"
		"void ext_c(struct platform_device *pdev)\n{\n\tput_device(&pdev->dev);\n}\n\n"
		"void h_unused(struct device *dev)\n{\n\tput_device(dev);\n}\n";
	char pu[PATH_MAX], pg[PATH_MAX], ph[PATH_MAX];
	const char *fast[] = { "--fast", "--stats", pu, pg, ph, NULL };
	const char *clang[] = { "--engine=clang", "--stats", pu, pg, ph, "--", "-w",
				"-Ireference/include", "-include", "linux/platform_device.h",
				"-include", "linux/of.h", NULL };
	struct run r;

	snprintf(pu, sizeof(pu), "%s/u.c", tmpdir);
	snprintf(pg, sizeof(pg), "%s/g.c", tmpdir);
	snprintf(ph, sizeof(ph), "%s/h.c", tmpdir);
	cr_assert_eq(write_file(pu, u, sizeof(u) - 1), 0);
	cr_assert_eq(write_file(pg, g, sizeof(g) - 1), 0);
	cr_assert_eq(write_file(ph, h, sizeof(h) - 1), 0);
	lint_argv(&r, fast);
	cr_assert_eq(r.status, 0, "h.c's ext_c drops the reference: %s%s", r.out, r.err);
	cr_assert(strstr(r.err, "3 TUs (3 parsed, 0 skipped by prefilter), 4 functions"), "%s", r.err);
	cr_assert(strstr(r.err, "on demand: 2 files parsed") &&
		  strstr(r.err, "2 of them in part (2 definitions not read)"), "%s", r.err);
	run_free(&r);
	/* libclang reads whole files: the same answer, every function */
	lint_argv(&r, clang);
	cr_assert_eq(r.status, 0, "%s%s", r.out, r.err);
	cr_assert(strstr(r.err, "6 functions"), "%s", r.err);
	cr_assert(strstr(r.err, "0 of them in part"), "%s", r.err);
	run_free(&r);
}
