// SPDX-License-Identifier: GPL-2.0
/*
 * merge.c - one SARIF log out of a kbuild run.  kbuild calls iommu-lint once
 * per file, so each call drops its own log into --sarif-dir, and --merge
 * folds the logs into one run: results concatenated in file-name order,
 * ruleIndex re-pointed at the merged rule list (descriptors a log has and
 * the first one lacks are appended), tool execution notifications joined
 * and executionSuccessful true only when every run succeeded.  Logs made in
 * another directory keep absolute URIs (their SRCROOT is folded in).
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-c/json.h>

#include "merge.h"
#include "output.h"
#include "util.h"
#include "report.h"

static uint32_t fnv1a32(uint32_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

/* "./drivers/iommu/x.c" -> "drivers_iommu_x.c-<hash>.sarif" */
static void log_name(const struct job_list *jobs, char *out, size_t n)
{
	uint32_t h = 2166136261u;
	const char *f;
	size_t o = 0;
	unsigned i;

	for (i = 0; i < jobs->n; i++)
		h = fnv1a32(fnv1a32(h, jobs->v[i].file), "\n");
	if (jobs->n != 1) {
		snprintf(out, n, "run-%u-tus-%08x.sarif", jobs->n, h);
		return;
	}
	f = jobs->v[0].file;
	while (!strncmp(f, "./", 2))
		f += 2;
	while (*f == '/')
		f++;
	for (; *f && o + 1 < n - 24; f++)
		out[o++] = *f == '/' ? '_' : *f;
	snprintf(out + o, n - o, "-%08x.sarif", h);
}

/* Through checker/output.c: atomic, so a concurrent --merge never sees half a log. */
static int write_atomic(const char *path, int (*fn)(FILE *, const void *), const void *arg,
			char *err, size_t errlen)
{
	return output_write(path, fn, arg, err, errlen);
}

struct sarif_args {
	const struct findings *f;
	const struct run_summary *sum;
};

static int write_sarif(FILE *out, const void *arg)
{
	const struct sarif_args *a = arg;

	return report_sarif(out, a->f, a->sum);
}

int sarif_dir_write(const char *dir, const struct job_list *jobs, const struct findings *f,
		    const struct run_summary *sum, char *err, size_t errlen)
{
	struct sarif_args a = { f, sum };
	char name[256], *path;
	int ret;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		snprintf(err, errlen, "--sarif-dir %s: cannot create: %s", dir, strerror(errno));
		return -errno;
	}
	log_name(jobs, name, sizeof(name));
	path = path_join(dir, name);
	if (!path) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = write_atomic(path, write_sarif, &a, err, errlen);
	free(path);
	return ret;
}

static int is_sarif(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 6 && !strcmp(d->d_name + n - 6, ".sarif");
}

static struct json_object *member(struct json_object *o, const char *key, json_type type)
{
	struct json_object *v;

	if (!o || !json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, type))
		return NULL;
	return v;
}

struct merged {
	struct json_object *log;	/* the first log, grown in place */
	struct json_object *results, *rules, *notes, *inv;
	const char *srcroot;		/* SRCROOT of the first log, or NULL */
	unsigned nlogs, nresults;
	unsigned nfailed;		/* logs of runs that failed (executionSuccessful false) */
	char failed[512];		/* the first of them, and its first error */
};

/* SRCROOT-relative artifact URI -> absolute, for a log from another root. */
static void rebase_list(struct json_object *holder, const char *key, const char *srcroot)
{
	struct json_object *locs = member(holder, key, json_type_array);
	size_t i;

	for (i = 0; locs && i < json_object_array_length(locs); i++) {
		struct json_object *phys = member(json_object_array_get_idx(locs, i),
						  "physicalLocation", json_type_object);
		struct json_object *art = member(phys, "artifactLocation", json_type_object);
		struct json_object *base = member(art, "uriBaseId", json_type_string);
		struct json_object *uri = member(art, "uri", json_type_string);
		char *abs;
		size_t n;

		if (!base || !uri || strcmp(json_object_get_string(base), "SRCROOT"))
			continue;
		n = strlen(srcroot) + json_object_get_string_len(uri) + 1;
		abs = malloc(n);
		if (!abs)
			continue;
		snprintf(abs, n, "%s%s", srcroot, json_object_get_string(uri));
		json_object_object_add(art, "uri", json_object_new_string(abs));
		json_object_object_del(art, "uriBaseId");
		free(abs);
	}
}

static void rebase_locations(struct json_object *holder, const char *srcroot)
{
	rebase_list(holder, "locations", srcroot);
	rebase_list(holder, "relatedLocations", srcroot);
}

/* A result's level; SARIF's default is "warning", and "none" counts as a note. */
static enum severity result_level(struct json_object *result)
{
	struct json_object *l = member(result, "level", json_type_string);
	const char *s = l ? json_object_get_string(l) : "warning";

	if (!strcmp(s, "error"))
		return SEV_ERROR;
	if (!strcmp(s, "warning"))
		return SEV_WARNING;
	return SEV_NOTE;
}

/* How many results of the merged log are at level or above (suppressed ones do not count). */
static unsigned results_at_least(const struct merged *m, enum severity level)
{
	size_t i;
	unsigned n = 0;

	for (i = 0; m->results && i < json_object_array_length(m->results); i++) {
		struct json_object *r = json_object_array_get_idx(m->results, i);
		struct json_object *sup = member(r, "suppressions", json_type_array);

		if ((!sup || !json_object_array_length(sup)) && result_level(r) >= level)
			n++;
	}
	return n;
}

static const char *srcroot_of(struct json_object *run)
{
	struct json_object *b = member(run, "originalUriBaseIds", json_type_object);
	struct json_object *u = member(member(b, "SRCROOT", json_type_object), "uri", json_type_string);

	return u ? json_object_get_string(u) : NULL;
}

/* Index of the rule descriptor with this id in m->rules; appended if absent. */
static int rule_index(struct merged *m, const char *id, struct json_object *src_rules)
{
	size_t i;

	for (i = 0; i < json_object_array_length(m->rules); i++) {
		struct json_object *r = member(json_object_array_get_idx(m->rules, i), "id",
					       json_type_string);

		if (r && !strcmp(json_object_get_string(r), id))
			return (int)i;
	}
	for (i = 0; src_rules && i < json_object_array_length(src_rules); i++) {
		struct json_object *d = json_object_array_get_idx(src_rules, i);
		struct json_object *r = member(d, "id", json_type_string);

		if (r && !strcmp(json_object_get_string(r), id)) {
			json_object_array_add(m->rules, json_object_get(d));
			return (int)json_object_array_length(m->rules) - 1;
		}
	}
	return -1;
}

/* Check the shape of one log; returns its first run or NULL with err set. */
static struct json_object *check_log(struct json_object *log, const char *path, char *err,
				     size_t errlen)
{
	struct json_object *v = member(log, "version", json_type_string);
	struct json_object *runs = member(log, "runs", json_type_array);
	struct json_object *run = runs && json_object_array_length(runs) == 1 ?
				  json_object_array_get_idx(runs, 0) : NULL;
	struct json_object *driver = member(member(run, "tool", json_type_object), "driver",
					    json_type_object);
	struct json_object *name = member(driver, "name", json_type_string);

	if (!v || strcmp(json_object_get_string(v), "2.1.0")) {
		snprintf(err, errlen, "%s: not a SARIF 2.1.0 log", path);
		return NULL;
	}
	if (!run || !name || !member(run, "results", json_type_array)) {
		snprintf(err, errlen, "%s: expected one run with a tool driver and results", path);
		return NULL;
	}
	if (strcmp(json_object_get_string(name), "iommu-lint")) {
		snprintf(err, errlen, "%s: a log of '%s', not of iommu-lint", path,
			 json_object_get_string(name));
		return NULL;
	}
	return run;
}

static int merge_one(struct merged *m, struct json_object *log, const char *path, char *err,
		     size_t errlen)
{
	struct json_object *run = check_log(log, path, err, errlen);
	struct json_object *results, *rules, *invs, *inv, *ok, *notes;
	const char *root;
	bool rebase;
	size_t i;

	if (!run)
		return -EINVAL;
	results = member(run, "results", json_type_array);
	rules = member(member(member(run, "tool", json_type_object), "driver", json_type_object),
		       "rules", json_type_array);
	invs = member(run, "invocations", json_type_array);
	inv = invs && json_object_array_length(invs) ? json_object_array_get_idx(invs, 0) : NULL;
	if (!m->log) {
		m->log = json_object_get(log);
		m->results = results;
		m->rules = rules;
		if (!m->rules) {
			m->rules = json_object_new_array();
			json_object_object_add(member(member(run, "tool", json_type_object), "driver",
						      json_type_object), "rules", m->rules);
		}
		m->inv = inv;
		m->notes = member(inv, "toolExecutionNotifications", json_type_array);
		m->srcroot = srcroot_of(run);
		m->nresults = (unsigned)json_object_array_length(results);
		m->nlogs = 1;
		return 0;
	}
	root = srcroot_of(run);
	rebase = root && (!m->srcroot || strcmp(root, m->srcroot));
	for (i = 0; i < json_object_array_length(results); i++) {
		struct json_object *r = json_object_array_get_idx(results, i);
		struct json_object *id = member(r, "ruleId", json_type_string);
		int idx = id ? rule_index(m, json_object_get_string(id), rules) : -1;

		if (idx < 0) {
			snprintf(err, errlen, "%s: result %zu names no rule of the log", path, i);
			return -EINVAL;
		}
		json_object_object_add(r, "ruleIndex", json_object_new_int(idx));
		if (rebase)
			rebase_locations(r, root);
		json_object_array_add(m->results, json_object_get(r));
		m->nresults++;
	}
	notes = member(inv, "toolExecutionNotifications", json_type_array);
	for (i = 0; notes && i < json_object_array_length(notes); i++) {
		struct json_object *n = json_object_array_get_idx(notes, i);

		if (rebase)
			rebase_locations(n, root);
		if (!m->notes && m->inv) {
			m->notes = json_object_new_array();
			json_object_object_add(m->inv, "toolExecutionNotifications", m->notes);
		}
		if (m->notes)
			json_object_array_add(m->notes, json_object_get(n));
	}
	ok = member(inv, "executionSuccessful", json_type_boolean);
	if (m->inv && ok && !json_object_get_boolean(ok))
		json_object_object_add(m->inv, "executionSuccessful", json_object_new_boolean(0));
	m->nlogs++;
	return 0;
}

/* A log whose run failed: counted, and the first one named with its first error. */
static void note_failure(struct merged *m, struct json_object *log, const char *path)
{
	struct json_object *runs = member(log, "runs", json_type_array);
	struct json_object *run = runs ? json_object_array_get_idx(runs, 0) : NULL;
	struct json_object *invs = member(run, "invocations", json_type_array);
	struct json_object *inv = invs ? json_object_array_get_idx(invs, 0) : NULL;
	struct json_object *ok = member(inv, "executionSuccessful", json_type_boolean);
	struct json_object *notes = member(inv, "toolExecutionNotifications", json_type_array);
	const char *why = NULL;
	size_t i;

	if (!ok || json_object_get_boolean(ok))
		return;
	for (i = 0; notes && i < json_object_array_length(notes) && !why; i++) {
		struct json_object *n = json_object_array_get_idx(notes, i);
		struct json_object *lvl = member(n, "level", json_type_string);
		struct json_object *text = member(member(n, "message", json_type_object), "text",
						  json_type_string);

		if (lvl && !strcmp(json_object_get_string(lvl), "error") && text)
			why = json_object_get_string(text);
	}
	if (!m->nfailed++)
		snprintf(m->failed, sizeof(m->failed), "%s: from a run that failed%s%.300s%s", path,
			 why ? " (" : "", why ? why : "", why ? ")" : "");
}

/* A whole JSON document, or NULL with the reason in err. */
static struct json_object *parse_json(const char *text, size_t len, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *root;
	enum json_tokener_error jerr;

	if (!tok) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	if (root && jerr == json_tokener_success && json_tokener_get_parse_end(tok) < len &&
	    strspn(text + json_tokener_get_parse_end(tok), " \t\r\n") <
		    len - json_tokener_get_parse_end(tok))
		jerr = json_tokener_error_parse_unexpected;
	if (!root || jerr != json_tokener_success) {
		snprintf(err, errlen, "%s near byte %zu",
			 jerr == json_tokener_continue ? "unexpected end of file" :
			 json_tokener_error_desc(jerr), json_tokener_get_parse_end(tok));
		json_object_put(root);
		root = NULL;
	}
	json_tokener_free(tok);
	return root;
}

static int write_json(FILE *out, const void *arg)
{
	return report_put_json(out, (struct json_object *)arg);
}

int sarif_merge(const char *dir, const char *output, bool quiet, enum severity fail_on)
{
	struct merged m = { 0 };
	struct dirent **names = NULL;
	char err[1024] = "", why[128];
	int i, n, ret = 2;

	n = scandir(dir, &names, is_sarif, alphasort);
	if (n < 0) {
		snprintf(err, sizeof(err), "--merge %s: %s", dir, strerror(errno));
		goto out_err;
	}
	for (i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]->d_name);
		struct json_object *log;
		char *text = NULL;
		size_t len;
		int rc;

		if (!path) {
			snprintf(err, sizeof(err), "out of memory");
			goto out_names;
		}
		/* an output among the inputs is refused when it is written */
		output_note_input(path);
		if (read_input(path, "a SARIF log", LIMIT_SARIF_LOG, &text, &len, why, sizeof(why))) {
			snprintf(err, sizeof(err), "%s: %s", path, why);
			free(path);
			goto out_names;
		}
		log = parse_json(text, len, why, sizeof(why));
		free(text);
		if (!log) {
			snprintf(err, sizeof(err), "%s: not valid JSON: %s", path, why);
			free(path);
			goto out_names;
		}
		note_failure(&m, log, path);
		rc = merge_one(&m, log, path, err, sizeof(err));
		json_object_put(log);
		free(path);
		if (rc)
			goto out_names;
	}
	if (!m.nlogs) {
		snprintf(err, sizeof(err), "--merge %s: no .sarif logs in the directory", dir);
		goto out_names;
	}
	if (output) {
		if (write_atomic(output, write_json, m.log, err, sizeof(err)))
			goto out_names;
	} else if (write_json(stdout, m.log) || stdout_check()) {
		/* stdout_check() said it */
		ret = 3;
		goto out_names;
	}
	if (!quiet)
		fprintf(stderr, "iommu-lint: merged %u SARIF logs from %s: %u results\n", m.nlogs,
			dir, m.nresults);
	if (m.nfailed) {
		/* merged and written all the same: the merged log says the failure too */
		snprintf(err, sizeof(err), "%s%s", m.failed,
			 m.nfailed > 1 ? " (and more logs of failed runs)" : "");
		goto out_names;
	}
	ret = results_at_least(&m, fail_on) ? 1 : 0;
out_names:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	json_object_put(m.log);
out_err:
	if (ret == 2)
		fprintf(stderr, "iommu-lint: error: %s\n", err);
	return ret == 3 ? 2 : ret;
}
