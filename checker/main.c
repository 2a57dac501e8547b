// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - iommu-lint driver: collect translation units (compile DB or
 * command line), parse them in parallel into facts, run every enabled rule
 * over the whole program, write the report, exit 0 / 1 / 2.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <json-c/json.h>

#include "util.h"
#include "cfg.h"
#include "summary.h"
#include "compdb.h"
#include "conformance.h"
#include "config.h"
#include "confirm.h"
#include "demand.h"
#include "frontend-ts/ts-alloc.h"
#include "dump.h"
#include "edit.h"
#include "engine.h"
#include "explain.h"
#include "flow.h"
#include "frontend.h"
#include "fix.h"
#include "output.h"
#include "kbuild.h"
#include "merge.h"
#include "options.h"
#include "progress.h"
#include "report.h"
#include "facts-io.h"
#include "shard.h"
#include "srcscan.h"
#include "workflow.h"

/* TU_DEFERRED: kept by the prefilter on demand only (demand.c), its text kept */
enum tu_state { TU_PENDING, TU_PARSED, TU_SKIPPED, TU_FAILED, TU_DEFERRED };

struct tu_result {
	enum tu_state state;
	struct fx_tu *tu;
	char *reason;
	char *src;		/* TU_DEFERRED: the text the prefilter read */
	size_t len;
	unsigned demand;	/* TU_DEFERRED: what it may supply (DEMAND_*) */
	unsigned rules;		/* the rules whose prefilter matches it (fx_tu.rules) */
	/*
	 * Parsed on demand for its summaries only, in part: the definitions
	 * not read (demand_slice()) and how many were kept.
	 */
	bool sliced, demanded, rels;
	unsigned *skip, nskip, nneeded;
	struct demand_profile *prof;	/* what its text can supply, read once */
	unsigned nhits;			/* of prof the run asked for, at the last slice */
};

/* Files parsed in part on demand, and the definitions they did not read. */
static unsigned sliced_files, sliced_defs;

/* --engine=clang|ts */
static const struct frontend_ops *const frontends[] = {
	[ENGINE_CLANG] = &fe_clang_ops,
	[ENGINE_TS] = &fe_ts_ops,
	[ENGINE_AUTO] = &fe_ts_ops,
};

struct pool {
	const struct frontend_ops *fe;
	const struct job_list *jobs;
	const struct options *opts;
	struct tu_result *res;
	atomic_uint next;
	bool force;		/* no prefilter: the files were chosen already */
};

static void free_tu(struct fx_tu *tu)
{
	if (!tu)
		return;
	free((char *)tu->src);
	arena_free(&tu->arena);
	free(tu);
}

static _Atomic unsigned long read_ns;	/* --stats: time the threads spent reading sources */

/* A file-scope record initialiser srcscan_annotate_inits() reads (not an array's). */
static bool has_record_init(const struct fx_tu *tu)
{
	unsigned i;

	for (i = 0; i < tu->nvars; i++)
		if (tu->vars[i].init && tu->vars[i].loc.line && !tu->vars[i].is_array)
			return true;
	return false;
}

/* Read, prefilter, parse and annotate one TU. */
static void do_job(void *fe, struct pool *p, unsigned idx)
{
	const struct tu_job *job = &p->jobs->v[idx];
	struct tu_result *r = &p->res[idx];
	char err[1024] = "", *path = path_join(job->directory, job->file), *src = NULL;
	struct tu_job abs_job = *job;
	struct fx_tu *tu;
	struct pp_map map;
	size_t len;

	double t = mono_seconds();
	int rc = !path ? -ENOMEM : read_source(path, &src, &len, err, sizeof(err));

	atomic_fetch_add(&read_ns, (unsigned long)((mono_seconds() - t) * 1e9));
	if (rc) {
		r->state = TU_FAILED;
		r->reason = xstrdup(err[0] ? err : "out of memory");
		goto out_path;
	}
	rc = p->opts->dump_facts || p->force ? PF_MATCH :
		engine_tu_may_match(&p->opts->rules, src, len, &r->demand, &r->rules);
	if (!rc) {
		r->state = TU_SKIPPED;
		free(src);
		goto out_path;
	}
	if (rc == PF_ON_DEMAND) {
		r->state = TU_DEFERRED;
		r->src = src;
		r->len = len;
		/* what it can supply, read here on the worker threads */
		r->prof = demand_profile_new(src, len, r->demand);
		goto out_path;
	}
	tu = calloc(1, sizeof(*tu));
	if (!tu) {
		fputs("iommu-lint: out of memory\n", stderr);
		abort();
	}
	tu->file = arena_strdup(&tu->arena, job->file);
	tu->directory = arena_strdup(&tu->arena, job->directory);
	tu->src = src;
	tu->src_len = len;
	abs_job.file = path;
	if (p->fe->parse(fe, &abs_job, tu, err, sizeof(err))) {
		r->state = TU_FAILED;
		r->reason = xstrdup(err);
		free_tu(tu);
		goto out_path;
	}
	tu->rules = r->rules;
	/* the #if around each initialiser's fields, when it has a record initialiser */
	if (has_record_init(tu)) {
		pp_map_build(&tu->arena, tu->src, tu->src_len, &map);
		srcscan_annotate_inits(tu, &map);
	}
	srcscan_toplevel_calls(tu);
	r->tu = tu;
	r->state = TU_PARSED;
out_path:
	free(path);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	char err[256] = "";
	void *fe = NULL;
	int init = p->fe->init(&fe, err, sizeof(err));
	unsigned idx;

	while ((idx = atomic_fetch_add(&p->next, 1)) < p->jobs->n) {
		if (init) {
			p->res[idx].state = TU_FAILED;
			p->res[idx].reason = xstrdup(err);
			continue;
		}
		progress_tu_begin(p->jobs->v[idx].file);
		do_job(fe, p, idx);
		progress_tu_end();
	}
	if (!init)
		p->fe->fini(fe);
	return NULL;
}

static int parse_all(struct pool *p, int jobs)
{
	pthread_t *th;
	int i, started = 0;

	if (jobs > (int)p->jobs->n)
		jobs = (int)p->jobs->n;
	if (jobs <= 1) {
		worker(p);
		return 0;
	}
	th = calloc((size_t)jobs, sizeof(*th));
	if (!th)
		return -ENOMEM;
	for (i = 0; i < jobs; i++)
		if (!pthread_create(&th[i], NULL, worker, p))
			started++;
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	free(th);
	if (!started)
		worker(p);
	return 0;
}

static int list_rules(void)
{
	int i;

	for (i = 0; i < RULE_COUNT; i++)
		printf("%-28s %-7s %-6s %-9s %s\n", rule_meta[i].id,
		       severity_name(rule_meta[i].severity),
		       confidence_name(rule_meta[i].confidence), rule_meta[i].engines,
		       rule_meta[i].summary);
	return 0;
}

/* -o /dev/tty is a terminal as much as stdout */
static int write_text(FILE *out, const struct options *o, const struct findings *f,
		      const struct run_summary *sum)
{
	struct text_style st;

	options_text_style(o, isatty(fileno(out)), &st);
	return report_text_styled(out, f, sum, &st);
}

static int write_format(FILE *out, const struct options *o, const struct fx_program *prog,
			const struct findings *f, const struct run_summary *sum)
{
	if (o->conformance)
		return conformance_write(out, o->format == FMT_JSON, &o->rules, prog, f);
	switch (o->format) {
	case FMT_JSON:
		return report_json(out, f, sum);
	case FMT_SARIF:
		return report_sarif(out, f, sum);
	case FMT_CODEQUALITY:
		return report_codequality(out, f, sum);
	case FMT_PATCH:
		return fix_write_diff(out, prog, f);
	case FMT_HTML:
		return report_html(out, &o->rules, prog, f, sum);
	default:
		return write_text(out, o, f, sum);
	}
}

struct report_args {
	const struct options *o;
	const struct fx_program *prog;
	const struct findings *f;
	const struct run_summary *sum;
};

static int write_report_to(FILE *out, const void *arg)
{
	const struct report_args *a = arg;

	return write_format(out, a->o, a->prog, a->f, a->sum);
}

/* stdout, or -o through checker/output.c (atomic, never over an input or a device). */
static int write_report(const struct options *o, const struct fx_program *prog,
			const struct findings *f, const struct run_summary *sum)
{
	struct report_args a = { o, prog, f, sum };
	char err[PATH_MAX + 128];

	if (!o->output) {
		if (write_format(stdout, o, prog, f, sum) && !ferror(stdout)) {
			fputs("iommu-lint: error: cannot write the report\n", stderr);
			return -EIO;
		}
		return stdout_check();
	}
	/* CHECK mode: one call per file, so -o collects them all */
	if ((o->kbuild ? output_append : output_write)(o->output, write_report_to, &a, err,
						       sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		return -EIO;
	}
	return 0;
}

/* The commands libclang is given, as a compile DB (bench, debugging). */
static int print_commands(const struct job_list *jobs)
{
	struct json_object *db = json_object_new_array();
	unsigned i;
	int a, ret;

	for (i = 0; i < jobs->n; i++) {
		struct json_object *e = json_object_new_object();
		struct json_object *args = json_object_new_array();

		json_object_object_add(e, "directory",
				       json_object_new_string(jobs->v[i].directory ? jobs->v[i].directory : "."));
		json_object_object_add(e, "file", json_object_new_string(jobs->v[i].file));
		for (a = 0; a < jobs->v[i].argc; a++)
			json_object_array_add(args, json_object_new_string(jobs->v[i].argv[a]));
		json_object_object_add(e, "arguments", args);
		json_object_array_add(db, e);
	}
	ret = report_put_json(stdout, db);
	json_object_put(db);
	return ret || stdout_check() ? 2 : 0;
}

static int collect_jobs(const struct options *o, struct job_list *jobs)
{
	/* kbuild runs CHECK at the top of the build tree, where autoconf.h is */
	char cwd[4096];
	const char *dir = o->kbuild && getcwd(cwd, sizeof(cwd)) ? cwd : NULL;
	char err[1024];
	int i;

	if (o->compdb) {
		if (compdb_load(o->compdb, jobs, err, sizeof(err)) ||
		    (o->nfiles && compdb_restrict(jobs, o->nfiles, o->files, err, sizeof(err)))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			return -EINVAL;
		}
		return 0;
	}
	if (!o->nfiles) {
		fputs("iommu-lint: error: nothing to scan: give -p DIR or source files (see --help)\n",
		      stderr);
		return -EINVAL;
	}
	for (i = 0; i < o->nfiles; i++) {
		if (jobs_add(jobs, o->files[i], dir, o->nextra, o->extra, NULL)) {
			fputs("iommu-lint: error: out of memory\n", stderr);
			return -ENOMEM;
		}
	}
	if (jobs_dedupe(jobs)) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		return -ENOMEM;
	}
	return 0;
}

/* What this run reads: no output may be written over one of them. */
static void note_inputs(const struct options *o, const struct job_list *jobs)
{
	struct stat st;
	unsigned i;

	for (i = 0; i < jobs->n; i++)
		output_note_input_in(jobs->v[i].directory, jobs->v[i].file);
	if (o->compdb && !stat(o->compdb, &st) && S_ISDIR(st.st_mode))
		output_note_input_in(o->compdb, "compile_commands.json");
	else
		output_note_input(o->compdb);
	output_note_input(o->baseline);
	output_note_input(o->files_from);
}

/* --stats: where the time and the memory went; peak RSS from getrusage(). */
static void print_stats(const struct options *o, const struct fx_program *prog, double parse,
			double rules, size_t facts_bytes)
{
	const struct fx_index_stats *ix = fx_program_stats(prog);
	struct rusage ru;
	int i;

	fprintf(stderr,
		"iommu-lint: stats: prefilter read %lu MiB in %.3f s, scanned in %.3f s (summed over the threads); files kept per rule:",
		(unsigned long)prefilter_stats.bytes >> 20, (double)read_ns / 1e9,
		(double)prefilter_stats.scan_ns / 1e9);
	for (i = 0; i < RULE_COUNT; i++)
		if (rule_runs(&o->rules, i))
			fprintf(stderr, " %s %lu", rule_meta[i].id,
				(unsigned long)prefilter_stats.kept[i]);
	fputs("\niommu-lint: stats: prefilter words: ", stderr);
	engine_prefilter_words(stderr, &o->rules, ' ');
	fputc('\n', stderr);

	fprintf(stderr, "iommu-lint: stats: parse %.3f s wall, rules %.3f s, facts %zu KiB\n",
		parse, rules, facts_bytes / 1024);
	if (ix)
		fprintf(stderr,
			"iommu-lint: stats: whole-program pass %u TUs, index %lu functions + %lu bindings in %lu buckets built in %.3f s, %lu lookups (%lu probes), rules over the program %.3f s\n",
			ix->tus, ix->funcs, ix->bindings, ix->buckets, ix->seconds, ix->lookups,
			ix->probes, rules);
	fprintf(stderr,
		"iommu-lint: stats: path engine %lu functions, %lu CFG nodes, %lu states, %lu truncated\n",
		cfg_stats.functions, cfg_stats.nodes, cfg_stats.states, cfg_stats.truncated);
	fprintf(stderr, "iommu-lint: stats: summaries %lu computed, %lu used at call sites\n",
		summary_stats.computed, summary_stats.used);
	fprintf(stderr,
		"iommu-lint: stats: dataflow %lu functions, %lu node visits, %lu truncated at %d visits\n",
		flow_stats.functions, flow_stats.visits, flow_stats.truncated, FLOW_MAX_VISITS);
	if (!getrusage(RUSAGE_SELF, &ru))
		fprintf(stderr, "iommu-lint: stats: peak RSS %ld MiB\n", ru.ru_maxrss / 1024);
}

/*
 * Parse again the jobs of pool marked in take[] (by index), with fe, no
 * prefilter: their results replace pool->res[i].  Returns how many, or
 * -errno.
 */
static int parse_subset(struct pool *pool, const bool *take, const struct frontend_ops *fe)
{
	const struct job_list *jobs = pool->jobs;
	struct job_list sub = { 0 };
	struct pool sp = { 0 };
	unsigned *map, i, n = 0;
	int ret = -ENOMEM;

	sub.v = calloc(jobs->n + 1, sizeof(*sub.v));
	map = calloc(jobs->n + 1, sizeof(*map));
	if (!sub.v || !map)
		goto out_free;
	for (i = 0; i < jobs->n; i++)
		if (take[i]) {
			map[n] = i;
			sub.v[n] = jobs->v[i];
			sub.v[n].skip = pool->res[i].skip;
			sub.v[n++].nskip = pool->res[i].nskip;
		}
	sub.n = n;
	ret = 0;
	if (!n)
		goto out_free;
	sp.fe = fe;
	sp.jobs = &sub;
	sp.opts = pool->opts;
	sp.force = true;
	sp.res = calloc(n, sizeof(*sp.res));
	ret = -ENOMEM;
	if (!sp.res ||
	    parse_all(&sp, pool->opts->jobs ? pool->opts->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN)))
		goto out_res;
	for (i = 0; i < n; i++) {
		struct tu_result *r = &pool->res[map[i]];
		struct tu_result keep = *r;

		free_tu(r->tu);
		free(r->reason);
		free(r->src);
		*r = sp.res[i];
		r->demand = keep.demand;
		r->rules = keep.rules;
		if (r->tu)
			r->tu->rules = keep.rules;
		r->sliced = keep.sliced;
		r->skip = keep.skip;
		r->nskip = keep.nskip;
		r->nneeded = keep.nneeded;
		r->demanded = keep.demanded;
		r->prof = keep.prof;
		r->nhits = keep.nhits;
		r->rels = keep.rels;
	}
	ret = (int)n;
out_res:
	free(sp.res);
out_free:
	free(sub.v);
	free(map);
	return ret;
}

/*
 * The files the prefilter kept on demand only (TU_DEFERRED): parse those
 * that define what the parsed ones ask for (demand.c), and ask again with
 * them, until nothing new is wanted; the rest count as skipped.  Returns
 * how many were parsed, or -errno.
 */
struct want_part {
	struct pool *pool;
	const struct demand *d;
	bool *take;
	unsigned from, to;
	bool any;
};

/*
 * Is file i wanted, whole or in part?  A deferred file a binding or a
 * release candidate makes wanted is read whole; one wanted only for its
 * summaries, in fast mode, only with the definitions the run needs (and
 * again with more when a later round needs more of it).
 */
static bool want_one(struct pool *pool, const struct demand *d, unsigned i)
{
	struct tu_result *r = &pool->res[i];
	unsigned *spans, nspans, needed, hits;
	const char *text;
	size_t len;
	bool rel;

	if (r->state == TU_DEFERRED) {
		text = r->src;
		len = r->len;
	} else if (r->state == TU_PARSED && r->sliced && r->prof) {
		text = r->tu->src;
		len = r->tu->src_len;
	} else {
		return false;
	}
	if (!r->prof)
		r->prof = demand_profile_new(text, len, r->demand);
	rel = (r->demand & DEMAND_RELEASES) && demand_profile_hits(d, r->prof, DEMAND_RELEASES);
	/* the names the run calls, for a file of either kind: what its summaries serve */
	hits = demand_profile_hits(d, r->prof, DEMAND_SUMMARIES);
	if (r->state == TU_DEFERRED) {
		if (!rel && !((r->demand & DEMAND_SUMMARIES) && hits))
			return false;
		if (pool->fe != &fe_ts_ops)
			return true;
	} else if (!(rel && !r->rels) && hits <= r->nhits) {
		return false;	/* nothing asked of it that it was not read for */
	}
	r->rels |= rel;
	r->nhits = hits;
	needed = demand_slice(d, text, len, r->rels, &spans, &nspans);
	if (r->state == TU_PARSED && needed <= r->nneeded) {
		free(spans);
		return false;
	}
	free(r->skip);
	r->skip = spans;
	r->nskip = nspans;
	r->nneeded = needed;
	r->sliced = true;
	return true;
}

static void *want_part(void *arg)
{
	struct want_part *w = arg;
	unsigned i;

	for (i = w->from; i < w->to; i++) {
		w->take[i] = want_one(w->pool, w->d, i);
		w->any |= w->take[i];
	}
	return NULL;
}

/* take[i]: deferred file i supplies something d asks; the text scans in parallel. */
static bool demand_take(struct pool *pool, const struct demand *d, bool *take)
{
	unsigned n = pool->jobs->n, k, nt = pool->opts->jobs > 0 ? (unsigned)pool->opts->jobs :
					     (unsigned)sysconf(_SC_NPROCESSORS_ONLN);
	struct want_part part[8];
	pthread_t tid[8];
	bool started[8] = { false }, any = false;

	nt = nt < 1 ? 1 : nt > 8 ? 8 : nt;
	for (k = 0; k < nt; k++) {
		part[k] = (struct want_part){ pool, d, take, n * k / nt, n * (k + 1) / nt, false };
		started[k] = k && !pthread_create(&tid[k], NULL, want_part, &part[k]);
	}
	for (k = 0; k < nt; k++) {
		if (!started[k])
			want_part(&part[k]);	/* the first part, or a thread that did not start */
		else
			pthread_join(tid[k], NULL);
		any |= part[k].any;
	}
	return any;
}

static int demand_rounds(struct pool *pool)
{
	const struct job_list *jobs = pool->jobs;
	struct fx_program prog = { 0 }, fresh = { 0 };
	bool *take = calloc(jobs->n + 1, sizeof(*take));
	bool *known = calloc(jobs->n + 1, sizeof(*known));
	struct demand *d = NULL;
	unsigned i, total = 0;
	int n = 0;

	prog.tus = calloc(jobs->n + 1, sizeof(*prog.tus));
	fresh.tus = calloc(jobs->n + 1, sizeof(*fresh.tus));
	if (!take || !known || !prog.tus || !fresh.tus) {
		n = -ENOMEM;
		goto out_free;
	}
	for (;;) {
		/* what the TUs parsed since the last round ask, added to the rest */
		prog.ntus = fresh.ntus = 0;
		for (i = 0; i < jobs->n; i++) {
			if (pool->res[i].state != TU_PARSED)
				continue;
			prog.tus[prog.ntus++] = pool->res[i].tu;
			if (!known[i])
				fresh.tus[fresh.ntus++] = pool->res[i].tu;
			known[i] = true;
		}
		if (!d)
			d = demand_of(&fresh);
		else
			demand_add(d, &fresh, &prog);
		if (!demand_take(pool, d, take))
			break;
		n = parse_subset(pool, take, pool->fe);
		if (n < 0)
			goto out_free;
		for (i = 0; i < jobs->n; i++) {
			struct tu_result *r = &pool->res[i];

			if (!take[i] || r->state != TU_PARSED)
				continue;
			known[i] = false;	/* its functions asked again, if read again */
			total += !r->demanded;
			r->demanded = true;
		}
	}
	n = (int)total;
	for (i = 0; i < jobs->n; i++) {
		struct tu_result *r = &pool->res[i];

		if (r->state == TU_PARSED && r->sliced) {
			sliced_files++;
			sliced_defs += r->nskip;
		}
	}
out_free:
	demand_free(d);
	for (i = 0; i < jobs->n; i++) {
		struct tu_result *r = &pool->res[i];

		free(r->skip);
		r->skip = NULL;
		demand_profile_free(r->prof);
		r->prof = NULL;
		if (r->state == TU_DEFERRED) {
			free(r->src);
			r->src = NULL;
			r->state = TU_SKIPPED;
		}
	}
	free(fresh.tus);
	free(prog.tus);
	free(known);
	free(take);
	return n;
}

/* The running rules' prefilter words, NUL-separated, an empty word at the end. */
static char *prefilter_words(const struct rule_settings *rs)
{
	char *buf = NULL, *p;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	if (!m)
		return xcalloc(2, 1);
	engine_prefilter_words(m, rs, '\n');
	fputs("\n\n", m);
	fclose(m);
	for (p = buf; p && *p; p++)
		if (*p == '\n')
			*p = '\0';
	return buf ? buf : xcalloc(2, 1);
}

/*
 * --engine=auto: the TUs tree-sitter read (pool->res) are a program; its
 * findings say which TUs libclang reads again (checker/confirm.c), and
 * those facts replace the fast ones.  A TU tree-sitter could not read goes
 * to libclang too.  The caller runs the rules over the result as over any
 * run.  Returns how many TUs libclang read, or -errno.
 */
static int confirm_phase(struct pool *pool, const struct options *o, unsigned *failed_ts,
			 unsigned whyc[CONFIRM_WHY_COUNT])
{
	const struct job_list *jobs = pool->jobs;
	struct fx_program prog = { 0 };
	struct findings f = { 0 };
	enum confirm_why *why = NULL;
	bool *take = NULL;
	unsigned i, k;
	char *words = NULL;
	int ret = -ENOMEM;

	prog.tus = calloc(jobs->n + 1, sizeof(*prog.tus));
	why = calloc(jobs->n + 1, sizeof(*why));
	take = calloc(jobs->n + 1, sizeof(*take));
	if (!prog.tus || !why || !take)
		goto out_free;
	for (i = 0; i < jobs->n; i++)
		if (pool->res[i].state == TU_PARSED)
			prog.tus[prog.ntus++] = pool->res[i].tu;
	if (fx_program_index(&prog))
		goto out_free;
	engine_run(&o->rules, &prog, &f);
	words = prefilter_words(&o->rules);
	confirm_select(&prog, &f, words, o->confirm_all, why);
	for (i = 0; i < jobs->n; i++) {
		struct tu_result *r = &pool->res[i];

		take[i] = r->state == TU_FAILED;
		*failed_ts += take[i];
		for (k = 0; !take[i] && r->state == TU_PARSED && k < prog.ntus; k++)
			if (prog.tus[k] == r->tu && why[k] != CONFIRM_NONE) {
				take[i] = true;
				whyc[why[k]]++;
				if (o->stats)
					fprintf(stderr, "iommu-lint: stats: confirm %s (%s)\n",
						jobs->v[i].file, confirm_why_name[why[k]]);
			}
	}
	/* the facts the rules saw go before libclang's replace them */
	findings_free(&f);
	fx_program_free(&prog);
	ret = parse_subset(pool, take, &fe_clang_ops);
out_free:
	free(words);
	findings_free(&f);
	fx_program_free(&prog);
	free(prog.tus);
	free(why);
	free(take);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o;
	struct job_list jobs = { 0 };
	struct findings findings = { 0 };
	struct run_summary sum = { 0 };
	unsigned excluded = 0;
	struct fx_program prog = { 0 };
	struct tu_failure *fails = NULL;
	struct pool pool = { 0 };
	struct workflow wf = { 0 };
	struct kbuild_argv kb = { 0 };
	struct config cfg = { 0 };
	int sparse_rc = 0;
	double t0 = mono_seconds(), t1, t2 = 0;
	size_t facts_bytes = 0;
	char err[512];
	unsigned i;
	int ret = 2, cwd_fd = -1, parse_err, confirmed = 0, deferred = 0;
	unsigned failed_ts = 0, whyc[CONFIRM_WHY_COUNT] = { 0 };
	struct run_summary msum = { 0 };	/* --merge of shards: their summaries */
	bool merged = false;

	ts_alloc_install();	/* before the tree-sitter runtime allocates anything */
	tmp_signals_install();
	/* make C=1|2 CHECK=iommu-lint: sparse's and gcc's words become flags after -- */
	if (kbuild_detect(argc, argv)) {
		if (kbuild_split(argc, argv, &kb, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			return 2;
		}
		argc = kb.argc;
		argv = kb.argv;
	}
	/* .iommu-lint options, then the command line's */
	if (config_load(&cfg, argc, argv, err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		memset(&o, 0, sizeof(o));
		goto out_opts;
	}
	if (options_parse(cfg.argc, cfg.argv, &o, err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		goto out_opts;
	}
	if (o.help) {
		options_usage(stdout);
		ret = 0;
		goto out_opts;
	}
	if (o.version) {
		printf("iommu-lint %s\n", IOMMU_LINT_VERSION);
		ret = 0;
		goto out_opts;
	}
	if (cfg.print) {
		ret = config_print(&cfg, stdout, o.nfiles, o.files);
		goto out_opts;
	}
	if (o.list_rules) {
		ret = list_rules();
		goto out_opts;
	}
	if (o.explain) {
		if (explain_print(stdout, o.explain_id, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			goto out_opts;
		}
		ret = fflush(stdout) ? 2 : 0;
		goto out_opts;
	}
	if (o.merge_dir && !shard_dir_has_facts(o.merge_dir)) {
		ret = sarif_merge(o.merge_dir, o.output, o.quiet, o.fail_on);
		goto out_opts;
	}
	if (o.merge_dir && shard_dir_has_sarif(o.merge_dir)) {
		fprintf(stderr,
			"iommu-lint: error: --merge %s: the directory holds both SARIF logs and --shard facts: merge one kind (keep the shards' facts apart)\n",
			o.merge_dir);
		goto out_opts;
	}
	if (o.shard_n) {
		/* a shard reports nothing: what would make a report belongs to --merge */
		const char *what = o.output ? "-o" : o.format_set ? "--format" :
			o.fix ? "--fix" : o.export_fixes ? "--export-fixes" :
			o.patch_dir ? "--patch-dir" : o.baseline ? "--baseline" :
			o.write_baseline ? "--write-baseline" : o.conformance ? "--conformance" :
			o.diff_rev ? "--diff" : o.staged ? "--staged" : o.dump_facts ? "--dump-facts" :
			o.kbuild ? "CHECK mode" : NULL;

		if (what) {
			fprintf(stderr,
				"iommu-lint: error: %s does not go with --shard: a shard only leaves its facts in --sarif-dir; give it to the --merge step\n",
				what);
			goto out_opts;
		}
	}
	if (o.shard_n && o.merge_dir) {
		fputs("iommu-lint: error: --shard and --merge are two steps: run each shard, then merge\n",
		      stderr);
		goto out_opts;
	}
	if (o.conformance && (o.format == FMT_SARIF || o.format == FMT_PATCH)) {
		fputs("iommu-lint: error: --conformance writes text or json (--format=text|json)\n",
		      stderr);
		goto out_opts;
	}
	if (o.with_sparse && !o.kbuild) {
		fputs("iommu-lint: error: --with-sparse works in CHECK mode only (make C=2 CHECK=iommu-lint, or --kbuild)\n",
		      stderr);
		goto out_opts;
	}
	if (!o.sarif_dir && getenv(SARIF_DIR_ENV) && *getenv(SARIF_DIR_ENV))
		o.sarif_dir = getenv(SARIF_DIR_ENV);
	if (workflow_start(&o, &wf))
		goto out_jobs;
	if (o.merge_dir) {
		/* the shards' facts (shard.c): the rules run here, over all of them */
		if (registry_init(err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			goto out_jobs;
		}
		merged = true;
		if (shard_load(o.merge_dir, &prog, &msum, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			goto out_jobs;
		}
		if (!o.format_set)
			o.format = FMT_SARIF;
		sum.tus = msum.tus;
		sum.parsed = msum.parsed;
		sum.skipped = msum.skipped;
		sum.failed = msum.failed;
		sum.failures = msum.failures;
		for (i = 0; i < sum.failed; i++)
			fprintf(stderr, "iommu-lint: error: %s: %s\n", sum.failures[i].file,
				sum.failures[i].reason);
		for (i = 0; i < prog.ntus; i++) {
			sum.functions += prog.tus[i]->nfuncs;
			facts_bytes += prog.tus[i]->arena.used;
		}
		t1 = mono_seconds();
		goto run_rules;
	}
	if (o.staged || o.diff_rev ? workflow_collect_jobs(&o, &wf, &jobs) : collect_jobs(&o, &jobs))
		goto out_jobs;
	excluded = jobs.n;
	if (config_apply_jobs(&cfg, &jobs, &o.rules, err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		goto out_jobs;
	}
	excluded -= jobs.n;
	note_inputs(&o, &jobs);
	if (o.list_suppressions) {
		ret = workflow_list_suppressions(&jobs);
		goto out_jobs;
	}
	if (o.print_commands) {
		ret = print_commands(&jobs);
		goto out_jobs;
	}
	if (o.with_sparse) {
		sparse_rc = kbuild_run_sparse(o.with_sparse, &kb, err, sizeof(err));
		if (sparse_rc < 0) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			goto out_jobs;
		}
	}
	if (o.kbuild && !o.output && kbuild_stdout_to_stderr()) {
		fputs("iommu-lint: error: cannot send the report to stderr\n", stderr);
		goto out_jobs;
	}

	if (o.engine == ENGINE_DEFAULT)
		o.engine = o.compdb || o.extra ? ENGINE_AUTO : ENGINE_TS;
	if (o.confirm_set && o.engine != ENGINE_AUTO) {
		fputs("iommu-lint: error: --confirm is for the auto engine (-p, flags after --, or --engine=auto)\n",
		      stderr);
		goto out_jobs;
	}
	/* --dump-facts shows what the compiler sees when it can: no screening to do */
	if (o.engine == ENGINE_AUTO && o.dump_facts)
		o.engine = ENGINE_CLANG;
	if (o.shard_n) {
		char sig[RULE_COUNT + 128];
		int r;

		if (!o.sarif_dir) {
			fputs("iommu-lint: error: --shard needs --sarif-dir DIR (or $" SARIF_DIR_ENV "): the shard's facts go there for --merge\n",
			      stderr);
			goto out_jobs;
		}
		/* what every shard must share: the rules, the engine, the API version */
		snprintf(sig, sizeof(sig), "engine=%d confirm=%d kernel=%s rules=", (int)o.engine,
			 (int)o.confirm_all, o.rules.kernel ? o.rules.kernel : "");
		for (r = 0; r < RULE_COUNT; r++)
			strncat(sig, o.rules.enabled[r] ? "1" : "0", sizeof(sig) - strlen(sig) - 1);
		sum.shard_sig = shard_select(&jobs, o.shard_k, o.shard_n, sig);
		sum.shard_k = o.shard_k;
		sum.shard_n = o.shard_n;
	}
	if (registry_init(err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		goto out_jobs;
	}
	/* auto: the fast reading first, its prefilter (every rule runs in both) */
	pool.fe = o.engine == ENGINE_AUTO ? &fe_ts_ops : frontends[o.engine];
	o.rules.frontend = pool.fe->name;
	if (pool.fe->check && pool.fe->check(err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		goto out_jobs;
	}
	pool.jobs = &jobs;
	pool.opts = &o;
	pool.res = calloc(jobs.n, sizeof(*pool.res));
	prog.tus = calloc(jobs.n, sizeof(*prog.tus));
	fails = calloc(jobs.n + 1, sizeof(*fails));
	if (!pool.res || !prog.tus || !fails) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		goto out_jobs;
	}
	/* libclang changes the process's directory to each command's (-working-directory) */
	cwd_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (options_progress(&o))
		progress_start(jobs.n);
	parse_err = parse_all(&pool, o.jobs ? o.jobs : (int)sysconf(_SC_NPROCESSORS_ONLN));
	progress_stop();
	if (parse_err) {
		fputs("iommu-lint: error: cannot start parser threads\n", stderr);
		goto out_jobs;
	}
	deferred = demand_rounds(&pool);
	if (deferred < 0) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		goto out_jobs;
	}
	if (o.engine == ENGINE_AUTO && !o.dump_facts) {
		confirmed = confirm_phase(&pool, &o, &failed_ts, whyc);
		if (confirmed < 0) {
			fputs("iommu-lint: error: out of memory\n", stderr);
			goto out_jobs;
		}
	}
	if (cwd_fd >= 0 && fchdir(cwd_fd)) {
		fprintf(stderr, "iommu-lint: error: cannot return to the current directory: %s\n",
			strerror(errno));
		goto out_jobs;
	}
	t1 = mono_seconds();
	sum.tus = jobs.n;
	for (i = 0; i < jobs.n; i++) {
		struct tu_result *r = &pool.res[i];

		switch (r->state) {
		case TU_PARSED:
			prog.tus[prog.ntus++] = r->tu;
			sum.parsed++;
			sum.functions += r->tu->nfuncs;
			facts_bytes += r->tu->arena.used;
			break;
		case TU_SKIPPED:
			sum.skipped++;
			break;
		default:
			fails[sum.failed].file = (char *)jobs.v[i].file;
			fails[sum.failed].reason = r->reason;
			sum.failed++;
			fprintf(stderr, "iommu-lint: error: %s: %s\n", jobs.v[i].file, r->reason);
			break;
		}
	}
	sum.failures = fails;
	if (o.shard_n) {
		char name[64];

		snprintf(name, sizeof(name), "shard-%u-of-%u.facts", o.shard_k, o.shard_n);
		if (shard_write(o.sarif_dir, prog.tus, prog.ntus, &sum, err, sizeof(err))) {
			fprintf(stderr, "iommu-lint: error: %s\n", err);
			goto out_jobs;
		}
		ret = sum.failed && !o.keep_going ? 2 : 0;
		if (!o.quiet)
			fprintf(stderr,
				"iommu-lint: shard %u/%u: %u TUs (%u parsed, %d confirmed by clang, %u skipped by prefilter), %u functions, %u failed TUs, %.2f s: facts in %s/%s for --merge\n",
				o.shard_k, o.shard_n, sum.tus, sum.parsed, confirmed, sum.skipped,
				sum.functions, sum.failed, mono_seconds() - t0, o.sarif_dir, name);
		goto out_jobs;
	}
	if (o.dump_facts) {
		for (i = 0; i < prog.ntus; i++)
			dump_facts(stdout, prog.tus[i]);
		ret = sum.failed ? 2 : 0;
		goto out_jobs;
	}
run_rules:
	sum.tool_failed = sum.failed && !o.keep_going;
	wf.failed = sum.tool_failed;

	if (fx_program_index(&prog)) {
		fputs("iommu-lint: error: out of memory\n", stderr);
		goto out_jobs;
	}
	t2 = mono_seconds();
	engine_run(&o.rules, &prog, &findings);
	config_filter_findings(&cfg, &findings);
	if (workflow_filter(&o, &wf, &prog, &findings))
		goto out_jobs;
	findings_sort(&findings);
	edits_drop_overlaps(&findings);
	sum.findings = findings.n;
	sum.hidden = &wf.hidden;
	sum.notes = findings.n - findings_at_least(&findings, SEV_WARNING);
	sum.prog = &prog;
	sum.seconds = mono_seconds() - t0;

	if (sum.tool_failed) {
		ret = 2;
	} else if (write_report(&o, &prog, &findings, &sum)) {
		ret = 2;
	} else {
		ret = findings_at_least(&findings, o.fail_on) ? 1 : 0;
	}
	if (ret != 2 && o.export_fixes && fix_export(o.export_fixes, &prog, &findings))
		ret = 2;
	if (ret != 2 && o.patch_dir && fix_patch_dir(o.patch_dir, &prog, &findings))
		ret = 2;
	if (ret != 2 && o.fix) {
		unsigned fixed = 0;

		if (fix_apply(&prog, &findings, &fixed))
			ret = 2;
		else
			ret = fixed == findings.n ? 0 : 1;
		if (!o.quiet)
			fprintf(stderr, "iommu-lint: fixed %u of %u findings\n", fixed, findings.n);
	}
	if (ret != 2 && workflow_write_baseline(&o, &wf))
		ret = 2;
	if (o.sarif_dir && !merged &&
	    sarif_dir_write(o.sarif_dir, &jobs, &findings, &sum, err, sizeof(err))) {
		fprintf(stderr, "iommu-lint: error: %s\n", err);
		ret = 2;
	}
	if (o.kbuild)
		ret = kbuild_exit_status(&o, ret, sparse_rc);
	if (!o.quiet) {
		char notes[32] = "", excl[48] = "";

		if (excluded)	/* said, so a scan that shrank is never silent */
			snprintf(excl, sizeof(excl), ", %u excluded by .iommu-lint", excluded);
		if (sum.notes)
			snprintf(notes, sizeof(notes), " (%u note%s)", sum.notes,
				 sum.notes == 1 ? "" : "s");
		char eng[80] = "";

		if (o.engine == ENGINE_AUTO)	/* how much of the run libclang read */
			snprintf(eng, sizeof(eng), ", %d confirmed by clang", confirmed);
		fprintf(stderr,
			"iommu-lint: %u TUs (%u parsed%s, %u skipped by prefilter%s), %u functions, %u findings%s, %u failed TUs%s, %.2f s\n",
			sum.tus, sum.parsed, eng, sum.skipped, excl, sum.functions, sum.findings, notes,
			sum.failed, sum.failed && o.keep_going ? " (--keep-going)" : "", sum.seconds);
	}
	if (o.stats)
		fprintf(stderr,
			"iommu-lint: stats: on demand: %d files parsed because the run asks for what they define or bind (demand.c); %u of them in part (%u definitions not read)\n",
			deferred, sliced_files, sliced_defs);
	if (o.stats && o.engine == ENGINE_AUTO)
		fprintf(stderr,
			"iommu-lint: stats: auto engine: %d TUs read again by clang (%u #if, %u macro, %u limit, %u every finding), %u fast-mode failures retried\n",
			confirmed, whyc[CONFIRM_PPCOND], whyc[CONFIRM_MACRO], whyc[CONFIRM_LIMIT],
			whyc[CONFIRM_ALL], failed_ts);
	if (o.stats)
		print_stats(&o, &prog, t1 - t0, mono_seconds() - t2, facts_bytes);
out_jobs:
	if (cwd_fd >= 0)
		close(cwd_fd);
	for (i = 0; pool.res && i < jobs.n; i++) {
		free_tu(pool.res[i].tu);
		free(pool.res[i].src);
		free(pool.res[i].reason);
	}
	free(pool.res);
	fx_program_free(&prog);
	for (i = 0; merged && i < prog.ntus; i++)
		facts_free_tu(prog.tus[i]);
	facts_summary_free(&msum);
	free(prog.tus);
	free(fails);
	findings_free(&findings);
	jobs_free(&jobs);
	workflow_free(&wf);
out_opts:
	options_free(&o);
	config_free(&cfg);
	kbuild_free(&kb);
	/* every mode: output lost on a full disk or a closed pipe is a failure, said once */
	if (stdout_check())
		ret = 2;
	return ret;
}
