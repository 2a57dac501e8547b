// SPDX-License-Identifier: GPL-2.0
/*
 * test-reliability.c - the promises of docs/reliability.md: a failed run
 * writes nothing it was not asked to; every input is a bounded regular
 * file, refused at once otherwise; size limits name their kind and take a
 * whole-kernel compile DB; a full stdout is exit 2 with one line in every
 * mode; --merge of a failed run's logs fails; --staged/--diff see names
 * with spaces, staged files deleted from the work tree and symlinked work
 * trees; a signal leaves no temporary file; one file listed twice in a
 * compile DB is reported once.  Most cases are shell lines run under
 * timeout(1), so a hang is a failure, not a stuck suite.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

#define FIX_BAD "corpus/of-xlate-presence/bad-missing.c"
#define FIX_FIXABLE "corpus/resv-region/bad-int-type.c"

static char tmpdir[PATH_MAX], top[PATH_MAX];

static void setup(void)
{
	char lint[PATH_MAX];

	cr_assert(getcwd(top, sizeof(top)));
	tmpdir_make(tmpdir, sizeof(tmpdir), "rel");
	snprintf(lint, sizeof(lint), "%s/%s", lint_path()[0] == '/' ? "" : top, lint_path());
	setenv("L", lint, 1);
	setenv("T", tmpdir, 1);
	setenv("TOP", top, 1);
	setenv("INC", "-I", 1);
}

static void teardown(void)
{
	tmpdir_remove(tmpdir);
}

TestSuite(reliability, .init = setup, .fini = teardown, .timeout = 180);

/* Run a shell script (printf format) from the top of the tree; $L $T $TOP are set. */
static void sh_run(struct run *r, const char *fmt, ...)
{
	char body[8192];
	char *argv[] = { "/bin/sh", "-c", body, NULL };
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	cr_assert_eq(run_argv(argv, r), 0, "cannot run: %s", body);
}

static void sh_ok(const char *fmt, ...)
{
	char body[8192];
	struct run r;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	sh_run(&r, "%s", body);
	cr_assert_eq(r.status, 0, "failed (%d): %s\n%s%s", r.status, body, r.out, r.err);
	run_free(&r);
}

/* Exit 2 and exactly one "iommu-lint: error:" line containing cause (any other stderr: no). */
static void assert_one_error(const struct run *r, const char *cause, const char *what)
{
	cr_assert_eq(r->status, 2, "%s: exit %d, stderr: %s", what, r->status, r->err);
	cr_assert_eq(count_substr(r->err, "iommu-lint: error:"), 1, "%s: %s", what, r->err);
	cr_assert(strstr(r->err, cause), "%s: no '%s' in: %s", what, cause, r->err);
}

/* --- class 1: outputs ------------------------------------------------------ */

/*
 * --export-fixes and --patch-dir go through checker/output.c like -o: a
 * character device is written through (it used to be replaced by a regular
 * file: as root, --export-fixes /dev/full turned the device into a file),
 * and the scanned source is refused.  Private device nodes (mknod, as root;
 * skipped otherwise), never the machine's.
 */
Test(reliability, fix_outputs_never_replace_devices_or_inputs)
{
	struct run r;

	sh_run(&r, "mknod $T/null c 1 3 && mknod $T/full c 1 7");
	if (r.status) {
		run_free(&r);
		cr_skip_test("mknod needs root");
	}
	run_free(&r);
	sh_run(&r, "timeout 60 $L --kernel=6.12 --export-fixes $T/null " FIX_FIXABLE " -- -Ireference/include");
	cr_assert_eq(r.status, 1, "%s", r.err);
	run_free(&r);
	sh_run(&r, "timeout 60 $L --kernel=6.12 --export-fixes $T/full " FIX_FIXABLE " -- -Ireference/include");
	assert_one_error(&r, "full: cannot write: No space left on device", "--export-fixes full");
	run_free(&r);
	sh_ok("test -c $T/null && test -c $T/full");
	sh_run(&r, "cp " FIX_FIXABLE " $T/src.c && cp $T/src.c $T/keep.c && timeout 60 $L --kernel=6.12 --export-fixes $T/src.c $T/src.c -- -Ireference/include");
	assert_one_error(&r, "is an input of this run", "--export-fixes over the source");
	run_free(&r);
	sh_ok("cmp $T/src.c $T/keep.c");
}

/* --- class 2: a failed run writes nothing -------------------------------- */

/*
 * A TU that does not parse fails the run (exit 2); then --write-baseline,
 * -o, --export-fixes, --patch-dir and --fix leave every file as it was (the
 * baseline used to be rewritten without the failed TU's entries).  With
 * --keep-going the user asked for a partial result, and gets it.
 */
Test(reliability, failed_run_writes_nothing)
{
	struct run r;

	sh_ok("cd $T && printf '#include <linux/no-such.h>\\nstruct iommu_ops x;\\n' > broken.c && cp $TOP/" FIX_FIXABLE
	      " fixable.c && cp fixable.c fixable.orig && echo keep > base.json && echo keep > out.txt"
	      " && echo keep > fixes.diff");
	sh_run(&r, "cd $T && timeout 60 $L --engine=clang --kernel=6.12 --write-baseline base.json -o out.txt --export-fixes fixes.diff"
	       " --patch-dir mails broken.c fixable.c -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 2, "%s", r.err);
	run_free(&r);
	sh_ok("cd $T && test \"$(cat base.json out.txt fixes.diff)\" = \"$(printf 'keep\\nkeep\\nkeep')\""
	      " && test ! -e mails");
	sh_run(&r, "cd $T && timeout 60 $L --engine=clang --kernel=6.12 --fix broken.c fixable.c -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 2, "%s", r.err);
	run_free(&r);
	sh_ok("cd $T && cmp fixable.c fixable.orig");

	sh_run(&r, "cd $T && timeout 60 $L --keep-going --write-baseline base.json broken.c fixable.c"
	       " -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	sh_ok("cd $T && grep -q resv-region base.json");
}

/*
 * An output that fails (-o into a missing directory) fails the run, and the
 * baseline, written last, is left as it was (it used to be written first).
 */
Test(reliability, failed_output_leaves_the_baseline)
{
	struct run r;

	sh_ok("cd $T && echo keep > base.json");
	sh_run(&r, "cd $T && timeout 60 $L --fast --write-baseline base.json -o no/such/r.txt $TOP/" FIX_BAD);
	assert_one_error(&r, "no/such/r.txt", "-o fails");
	run_free(&r);
	sh_ok("cd $T && test \"$(cat base.json)\" = keep");
	sh_run(&r, "cd $T && timeout 60 $L --fast --write-baseline base.json -o r.txt $TOP/" FIX_BAD);
	cr_assert_eq(r.status, 0, "%s", r.err);
	run_free(&r);
	sh_ok("cd $T && grep -q of-xlate-presence base.json && test -e r.txt");
}

/* --- class 3: inputs that are not regular files --------------------------- */

/*
 * Every input kind given a FIFO, /dev/zero, /dev/urandom or a directory:
 * one error line, exit 2, at once (timeout 10 s each; a FIFO used to block
 * in open(), a device to read until memory ran out).
 */
Test(reliability, non_files_refused_as_every_input_kind)
{
	static const char *const bad[] = { "$T/fifo", "/dev/zero", "/dev/urandom", "$T/adir" };
	static const char *const why[] = { "FIFO", "not a regular file", "not a regular file",
					   "directory" };
	/* %s: the bad path */
	static const char *const kinds[] = {
		"$L --fast %s",
		"$L -p %s " FIX_BAD,
		"$L --baseline %s --fast " FIX_BAD,
		"$L --list-suppressions %s",
		"$L --files-from %s --fast",
		"$L --fast --files-from - < %s",
		"ln -sf %s $T/m/x.sarif && $L --merge $T/m",
		"printf '[{\"directory\":\"/\",\"file\":\"%%s\",\"command\":\"cc -c x.c\"}]' %s > $T/db.json && $L -p $T/db.json",
	};
	unsigned i, k;
	struct run r;

	sh_ok("cd $T && mkfifo fifo && mkdir adir m");
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		for (i = 0; i < 4; i++) {
			char cmd[1024], what[1100];

			/* stdin: a FIFO with no writer blocks the shell's own redirection */
			if (k == 5 && i == 0)
				continue;
			snprintf(cmd, sizeof(cmd), kinds[k], bad[i]);
			snprintf(what, sizeof(what), "%s", cmd);
			setenv("CMD", cmd, 1);
			sh_run(&r, "exec timeout 10 sh -c \"$CMD\"");
			if (k == 5) {
				/* stdin: a device reads until the list's size limit */
				cr_assert_eq(r.status, 2, "%s: %d %s", what, r.status, r.err);
				cr_assert_eq(count_substr(r.err, "iommu-lint: error:"), 1, "%s: %s", what, r.err);
			} else {
				assert_one_error(&r, k == 7 && i == 3 ? "directory" : why[i], what);
			}
			run_free(&r);
		}
	}
}

/* --- class 4: size limits ------------------------------------------------- */

/*
 * Limits name their input kind: a sparse 2 GiB baseline, merge log, source
 * and --files-from list are refused by size (at once, nothing read).
 */
Test(reliability, size_limits_name_the_input_kind)
{
	struct run r;

	sh_ok("cd $T && truncate -s 2G big && mkdir m && ln -s ../big m/big.sarif");
	sh_run(&r, "timeout 10 $L --fast --baseline $T/big " FIX_BAD);
	assert_one_error(&r, "too large for a baseline", "baseline");
	run_free(&r);
	sh_run(&r, "timeout 10 $L --merge $T/m");
	assert_one_error(&r, "too large for a SARIF log", "merge");
	run_free(&r);
	sh_run(&r, "timeout 10 $L --fast --files-from $T/big");
	assert_one_error(&r, "too large for a file list", "files-from");
	run_free(&r);
	sh_run(&r, "cp $T/big $T/big.c; timeout 10 $L --fast $T/big.c");
	cr_assert_eq(r.status, 2, "%s", r.err);
	cr_assert(strstr(r.err, "too large for a source file"), "%s", r.err);
	run_free(&r);
}

/*
 * fuzz-compdb's crash: two spellings of one path ("/x/." and "/x./") sent
 * libclang 14's file trie into endless recursion (SIGSEGV, every result
 * lost).  File names are normalised before libclang reads the DB: each
 * entry fails alone (no such file), nothing is left in $TMPDIR.
 */
Test(reliability, compile_db_file_spellings_do_not_crash_libclang)
{
	struct run r;

	sh_ok("mkdir -p $T/trie && printf '[{\"directory\":\"/tmp\",\"file\":\"/x/.\",\"arguments\":[\"cc\",\"-c\",\"x.c\"]},"
	      "{\"directory\":\"/tmp\",\"file\":\"/x./\",\"arguments\":[\"cc\",\"-c\",\"x.c\"]}]' "
	      "> $T/trie/compile_commands.json");
	sh_run(&r, "mkdir -p $T/trie-tmp && TMPDIR=$T/trie-tmp timeout 20 $L -p $T/trie; s=$?; "
	       "ls -A $T/trie-tmp; exit $s");
	cr_assert_eq(r.status, 2, "exit %d: %s", r.status, r.err);
	cr_assert(strstr(r.err, "/x: cannot open") && strstr(r.err, "/x.: cannot open"), "%s", r.err);
	cr_assert_str_eq(r.out, "", "left in TMPDIR: %s", r.out);
	run_free(&r);
	sh_run(&r, "timeout 20 $L -p $TOP/tests/fuzz/compdb/regressions/trie-recursion.json");
	cr_assert_eq(r.status, 2, "the fuzzer's input: exit %d: %s", r.status, r.err);
	run_free(&r);
}

/*
 * An #include of a FIFO (libclang blocked in open() for ever) or of
 * /dev/zero (read until memory ran out), directly, from a header, through
 * -I or -include: the TU fails at once with one line naming the include;
 * fast mode never opens includes at all.
 */
Test(reliability, include_of_fifo_or_device_fails_the_tu)
{
	static const struct {
		const char *setup, *args, *cause;
	} cases[] = {
		{ "mkfifo ff.h && printf '#include \"ff.h\"\\nstruct iommu_ops x;\\n' > i.c",
		  "i.c --", "i.c:1: #include of 'ff.h': ./ff.h is a FIFO" },
		{ "printf '#include \"/dev/zero\"\\nstruct iommu_ops x;\\n' > i.c",
		  "i.c --", "/dev/zero is a character device" },
		{ "mkdir -p inc && mkfifo inc/deep.h && printf '#include \"mid.h\"\\nstruct iommu_ops x;\\n' > i.c && "
		  "printf '#include <deep.h>\\n' > mid.h",
		  "i.c -- -Iinc", "./mid.h:1: #include of 'deep.h': inc/deep.h is a FIFO" },
		{ "mkfifo forced.h && printf 'struct iommu_ops x;\\n' > i.c",
		  "i.c -- -include forced.h", "#include of 'forced.h'" },
	};
	unsigned i;
	struct run r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sh_ok("rm -rf $T/inc-case && mkdir $T/inc-case && cd $T/inc-case && %s", cases[i].setup);
		sh_run(&r, "cd $T/inc-case && timeout 10 $L --engine=clang %s -I$TOP/reference/include",
		       cases[i].args);
		assert_one_error(&r, cases[i].cause, cases[i].setup);
		run_free(&r);
	}
	sh_run(&r, "cd $T/inc-case && timeout 10 $L --fast i.c");
	cr_assert_eq(r.status, 0, "fast mode: exit %d: %s", r.status, r.err);
	run_free(&r);
}

/*
 * A whole-kernel compile DB: 50,000 entries, about 25 MiB (the old limit was
 * 16 MiB, "too large for a source file"), over 20 files, each listed 2,500
 * times as relative, ./ and absolute paths.  Accepted, each file scanned
 * once, its finding reported once, in well under a minute.
 */
Test(reliability, whole_kernel_sized_db_is_accepted)
{
	struct run r;

	sh_ok("cd $T && mkdir -p src && for i in $(seq 0 19); do sed \"s/miss_/m${i}_/g\" $TOP/" FIX_BAD
	      " > src/f$i.c; done && awk -v T=$T -v INC=$TOP/reference/include 'BEGIN {"
	      " pad = sprintf(\"%%0300d\", 0); print \"[\"; for (i = 0; i < 50000; i++) {"
	      " f = i %% 20; k = int(i / 20) %% 3;"
	      " file = k == 0 ? \"src/f\" f \".c\" : k == 1 ? \"./src/f\" f \".c\" : T \"/src/f\" f \".c\";"
	      " printf \"%%s{\\\"directory\\\":\\\"%%s\\\",\\\"file\\\":\\\"%%s\\\",\\\"command\\\":\\\"cc -c -I%%s -DPAD=%%s %%s\\\"}\\n\","
	      " i ? \",\" : \"\", T, file, INC, pad, file } print \"]\" }' > db.json && test $(stat -c %%s db.json) -gt 20000000");
	sh_run(&r, "cd $T && timeout 120 $L -p db.json --engine=ts --stats");
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(count_substr(r.out, "[of-xlate-presence]"), 20, "%s", r.out);
	cr_assert(strstr(r.err, " 20 TUs"), "%s", r.err);
	run_free(&r);
}

/* --- class 5: exit status and messages ------------------------------------ */

/* stdout is /dev/full: exit 2 and one error line in every mode (some exited 0 or said nothing). */
Test(reliability, full_stdout_fails_in_every_mode)
{
	static const char *const modes[] = {
		"--fast " FIX_BAD,
		"--fast --format=json " FIX_BAD,
		"--fast --format=sarif " FIX_BAD,
		"--kernel=6.12 --fast --format=patch " FIX_FIXABLE,
		"--list-rules",
		"--help",
		"--version",
		"--fast --dump-facts " FIX_BAD,
		"--print-commands " FIX_BAD,
		"--list-suppressions $T/s.c",
		"--merge $T/m",
		FIX_BAD " -- -Ireference/include",
	};
	unsigned i;
	struct run r;

	sh_ok("printf 'int x; /* iommu-lint: ignore resv-region -- why */\\n' > $T/s.c && $L --list-suppressions $T/s.c | grep -q resv-region");
	sh_ok("mkdir $T/m && $L --fast --format=sarif -o $T/m/a.sarif " FIX_BAD "; test -s $T/m/a.sarif");
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		sh_run(&r, "timeout 60 $L %s > /dev/full", modes[i]);
		assert_one_error(&r, "cannot write to stdout", modes[i]);
		run_free(&r);
	}
}

/*
 * --merge of the logs of a failed run (executionSuccessful false, an error
 * notification) writes the merged log, which says so, and exits 2 naming
 * the log; it used to exit 0.
 */
Test(reliability, merge_of_failed_run_fails)
{
	struct run r;

	sh_ok("cd $T && mkdir d && printf '#include <linux/no-such.h>\\nstruct iommu_ops x;\\n' > broken.c &&"
	      " { $L --sarif-dir d $TOP/" FIX_BAD " -- -I$TOP/reference/include;"
	      " $L --engine=clang --sarif-dir d broken.c -- -I$TOP/reference/include; true; } 2>/dev/null &&"
	      " test $(ls d | wc -l) = 2");
	sh_run(&r, "cd $T && timeout 30 $L --merge d -o merged.sarif");
	assert_one_error(&r, "from a run that failed", "merge");
	cr_assert(strstr(r.err, "broken.c"), "%s", r.err);
	run_free(&r);
	sh_ok("cd $T && grep -q '\"executionSuccessful\": *false' merged.sarif");
}

/* A log with data after its JSON is malformed (it used to be merged: exit 1). */
Test(reliability, merge_refuses_trailing_garbage)
{
	struct run r;

	sh_ok("mkdir $T/m && { $L --fast --format=sarif " FIX_BAD "; echo garbage; } > $T/m/x.sarif; true");
	sh_run(&r, "timeout 30 $L --merge $T/m");
	assert_one_error(&r, "not valid JSON", "trailing garbage");
	run_free(&r);
}

/* --- class 6: git --------------------------------------------------------- */

static void git_repo(void)
{
	sh_ok("cd $T && export HOME=$T GIT_CONFIG_NOSYSTEM=1 && git init -q r && cd r &&"
	      " git config user.name t && git config user.email t@t && git commit -q --allow-empty -m 0");
}

#define GIT "cd $T/r && export HOME=$T GIT_CONFIG_NOSYSTEM=1 && "

/* A changed file named "my drv.c" (git writes "+++ b/my drv.c<TAB>") is scanned by --staged and --diff. */
Test(reliability, staged_file_with_space_in_name)
{
	struct run r;

	git_repo();
	sh_ok(GIT "cp $TOP/" FIX_BAD " 'my drv.c' && git add 'my drv.c'");
	sh_run(&r, GIT "timeout 60 $L --staged -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "my drv.c:"), "%s", r.out);
	run_free(&r);
	sh_ok(GIT "git commit -q -m 1 && echo '/* x */' >> 'my drv.c' && sed -i 's/0x1000 |/0x1000 | 0x4000 |/' 'my drv.c'");
	sh_run(&r, GIT "timeout 60 $L --diff HEAD -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "my drv.c:"), "%s", r.out);
	run_free(&r);
}

/* A staged .c that git takes for binary (a NUL byte) is refused, not skipped (exit 0). */
Test(reliability, staged_binary_looking_file_is_refused)
{
	struct run r;

	git_repo();
	sh_ok(GIT "printf 'int x;\\0\\n' > n.c && git add n.c");
	sh_run(&r, GIT "timeout 60 $L --staged --fast");
	assert_one_error(&r, "NUL bytes", "binary staged file");
	run_free(&r);
}

/*
 * A file staged, then deleted from the work tree: what the commit holds is
 * the index copy, and that is what is scanned (it used to be "scanned" as
 * nothing, exit 0); the finding names the file.
 */
Test(reliability, staged_file_deleted_from_work_tree_is_scanned_from_index)
{
	struct run r;

	git_repo();
	sh_ok(GIT "cp $TOP/" FIX_BAD " drv.c && git add drv.c && rm drv.c");
	sh_run(&r, GIT "timeout 60 $L --staged -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "drv.c:15:"), "%s", r.out);
	cr_assert(strstr(r.err, "deleted from the work tree"), "%s", r.err);
	run_free(&r);
	sh_run(&r, GIT "timeout 60 $L --staged drv.c -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "named on the command line: %s%s", r.out, r.err);
	cr_assert(strstr(r.out, "drv.c:15:"), "%s", r.out);
	run_free(&r);
	sh_ok(GIT "test ! -e drv.c");
}

/*
 * Symbolic links: a work tree reached through one (cwd /x/link -> /x/r),
 * a new link to a committed file (every line under the new name is new: its
 * finding used to count as outside the changed code), and a new file staged
 * together with a link to it (scanned and reported once, under the file's
 * own name; it used to be reported twice).
 */
Test(reliability, staged_through_symlinks)
{
	struct run r;

	git_repo();
	sh_ok("cd $T && ln -s r link && cd link && cp $TOP/" FIX_BAD " new.c && git add new.c");
	sh_run(&r, "cd $T/link && export HOME=$T GIT_CONFIG_NOSYSTEM=1 && timeout 60 $L --staged new.c -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "new.c:15:"), "%s", r.out);
	run_free(&r);
	sh_ok(GIT "git commit -q -m 1 && mkdir sub && ln -s ../new.c sub/alias.c && git add sub/alias.c");
	sh_run(&r, GIT "timeout 60 $L --staged -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "sub/alias.c:15:"), "%s", r.out);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	run_free(&r);
	sh_ok(GIT "git commit -q -m 2 && sed s/miss_/two_/g new.c > two.c && ln -s two.c link2.c && git add two.c link2.c");
	sh_run(&r, GIT "timeout 60 $L --staged -- -I$TOP/reference/include");
	cr_assert_eq(r.status, 1, "%s%s", r.out, r.err);
	cr_assert(strstr(r.out, "two.c:15:"), "%s", r.out);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	run_free(&r);
}

/* --- class 7: leftovers --------------------------------------------------- */

/*
 * A signal while a temporary file or directory exists (raised by the test
 * hook IOMMU_LINT_TEST_RAISE right after it is made): the process dies of
 * that signal and leaves nothing behind, for -o, --write-baseline,
 * --sarif-dir, --export-fixes and a compile DB not named
 * compile_commands.json (a temporary directory).
 */
Test(reliability, signal_leaves_no_temporary_files)
{
	static const char *const runs[] = {
		"-o $T/o/report.txt",
		"--write-baseline $T/o/base.json",
		"--sarif-dir $T/o",
		"--export-fixes $T/o/fixes.diff",
		"-p $T/o/db.json",
	};
	unsigned i;
	struct run r;

	sh_ok("mkdir $T/o $T/tmp");
	for (i = 0; i < sizeof(runs) / sizeof(runs[0]); i++) {
		sh_ok("cd $T/o && rm -f * && printf '[{\"directory\":\"%%s\",\"file\":\"%s\",\"command\":\"cc -c -I%%s/reference/include %s\"}]'"
		      " $TOP $TOP > db.json", FIX_FIXABLE, FIX_FIXABLE);
		sh_run(&r, "IOMMU_LINT_TEST_RAISE=15 TMPDIR=$T/tmp timeout 60 $L --kernel=6.12 %s %s -- -Ireference/include",
		       runs[i], i == 4 ? "" : FIX_FIXABLE);
		cr_assert_eq(r.status, 128 + 15, "%s: exit %d %s", runs[i], r.status, r.err);
		run_free(&r);
		sh_run(&r, "ls -A $T/tmp; ls -A $T/o | grep -v '^db.json$'");
		cr_assert_str_empty(r.out, "%s: left behind: %s", runs[i], r.out);
		run_free(&r);
	}
}

/* One file listed as relative, ./ and absolute in a compile DB or on the command line: scanned and reported once. */
Test(reliability, duplicate_db_entries_report_once)
{
	struct run r;

	sh_ok("printf '[{\"directory\":\"%%s\",\"file\":\"%s\",\"command\":\"cc -c -Ireference/include %s\"},"
	      "{\"directory\":\"%%s\",\"file\":\"./%s\",\"command\":\"cc -c -Ireference/include ./%s\"},"
	      "{\"directory\":\"/\",\"file\":\"%%s/%s\",\"command\":\"cc -c -I%%s/reference/include %%s/%s\"}]'"
	      " $TOP $TOP $TOP $TOP $TOP > $T/db.json", FIX_BAD, FIX_BAD, FIX_BAD, FIX_BAD, FIX_BAD,
	      FIX_BAD);
	sh_run(&r, "timeout 60 $L -p $T/db.json");
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	cr_assert(strstr(r.err, "1 TUs"), "%s", r.err);
	run_free(&r);
	sh_run(&r, "timeout 60 $L --fast %s ./%s $TOP/%s", FIX_BAD, FIX_BAD, FIX_BAD);
	cr_assert_eq(r.status, 1, "%s", r.err);
	cr_assert_eq(count_substr(r.out, "warning:"), 1, "%s", r.out);
	cr_assert(strstr(r.out, FIX_BAD ":15:"), "the first name is kept: %s", r.out);
	run_free(&r);
}

/* A file name that is not UTF-8 (red team rt151, rt161): the JSON and SARIF documents still parse. */
Test(reliability, non_utf8_file_name_keeps_json_valid)
{
	static const char *const fmts[] = { "json", "sarif", "codequality" };
	struct run r;
	unsigned i;

	sh_ok("cp %s \"$T/$(printf 'caf\\351.c')\"", FIX_BAD);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		sh_run(&r, "timeout 60 $L -q --fast --format=%s -o $T/out.json "
			   "\"$T/$(printf 'caf\\351.c')\"; test $? = 1 && python3 -c 'import json,sys; "
			   "json.load(open(sys.argv[1], encoding=\"utf-8\"))' $T/out.json", fmts[i]);
		cr_assert_eq(r.status, 0, "--format=%s: %s", fmts[i], r.err);
		run_free(&r);
	}
}
