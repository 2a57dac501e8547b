/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kbuild.h - CHECK mode: iommu-lint called by kbuild as
 * `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c` (make C=1|2 CHECK=iommu-lint),
 * and the real sparse chained behind it (--with-sparse).
 */
#ifndef IOMMU_LINT_KBUILD_H
#define IOMMU_LINT_KBUILD_H

#include <stdbool.h>
#include <stddef.h>

struct options;

struct kbuild_argv {
	int argc;		/* argv rewritten for options_parse() */
	char **argv;		/* argv0, own options, --kbuild, file.c, --, clang words */
	int sparse_argc;	/* the kbuild argv minus iommu-lint's own options */
	char **sparse_argv;	/* [0] is filled in with the sparse program */
};

/*
 * True when argv looks like a kbuild CHECK call: --kbuild, or no "--" and
 * no -p/--merge, exactly one .c word, and compiler words (-D, -I, -include,
 * -nostdinc, --arch=, -Wp,).
 */
bool kbuild_detect(int argc, char *const *argv);

/*
 * Split a CHECK argv: iommu-lint's own options (known option names and
 * -W/-Wno-/-Werror= with a rule id) stay options; sparse's CHECKFLAGS and
 * gcc's c_flags become compiler words after "--" (sparse-only words
 * dropped); every non-own word, the file included, goes to sparse.
 * Returns 0, or -EINVAL with a one-line reason in err.
 */
int kbuild_split(int argc, char *const *argv, struct kbuild_argv *kb, char *err,
		 size_t errlen);
void kbuild_free(struct kbuild_argv *kb);

/*
 * Run sparse (program: a path or a name looked up in PATH) with the
 * sparse argv, its stdout and stderr passed through.  Returns its exit
 * status, or -errno with a one-line reason in err when it could not run or
 * died from a signal.
 */
int kbuild_run_sparse(const char *program, struct kbuild_argv *kb, char *err, size_t errlen);

/*
 * Send the report to stderr, where gcc and sparse write theirs: with
 * `make -s` kbuild runs each command under `exec >/dev/null`.
 */
int kbuild_stdout_to_stderr(void);

/*
 * The exit status of a CHECK-mode run: findings (1) become 0 unless
 * --fail-on-findings, since kbuild stops at a nonzero exit; a tool failure
 * stays 2; a nonzero sparse status is kept (capped at 2), as kbuild would
 * have stopped on it with CHECK=sparse.
 */
int kbuild_exit_status(const struct options *o, int lint_status, int sparse_status);

#endif
