/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shard.h - one scan split over N machines (shard.c):
 *
 *	iommu-lint -p build --shard=K/N --sarif-dir out/     on runner K of N
 *	iommu-lint --merge out/ --format=sarif -o all.sarif  once, over all of out/
 *
 * Shard K parses every Nth TU of the compile DB (sorted by path) and leaves
 * their facts in out/shard-K-of-N.facts (checker/facts-io.c); the merge
 * step loads every shard's facts into one program and runs the rules over
 * it, so whole-program findings (a callback in one shard, its ops table in
 * another) are those of a run on one machine.
 */
#ifndef IOMMU_LINT_SHARD_H
#define IOMMU_LINT_SHARD_H

#include <stdbool.h>
#include <stddef.h>

#include "compdb.h"
#include "facts.h"
#include "report.h"

/* "K/N" with 1 <= K <= N <= 4096: 0, or -EINVAL with the reason. */
int shard_parse(const char *v, unsigned *k, unsigned *n, char *err, size_t errlen);
/*
 * Keep shard k of n of jobs: every nth job in path order, from the kth.
 * Returns the signature of the whole list and of opts (the options every
 * shard must share: enabled rules, engine, --kernel), for the merge step.
 */
unsigned long long shard_select(struct job_list *jobs, unsigned k, unsigned n, const char *opts);
/* dir/shard-K-of-N.facts, atomically: the parsed TUs and sum (shard fields set). */
int shard_write(const char *dir, struct fx_tu *const *tus, unsigned ntus,
		const struct run_summary *sum, char *err, size_t errlen);
/* Does dir hold any *.facts file (a merge of shards, not of SARIF logs)? */
bool shard_dir_has_facts(const char *dir);
/* Any *.sarif file (a merge of shards refuses a directory with both). */
bool shard_dir_has_sarif(const char *dir);
/*
 * Load every *.facts of dir: prog->tus (allocated; free each with
 * facts_free_tu()), sum's counts and failures (facts_summary_free()).
 * The shards must be 1..N of one run, each once: 0, or -errno with the
 * reason (a missing shard, a shard of another run, a damaged file).
 */
int shard_load(const char *dir, struct fx_program *prog, struct run_summary *sum, char *err,
	       size_t errlen);

#endif
