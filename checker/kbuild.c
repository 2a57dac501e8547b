// SPDX-License-Identifier: GPL-2.0
/*
 * kbuild.c - CHECK mode.  `make C=1|2 CHECK=iommu-lint` runs
 * `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` for each C file, where
 * CHECKFLAGS are sparse's options (-D__linux__ ... -Wbitwise --arch=x86
 * -mlittle-endian -m64, plus the user's CF=) and c_flags the gcc flags of
 * the real compile (always starting with -Wp,-MMD,depfile).  This file
 * tells iommu-lint's own options from those words, gives libclang the gcc
 * words (argv.c then drops what clang rejects) and sparse the whole
 * command, and maps the exit status to what kbuild expects: it stops the
 * build at the first nonzero exit, so findings exit 0 unless asked.
 */
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"
#include "kbuild.h"
#include "options.h"
#include "registry.h"

extern char **environ;

/*
 * Compiler options whose value is the next word (never the source file):
 * 32-bit arm's LLVM=1 build passes "-meabi gnu".
 */
static const char *const cc_value_opts[] = {
	"--param", "-D", "-I", "-MF", "-MQ", "-MT", "-U", "-Xclang", "-idirafter",
	"-imacros", "-include", "-iprefix", "-iquote", "-isysroot", "-isystem",
	"-iwithprefix", "-meabi", "-mllvm", "-target", "-x",
};

/*
 * Sparse-only words libclang must not see when the command has no -Wp,
 * marker (a hand-written CHECK call): --arch= is an error for clang, and
 * -D__CHECKER__ would switch the kernel headers to sparse's address-space
 * attributes.  Exact words, or prefixes when ending in '='/'-'.
 */
static const char *const sparse_only[] = {
	"--arch=", "-D__CHECKER__", "-Wbitwise", "-Wno-return-void",
	"-Wno-sparse-", "-Wno-unknown-attribute", "-Wsparse-", "-mbig-endian",
	"-mlittle-endian",
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* -W<id>, -Wno-<id>, -Werror=<id> for a rule id (not -Wall, not -Werror). */
static bool is_rule_switch(const char *word)
{
	const char *id = word + 2;

	if (strncmp(word, "-W", 2))
		return false;
	if (!strncmp(id, "no-", 3))
		id += 3;
	else if (!strncmp(id, "error=", 6))
		id += 6;
	return rule_lookup(id) >= 0;
}

/* iommu-lint's own word (options.c's table, or a rule switch); *value_next as there. */
static bool own_option(const char *word, bool *value_next)
{
	if (options_check_word(word, value_next))
		return true;
	return is_rule_switch(word);
}

static bool cc_takes_value(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cc_value_opts); i++)
		if (!strcmp(word, cc_value_opts[i]))
			return true;
	return false;
}

static bool is_sparse_only(const char *word)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(sparse_only); i++) {
		n = strlen(sparse_only[i]);
		if (sparse_only[i][n - 1] == '=' || sparse_only[i][n - 1] == '-') {
			if (!strncmp(word, sparse_only[i], n))
				return true;
		} else if (!strcmp(word, sparse_only[i])) {
			return true;
		}
	}
	return false;
}

static bool is_c_file(const char *word)
{
	size_t n = strlen(word);

	return word[0] != '-' && n > 2 && !strcmp(word + n - 2, ".c");
}

/* kbuild's c_flags always start with -Wp,-MMD,depfile; CHECKFLAGS carry --arch=. */
static bool is_kbuild_marker(const char *word)
{
	return !strncmp(word, "-Wp,-M", 6) || !strncmp(word, "--arch=", 7);
}

bool kbuild_detect(int argc, char *const *argv)
{
	int i, nc = 0;
	bool marker = false, next;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--kbuild"))
			return true;
		if (!strcmp(a, "--") || !strcmp(a, "-p") || !strncmp(a, "--merge", 7))
			return false;
		if (own_option(a, &next)) {
			i += next;
			continue;
		}
		if (cc_takes_value(a)) {
			i++;
			continue;
		}
		if (is_kbuild_marker(a))
			marker = true;
		else if (is_c_file(a))
			nc++;
	}
	return marker && nc == 1;
}

int kbuild_split(int argc, char *const *argv, struct kbuild_argv *kb, char *err,
		 size_t errlen)
{
	const char *file = NULL;
	char **own, **cc;
	int i, nown = 0, ncc = 0, ccstart = 0, nsp = 1;
	bool next, stats = false, quiet = false;

	memset(kb, 0, sizeof(*kb));
	/* own options, worst case + argv0 + --kbuild + -q + file + -- */
	own = calloc((size_t)argc + 5, sizeof(*own));
	cc = calloc((size_t)argc + 1, sizeof(*cc));
	kb->sparse_argv = calloc((size_t)argc + 1, sizeof(*kb->sparse_argv));
	if (!own || !cc || !kb->sparse_argv) {
		snprintf(err, errlen, "out of memory");
		goto out_free;
	}
	own[nown++] = xstrdup(argv[0]);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (own_option(a, &next)) {
			if (!strcmp(a, "--kbuild"))
				continue;
			if (!strcmp(a, "--stats"))
				stats = true;
			if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
				quiet = true;
			own[nown++] = xstrdup(a);
			if (next) {
				if (i + 1 >= argc) {
					snprintf(err, errlen, "option %s needs a value", a);
					goto out_free;
				}
				own[nown++] = xstrdup(argv[++i]);
			}
			continue;
		}
		kb->sparse_argv[nsp++] = xstrdup(a);
		if (is_c_file(a)) {
			if (file) {
				snprintf(err, errlen,
					 "CHECK mode scans one file, but the command names '%s' and '%s'",
					 file, a);
				goto out_free;
			}
			file = a;
			continue;
		}
		if (a[0] != '-') {
			snprintf(err, errlen, "CHECK mode: unexpected word '%s' (not an option, not a .c file)",
				 a);
			goto out_free;
		}
		/* CHECKFLAGS come before c_flags, which start at -Wp,-MMD */
		if (!ccstart && !strncmp(a, "-Wp,", 4))
			ccstart = ncc + 1;
		cc[ncc++] = (char *)a;
		if (cc_takes_value(a) && i + 1 < argc) {
			kb->sparse_argv[nsp++] = xstrdup(argv[++i]);
			cc[ncc++] = argv[i];
		}
	}
	if (!file) {
		snprintf(err, errlen, "CHECK mode: no .c file on the command line");
		goto out_free;
	}
	own[nown++] = xstrdup("--kbuild");
	if (!stats && !quiet)
		own[nown++] = xstrdup("-q");
	own[nown++] = xstrdup(file);
	own[nown++] = xstrdup("--");
	kb->argv = calloc((size_t)(nown + ncc + 1), sizeof(*kb->argv));
	if (!kb->argv) {
		snprintf(err, errlen, "out of memory");
		goto out_free;
	}
	memcpy(kb->argv, own, (size_t)nown * sizeof(*own));
	kb->argc = nown;
	nown = 0;
	for (i = ccstart ? ccstart - 1 : 0; i < ncc; i++) {
		if (!ccstart && is_sparse_only(cc[i]))
			continue;
		kb->argv[kb->argc++] = xstrdup(cc[i]);
	}
	kb->sparse_argc = nsp;
	free(own);
	free(cc);
	return 0;
out_free:
	for (i = 0; own && i < nown; i++)
		free(own[i]);
	free(own);
	free(cc);
	kb->sparse_argc = nsp;
	kbuild_free(kb);
	return -EINVAL;
}

void kbuild_free(struct kbuild_argv *kb)
{
	int i;

	for (i = 0; kb->argv && i < kb->argc; i++)
		free(kb->argv[i]);
	/* [0] is the caller's program name */
	for (i = 1; kb->sparse_argv && i < kb->sparse_argc; i++)
		free(kb->sparse_argv[i]);
	free(kb->argv);
	free(kb->sparse_argv);
	memset(kb, 0, sizeof(*kb));
}

int kbuild_run_sparse(const char *program, struct kbuild_argv *kb, char *err, size_t errlen)
{
	pid_t pid;
	int rc, status;

	kb->sparse_argv[0] = (char *)program;
	fflush(stdout);
	fflush(stderr);
	rc = posix_spawnp(&pid, program, NULL, NULL, kb->sparse_argv, environ);
	if (rc) {
		snprintf(err, errlen, "--with-sparse: cannot run '%s': %s", program, strerror(rc));
		return -rc;
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			snprintf(err, errlen, "--with-sparse: waiting for '%s': %s", program,
				 strerror(errno));
			return -errno;
		}
	}
	if (WIFSIGNALED(status)) {
		snprintf(err, errlen, "--with-sparse: '%s' died from signal %d", program,
			 WTERMSIG(status));
		return -EINTR;
	}
	return WEXITSTATUS(status);
}

int kbuild_stdout_to_stderr(void)
{
	fflush(stdout);
	return dup2(STDERR_FILENO, STDOUT_FILENO) < 0 ? -errno : 0;
}

int kbuild_exit_status(const struct options *o, int lint_status, int sparse_status)
{
	int ret = lint_status;

	if (ret >= 2)
		return 2;
	if (ret == 1 && !o->fail_on_findings)
		ret = 0;
	if (sparse_status > 0 && sparse_status > ret)
		ret = sparse_status > 2 ? 2 : sparse_status;
	return ret;
}
