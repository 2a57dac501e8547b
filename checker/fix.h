/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fix.h - the outputs of the findings' fixes: in place (--fix), a unified
 * diff (--export-fixes, --format=patch), and one git format-patch mail per
 * finding (--patch-dir).  Every output is a view of the same resolved edits
 * (checker/edit.c), applied to the bytes the frontends parsed.
 */
#ifndef IOMMU_LINT_FIX_H
#define IOMMU_LINT_FIX_H

#include <stdbool.h>
#include <stdio.h>

#include "engine.h"
#include "facts.h"

/* Test hook: a shell command run just before each file is checked and written. */
#define FIX_TEST_HOOK_ENV "IOMMU_LINT_TEST_BEFORE_WRITE"

/*
 * Apply every fix in place, one file at a time, atomically (a temporary
 * file in the file's directory, with its mode, renamed over it; through a
 * symlink to its target).  A file whose bytes differ from those parsed is
 * left alone with a one-line error.  *fixed counts the findings whose fix
 * was written.  Returns 0, or -1 when some file could not be fixed.
 */
int fix_apply(const struct fx_program *prog, const struct findings *f, unsigned *fixed);
/* A unified diff of every fix (git apply, patch -p1); -1 on a write error. */
int fix_write_diff(FILE *out, const struct fx_program *prog, const struct findings *f);
/* The same, written atomically to path; -1 with a one-line error. */
int fix_export(const char *path, const struct fx_program *prog, const struct findings *f);
/* One mail per finding with a fix in dir (created if missing); -1 with an error. */
int fix_patch_dir(const char *dir, const struct fx_program *prog, const struct findings *f);

#endif
