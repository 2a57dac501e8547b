/* SPDX-License-Identifier: GPL-2.0 */
/*
 * baseline.h - finding fingerprints and baseline files.
 *
 * A fingerprint identifies a finding across edits that only move it: a hash
 * of the rule id, the file (relative to the working directory when under
 * it), the symbol (function or variable) and the message with its digits
 * removed (messages quote line numbers).  The same value is the SARIF
 * partialFingerprints entry and the key of a baseline entry.
 */
#ifndef IOMMU_LINT_BASELINE_H
#define IOMMU_LINT_BASELINE_H

#include <stddef.h>

#include "engine.h"

#define FINGERPRINT_LEN 16

/* The file name a fingerprint and a baseline use: cwd-relative when under cwd. */
const char *finding_rel_file(const char *file, const char *cwd);
/* out gets FINGERPRINT_LEN hex digits and a NUL; cwd may be NULL. */
void finding_fingerprint(const struct finding *f, const char *cwd,
			 char out[FINGERPRINT_LEN + 1]);

struct baseline;

/*
 * Load a baseline written by baseline_write().  Returns 0, or -errno with a
 * one-line reason in err (unreadable, not JSON, wrong shape, bad
 * fingerprint, unknown rule id).
 */
int baseline_load(const char *path, struct baseline **out, char *err, size_t errlen);
/*
 * Remove the findings the baseline lists; an entry hides one finding, so a
 * new finding with the fingerprint of an old one still shows.  keep, when
 * not NULL, gets them (HIDE_EXTERNAL, justification why).  Returns the
 * number removed.
 */
unsigned baseline_filter(struct baseline *b, struct findings *f, struct findings *keep,
			 const char *why);
void baseline_free(struct baseline *b);
/* Write every finding of f as a baseline, atomically.  0 or -errno, err set. */
int baseline_write(const char *path, const struct findings *f, char *err, size_t errlen);

#endif
