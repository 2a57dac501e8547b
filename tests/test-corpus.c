// SPDX-License-Identifier: GPL-2.0
/*
 * test-corpus.c - the strict fixture runner.  Every .c file under
 * corpus/<rule-id>/ is scanned (each engine in turn); the findings must be exactly the annotated
 * ones:
 *   / * expect: <id>[, <id>] * /       a finding of <id> on the next code line
 *   / * ok: <id> * /                   no finding of <id> on the next code line
 *   / * todo-expect: <id> * /          known gap: counted, never fails
 *   / * todo-ok: <id> * /              known false positive: counted, never fails
 *   / * flags: -DFOO * /               extra compiler flags for this fixture
 *   / * engines: clang * /             engines that can see this fixture
 * Any finding without an annotation fails, as does a missing expected one,
 * and a finding with neither a fix nor a no_fix_reason.  The auto engine
 * must also report exactly what clang mode reports on every fixture:
 * messages, related locations and fixes included (corpus.auto_equals_clang).
 * Known gaps are an info line, not cr_log_warn: Criterion 2.4 exits 1 after
 * any warning.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <criterion/parameterized.h>
#include <json-c/json.h>

#include "testutil.h"

#define MAX_ANN 256
#define MAX_FIXTURES 1024

struct fixture {
	char path[512];
	char engine[16];
};

enum ann_kind { ANN_EXPECT, ANN_OK, ANN_TODO_EXPECT, ANN_TODO_OK };

struct ann {
	enum ann_kind kind;
	char rule[64];
	unsigned line;		/* the line the annotation speaks about */
	bool matched;
};

struct fixture_text {
	unsigned nann;
	struct ann ann[MAX_ANN];
	char flags[256];
	char engines[64];
};

static const char *const engines[] = { "clang", "ts", "auto" };

static const char *const tags[] = {
	[ANN_EXPECT] = "expect:", [ANN_OK] = "ok:",
	[ANN_TODO_EXPECT] = "todo-expect:", [ANN_TODO_OK] = "todo-ok:",
};

static bool only_annotation(const char *line, size_t len)
{
	size_t i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	return i == len || (len - i >= 2 && line[i] == '/' && line[i + 1] == '*' &&
			    len >= 2 && line[len - 2] == '*' && line[len - 1] == '/');
}

/* The text after "tag" up to the comment's end, when this line carries it. */
static void tag_value(const char *line, size_t len, const char *tag, char *buf, size_t size)
{
	const char *c = strstr(line, tag), *end;

	if (!c || c >= line + len)
		return;
	end = strstr(c, "*/");
	if (!end || end > line + len)
		end = line + len;
	c += strlen(tag);
	snprintf(buf, size, "%.*s", (int)(end - c), c);
}

/* Read the annotations of one fixture. */
static void parse_fixture(const char *text, struct fixture_text *ft)
{
	unsigned line = 0, pending = 0, k;
	const char *p = text;

	memset(ft, 0, sizeof(*ft));
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *c;

		line++;
		/* resolve annotations waiting for the next code line */
		if (!only_annotation(p, len)) {
			for (k = ft->nann - pending; k < ft->nann; k++)
				ft->ann[k].line = line;
			pending = 0;
		}
		for (k = 0; k < 4; k++) {
			char ids[256], *tok, *save = NULL;
			const char *end;

			c = strstr(p, tags[k]);
			/* "ok:" inside "todo-ok:", "expect:" inside "todo-expect:" */
			if (!c || c >= p + len || (c > p && c[-1] == '-'))
				continue;
			c += strlen(tags[k]);
			end = strstr(c, "*/");
			if (!end || end > p + len)
				end = p + len;
			snprintf(ids, sizeof(ids), "%.*s", (int)(end - c), c);
			for (tok = strtok_r(ids, " ,\t", &save); tok; tok = strtok_r(NULL, " ,\t", &save)) {
				struct ann *a;

				if (ft->nann == MAX_ANN)
					break;
				a = &ft->ann[ft->nann++];
				a->kind = (enum ann_kind)k;
				snprintf(a->rule, sizeof(a->rule), "%s", tok);
				pending++;
			}
		}
		tag_value(p, len, "flags:", ft->flags, sizeof(ft->flags));
		tag_value(p, len, "engines:", ft->engines, sizeof(ft->engines));
		p += len + (eol ? 1 : 0);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_fixtures(struct criterion_test_params *crp)
{
	cr_free(crp->params);
}

/* Every corpus/<rule-id>/ *.c fixture path, sorted; returns how many. */
static unsigned list_fixtures(char **names, unsigned max)
{
	DIR *top = opendir("corpus"), *d;
	struct dirent *de, *fe;
	unsigned nn = 0;

	while (top && (de = readdir(top))) {
		char dir[300];

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "kernel"))
			continue;
		snprintf(dir, sizeof(dir), "corpus/%s", de->d_name);
		d = opendir(dir);
		while (d && (fe = readdir(d))) {
			size_t l = strlen(fe->d_name);
			char path[600];

			if (l < 3 || strcmp(fe->d_name + l - 2, ".c") || nn == max)
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, fe->d_name);
			names[nn++] = strdup(path);
		}
		if (d)
			closedir(d);
	}
	if (top)
		closedir(top);
	qsort(names, nn, sizeof(*names), cmp_str);
	return nn;
}

ParameterizedTestParameters(corpus, fixture)
{
	struct fixture *params = cr_malloc(sizeof(*params) * MAX_FIXTURES);
	char *names[MAX_FIXTURES];
	unsigned n = 0, nn = list_fixtures(names, MAX_FIXTURES), i, e;

	for (i = 0; i < nn; i++) {
		for (e = 0; e < sizeof(engines) / sizeof(engines[0]) && n < MAX_FIXTURES; e++) {
			snprintf(params[n].path, sizeof(params[n].path), "%s", names[i]);
			snprintf(params[n].engine, sizeof(params[n].engine), "%s", engines[e]);
			n++;
		}
		free(names[i]);
	}
	return cr_make_param_array(struct fixture, params, n, free_fixtures);
}

/*
 * How many fixtures only some engines can see ("engines: clang"): printed
 * with the run so the fast-mode gap stays visible.
 */
Test(corpus, engines_summary)
{
	static struct fixture_text ft;
	static char *names[MAX_FIXTURES];
	unsigned total = list_fixtures(names, MAX_FIXTURES), limited = 0, i;

	for (i = 0; i < total; i++) {
		char *text = read_file(names[i], NULL);

		cr_assert(text, "%s: cannot read", names[i]);
		parse_fixture(text, &ft);
		free(text);
		free(names[i]);
		if (ft.engines[0] && !strstr(ft.engines, "ts"))
			limited++;
	}
	fprintf(stderr, "corpus: %u fixtures, %u run through both engines, %u marked engines: clang\n",
		total, total - limited, limited);
	cr_assert(total > 0);
}

ParameterizedTest(struct fixture *fx, corpus, fixture, .timeout = 60)
{
	static struct fixture_text ft;
	char *argv[64], flags[256], engine_opt[32], *tok, *save = NULL, *text;
	struct json_object *root, *arr;
	struct run r;
	unsigned i, k, todo = 0;
	int argc = 0;
	bool ok = true;

	text = read_file(fx->path, NULL);
	cr_assert(text, "%s: cannot read", fx->path);
	parse_fixture(text, &ft);
	free(text);
	if (ft.engines[0] && !strstr(ft.engines, fx->engine)) {
		cr_log_info("%s [%s]: not for this engine (engines:%s)", fx->path, fx->engine,
			    ft.engines);
		return;
	}
	argv[argc++] = (char *)lint_path();
	argv[argc++] = "--format=json";
	argv[argc++] = "-q";
	snprintf(engine_opt, sizeof(engine_opt), "--engine=%s", fx->engine);
	argv[argc++] = engine_opt;
	argv[argc++] = fx->path;
	argv[argc++] = "--";
	argv[argc++] = "-Ireference/include";
	snprintf(flags, sizeof(flags), "%s", ft.flags);
	for (tok = strtok_r(flags, " \t", &save); tok && argc < 62; tok = strtok_r(NULL, " \t", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;

	cr_assert_eq(run_argv(argv, &r), 0, "cannot run %s", argv[0]);
	cr_assert(r.status == 0 || r.status == 1, "%s [%s]: tool failure (exit %d): %s",
		  fx->path, fx->engine, r.status, r.err);
	root = json_tokener_parse(r.out);
	cr_assert(root, "%s: checker output is not JSON", fx->path);
	cr_assert(json_object_object_get_ex(root, "findings", &arr));

	for (i = 0; i < json_object_array_length(arr); i++) {
		struct json_object *f = json_object_array_get_idx(arr, i), *v;
		const char *rule, *msg;
		unsigned line;
		bool annotated = false;

		json_object_object_get_ex(f, "rule", &v);
		rule = json_object_get_string(v);
		json_object_object_get_ex(f, "line", &v);
		line = (unsigned)json_object_get_int(v);
		json_object_object_get_ex(f, "message", &v);
		msg = json_object_get_string(v);
		/* every finding offers a fix or says why it cannot (docs/fixes.md) */
		if ((!json_object_object_get_ex(f, "fix", &v) || !v) &&
		    (!json_object_object_get_ex(f, "no_fix_reason", &v) || !v ||
		     !*json_object_get_string(v))) {
			cr_log_error("%s:%u: [%s] finding with neither a fix nor a reason for none: %s",
				     fx->path, line, rule, msg);
			ok = false;
		}
		for (k = 0; k < ft.nann; k++) {
			struct ann *a = &ft.ann[k];

			if (a->line != line || strcmp(a->rule, rule))
				continue;
			annotated = true;
			a->matched = true;
			if (a->kind == ANN_OK) {
				cr_log_error("%s:%u: [%s] unexpected finding on an ok: line: %s",
					     fx->path, line, rule, msg);
				ok = false;
			}
		}
		if (!annotated) {
			cr_log_error("%s:%u: [%s] finding without annotation: %s", fx->path, line,
				     rule, msg);
			ok = false;
		}
	}
	for (k = 0; k < ft.nann; k++) {
		const struct ann *a = &ft.ann[k];

		if (a->kind == ANN_EXPECT && !a->matched) {
			cr_log_error("%s:%u: expected a finding of [%s], got none [%s engine]",
				     fx->path, a->line, a->rule, fx->engine);
			ok = false;
		}
		if ((a->kind == ANN_TODO_EXPECT && !a->matched) ||
		    (a->kind == ANN_TODO_OK && a->matched))
			todo++;
	}
	if (todo)
		cr_log_info("%s: %u known gap(s) (todo-expect/todo-ok)", fx->path, todo);
	json_object_put(root);
	run_free(&r);
	cr_assert(ok, "%s [%s]: findings differ from the annotations", fx->path, fx->engine);
}

/* The findings array of one scan of a fixture, as canonical JSON (NULL: the scan failed). */
static char *scan_findings(const char *path, const char *engine, const char *fixture_flags)
{
	char *argv[64], flags[256], engine_opt[32], *tok, *save = NULL, *out = NULL;
	struct json_object *root, *arr;
	struct run r;
	int argc = 0;

	argv[argc++] = (char *)lint_path();
	argv[argc++] = "--format=json";
	argv[argc++] = "-q";
	snprintf(engine_opt, sizeof(engine_opt), "--engine=%s", engine);
	argv[argc++] = engine_opt;
	argv[argc++] = (char *)path;
	argv[argc++] = "--";
	argv[argc++] = "-Ireference/include";
	snprintf(flags, sizeof(flags), "%s", fixture_flags);
	for (tok = strtok_r(flags, " \t", &save); tok && argc < 62; tok = strtok_r(NULL, " \t", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (run_argv(argv, &r))
		return NULL;
	if ((r.status == 0 || r.status == 1) && (root = json_tokener_parse(r.out))) {
		if (json_object_object_get_ex(root, "findings", &arr))
			out = strdup(json_object_to_json_string_ext(arr, JSON_C_TO_STRING_PLAIN));
		json_object_put(root);
	}
	run_free(&r);
	return out;
}

ParameterizedTestParameters(corpus, auto_equals_clang)
{
	struct fixture *params = cr_malloc(sizeof(*params) * MAX_FIXTURES);
	char *names[MAX_FIXTURES];
	unsigned n = list_fixtures(names, MAX_FIXTURES), i;

	for (i = 0; i < n; i++) {
		snprintf(params[i].path, sizeof(params[i].path), "%s", names[i]);
		snprintf(params[i].engine, sizeof(params[i].engine), "auto");
		free(names[i]);
	}
	return cr_make_param_array(struct fixture, params, n, free_fixtures);
}

ParameterizedTest(struct fixture *fx, corpus, auto_equals_clang, .timeout = 60)
{
	static struct fixture_text ft;
	char *text = read_file(fx->path, NULL), *c, *a;

	cr_assert(text, "%s: cannot read", fx->path);
	parse_fixture(text, &ft);
	free(text);
	c = scan_findings(fx->path, "clang", ft.flags);
	a = scan_findings(fx->path, "auto", ft.flags);
	cr_assert(c && a, "%s: a scan failed (clang %s, auto %s)", fx->path, c ? "ok" : "failed",
		  a ? "ok" : "failed");
	if (strcmp(c, a))
		cr_log_error("%s: clang mode:\n%s\nauto engine:\n%s", fx->path, c, a);
	cr_assert_str_eq(a, c, "%s: the auto engine's findings differ from clang mode's", fx->path);
	free(c);
	free(a);
}
