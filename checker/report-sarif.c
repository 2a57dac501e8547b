// SPDX-License-Identifier: GPL-2.0
/*
 * report-sarif.c - SARIF 2.1.0 log: one run, rule descriptors from the
 * registry, results with a logical location (the function or variable) and
 * a partial fingerprint that survives line shifts (finding_fingerprint(),
 * the same key baselines use).  Rules carry their doc page (help.markdown,
 * helpUri); suppressed and baselined findings stay as results with their
 * suppressions; in a git checkout the run says which commit was scanned
 * (versionControlProvenance).
 */
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "baseline.h"
#include "compdb.h"
#include "explain.h"
#include "gitdiff.h"
#include "report.h"

static const char *sarif_level(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "error";
	case SEV_NOTE:
		return "note";
	default:
		return "warning";
	}
}

static struct json_object *text_obj(const char *text)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "text", json_object_new_string(text));
	return o;
}

/* Percent-encode a path for a URI reference. */
static char *uri_encode(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *out = malloc(strlen(path) * 3 + 1), *o = out;

	if (!out)
		return NULL;
	for (; *path; path++) {
		unsigned char c = (unsigned char)*path;

		if (isalnum(c) || strchr("-._~/", c)) {
			*o++ = (char)c;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	*o = '\0';
	return out;
}

/* "of-xlate-presence" -> "OfXlatePresence": SARIF wants a name unlike the id. */
static void pascal_name(const char *id, char *out, size_t n)
{
	bool up = true;
	size_t o = 0;

	for (; *id && o + 1 < n; id++) {
		if (*id == '-') {
			up = true;
			continue;
		}
		out[o++] = up ? (char)toupper((unsigned char)*id) : *id;
		up = false;
	}
	out[o] = '\0';
}

static struct json_object *rule_descriptors(void)
{
	struct json_object *rules = json_object_new_array();
	char help[512], name[128], uri[1024];
	int i;

	for (i = 0; i < RULE_COUNT; i++) {
		const struct rule_meta *m = &rule_meta[i];
		struct json_object *r = json_object_new_object();
		struct json_object *cfg = json_object_new_object();
		struct json_object *props = json_object_new_object();
		struct json_object *tags = json_object_new_array();

		snprintf(help, sizeof(help),
			 "%s. Documentation: iommu-lint --explain %s, or docs/rules/%s.md (why, bad and good examples, known limitations, findings on real kernels).",
			 m->summary, m->id, m->id);
		json_object_object_add(r, "id", json_object_new_string(m->id));
		pascal_name(m->id, name, sizeof(name));
		json_object_object_add(r, "name", json_object_new_string(name));
		json_object_object_add(r, "shortDescription", text_obj(m->summary));
		json_object_object_add(r, "fullDescription", text_obj(help));
		explain_help_uri(m->id, uri, sizeof(uri));
		json_object_object_add(r, "helpUri", json_object_new_string(uri));
		{
			struct json_object *h = text_obj(help);
			const char *md = explain_doc(m->id);

			if (md)
				json_object_object_add(h, "markdown", json_object_new_string(md));
			json_object_object_add(r, "help", h);
		}
		json_object_object_add(cfg, "level", json_object_new_string(sarif_level(m->severity)));
		json_object_object_add(r, "defaultConfiguration", cfg);
		json_object_array_add(tags, json_object_new_string("iommu"));
		json_object_array_add(tags, json_object_new_string("linux-kernel"));
		json_object_object_add(props, "tags", tags);
		json_object_object_add(props, "precision",
				       json_object_new_string(m->confidence == CONF_HIGH ? "high" :
							      m->confidence == CONF_MEDIUM ? "medium" : "low"));
		json_object_object_add(r, "properties", props);
		json_object_array_add(rules, r);
	}
	return rules;
}

static struct json_object *location(const struct finding *x, const char *cwd)
{
	struct json_object *loc = json_object_new_object();
	struct json_object *phys = json_object_new_object();
	struct json_object *art = json_object_new_object();
	struct json_object *region = json_object_new_object();
	size_t n = cwd ? strlen(cwd) : 0;
	const char *p = x->file;
	char *uri;

	if (p[0] == '/' && n && !strncmp(p, cwd, n) && p[n] == '/') {
		uri = uri_encode(p + n + 1);
		json_object_object_add(art, "uriBaseId", json_object_new_string("SRCROOT"));
	} else if (p[0] == '/') {
		char *enc = uri_encode(p);
		size_t len = enc ? strlen(enc) + 8 : 0;

		uri = enc ? malloc(len) : NULL;
		if (uri)
			snprintf(uri, len, "file://%s", enc);
		free(enc);
	} else {
		uri = uri_encode(p);
		json_object_object_add(art, "uriBaseId", json_object_new_string("SRCROOT"));
	}
	json_object_object_add(art, "uri", json_object_new_string(uri ? uri : ""));
	free(uri);
	json_object_object_add(region, "startLine", json_object_new_int(x->line ? (int)x->line : 1));
	if (x->col)
		json_object_object_add(region, "startColumn", json_object_new_int((int)x->col));
	json_object_object_add(phys, "artifactLocation", art);
	json_object_object_add(phys, "region", region);
	json_object_object_add(loc, "physicalLocation", phys);
	if (x->symbol[0]) {
		struct json_object *logs = json_object_new_array();
		struct json_object *lg = json_object_new_object();

		json_object_object_add(lg, "name", json_object_new_string(x->symbol));
		json_object_array_add(logs, lg);
		json_object_object_add(loc, "logicalLocations", logs);
	}
	return loc;
}

/* The evidence: one location per related entry, with its id and message. */
static struct json_object *related_locations(const struct finding *x, const char *cwd)
{
	struct json_object *arr = json_object_new_array();
	unsigned k;

	for (k = 0; k < x->nrelated; k++) {
		const struct related_loc *r = &x->related[k];
		struct finding pseudo = { .file = r->file, .line = r->line, .col = r->col,
					  .symbol = "" };
		struct json_object *loc = location(&pseudo, cwd);

		json_object_object_add(loc, "id", json_object_new_int((int)k));
		json_object_object_add(loc, "message", text_obj(r->message));
		json_object_array_add(arr, loc);
	}
	return arr;
}

/*
 * SARIF fixes: one fix, one artifactChange per file, a replacement per
 * edit.  Columns are bytes, like the result locations.
 */
static struct json_object *fixes(const struct finding *x, const char *cwd)
{
	struct json_object *arr = json_object_new_array();
	struct json_object *fix = json_object_new_object();
	struct json_object *changes = json_object_new_array();
	char desc[1200];
	unsigned k = 0;

	snprintf(desc, sizeof(desc), "%s", x->fix_title ? x->fix_title : x->message);
	json_object_object_add(fix, "description", text_obj(desc));
	while (k < x->nedits) {
		struct json_object *change = json_object_new_object();
		struct json_object *reps = json_object_new_array();
		struct finding pseudo = { .file = x->edits[k].file, .symbol = "" };
		struct json_object *loc = location(&pseudo, cwd), *phys, *art;
		const char *file = x->edits[k].file;

		json_object_object_get_ex(loc, "physicalLocation", &phys);
		json_object_object_get_ex(phys, "artifactLocation", &art);
		json_object_object_add(change, "artifactLocation", json_object_get(art));
		json_object_put(loc);
		for (; k < x->nedits && !strcmp(x->edits[k].file, file); k++) {
			const struct finding_edit *e = &x->edits[k];
			struct json_object *rep = json_object_new_object();
			struct json_object *region = json_object_new_object();
			struct json_object *ins = json_object_new_object();

			json_object_object_add(region, "startLine", json_object_new_int((int)e->line));
			json_object_object_add(region, "startColumn", json_object_new_int((int)e->col));
			json_object_object_add(region, "endLine", json_object_new_int((int)e->end_line));
			json_object_object_add(region, "endColumn", json_object_new_int((int)e->end_col));
			json_object_object_add(rep, "deletedRegion", region);
			json_object_object_add(ins, "text", json_object_new_string(e->text));
			json_object_object_add(rep, "insertedContent", ins);
			json_object_array_add(reps, rep);
		}
		json_object_object_add(change, "replacements", reps);
		json_object_array_add(changes, change);
	}
	json_object_object_add(fix, "artifactChanges", changes);
	json_object_array_add(arr, fix);
	return arr;
}

/* A suppressed or baselined finding: why, and whether the source says it. */
static struct json_object *suppressions(const struct finding *x)
{
	struct json_object *arr = json_object_new_array();
	struct json_object *s = json_object_new_object();

	json_object_object_add(s, "kind", json_object_new_string(x->hidden == HIDE_IN_SOURCE ?
								 "inSource" : "external"));
	json_object_object_add(s, "status", json_object_new_string("accepted"));
	if (x->justification)
		json_object_object_add(s, "justification", json_object_new_string(x->justification));
	json_object_array_add(arr, s);
	return arr;
}

static struct json_object *result(const struct finding *x, const char *cwd)
{
	struct json_object *r = json_object_new_object();
	struct json_object *locs = json_object_new_array();
	struct json_object *pfp = json_object_new_object();
	char fp[FINGERPRINT_LEN + 1];

	json_object_object_add(r, "ruleId", json_object_new_string(rule_meta[x->rule].id));
	json_object_object_add(r, "ruleIndex", json_object_new_int(x->rule));
	json_object_object_add(r, "level", json_object_new_string(sarif_level(x->severity)));
	json_object_object_add(r, "message", text_obj(x->message));
	json_object_array_add(locs, location(x, cwd));
	json_object_object_add(r, "locations", locs);
	if (x->nrelated)
		json_object_object_add(r, "relatedLocations", related_locations(x, cwd));
	finding_fingerprint(x, cwd, fp);
	json_object_object_add(pfp, "iommuLintFingerprint/v1", json_object_new_string(fp));
	json_object_object_add(r, "partialFingerprints", pfp);
	if (x->nedits)
		json_object_object_add(r, "fixes", fixes(x, cwd));
	if (x->hidden != HIDE_NONE)
		json_object_object_add(r, "suppressions", suppressions(x));
	return r;
}

/* git's stdout, trailing newline removed; NULL when git fails or says nothing. */
static char *git_line(const char *const *args)
{
	char *out = NULL;
	size_t len = 0;

	if (run_git(NULL, args, &out, &len) || !out || !len) {
		free(out);
		return NULL;
	}
	while (len && (out[len - 1] == '\n' || out[len - 1] == '\r'))
		out[--len] = '\0';
	if (!len || strchr(out, '\n')) {
		free(out);
		return NULL;
	}
	return out;
}

/* "file://" and the percent-encoded absolute path, a '/' after it if dir. */
static char *file_uri(const char *path, bool dir)
{
	char *enc = uri_encode(path), *uri;
	size_t n;

	if (!enc)
		return NULL;
	n = strlen(enc) + 10;
	uri = malloc(n);
	if (uri)
		snprintf(uri, n, "file://%s%s", enc, dir ? "/" : "");
	free(enc);
	return uri;
}

/*
 * origin's URL as the absolute URI SARIF wants (repositoryUri): a URL keeps
 * its scheme without any user:password@ (a token must not land in a report);
 * git's scp-like "user@host:path" becomes "ssh://user@host/path"; a local
 * path (absolute, or relative to the top of the work tree) a file URI.
 * NULL when it is none of these.
 */
static char *remote_uri(const char *url, const char *top)
{
	const char *sep = strstr(url, "://"), *colon = strchr(url, ':');
	char *out, *abs;
	size_t n = strlen(url) + 16;

	if (sep && sep > url && strspn(url, "abcdefghijklmnopqrstuvwxyz0123456789+.-") ==
	    (size_t)(sep - url)) {
		const char *host = sep + 3, *end = host + strcspn(host, "/"), *at;

		out = malloc(n);
		if (!out)
			return NULL;
		at = memchr(host, '@', (size_t)(end - host));
		if (strstr(url, "http") == url && at)	/* https://user:token@host/ */
			snprintf(out, n, "%.*s%s", (int)(host - url), url, at + 1);
		else
			snprintf(out, n, "%s", url);
		return out;
	}
	if (colon && colon > url && !memchr(url, '/', (size_t)(colon - url))) {
		out = malloc(n);
		if (out)
			snprintf(out, n, "ssh://%.*s/%s", (int)(colon - url), url,
				 colon[1] == '/' ? colon + 2 : colon + 1);
		return out;
	}
	if (url[0] == '/')
		return file_uri(url, false);
	abs = path_join(top, url);
	out = abs ? realpath(abs, NULL) : NULL;
	free(abs);
	if (!out)
		return NULL;
	abs = file_uri(out, false);
	free(out);
	return abs;
}

/*
 * In a git checkout: the repository (origin's URL, else the file URI of the
 * top of the work tree), the commit and the branch.  NULL outside one.
 */
static struct json_object *vc_provenance(const char *cwd)
{
	static const char *const top_args[] = { "rev-parse", "--show-toplevel", NULL };
	static const char *const head_args[] = { "rev-parse", "--verify", "-q", "HEAD", NULL };
	static const char *const branch_args[] = { "symbolic-ref", "-q", "--short", "HEAD", NULL };
	static const char *const origin_args[] = { "remote", "get-url", "origin", NULL };
	char *top = git_line(top_args), *head, *branch, *origin;
	struct json_object *arr, *vcd;

	if (!top)
		return NULL;
	head = git_line(head_args);
	branch = git_line(branch_args);
	origin = git_line(origin_args);
	arr = json_object_new_array();
	vcd = json_object_new_object();
	{
		char *uri = origin ? remote_uri(origin, top) : NULL;

		if (!uri)
			uri = file_uri(top, true);
		json_object_object_add(vcd, "repositoryUri",
				       json_object_new_string(uri ? uri : "file:///"));
		free(uri);
	}
	if (head)
		json_object_object_add(vcd, "revisionId", json_object_new_string(head));
	if (branch)
		json_object_object_add(vcd, "branch", json_object_new_string(branch));
	if (cwd && !strcmp(cwd, top)) {
		struct json_object *mapped = json_object_new_object();

		json_object_object_add(mapped, "uriBaseId", json_object_new_string("SRCROOT"));
		json_object_object_add(vcd, "mappedTo", mapped);
	}
	json_object_array_add(arr, vcd);
	free(top);
	free(head);
	free(branch);
	free(origin);
	return arr;
}

int report_sarif(FILE *out, const struct findings *f, const struct run_summary *sum)
{
	struct json_object *root = json_object_new_object();
	struct json_object *runs = json_object_new_array();
	struct json_object *run = json_object_new_object();
	struct json_object *tool = json_object_new_object();
	struct json_object *driver = json_object_new_object();
	struct json_object *results = json_object_new_array();
	struct json_object *invs = json_object_new_array();
	struct json_object *inv = json_object_new_object();
	struct json_object *notes = json_object_new_array();
	struct json_object *vcp;
	char cwd[PATH_MAX], *base = NULL, info[1024];
	bool have_cwd = getcwd(cwd, sizeof(cwd)) != NULL;
	unsigned i;
	int ret;

	json_object_object_add(root, "$schema",
			       json_object_new_string("https://json.schemastore.org/sarif-2.1.0.json"));
	json_object_object_add(root, "version", json_object_new_string("2.1.0"));
	json_object_object_add(driver, "name", json_object_new_string("iommu-lint"));
	json_object_object_add(driver, "version", json_object_new_string(IOMMU_LINT_VERSION));
	json_object_object_add(driver, "semanticVersion", json_object_new_string(IOMMU_LINT_VERSION));
	snprintf(info, sizeof(info), "%s/index.md", explain_doc_url);
	json_object_object_add(driver, "informationUri", json_object_new_string(info));
	json_object_object_add(driver, "rules", rule_descriptors());
	json_object_object_add(tool, "driver", driver);
	json_object_object_add(run, "tool", tool);

	if (have_cwd) {
		struct json_object *bases = json_object_new_object();
		struct json_object *root_uri = json_object_new_object();
		char *enc = uri_encode(cwd);
		size_t len = enc ? strlen(enc) + 10 : 0;

		base = enc ? malloc(len) : NULL;
		if (base)
			snprintf(base, len, "file://%s/", enc);
		free(enc);
		json_object_object_add(root_uri, "uri", json_object_new_string(base ? base : "file:///"));
		json_object_object_add(bases, "SRCROOT", root_uri);
		json_object_object_add(run, "originalUriBaseIds", bases);
		free(base);
	}
	for (i = 0; i < f->n; i++)
		json_object_array_add(results, result(&f->v[i], have_cwd ? cwd : NULL));
	for (i = 0; sum->hidden && i < sum->hidden->n; i++)
		json_object_array_add(results, result(&sum->hidden->v[i], have_cwd ? cwd : NULL));
	json_object_object_add(run, "results", results);
	vcp = vc_provenance(have_cwd ? cwd : NULL);
	if (vcp)
		json_object_object_add(run, "versionControlProvenance", vcp);

	json_object_object_add(inv, "executionSuccessful", json_object_new_boolean(!sum->tool_failed));
	for (i = 0; i < sum->failed; i++) {
		struct json_object *n = json_object_new_object();
		struct json_object *locs = json_object_new_array();
		struct finding pseudo = { .file = sum->failures[i].file, .line = 1, .symbol = "" };

		json_object_object_add(n, "level", json_object_new_string("error"));
		json_object_object_add(n, "message", text_obj(sum->failures[i].reason));
		json_object_array_add(locs, location(&pseudo, have_cwd ? cwd : NULL));
		json_object_object_add(n, "locations", locs);
		json_object_array_add(notes, n);
	}
	/* what a frontend could not read (fx_limit): a note-level notification */
	for (i = 0; sum->prog && i < sum->prog->ntus; i++) {
		const struct fx_tu *tu = sum->prog->tus[i];
		unsigned k;

		for (k = 0; tu && k < tu->nlimits; k++) {
			struct json_object *n = json_object_new_object();
			struct json_object *locs = json_object_new_array();
			struct finding pseudo = { .file = (char *)tu->limits[k].loc.file,
						  .line = tu->limits[k].loc.line,
						  .col = tu->limits[k].loc.col, .symbol = "" };

			json_object_object_add(n, "level", json_object_new_string("note"));
			json_object_object_add(n, "message", text_obj(tu->limits[k].message));
			json_object_array_add(locs, location(&pseudo, have_cwd ? cwd : NULL));
			json_object_object_add(n, "locations", locs);
			json_object_array_add(notes, n);
		}
	}
	json_object_object_add(inv, "toolExecutionNotifications", notes);
	json_object_array_add(invs, inv);
	json_object_object_add(run, "invocations", invs);
	json_object_object_add(run, "columnKind", json_object_new_string("unicodeCodePoints"));
	json_object_array_add(runs, run);
	json_object_object_add(root, "runs", runs);

	ret = report_put_json(out, root);
	json_object_put(root);
	return ret;
}
