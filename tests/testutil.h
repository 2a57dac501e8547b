/* SPDX-License-Identifier: GPL-2.0 */
/* testutil.h - run the checker as a child process and capture what it says. */
#ifndef IOMMU_LINT_TESTUTIL_H
#define IOMMU_LINT_TESTUTIL_H

#include <stddef.h>

struct run {
	int status;		/* exit code, or 128 + signal */
	char *out;		/* stdout, NUL-terminated */
	char *err;		/* stderr, NUL-terminated */
};

/* argv[0] is a path; NULL-terminated.  Returns 0 or -errno. */
int run_argv(char *const argv[], struct run *r);
void run_free(struct run *r);
/* $IOMMU_LINT, or ./iommu-lint */
const char *lint_path(void);
char *read_file(const char *path, size_t *len);
int write_file(const char *path, const char *data, size_t len);

#endif
