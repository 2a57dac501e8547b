// SPDX-License-Identifier: GPL-2.0
/*
 * shard.c - --shard=K/N and the merge of the shards' facts (shard.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "facts-io.h"
#include "output.h"
#include "shard.h"
#include "util.h"

#define SHARD_MAX 4096

int shard_parse(const char *v, unsigned *k, unsigned *n, char *err, size_t errlen)
{
	char *end;
	unsigned long a, b;

	a = strtoul(v, &end, 10);
	if (end == v || *end != '/' || v[0] == '-' || v[0] == '+')
		goto out_bad;
	v = end + 1;
	b = strtoul(v, &end, 10);
	if (end == v || *end || v[0] == '-' || v[0] == '+' || !a || a > b || b > SHARD_MAX)
		goto out_bad;
	*k = (unsigned)a;
	*n = (unsigned)b;
	return 0;
out_bad:
	snprintf(err, errlen, "--shard needs K/N with 1 <= K <= N <= %d, not '%s'", SHARD_MAX, v);
	return -EINVAL;
}

static int cmp_job(const void *a, const void *b)
{
	const struct tu_job *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : strcmp(x->directory ? x->directory : "", y->directory ? y->directory : "");
}

unsigned long long shard_select(struct job_list *jobs, unsigned k, unsigned n, const char *opts)
{
	unsigned long long sig = str_hash64(opts);
	unsigned i, kept = 0;

	qsort(jobs->v, jobs->n, sizeof(*jobs->v), cmp_job);
	for (i = 0; i < jobs->n; i++) {
		sig = (sig ^ str_hash64(jobs->v[i].file)) * 1099511628211ull;
		sig = (sig ^ str_hash64(jobs->v[i].directory ? jobs->v[i].directory : "")) *
		      1099511628211ull;
	}
	for (i = 0; i < jobs->n; i++) {
		if (i % n == k - 1)
			jobs->v[kept++] = jobs->v[i];
		else
			jobs_free_one(&jobs->v[i]);
	}
	jobs->n = kept;
	return sig;
}

struct shard_out {
	struct fx_tu *const *tus;
	unsigned ntus;
	const struct run_summary *sum;
	char *err;
	size_t errlen;
};

static int write_facts(FILE *out, const void *arg)
{
	const struct shard_out *a = arg;
	unsigned i;

	if (facts_write_header(out, a->err, a->errlen))
		return -1;
	for (i = 0; i < a->ntus; i++)
		if (facts_write(out, a->tus[i], a->err, a->errlen))
			return -1;
	return facts_write_trailer(out, a->sum, a->err, a->errlen) ? -1 : 0;
}

int shard_write(const char *dir, struct fx_tu *const *tus, unsigned ntus,
		const struct run_summary *sum, char *err, size_t errlen)
{
	char name[64], why[512] = "";
	struct shard_out a = { tus, ntus, sum, why, sizeof(why) };
	char *path;
	int ret;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		snprintf(err, errlen, "--sarif-dir %s: cannot create: %s", dir, strerror(errno));
		return -errno;
	}
	snprintf(name, sizeof(name), "shard-%u-of-%u.facts", sum->shard_k, sum->shard_n);
	path = path_join(dir, name);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = output_write(path, write_facts, &a, err, errlen);
	if (ret && why[0])
		snprintf(err, errlen, "%s: %s", path, why);
	free(path);
	return ret;
}

static int is_facts(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 6 && !strcmp(d->d_name + n - 6, ".facts");
}

static int is_sarif(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 6 && !strcmp(d->d_name + n - 6, ".sarif");
}

static bool dir_has(const char *dir, int (*filter)(const struct dirent *))
{
	struct dirent **names;
	int n = scandir(dir, &names, filter, alphasort), i;

	for (i = 0; i < n; i++)
		free(names[i]);
	if (n >= 0)
		free(names);
	return n > 0;
}

bool shard_dir_has_facts(const char *dir)
{
	return dir_has(dir, is_facts);
}

bool shard_dir_has_sarif(const char *dir)
{
	return dir_has(dir, is_sarif);
}

/* Append the failures of one shard to sum's. */
static int add_failures(struct run_summary *sum, struct run_summary *one)
{
	struct tu_failure *v;

	if (!one->failed)
		return 0;
	v = realloc((void *)sum->failures, (sum->failed + one->failed) * sizeof(*v));
	if (!v)
		return -ENOMEM;
	memcpy(v + sum->failed, one->failures, one->failed * sizeof(*v));
	sum->failures = v;
	sum->failed += one->failed;
	free((void *)one->failures);	/* the strings now belong to sum */
	one->failures = NULL;
	one->failed = 0;
	return 0;
}

/* One shard file into prog and sum; its shard fields in *one. */
static int load_one(const char *path, struct fx_program *prog, unsigned *cap,
		    struct run_summary *sum, struct run_summary *one, char *err, size_t errlen)
{
	char why[512];
	struct fx_tu *tu;
	/* O_NONBLOCK: a FIFO with no writer must not hang the merge in open() */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC), rc;
	struct stat st;
	FILE *f;

	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return rc;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -EINVAL;
	}
	f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	rc = facts_read_header(f, why, sizeof(why));
	while (!rc && !(rc = facts_read(f, &tu, why, sizeof(why)))) {
		if (prog->ntus == *cap) {
			struct fx_tu **v;

			*cap = *cap ? 2 * *cap : 64;
			v = realloc(prog->tus, *cap * sizeof(*v));
			if (!v) {
				facts_free_tu(tu);
				rc = -ENOMEM;
				snprintf(why, sizeof(why), "out of memory");
				break;
			}
			prog->tus = v;
		}
		prog->tus[prog->ntus++] = tu;
	}
	if (rc == 1)
		rc = facts_read_trailer(f, one, why, sizeof(why));
	fclose(f);
	if (rc) {
		snprintf(err, errlen, "%s: %s", path, why);
		return rc;
	}
	if (!one->shard_n) {
		snprintf(err, errlen, "%s: not the facts of a --shard=K/N run", path);
		return -EINVAL;
	}
	sum->tus += one->tus;
	sum->parsed += one->parsed;
	sum->skipped += one->skipped;
	if (add_failures(sum, one)) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

int shard_load(const char *dir, struct fx_program *prog, struct run_summary *sum, char *err,
	       size_t errlen)
{
	struct dirent **names = NULL;
	unsigned cap = 0, n = 0, i, *seen = NULL;
	unsigned long long sig = 0;
	int count = scandir(dir, &names, is_facts, alphasort), ret = 0, j;

	memset(sum, 0, sizeof(*sum));
	if (count < 0) {
		snprintf(err, errlen, "--merge %s: cannot read the directory: %s", dir,
			 strerror(errno));
		return -errno;
	}
	for (j = 0; j < count && !ret; j++) {
		struct run_summary one = { 0 };
		char *path = path_join(dir, names[j]->d_name);

		if (!path) {
			snprintf(err, errlen, "out of memory");
			ret = -ENOMEM;
			break;
		}
		ret = load_one(path, prog, &cap, sum, &one, err, errlen);
		if (!ret && !n) {
			n = one.shard_n;
			sig = one.shard_sig;
			seen = calloc(n + 1, sizeof(*seen));
			if (!seen) {
				snprintf(err, errlen, "out of memory");
				ret = -ENOMEM;
			}
		} else if (!ret && (one.shard_n != n || one.shard_sig != sig)) {
			snprintf(err, errlen,
				 "%s: shard %u of %u of another run (other files or options) than the first shard, of %u",
				 path, one.shard_k, one.shard_n, n);
			ret = -EINVAL;
		}
		if (!ret && seen[one.shard_k]++) {
			snprintf(err, errlen, "%s: shard %u of %u is there twice", path, one.shard_k,
				 n);
			ret = -EINVAL;
		}
		facts_summary_free(&one);
		free(path);
	}
	for (i = 1; !ret && i <= n; i++)
		if (!seen[i]) {
			snprintf(err, errlen,
				 "--merge %s: shard %u of %u is missing: the findings would not be those of the whole run",
				 dir, i, n);
			ret = -EINVAL;
		}
	for (j = 0; j < count; j++)
		free(names[j]);
	free(names);
	free(seen);
	return ret;
}
