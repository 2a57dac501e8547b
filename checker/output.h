/* SPDX-License-Identifier: GPL-2.0 */
/*
 * output.h - writing what the user asked for without damaging anything:
 * reports (-o), baselines, merged SARIF logs, SARIF directories.
 *
 * A path that does not exist, or a regular file, is written atomically: a
 * temporary file in the target's real directory (a symlink is followed, the
 * link itself stays), given the existing file's mode, renamed over it.  A
 * character device (/dev/null, /dev/stdout) or a FIFO is written straight
 * through; a directory, a block device or a socket is refused.  So is any
 * input of the run (the same inode): `-o` naming the scanned source, the
 * compile DB, a baseline or a log being merged is an error, not a
 * truncation.
 */
#ifndef IOMMU_LINT_OUTPUT_H
#define IOMMU_LINT_OUTPUT_H

#include <stdio.h>

/* Remember path (if it exists) as an input of this run. */
void output_note_input(const char *path);
/* Same, for path relative to dir (dir NULL or path absolute: path as is). */
void output_note_input_in(const char *dir, const char *path);

typedef int (*output_fn)(FILE *out, const void *arg);

/* Write path with fn; 0, or -errno with one line in err. */
int output_write(const char *path, output_fn fn, const void *arg, char *err, size_t errlen);

/*
 * Append what fn writes to path (created if missing) in one write under an
 * exclusive lock, with output_write's refusals: -o in kbuild CHECK mode,
 * where make runs one call per file, some at once.  0, or -errno with err.
 */
int output_append(const char *path, output_fn fn, const void *arg, char *err, size_t errlen);

#endif
