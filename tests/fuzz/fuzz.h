/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fuzz.h - shared by the libFuzzer harnesses of tests/fuzz/ (make fuzz):
 * each defines LLVMFuzzerTestOneInput() over one input parser of the
 * checker, called as the checker calls it.  Built without libFuzzer (make
 * check: build/tests/test-fuzz-replay) the same functions replay the seed
 * corpora and the regression inputs.
 */
#ifndef IOMMU_LINT_FUZZ_H
#define IOMMU_LINT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The harness: 0, always (libFuzzer's contract). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* A private directory for the run (created once, removed at exit). */
const char *fuzz_dir(void);
/* Write data to fuzz_dir()/name; returns the path (static buffer per call site). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);
/* data as a NUL-terminated malloc'ed string. */
char *fuzz_strndup(const uint8_t *data, size_t size);

#endif
