// SPDX-License-Identifier: GPL-2.0
/*
 * workflow.c - what a pre-commit hook and a CI job need around a scan:
 * the jobs of --staged / --diff (changed files; the work tree's own compile
 * DB when it has one), --list-suppressions, and the filters applied to the
 * findings between the rules and the report.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argv.h"
#include "baseline.h"
#include "suppress.h"
#include "util.h"
#include "workflow.h"

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && !strcmp(s + n - m, suf);
}

/* Positional files restrict the changed ones; false when f is not wanted. */
static bool wanted(const struct options *o, const struct diff_file *f)
{
	int i;

	if (!o->nfiles)
		return true;
	for (i = 0; i < o->nfiles; i++) {
		char cwd[PATH_MAX], *rp = realpath(o->files[i], NULL);
		bool hit;

		/* a file deleted from the work tree (scanned from the index) by its name */
		if (!rp && getcwd(cwd, sizeof(cwd)))
			rp = path_normal(cwd, o->files[i]);
		hit = rp && !strcmp(rp, f->path);

		free(rp);
		if (hit)
			return true;
	}
	return false;
}

struct changed_match {
	struct path_index ix;		/* over the changed files' paths */
	bool *covered;
};

/* A DB job is kept when its file changed; each changed file is covered once. */
static bool names_changed_file(const char *rp, void *arg)
{
	struct changed_match *m = arg;
	size_t probe = PATH_INDEX_START;
	bool match = false;
	int k;

	while ((k = path_index_next(&m->ix, rp, &probe)) >= 0) {
		if (!m->covered[k]) {
			m->covered[k] = true;
			match = true;
		}
	}
	return match;
}

/*
 * Entry k names a file an earlier wanted entry names too (a symbolic link
 * to it, or the file behind a link): it is scanned once, under the name of
 * the entry that is not a link.
 */
static bool same_file_listed(const struct git_diff *d, const bool *want, unsigned k)
{
	unsigned i;

	for (i = 0; i < d->n; i++) {
		if (i == k || !want[i] || strcmp(d->v[i].path, d->v[k].path))
			continue;
		if (d->v[k].symlink ? !d->v[i].symlink || i < k : !d->v[i].symlink && i < k)
			return true;
	}
	return false;
}

/* "-iquote DIR" after argv: the staged copy's quoted includes resolve beside the real file. */
static int append_iquote(struct tu_job *j, const char *real)
{
	char **argv = realloc(j->argv, ((size_t)j->argc + 3) * sizeof(*argv));
	const char *slash = strrchr(real, '/');

	if (!argv)
		return -ENOMEM;
	j->argv = argv;
	argv[j->argc] = strdup("-iquote");
	argv[j->argc + 1] = slash ? strndup(real, (size_t)(slash - real)) : strdup(".");
	argv[j->argc + 2] = NULL;
	if (!argv[j->argc] || !argv[j->argc + 1])
		return -ENOMEM;
	j->argc += 2;
	return 0;
}

/* A staged file deleted from the work tree: its job reads the index copy. */
static int add_staged_job(struct job_list *jobs, const struct options *o,
			  const struct diff_file *f)
{
	if (jobs_add(jobs, f->staged_copy, NULL, o->nextra, o->extra, NULL))
		return -ENOMEM;
	return append_iquote(&jobs->v[jobs->n - 1], f->path);
}

static bool jobs_same_path(const char *a, const char *b)
{
	char *na = path_normal(NULL, a), *nb = path_normal(NULL, b);
	bool same = na && nb && !strcmp(na, nb);

	free(na);
	free(nb);
	return same;
}

/* Compile DB jobs of staged files deleted from the work tree: pointed at the staged copy. */
static int jobs_to_staged_copies(const struct git_diff *d, struct job_list *jobs)
{
	unsigned i, k;

	for (i = 0; i < jobs->n; i++) {
		struct tu_job *j = &jobs->v[i];
		char *p = path_join(j->directory, j->file);

		if (!p)
			return -ENOMEM;
		for (k = 0; k < d->n; k++) {
			if (!d->v[k].staged_copy || !jobs_same_path(p, d->v[k].path))
				continue;
			free((char *)j->file);
			free(j->real);	/* the staged copy is read now, not the file */
			j->real = NULL;
			j->file = strdup(d->v[k].staged_copy);
			if (!j->file || append_iquote(j, d->v[k].path)) {
				free(p);
				return -ENOMEM;
			}
			break;
		}
		free(p);
	}
	return 0;
}

int workflow_collect_jobs(struct options *o, struct workflow *w, struct job_list *jobs)
{
	char err[1024], cwd[PATH_MAX];
	bool *want = NULL, *covered = NULL, at_top;
	const char **paths = NULL;
	struct changed_match m;
	unsigned k, nwant = 0;
	size_t n;
	int ret;

	w->diff_mode = true;
	ret = gitdiff_read(o->diff_rev, &w->diff, err, sizeof(err));
	if (ret) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		return ret;
	}
	want = calloc(w->diff.n + 1, sizeof(*want));
	covered = calloc(w->diff.n + 1, sizeof(*covered));
	if (!want || !covered) {
		ret = -ENOMEM;
		goto out_nomem;
	}
	for (k = 0; k < w->diff.n; k++) {
		if ((want[k] = wanted(o, &w->diff.v[k])))
			nwant++;
		if (want[k] && w->diff.v[k].deleted && !o->quiet)
			fprintf(stderr, "iommu-lint: note: %s is staged but deleted from the work tree: scanning the staged copy\n",
				w->diff.v[k].rel);
		else if (want[k] && w->diff.v[k].unstaged && !o->quiet)
			fprintf(stderr, "iommu-lint: note: %s has unstaged changes: scanning the working copy\n",
				w->diff.v[k].rel);
		if (want[k] && w->diff.v[k].deleted &&
		    gitdiff_extract_staged(&w->diff, &w->diff.v[k], err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			ret = -EIO;
			goto out_free;
		}
	}
	/* nothing to scan: do not even load the compile DB */
	if (!nwant) {
		ret = 0;
		goto out_free;
	}
	if (!o->compdb) {
		n = strlen(w->diff.top) + 32;
		w->compdb = malloc(n);
		if (!w->compdb) {
			ret = -ENOMEM;
			goto out_nomem;
		}
		snprintf(w->compdb, n, "%s/compile_commands.json", w->diff.top);
		if (!access(w->compdb, R_OK))
			o->compdb = w->compdb;
	}
	if (o->compdb) {
		if (compdb_load(o->compdb, jobs, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			ret = -EINVAL;
			goto out_free;
		}
		for (k = 0; k < w->diff.n; k++)
			covered[k] = !want[k];
		paths = calloc(w->diff.n + 1, sizeof(*paths));
		for (k = 0; paths && k < w->diff.n; k++)
			paths[k] = w->diff.v[k].path;
		if (!paths || path_index_build(&m.ix, paths, w->diff.n)) {
			ret = -ENOMEM;
			goto out_nomem;
		}
		m.covered = covered;
		jobs_keep(jobs, names_changed_file, &m);
		path_index_free(&m.ix);
		if (jobs_to_staged_copies(&w->diff, jobs)) {
			ret = -ENOMEM;
			goto out_nomem;
		}
		for (k = 0; k < w->diff.n && !o->quiet; k++)
			if (!covered[k])
				fprintf(stderr, "iommu-lint: note: %s: %s\n", w->diff.v[k].rel,
					has_suffix(w->diff.v[k].rel, ".h") ?
					"header not scanned in compile DB mode (its TUs are, when they changed)" :
					"not in the compile database; not scanned");
		ret = 0;
		goto out_free;
	}
	/* files as the user would name them from the top of the tree; a file and links to it once */
	at_top = getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, w->diff.top);
	for (k = 0; k < w->diff.n; k++) {
		const struct diff_file *f = &w->diff.v[k];
		const char *name = f->staged_copy ? f->staged_copy : at_top ? f->rel : f->path;

		if (!want[k] || (!f->staged_copy && access(f->path, R_OK)) ||
		    same_file_listed(&w->diff, want, k))
			continue;
		if (f->staged_copy ? add_staged_job(jobs, o, f) :
		    jobs_add(jobs, name, NULL, o->nextra, o->extra, NULL)) {
			ret = -ENOMEM;
			goto out_nomem;
		}
	}
	ret = 0;
	goto out_free;
out_nomem:
	fputs("iommu-lint: error: out of memory\n", stderr);
out_free:
	free(paths);
	free(want);
	free(covered);
	return ret;
}

int workflow_list_suppressions(const struct job_list *jobs)
{
	unsigned i, k, m;
	int ret = 0;

	for (i = 0; i < jobs->n; i++) {
		struct suppression_list l = { 0 };
		char err[1024], *path = path_join(jobs->v[i].directory, jobs->v[i].file), *src = NULL;
		size_t len;

		if (!path || read_source(path, &src, &len, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s: %s\n", jobs->v[i].file,
				path ? err : "out of memory");
			free(path);
			ret = 2;
			continue;
		}
		if (suppress_scan(src, len, &l)) {
			fputs("iommu-lint: error: out of memory\n", stderr);
			ret = 2;
		}
		for (k = 0; k < l.n; k++) {
			const struct suppression *s = &l.v[k];

			printf("%s:%u:%u: ignore ", jobs->v[i].file, s->line, s->col);
			for (m = 0; m < s->nids; m++)
				printf("%s%s", m ? "," : "", s->ids[m]);
			if (!s->nids)
				printf("(no rule id)");
			if (s->reason)
				printf(" -- %s\n", s->reason);
			else
				printf(" (no reason: hides nothing)\n");
		}
		suppress_list_free(&l);
		free(src);
		free(path);
	}
	if (stdout_check())
		ret = 2;
	return ret;
}

static const char *always(const struct finding *x, void *arg)
{
	return arg;
}

/*
 * Findings in a staged copy name the file it stands for, as a job would
 * have named it; the fix is dropped (it would edit the temporary copy).
 */
static void name_staged_copies(const struct git_diff *d, struct findings *f)
{
	char cwd[PATH_MAX];
	bool at_top = getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, d->top);
	unsigned i, k, e;

	for (k = 0; k < d->n; k++) {
		const struct diff_file *df = &d->v[k];

		for (i = 0; df->staged_copy && i < f->n; i++) {
			struct finding *x = &f->v[i];

			if (strcmp(x->file, df->staged_copy))
				continue;
			free(x->file);
			x->file = xstrdup(at_top ? df->rel : df->path);
			for (e = 0; e < x->nrelated; e++) {
				if (!strcmp(x->related[e].file, df->staged_copy)) {
					free(x->related[e].file);
					x->related[e].file = xstrdup(x->file);
				}
			}
			for (e = 0; e < x->nedits; e++) {
				free(x->edits[e].file);
				free(x->edits[e].text);
			}
			free(x->edits);
			x->edits = NULL;
			x->nedits = 0;
		}
	}
}

int workflow_filter(const struct options *o, struct workflow *w, const struct fx_program *prog,
		    struct findings *f)
{
	unsigned outside = 0, baselined = 0;
	char why[PATH_MAX + 64];
	int suppressed;

	suppressed = suppress_apply(prog, f, &w->hidden);
	if (suppressed < 0) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		return suppressed;
	}
	if (w->diff_mode) {
		outside = gitdiff_filter(&w->diff, prog, f);
		gitdiff_filter(&w->diff, prog, &w->hidden);
		name_staged_copies(&w->diff, f);
		name_staged_copies(&w->diff, &w->hidden);
	}
	if (o->write_baseline && !w->failed) {
		/* a fresh baseline accepts every finding; written last (workflow_write_baseline) */
		unsigned k, from = w->hidden.n;

		snprintf(why, sizeof(why), "written to the baseline %s", o->write_baseline);
		baselined = findings_hide(f, always, why, HIDE_EXTERNAL, &w->hidden);
		for (k = from; k < w->hidden.n; k++)
			w->hidden.v[k].fresh = true;
	}
	if (w->baseline) {
		snprintf(why, sizeof(why), "listed in the baseline %s", o->baseline);
		baselined += baseline_filter(w->baseline, f, &w->hidden, why);
	}
	findings_sort(&w->hidden);
	if (!o->quiet && (suppressed || outside || baselined))
		fprintf(stderr, "iommu-lint: hidden: %d suppressed inline, %u outside the changed code, %u in the baseline\n",
			suppressed, outside, baselined);
	return 0;
}

int workflow_write_baseline(const struct options *o, struct workflow *w)
{
	struct findings fresh = { 0 };
	char err[1024];
	unsigned i;
	int ret;

	if (!o->write_baseline || w->failed)
		return 0;
	/* a view of the findings the run hid for it: baseline_write only reads them */
	fresh.v = calloc(w->hidden.n ? w->hidden.n : 1, sizeof(*fresh.v));
	if (!fresh.v) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		return -ENOMEM;
	}
	for (i = 0; i < w->hidden.n; i++)
		if (w->hidden.v[i].fresh)
			fresh.v[fresh.n++] = w->hidden.v[i];
	ret = baseline_write(o->write_baseline, &fresh, err, sizeof(err));
	free(fresh.v);
	if (ret) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		return -EIO;
	}
	if (!o->quiet)
		fprintf(stderr, "iommu-lint: wrote %u findings to the baseline %s\n", fresh.n,
			o->write_baseline);
	return 0;
}

int workflow_start(const struct options *o, struct workflow *w)
{
	char err[1024];
	int ret;

	if (!o->baseline)
		return 0;
	ret = baseline_load(o->baseline, &w->baseline, err, sizeof(err));
	if (ret)
		fprintf(stderr, "iommu-lint: error: %s\n", err);
	return ret;
}

void workflow_free(struct workflow *w)
{
	baseline_free(w->baseline);
	w->baseline = NULL;
	gitdiff_free(&w->diff);
	findings_free(&w->hidden);
	free(w->compdb);
	w->compdb = NULL;
}
