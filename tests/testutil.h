/* SPDX-License-Identifier: GPL-2.0 */
/* testutil.h - run the checker as a child process and capture what it says. */
#ifndef IOMMU_LINT_TESTUTIL_H
#define IOMMU_LINT_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>

struct run {
	int status;		/* exit code, or 128 + signal */
	char *out;		/* stdout, NUL-terminated */
	char *err;		/* stderr, NUL-terminated */
};

/* argv[0] is a path; NULL-terminated.  Returns 0 or -errno. */
int run_argv(char *const argv[], struct run *r);
/* The same with stdout and/or stderr a terminal (a pty in raw mode) instead of a pipe. */
int run_argv_tty(char *const argv[], bool out_tty, bool err_tty, struct run *r);
void run_free(struct run *r);
/* $IOMMU_LINT, or ./iommu-lint */
const char *lint_path(void);
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *data, size_t len);
/* How many times needle occurs in s (NULL s: 0). */
unsigned count_substr(const char *s, const char *needle);
/* mkdtemp "/tmp/iommu-lint-TAG.XXXXXX" into buf, and remove it with its content. */
void tmpdir_make(char *buf, size_t size, const char *tag);
void tmpdir_remove(const char *dir);
/* A tool failure: exit 2, exactly one "iommu-lint: error:" line naming cause. */
void assert_tool_failure(const struct run *r, const char *cause);

/* Run a printf-formatted command line with system(): its exit status, -1 if it could not run. */
int shell_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
