/* SPDX-License-Identifier: GPL-2.0 */
/* compdb.h - compile_commands.json (through libclang) and source files. */
#ifndef IOMMU_LINT_COMPDB_H
#define IOMMU_LINT_COMPDB_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend.h"

struct job_list {
	unsigned n, cap;
	struct tu_job *v;
};

/*
 * Load every compile command of the DB at path (a directory holding
 * compile_commands.json, or the file itself).  Returns 0, or -errno with a
 * one-line reason in err.
 */
int compdb_load(const char *path, struct job_list *jobs, char *err, size_t errlen);
/*
 * A hash index over n paths (keys are not copied): path_index_next() gives,
 * one by one, the index of every key equal to key (start with *probe =
 * PATH_INDEX_START), then -1.  For matching DB entries against many files
 * in linear time.
 */
struct path_index {
	size_t mask;
	int *slot;
	const char *const *keys;
};
#define PATH_INDEX_START ((size_t)-1)
int path_index_build(struct path_index *ix, const char *const *keys, unsigned n);
int path_index_next(const struct path_index *ix, const char *key, size_t *probe);
void path_index_free(struct path_index *ix);

/* Keep only the jobs naming one of files; every file must match one. */
int compdb_restrict(struct job_list *jobs, int nfiles, char *const *files, char *err,
		    size_t errlen);
/*
 * Keep the jobs whose file (resolved with realpath, or path_normal when it
 * does not exist) keep() accepts; free the rest.
 */
void jobs_keep(struct job_list *jobs, bool (*keep)(const char *realpath, void *arg), void *arg);
/*
 * One job per file: a file listed twice (relative and absolute, with ./,
 * through a symlink; in a compile DB or on the command line) keeps its
 * first job, so each finding is reported once.  compdb_load does it.
 * 0 or -ENOMEM.
 */
int jobs_dedupe(struct job_list *jobs);
int jobs_add(struct job_list *jobs, const char *file, const char *directory, int argc,
	     char *const *argv, const char *drop_file);
void jobs_free(struct job_list *jobs);
/* Free one job's strings and arguments (a job dropped from a list). */
void jobs_free_one(struct tu_job *job);

/*
 * Read a source file: regular, at most LIMIT_SOURCE (util.h), no NUL byte.
 * *buf is malloc'ed and NUL-terminated.  Returns 0 or -errno with err set.
 */
int read_source(const char *path, char **buf, size_t *len, char *err, size_t errlen);
/*
 * dir/file with "." and empty components dropped and ".." folded, without
 * looking at the file system (for a file realpath() cannot resolve);
 * malloc'ed, NULL when out of memory.
 */
char *path_normal(const char *dir, const char *file);
/* dir/file unless file is absolute; malloc'ed. */
char *path_join(const char *dir, const char *file);

#endif
