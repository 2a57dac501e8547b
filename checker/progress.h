/* SPDX-License-Identifier: GPL-2.0 */
/*
 * progress.h - one self-erasing status line on stderr while the TUs are
 * parsed: "[done/total] elapsed file-in-work", for a terminal only
 * (options_progress() decides; never in pipes, CI logs or CHECK mode).
 */
#ifndef IOMMU_LINT_PROGRESS_H
#define IOMMU_LINT_PROGRESS_H

/* Turn the line on for total TUs (nothing happens until this is called). */
void progress_start(unsigned total);
/* A worker starts on file; safe from any thread. */
void progress_tu_begin(const char *file);
/* A worker is done with its TU; safe from any thread. */
void progress_tu_end(void);
/* Erase the line: call before anything else goes to stderr. */
void progress_stop(void);

#endif
