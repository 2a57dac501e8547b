/* SPDX-License-Identifier: GPL-2.0 */
/*
 * facts-io.h - the facts IR of translation units in a file, and back: each
 * CI shard (--shard=K/N) writes the facts of its TUs, the merge step loads
 * every shard's and runs the whole-program rules over all of them.
 *
 * A facts file is a header, one record per TU, and a trailer with the
 * shard's run summary:
 *
 *	facts_write_header(out)            facts_read_header(in)
 *	facts_write(out, tu) ...           while (!(rc = facts_read(in, &tu))) ...
 *	facts_write_trailer(out, sum)      rc == 1: facts_read_trailer(in, &sum)
 *
 * The reader trusts nothing in the file: every count and length is checked
 * against the bytes that are there, nesting is limited to FACTS_MAX_DEPTH,
 * and a file from another format version or another iommu-lint build is
 * refused with the reason.  Format: docs in checker/facts-io.c.
 */
#ifndef IOMMU_LINT_FACTS_IO_H
#define IOMMU_LINT_FACTS_IO_H

#include <stddef.h>
#include <stdio.h>

#include "facts.h"
#include "report.h"

#define FACTS_MAGIC		"iommu-lint-facts"	/* 16 bytes, no NUL */
#define FACTS_VERSION		1u
/* Statement, expression and initialiser levels, together, below a function or variable. */
#define FACTS_MAX_DEPTH		10000u
/* One record (a TU's facts with its source text). */
#define FACTS_MAX_RECORD	(1ull << 30)
/* Nodes a reader may see again through shared pointers, beyond those it holds once. */
#define FACTS_MAX_SHARED	(1u << 20)

/* The magic, the format version and this build's IOMMU_LINT_VERSION: 0 or -errno. */
int facts_write_header(FILE *out, char *err, size_t errlen);
/*
 * Read and check the header: 0, or -EINVAL with the reason ("not an
 * iommu-lint facts file", "facts file version 2, this build reads 1",
 * "facts file from iommu-lint X, this is iommu-lint Y"), or -EIO.
 */
int facts_read_header(FILE *in, char *err, size_t errlen);

/*
 * Append tu as one record: every field of facts.h but tu->lines (edit.c
 * computes it again).  Pointers to one node from two places stay one node.
 * 0, or -errno: -E2BIG nesting deeper than FACTS_MAX_DEPTH, -ELOOP a cycle,
 * -ENOMEM, -EIO.
 */
int facts_write(FILE *out, const struct fx_tu *tu, char *err, size_t errlen);
/*
 * The next TU: 0 and *tu_out (calloc'ed, its facts in tu->arena, tu->src
 * malloc'ed: facts_free_tu()); 1 and *tu_out NULL at the trailer (call
 * facts_read_trailer() next); or -errno (-EINVAL, -EIO, -ENOMEM) with a
 * one-line reason in err ("facts file is truncated at byte N", "facts file
 * is corrupt at byte N: ...").
 */
int facts_read(FILE *in, struct fx_tu **tu_out, char *err, size_t errlen);
void facts_free_tu(struct fx_tu *tu);

/*
 * The trailer, after the last TU: sum's tus, parsed, skipped, failed and
 * the failed TUs (failures[0..failed)).  Its other fields are not kept.
 */
int facts_write_trailer(FILE *out, const struct run_summary *sum, char *err, size_t errlen);
/*
 * After facts_read() returned 1: fill *sum (zeroed first) with the counts
 * and the failures (malloc'ed: facts_summary_free()); the file must end
 * there.  0 or -errno with the reason.
 */
int facts_read_trailer(FILE *in, struct run_summary *sum, char *err, size_t errlen);
void facts_summary_free(struct run_summary *sum);

#endif
