/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gitdiff.h - what a commit changes: the .c/.h files and their changed
 * lines, from git diff -U0 (staged changes, or the working tree against a
 * revision), and the filter that keeps only findings in changed code.
 */
#ifndef IOMMU_LINT_GITDIFF_H
#define IOMMU_LINT_GITDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

struct diff_range {
	unsigned first, last;		/* new-side lines, inclusive */
};

struct diff_file {
	char *rel;			/* as git names it, relative to the top */
	char *path;			/* absolute, symlinks resolved when it exists */
	bool unstaged;			/* --staged: the working tree copy differs */
	bool deleted;			/* --staged: staged, then deleted from the work tree */
	bool symlink;			/* a symbolic link in git (mode 120000) */
	char *staged_copy;		/* deleted: the index copy, in a temporary directory */
	unsigned nranges, cap;
	struct diff_range *ranges;
};

struct git_diff {
	char *top;			/* the working tree's top directory */
	unsigned n, cap;
	struct diff_file *v;
};

/*
 * Run git with args (NULL-terminated), in top when given (git -C top); its
 * stdout in *out (malloc'ed, NUL-terminated), stdin and stderr /dev/null.
 * Returns git's exit status (0..255), or -errno when it cannot be run.
 */
int run_git(const char *top, const char *const *args, char **out, size_t *outlen);

/*
 * Read the changes: staged ones when rev is NULL (files whose working copy
 * has further changes are diffed working tree against HEAD instead, since
 * that copy is what gets scanned), else the working tree against rev (a
 * commit, or a tree: the empty tree makes every line of a file changed).
 * Returns 0, or -errno with a one-line reason in err (no git, not a
 * repository, unknown revision).
 */
int gitdiff_read(const char *rev, struct git_diff *d, char *err, size_t errlen);
/* Read the text of a git diff -U0 into d (d->top set); 0 or -ENOMEM. */
int gitdiff_parse(char *text, struct git_diff *d);
void gitdiff_free(struct git_diff *d);
/*
 * f->deleted: write the index copy of f (git cat-file blob :rel) into a new
 * temporary directory, as f->staged_copy (removed by gitdiff_free, or on a
 * fatal signal).  0, or -errno with one line in err.
 */
int gitdiff_extract_staged(const struct git_diff *d, struct diff_file *f, char *err,
			   size_t errlen);
/* The first changed file at abs_path (or whose staged copy it is), or NULL. */
const struct diff_file *gitdiff_find(const struct git_diff *d, const char *abs_path);
/* true when lines [first, last] overlap a changed line of f. */
bool gitdiff_touches(const struct diff_file *f, unsigned first, unsigned last);
/*
 * Keep the findings in changed code: the finding's line, or the extent of
 * its function or file-scope variable, overlaps a changed line of any diff
 * entry of that file (a file and a symbolic link to it are one file; a new
 * or retargeted link changes every line).  Returns the number removed.
 */
unsigned gitdiff_filter(const struct git_diff *d, const struct fx_program *prog,
			struct findings *f);

#endif
