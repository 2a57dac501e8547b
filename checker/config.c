// SPDX-License-Identifier: GPL-2.0
/*
 * config.c - .iommu-lint files (config.h): read them from a directory
 * upward, turn the run's into option words before the command line, and
 * filter jobs and findings by the excludes and rule switches of each file's
 * own directory.  Options are checked by options_parse() itself, one config
 * line at a time, so an error names the file and line.
 */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argv.h"
#include "config.h"
#include "options.h"
#include "registry.h"
#include "util.h"

/* A config line: an option and its separate value, or exclude = GLOB. */
struct config_line {
	char *tok[2];
	int ntok;
	unsigned line;
	char *origin;			/* "FILE:LINE" */
	bool said;			/* its warning was printed */
};

struct config_file {
	struct config_file *next;
	char *dir, *path;
	bool root;
	int nopt, nexcl;
	struct config_line *opt, *excl;	/* excl: tok[0] is the glob */
};

struct config_dir {
	struct config_dir *next;
	char *dir;
	int n;
	struct config_file **chain;	/* farthest first */
	bool rs_ready;
	struct rule_settings rs;
};

/* Options whose value may be a separate word; path values are config-relative. */
static const struct value_opt {
	const char *name;
	bool path;
} value_opts[] = {
	{ "--baseline", true },
	{ "--diff", false },
	{ "--engine", false },
	{ "--export-fixes", true },
	{ "--fail-on", false },
	{ "--files-from", true },
	{ "--format", false },
	{ "--merge", true },
	{ "--patch-dir", true },
	{ "--sarif-dir", true },
	{ "--write-baseline", true },
	{ "-j", false },
	{ "-o", true },
	{ "-p", true },
};

static const char cmdline[] = "command line";

/* The value option a word starts (name, "name=V", or "-xV"), or NULL. */
static const struct value_opt *value_opt_of(const char *w, const char **attached)
{
	size_t i, n;

	*attached = NULL;
	for (i = 0; i < sizeof(value_opts) / sizeof(value_opts[0]); i++) {
		n = strlen(value_opts[i].name);
		if (strncmp(w, value_opts[i].name, n))
			continue;
		if (!w[n])
			return &value_opts[i];
		if (w[1] == '-' && w[n] == '=') {
			*attached = w + n + 1;
			return &value_opts[i];
		}
		if (w[1] != '-') {
			*attached = w + n;
			return &value_opts[i];
		}
	}
	return NULL;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* A relative path value made relative to the config file's directory. */
static char *config_path(const char *dir, const char *v)
{
	return v[0] == '/' || !v[0] ? xstrdup(v) : path_join(dir, v);
}

/* One option line: "OPT", "OPT=V", "-xV" or "OPT V". */
static int parse_option(struct config_file *f, char *s, struct config_line *l, char *err,
			size_t errlen)
{
	const struct value_opt *vo;
	const char *att;
	char *sp = s + strcspn(s, " \t"), *val = NULL;

	if (*sp) {
		*sp = '\0';
		val = trim(sp + 1);
	}
	if (!strcmp(s, "--")) {
		snprintf(err, errlen, "%s: compiler flags (--) belong on the command line", l->origin);
		return -EINVAL;
	}
	vo = value_opt_of(s, &att);
	if (val && (!vo || att)) {
		snprintf(err, errlen, "%s: '%s' takes no separate value ('%s')", l->origin, s, val);
		return -EINVAL;
	}
	if (vo && !att && !val) {
		snprintf(err, errlen, "%s: option %s needs a value", l->origin, s);
		return -EINVAL;
	}
	if (vo && vo->path && att && *att && *att != '/') {
		char *abs = config_path(f->dir, att), *w;
		size_t n = (size_t)(att - s) + strlen(abs) + 1;

		w = xmalloc(n);
		snprintf(w, n, "%.*s%s", (int)(att - s), s, abs);
		free(abs);
		l->tok[0] = w;
	} else {
		l->tok[0] = xstrdup(s);
	}
	l->ntok = 1;
	if (val)
		l->tok[l->ntok++] = vo->path ? config_path(f->dir, val) : xstrdup(val);
	return 0;
}

/* One "key = value" line: exclude or root. */
static int parse_setting(struct config_file *f, char *s, struct config_line *l, char *err,
			 size_t errlen)
{
	char *eq = strchr(s, '='), *key, *val;

	if (!eq) {
		snprintf(err, errlen, "%s: '%s' is neither an option nor KEY = VALUE", l->origin, s);
		return -EINVAL;
	}
	*eq = '\0';
	key = trim(s);
	val = trim(eq + 1);
	if (!strcmp(key, "root")) {
		if (strcmp(val, "true") && strcmp(val, "false")) {
			snprintf(err, errlen, "%s: root = true or false, not '%s'", l->origin, val);
			return -EINVAL;
		}
		f->root = !strcmp(val, "true");
		return 1;
	}
	if (strcmp(key, "exclude")) {
		snprintf(err, errlen, "%s: unknown setting '%s' (exclude, root, or an option)",
			 l->origin, key);
		return -EINVAL;
	}
	if (!*val || val[0] == '/') {
		snprintf(err, errlen, "%s: exclude needs a path relative to %s", l->origin, f->dir);
		return -EINVAL;
	}
	while (strlen(val) > 1 && val[strlen(val) - 1] == '/')
		val[strlen(val) - 1] = '\0';
	l->tok[0] = xstrdup(val);
	l->ntok = 1;
	return 0;
}

static void file_free(struct config_file *f)
{
	int i;

	for (i = 0; i < f->nopt; i++) {
		free(f->opt[i].tok[0]);
		free(f->opt[i].tok[1]);
		free(f->opt[i].origin);
	}
	for (i = 0; i < f->nexcl; i++) {
		free(f->excl[i].tok[0]);
		free(f->excl[i].origin);
	}
	free(f->opt);
	free(f->excl);
	free(f->dir);
	free(f->path);
	free(f);
}

/* dir/.iommu-lint, or NULL in *out when there is none. */
static int read_config(const char *dir, struct config_file **out, char *err, size_t errlen)
{
	struct config_file *f;
	char *text, *p, *next, why[256];
	unsigned lineno = 0;
	size_t len;
	int ret = 0;

	*out = NULL;
	f = xmalloc(sizeof(*f));
	memset(f, 0, sizeof(*f));
	f->dir = xstrdup(dir);
	f->path = path_join(dir, CONFIG_NAME);
	if (access(f->path, F_OK)) {
		file_free(f);
		return 0;
	}
	if (read_source(f->path, &text, &len, why, sizeof(why))) {
		snprintf(err, errlen, "%s", why);
		file_free(f);
		return -EINVAL;
	}
	for (p = text; p && *p; p = next) {
		struct config_line l = { .line = ++lineno };
		char *s;
		int r;

		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		s = trim(p);
		if (!*s || *s == '#')
			continue;
		l.origin = xmalloc(strlen(f->path) + 16);
		sprintf(l.origin, "%s:%u", f->path, l.line);
		r = *s == '-' ? parse_option(f, s, &l, err, errlen) :
				parse_setting(f, s, &l, err, errlen);
		if (r) {
			free(l.origin);
			if (r < 0) {
				ret = r;
				break;
			}
			continue;
		}
		if (*s == '-') {
			f->opt = xrealloc(f->opt, (size_t)(f->nopt + 1) * sizeof(*f->opt));
			f->opt[f->nopt++] = l;
		} else {
			f->excl = xrealloc(f->excl, (size_t)(f->nexcl + 1) * sizeof(*f->excl));
			f->excl[f->nexcl++] = l;
		}
	}
	free(text);
	if (ret) {
		file_free(f);
		return ret;
	}
	*out = f;
	return 0;
}

/* The chain of config files for directory dir (a real path), cached. */
/* The cached chain of directory dir, or NULL (a whole tree has thousands). */
static struct config_dir *dir_find(const struct config *c, const char *dir)
{
	unsigned i;

	if (!c->index_cap)
		return NULL;
	for (i = (unsigned)str_hash64(dir) & (c->index_cap - 1); c->index[i];
	     i = (i + 1) & (c->index_cap - 1))
		if (!strcmp(c->index[i]->dir, dir))
			return c->index[i];
	return NULL;
}

static void dir_index(struct config *c, struct config_dir *d)
{
	unsigned i;

	if (2 * (c->ndirs + 1) > c->index_cap) {
		struct config_dir *e;

		free(c->index);
		c->index_cap = c->index_cap ? 2 * c->index_cap : 256;
		c->index = xcalloc(c->index_cap, sizeof(*c->index));
		c->ndirs = 0;
		for (e = c->dirs; e; e = e->next)
			if (e != d)
				dir_index(c, e);
	}
	for (i = (unsigned)str_hash64(d->dir) & (c->index_cap - 1); c->index[i];
	     i = (i + 1) & (c->index_cap - 1))
		;
	c->index[i] = d;
	c->ndirs++;
}

static int chain_of(struct config *c, const char *dir, struct config_dir **out, char *err,
		    size_t errlen)
{
	struct config_dir *d, *up = NULL;
	struct config_file *f;
	char *parent, *slash;
	int ret;

	if (c->last && !strcmp(c->last->dir, dir)) {
		*out = c->last;
		return 0;
	}
	if ((d = dir_find(c, dir))) {
		*out = c->last = d;
		return 0;
	}
	ret = read_config(dir, &f, err, errlen);
	if (ret)
		return ret;
	if (strcmp(dir, "/") && !(f && f->root)) {
		parent = xstrdup(dir);
		slash = strrchr(parent, '/');
		if (slash == parent)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		ret = slash ? chain_of(c, parent, &up, err, errlen) : 0;
		free(parent);
		if (ret) {
			if (f)
				file_free(f);
			return ret;
		}
	}
	d = xmalloc(sizeof(*d));
	memset(d, 0, sizeof(*d));
	d->dir = xstrdup(dir);
	d->n = (up ? up->n : 0) + !!f;
	d->chain = xmalloc((size_t)(d->n + 1) * sizeof(*d->chain));
	if (up)
		memcpy(d->chain, up->chain, (size_t)up->n * sizeof(*d->chain));
	if (f) {
		d->chain[d->n - 1] = f;
		f->next = c->files;
		c->files = f;
	}
	d->next = c->dirs;
	c->dirs = d;
	dir_index(c, d);
	*out = c->last = d;
	return 0;
}

/* options_parse() once more, its warnings unsaid: the real parse says them. */
static int reparse(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
	options_init(o);
	o->no_warnings = true;
	if (argc > 1 && options_parse_args(o, argc - 1, argv + 1, NULL, err, errlen))
		return -EINVAL;
	return options_finish(o, err, errlen);
}

/* -Wno-<id> of a rule that does not exist: a warning (as gcc), and a no-op. */
static bool unknown_wno(const struct config_line *l)
{
	return !strncmp(l->tok[0], "-Wno-", 5) && rule_lookup(l->tok[0] + 5) < 0;
}

/* Check one config line with the command-line parser: its error names the
 * line, and so does its warning, said once whichever chains read the line. */
static int check_line(struct config_line *l, char *err, size_t errlen)
{
	char *argv[4] = { "iommu-lint", l->tok[0], l->tok[1], NULL };
	struct options o;
	char why[512];
	int ret;

	ret = reparse(1 + l->ntok, argv, &o, why, sizeof(why));
	options_free(&o);
	if (ret)
		snprintf(err, errlen, "%s: %s", l->origin, why);
	else if (!l->said && unknown_wno(l))
		fprintf(stderr, "iommu-lint: warning: %s: unknown rule id '%s' in %s (see --list-rules)\n",
			l->origin, l->tok[0] + 5, l->tok[0]);
	l->said = true;
	return ret;
}

static void push_word(struct config *c, char *w, char *origin)
{
	c->argv = xrealloc(c->argv, (size_t)(c->argc + 2) * sizeof(*c->argv));
	c->origin = xrealloc(c->origin, (size_t)(c->argc + 2) * sizeof(*c->origin));
	c->argv[c->argc] = w;
	c->origin[c->argc++] = origin;
	c->argv[c->argc] = NULL;
	c->origin[c->argc] = NULL;
}

int config_load(struct config *c, int argc, char **argv, char *err, size_t errlen)
{
	struct config_dir *d;
	char cwd[PATH_MAX];
	bool dashdash = false;
	int i, k, ret;

	memset(c, 0, sizeof(*c));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		c->disabled |= !strcmp(argv[i], "--no-config");
	}
	push_word(c, argv[0], (char *)cmdline);
	if (!c->disabled && getcwd(cwd, sizeof(cwd))) {
		ret = chain_of(c, cwd, &d, err, errlen);
		if (ret)
			return ret;
		c->nrun = d->n;
		c->run = d->chain;
		for (i = 0; i < d->n; i++) {
			for (k = 0; k < d->chain[i]->nopt; k++) {
				struct config_line *l = &d->chain[i]->opt[k];

				if (check_line(l, err, errlen))
					return -EINVAL;
				if (unknown_wno(l))
					continue;	/* warned with its line above */
				push_word(c, l->tok[0], l->origin);
				if (l->ntok > 1)
					push_word(c, l->tok[1], l->origin);
			}
		}
	}
	for (i = 1; i < argc; i++) {
		const char *att;

		if (!dashdash && !strcmp(argv[i], "--")) {
			dashdash = true;
		} else if (!dashdash && !strcmp(argv[i], "--no-config")) {
			continue;
		} else if (!dashdash && !strcmp(argv[i], "--print-config")) {
			c->print = true;
			continue;
		} else if (!dashdash && !strncmp(argv[i], "-W", 2)) {
			c->cmd_rules = xrealloc(c->cmd_rules,
						(size_t)(c->ncmd_rules + 1) * sizeof(*c->cmd_rules));
			c->cmd_rules[c->ncmd_rules++] = argv[i];
		} else if (!dashdash && value_opt_of(argv[i], &att) && !att && i + 1 < argc) {
			push_word(c, argv[i], (char *)cmdline);
			i++;
		}
		push_word(c, argv[i], (char *)cmdline);
	}
	return 0;
}

/* The rule settings of a directory's chain, then the command line's switches. */
static int chain_rules(struct config *c, struct config_dir *d, char *err, size_t errlen)
{
	struct options o;
	char **argv, why[512];
	int i, k, n = 1, ret;

	if (d->rs_ready)
		return 0;
	argv = xmalloc((size_t)(c->ncmd_rules + 2) * sizeof(*argv));
	argv[0] = "iommu-lint";
	for (i = 0; i < d->n; i++) {
		for (k = 0; k < d->chain[i]->nopt; k++) {
			struct config_line *l = &d->chain[i]->opt[k];

			if (strncmp(l->tok[0], "-W", 2))
				continue;
			if (check_line(l, err, errlen)) {
				free(argv);
				return -EINVAL;
			}
			argv = xrealloc(argv, (size_t)(n + c->ncmd_rules + 2) * sizeof(*argv));
			argv[n++] = l->tok[0];
		}
	}
	for (i = 0; i < c->ncmd_rules; i++)
		argv[n++] = c->cmd_rules[i];
	argv[n] = NULL;
	ret = reparse(n, argv, &o, why, sizeof(why));
	if (ret)
		snprintf(err, errlen, "%s", why);
	else
		d->rs = o.rules;
	options_free(&o);
	free(argv);
	d->rs_ready = !ret;
	return ret;
}

/* The exclude line of the chain that names path, or NULL. */
static const struct config_line *excluded_by(const struct config_dir *d, const char *path)
{
	char rel[PATH_MAX];
	int i, k;

	for (i = d->n - 1; i >= 0; i--) {
		const struct config_file *f = d->chain[i];
		size_t n = strlen(f->dir);

		if (strcmp(f->dir, "/") && (strncmp(path, f->dir, n) || path[n] != '/'))
			continue;
		for (k = 0; k < f->nexcl; k++) {
			char *slash;

			snprintf(rel, sizeof(rel), "%s", path + (strcmp(f->dir, "/") ? n + 1 : 1));
			/* the path itself, then each directory above it */
			for (;;) {
				if (!fnmatch(f->excl[k].tok[0], rel, 0))
					return &f->excl[k];
				slash = strrchr(rel, '/');
				if (!slash)
					break;
				*slash = '\0';
			}
		}
	}
	return NULL;
}

/* The chain of the directory holding the file at real path rp. */
static int chain_of_file(struct config *c, const char *rp, struct config_dir **d, char *err,
			 size_t errlen)
{
	char dir[2 * PATH_MAX + 2], cwd[PATH_MAX], *slash;

	/* a file that is gone is named as given: relative to the cwd */
	if (rp[0] != '/' && getcwd(cwd, sizeof(cwd)))
		snprintf(dir, sizeof(dir), "%s/%s", cwd, rp);
	else
		snprintf(dir, sizeof(dir), "%s", rp);
	slash = strrchr(dir, '/');
	if (!slash) {
		snprintf(err, errlen, "%s: cannot find its directory", rp);
		return -ENOENT;
	}
	if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	return chain_of(c, dir, d, err, errlen);
}

/*
 * Whether the job at real path rp is kept (not excluded); a job that does
 * not resolve is kept, so that reading it fails as it would without a config.
 */
static int keep_job(struct config *c, const char *rp, struct rule_settings *rs, bool *keep,
		    char *err, size_t errlen)
{
	struct config_dir *d;
	int r, ret;

	*keep = true;
	if (!rp)
		return 0;
	ret = chain_of_file(c, rp, &d, err, errlen);
	if (ret)
		return ret;
	if (excluded_by(d, rp)) {
		*keep = false;
		return 0;
	}
	ret = chain_rules(c, d, err, errlen);
	for (r = 0; !ret && r < RULE_COUNT; r++)
		rs->enabled[r] |= d->rs.enabled[r];
	return ret;
}

struct jobs_arg {
	struct config *c;
	struct rule_settings *rs;
	char *err;
	size_t errlen;
	int ret;
};

static bool keep_job_cb(const char *rp, void *arg)
{
	struct jobs_arg *a = arg;
	bool keep = true;

	if (!a->ret)
		a->ret = keep_job(a->c, rp, a->rs, &keep, a->err, a->errlen);
	return keep;
}

int config_apply_jobs(struct config *c, struct job_list *jobs, struct rule_settings *rs,
		      char *err, size_t errlen)
{
	struct jobs_arg a = { c, rs, err, errlen, 0 };

	if (c->disabled)
		return 0;
	jobs_keep(jobs, keep_job_cb, &a);
	return a.ret;
}

struct findings_arg {
	struct config *c;
	char *last_file, *last_rp;
};

static bool hide_finding(const struct finding *x, void *arg)
{
	struct findings_arg *a = arg;
	struct config_dir *d;
	char err[256];

	if (!a->last_file || strcmp(a->last_file, x->file)) {
		free(a->last_file);
		free(a->last_rp);
		a->last_file = xstrdup(x->file);
		a->last_rp = realpath(x->file, NULL);
	}
	if (!a->last_rp || chain_of_file(a->c, a->last_rp, &d, err, sizeof(err)))
		return false;
	if (excluded_by(d, a->last_rp))
		return true;
	if (chain_rules(a->c, d, err, sizeof(err)))
		return false;
	if (!d->rs.enabled[x->rule])
		return true;
	return false;
}

void config_filter_findings(struct config *c, struct findings *f)
{
	struct findings_arg a = { c, NULL, NULL };
	unsigned i;

	if (c->disabled)
		return;
	findings_filter(f, hide_finding, &a);
	for (i = 0; i < f->n; i++) {
		struct finding *x = &f->v[i];
		struct config_dir *d;
		char *rp = realpath(x->file, NULL), err[256];

		if (rp && !chain_of_file(c, rp, &d, err, sizeof(err)) && d->rs_ready)
			x->severity = rule_level(&d->rs, x->rule, x->severity);
		free(rp);
	}
	free(a.last_file);
	free(a.last_rp);
}

/* The key of an option word: its name, or the rule it switches. */
static void word_key(const char *w, char *key, size_t n)
{
	const char *id;

	if (!strncmp(w, "-W", 2) && strcmp(w, "-Wall") && strcmp(w, "-Werror")) {
		id = w + 2;
		if (!strncmp(id, "no-", 3))
			id += 3;
		else if (!strncmp(id, "error=", 6))
			id += 6;
		snprintf(key, n, "-W%s", id);
		return;
	}
	if (!strcmp(w, "--fast")) {
		snprintf(key, n, "--engine");
		return;
	}
	snprintf(key, n, "%.*s", (int)strcspn(w, "="), w);
	if (key[0] == '-' && key[1] != '-' && key[1] && key[2])
		key[2] = '\0';
}

static void print_file_rules(struct config *c, FILE *out, const char *file)
{
	const struct config_line *ex;
	struct config_dir *d;
	char *rp = realpath(file, NULL), err[512];
	int i, k;

	if (!rp || chain_of_file(c, rp, &d, err, sizeof(err))) {
		fprintf(out, "# %s: not found\n", file);
		free(rp);
		return;
	}
	fprintf(out, "# %s:\n", file);
	ex = excluded_by(d, rp);
	if (ex)
		fprintf(out, "exclude = %-40s # %s\n", ex->tok[0], ex->origin);
	for (i = 0; i < d->n; i++)
		for (k = 0; k < d->chain[i]->nopt; k++)
			if (!strncmp(d->chain[i]->opt[k].tok[0], "-W", 2))
				fprintf(out, "%-50s # %s\n", d->chain[i]->opt[k].tok[0],
					d->chain[i]->opt[k].origin);
	for (i = 0; i < c->ncmd_rules; i++)
		fprintf(out, "%-50s # %s\n", c->cmd_rules[i], cmdline);
	free(rp);
}

int config_print(struct config *c, FILE *out, int nfiles, char *const *files)
{
	char key[128], key2[128], val[PATH_MAX + 128];
	int i, j, k, end = c->argc;

	fprintf(out, "# iommu-lint configuration: the %s files read, farthest first\n",
		CONFIG_NAME);
	for (i = 0; i < c->nrun; i++)
		fprintf(out, "#   %s\n", c->run[i]->path);
	if (c->disabled)
		fputs("#   (none: --no-config)\n", out);
	else if (!c->nrun)
		fputs("#   (none above the current directory)\n", out);
	fputs("# the options in the order applied; the last of a kind wins\n", out);
	for (i = 1; i < c->argc; i++)
		if (!strcmp(c->argv[i], "--") && c->origin[i] == cmdline)
			end = i;
	for (i = 1; i < end; i = j) {
		const char *att, *over = NULL;

		j = i + 1;
		if (c->argv[i][0] != '-')
			continue;
		snprintf(val, sizeof(val), "%s", c->argv[i]);
		if (value_opt_of(c->argv[i], &att) && !att && j < end && c->origin[j] == c->origin[i]) {
			snprintf(val, sizeof(val), "%s %s", c->argv[i], c->argv[j]);
			j++;
		}
		word_key(c->argv[i], key, sizeof(key));
		for (k = j; k < end && !over; k++) {
			word_key(c->argv[k], key2, sizeof(key2));
			if (c->argv[k][0] == '-' && !strcmp(key, key2))
				over = c->origin[k];
		}
		fprintf(out, "%-50s # %s%s%s\n", val, c->origin[i], over ? ", overridden: " : "",
			over ? over : "");
	}
	if (end < c->argc)
		fprintf(out, "-- (%d compiler flags)%29s # %s\n", c->argc - end - 1, "", cmdline);
	for (i = 0; i < c->nrun; i++)
		for (k = 0; k < c->run[i]->nexcl; k++)
			fprintf(out, "exclude = %-40s # %s\n", c->run[i]->excl[k].tok[0],
				c->run[i]->excl[k].origin);
	for (i = 0; i < nfiles; i++)
		print_file_rules(c, out, files[i]);
	return ferror(out) || fflush(out) ? 2 : 0;
}

void config_free(struct config *c)
{
	struct config_file *f, *fn;
	struct config_dir *d, *dn;

	for (d = c->dirs; d; d = dn) {
		dn = d->next;
		free(d->chain);
		free(d->dir);
		free(d);
	}
	free(c->index);
	c->index = NULL;
	c->index_cap = c->ndirs = 0;
	for (f = c->files; f; f = fn) {
		fn = f->next;
		file_free(f);
	}
	free(c->argv);
	free(c->origin);
	free(c->cmd_rules);
	memset(c, 0, sizeof(*c));
}
