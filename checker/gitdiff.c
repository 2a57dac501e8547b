// SPDX-License-Identifier: GPL-2.0
/*
 * gitdiff.c - changed lines from git.  git is run as a child process (no
 * shell) with the options that make its output independent of the user's
 * configuration (prefixes, colour, external diff drivers, path quoting),
 * --text so that a .c git takes for binary is still listed (and refused);
 * the -U0 patch is read hunk by hunk, counting each hunk's lines so that an
 * added line which happens to read "+++ b/x" is not taken for a header.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compdb.h"
#include "gitdiff.h"
#include "util.h"

extern char **environ;

#define MAX_GIT_ARGS 64

/*
 * Run git with args (NULL-terminated), in top when given; collect stdout.
 * Returns git's exit status (0..255), or -errno when it cannot be run.
 */
int run_git(const char *top, const char *const *args, char **out, size_t *outlen)
{
	const char *argv[MAX_GIT_ARGS + 8];
	posix_spawn_file_actions_t fa;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int fds[2], n = 0, status, ret;
	pid_t pid;

	argv[n++] = "git";
	if (top) {
		argv[n++] = "-C";
		argv[n++] = top;
	}
	argv[n++] = "-c";
	argv[n++] = "core.quotepath=off";
	while (*args && n < MAX_GIT_ARGS + 6)
		argv[n++] = *args++;
	argv[n] = NULL;
	if (pipe(fds))
		return -errno;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	ret = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (ret) {
		close(fds[0]);
		return -ret;
	}
	for (;;) {
		ssize_t r;

		if (cap - len < 4096) {
			char *nb = realloc(buf, cap ? cap * 2 : 65536);

			if (!nb) {
				ret = -ENOMEM;
				break;
			}
			buf = nb;
			cap = cap ? cap * 2 : 65536;
		}
		r = read(fds[0], buf + len, cap - len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		len += (size_t)r;
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (ret) {
		free(buf);
		return ret;
	}
	if (buf)
		buf[len] = '\0';
	*out = buf;
	if (outlen)
		*outlen = len;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void chomp(char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* A path as git quotes it ("a\tb\303\251.c"), unquoted in place. */
static void unquote(char *s)
{
	char *o = s, *p = s + 1;

	if (*s != '"')
		return;
	for (; *p && *p != '"'; p++) {
		if (*p != '\\' || !p[1]) {
			*o++ = *p;
			continue;
		}
		p++;
		if (*p >= '0' && *p <= '7') {
			int v = 0, k;

			for (k = 0; k < 3 && *p >= '0' && *p <= '7'; k++, p++)
				v = v * 8 + (*p - '0');
			p--;
			*o++ = (char)v;
			continue;
		}
		switch (*p) {
		case 'a': *o++ = '\a'; break;
		case 'b': *o++ = '\b'; break;
		case 't': *o++ = '\t'; break;
		case 'n': *o++ = '\n'; break;
		case 'v': *o++ = '\v'; break;
		case 'f': *o++ = '\f'; break;
		case 'r': *o++ = '\r'; break;
		default: *o++ = *p; break;
		}
	}
	*o = '\0';
}

static struct diff_file *file_get(struct git_diff *d, const char *rel)
{
	struct diff_file *f;
	char *abs;
	size_t n;
	unsigned i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(d->v[i].rel, rel))
			return &d->v[i];
	if (d->n == d->cap) {
		unsigned cap = d->cap ? d->cap * 2 : 16;
		struct diff_file *v = realloc(d->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		d->v = v;
		d->cap = cap;
	}
	f = &d->v[d->n];
	memset(f, 0, sizeof(*f));
	n = strlen(d->top) + strlen(rel) + 2;
	abs = malloc(n);
	f->rel = strdup(rel);
	if (!abs || !f->rel) {
		free(abs);
		free(f->rel);
		return NULL;
	}
	snprintf(abs, n, "%s/%s", d->top, rel);
	f->path = realpath(abs, NULL);
	if (f->path)
		free(abs);
	else
		f->path = abs;
	d->n++;
	return f;
}

static int add_range(struct diff_file *f, unsigned first, unsigned last)
{
	if (f->nranges == f->cap) {
		unsigned cap = f->cap ? f->cap * 2 : 16;
		struct diff_range *v = realloc(f->ranges, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		f->ranges = v;
		f->cap = cap;
	}
	f->ranges[f->nranges].first = first;
	f->ranges[f->nranges++].last = last;
	return 0;
}

/* "-a[,b] +c[,d]" of a hunk header. */
static bool parse_hunk(const char *s, unsigned long *old_n, unsigned long *new_start,
		       unsigned long *new_n)
{
	char *e;

	if (strncmp(s, "@@ -", 4))
		return false;
	strtoul(s + 4, &e, 10);
	*old_n = 1;
	if (*e == ',')
		*old_n = strtoul(e + 1, &e, 10);
	if (strncmp(e, " +", 2))
		return false;
	*new_start = strtoul(e + 2, &e, 10);
	*new_n = 1;
	if (*e == ',')
		*new_n = strtoul(e + 1, &e, 10);
	return !strncmp(e, " @@", 3);
}

static bool is_c_source(const char *p)
{
	size_t n = strlen(p);

	return n > 2 && p[n - 2] == '.' && (p[n - 1] == 'c' || p[n - 1] == 'h');
}

/*
 * Read a -U0 patch into d.  A file seen again (the --staged re-diff of a
 * file with unstaged changes) gets its ranges replaced.
 */
static int parse_patch(char *text, struct git_diff *d)
{
	struct diff_file *cur = NULL;
	unsigned long old_left = 0, new_left = 0;
	char *line, *save = NULL;
	bool link = false;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long old_n, start, new_n;

		if (old_left || new_left) {
			if (line[0] == '-' && old_left)
				old_left--;
			else if (line[0] == '+' && new_left)
				new_left--;
			continue;
		}
		if (!strncmp(line, "diff --git ", 11)) {
			cur = NULL;
			link = false;
		} else if (!strncmp(line, "new file mode 120000", 20) ||
			   !strncmp(line, "new mode 120000", 15) ||
			   (!strncmp(line, "index ", 6) && strstr(line, " 120000"))) {
			link = true;
		} else if (!strncmp(line, "+++ ", 4)) {
			char *p = line + 4;
			size_t n;

			/* git ends a name holding a space with a tab (for GNU patch) */
			if (*p != '"' && (n = strlen(p)) && p[n - 1] == '\t')
				p[n - 1] = '\0';
			unquote(p);
			cur = NULL;
			if (strncmp(p, "b/", 2) || !is_c_source(p + 2))
				continue;
			cur = file_get(d, p + 2);
			if (!cur)
				return -ENOMEM;
			cur->nranges = 0;
			cur->symlink = link;
			/* a new or retargeted link: every line under this name is new */
			if (link && add_range(cur, 1, UINT_MAX))
				return -ENOMEM;
		} else if (cur && parse_hunk(line, &old_n, &start, &new_n)) {
			unsigned first = (unsigned)start, last = (unsigned)(start + new_n - 1);

			/* a pure deletion after line c: both neighbours changed */
			if (!new_n) {
				first = start ? (unsigned)start : 1;
				last = (unsigned)start + 1;
			}
			if (add_range(cur, first, last))
				return -ENOMEM;
			old_left = old_n;
			new_left = new_n;
		}
	}
	return 0;
}

static const char *const diff_opts[] = {
	"diff", "-U0", "--text", "--no-color", "--no-ext-diff", "--no-textconv", "--no-renames",
	"--ignore-submodules", "--diff-filter=AM", "--src-prefix=a/", "--dst-prefix=b/",
};
#define NDIFF_OPTS (sizeof(diff_opts) / sizeof(diff_opts[0]))

/* One git diff run over args, its patch parsed into d. */
static int diff_run(struct git_diff *d, const char **args, char *err, size_t errlen)
{
	char *out = NULL;
	int rc = run_git(d->top, args, &out, NULL);

	if (rc) {
		snprintf(err, errlen, "git diff failed (exit %d)", rc);
		return rc < 0 ? rc : -EIO;
	}
	rc = parse_patch(out, d);
	free(out);
	if (rc)
		snprintf(err, errlen, "out of memory");
	return rc;
}

/*
 * git diff [extra...] -- paths (or '*.c' '*.h'), parsed into d; long path
 * lists go through several runs.
 */
static int diff_into(struct git_diff *d, const char *const *extra, const char *const *paths,
		     unsigned npaths, char *err, size_t errlen)
{
	const char *args[MAX_GIT_ARGS + 1];
	unsigned n = 0, i, base, done = 0;
	int rc;

	for (i = 0; i < NDIFF_OPTS; i++)
		args[n++] = diff_opts[i];
	while (*extra)
		args[n++] = *extra++;
	args[n++] = "--";
	if (!paths) {
		args[n++] = "*.c";
		args[n++] = "*.h";
		args[n] = NULL;
		return diff_run(d, args, err, errlen);
	}
	base = n;
	while (done < npaths) {
		for (n = base; done < npaths && n < MAX_GIT_ARGS; done++)
			args[n++] = paths[done];
		args[n] = NULL;
		rc = diff_run(d, args, err, errlen);
		if (rc)
			return rc;
	}
	return 0;
}

/*
 * --staged: a file whose working copy differs from the index is scanned as
 * it is on disk, so its lines are those of the working tree: diff it
 * against HEAD (the empty tree before the first commit) instead.
 */
static int restage_dirty(struct git_diff *d, char *err, size_t errlen)
{
	static const char *const dirty_args[] = { "diff", "--name-only", "-z", "--no-ext-diff",
						  "--no-renames", "--", "*.c", "*.h", NULL };
	const char **dirty = NULL;
	const char *head_args[] = { "rev-parse", "--verify", "--quiet", "HEAD^{commit}", NULL };
	const char *tree_args[] = { "hash-object", "-t", "tree", "/dev/null", NULL };
	const char *extra[2] = { NULL, NULL };
	char *out = NULL, *base = NULL, *p;
	unsigned i, ndirty = 0;
	size_t len = 0;
	int rc, ret = 0;

	if (!d->n)
		return 0;
	rc = run_git(d->top, dirty_args, &out, &len);
	if (rc) {
		snprintf(err, errlen, "git diff --name-only failed (exit %d)", rc);
		return rc < 0 ? rc : -EIO;
	}
	dirty = calloc(d->n + 1, sizeof(*dirty));
	if (!dirty) {
		ret = -ENOMEM;
		goto out_free;
	}
	for (p = out; p && p < out + len; p += strlen(p) + 1) {
		for (i = 0; i < d->n; i++) {
			if (!strcmp(d->v[i].rel, p) && !d->v[i].unstaged) {
				d->v[i].unstaged = true;
				dirty[ndirty++] = d->v[i].rel;
			}
		}
	}
	if (!ndirty)
		goto out_free;
	rc = run_git(d->top, head_args, &base, NULL);
	if (rc) {
		free(base);
		base = NULL;
		rc = run_git(d->top, tree_args, &base, NULL);
		if (rc) {
			snprintf(err, errlen, "git hash-object failed (exit %d)", rc);
			ret = rc < 0 ? rc : -EIO;
			goto out_free;
		}
	}
	chomp(base);
	extra[0] = base;
	ret = diff_into(d, extra, dirty, ndirty, err, errlen);
out_free:
	free(dirty);
	free(base);
	free(out);
	return ret;
}

int gitdiff_read(const char *rev, struct git_diff *d, char *err, size_t errlen)
{
	const char *top_args[] = { "rev-parse", "--show-toplevel", NULL };
	const char *rev_args[] = { "rev-parse", "--verify", "--quiet", "--end-of-options", NULL,
				   NULL };
	const char *extra[3] = { NULL, NULL, NULL };
	char *out = NULL, *spec = NULL;
	unsigned i;
	int rc, ret;

	memset(d, 0, sizeof(*d));
	rc = run_git(NULL, top_args, &out, NULL);
	if (rc < 0) {
		snprintf(err, errlen, "cannot run git: %s", strerror(-rc));
		free(out);
		return rc;
	}
	chomp(out);
	if (rc || !out || !out[0]) {
		snprintf(err, errlen, "%s needs a git repository: the current directory is not in one",
			 rev ? "--diff" : "--staged");
		free(out);
		return -ENOENT;
	}
	d->top = out;
	if (rev) {
		size_t n = strlen(rev) + 10;

		spec = malloc(n);
		if (!spec)
			return -ENOMEM;
		snprintf(spec, n, "%s^{tree}", rev);
		rev_args[4] = spec;
		out = NULL;
		rc = rev[0] == '-' || !rev[0] ? 1 : run_git(d->top, rev_args, &out, NULL);
		free(out);
		free(spec);
		if (rc) {
			snprintf(err, errlen, "--diff: unknown revision '%s'", rev);
			return -EINVAL;
		}
		extra[0] = rev;
		return diff_into(d, extra, NULL, 0, err, errlen);
	}
	extra[0] = "--cached";
	ret = diff_into(d, extra, NULL, 0, err, errlen);
	if (!ret)
		ret = restage_dirty(d, err, errlen);
	for (i = 0; !ret && i < d->n; i++) {
		struct stat st;
		char *abs = path_join(d->top, d->v[i].rel);

		if (!abs)
			return -ENOMEM;
		d->v[i].deleted = lstat(abs, &st) && errno == ENOENT;
		free(abs);
	}
	return ret;
}

int gitdiff_extract_staged(const struct git_diff *d, struct diff_file *f, char *err,
			   size_t errlen)
{
	const char *tmp = getenv("TMPDIR"), *base = strrchr(f->rel, '/');
	char dir[PATH_MAX], *spec, *blob = NULL, *path;
	const char *args[] = { "cat-file", "blob", NULL, NULL };
	size_t len = 0, done = 0;
	int fd, rc, ret = 0;

	snprintf(dir, sizeof(dir), "%s/iommu-lint-staged.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	spec = malloc(strlen(f->rel) + 2);
	if (!spec)
		return -ENOMEM;
	sprintf(spec, ":%s", f->rel);
	args[2] = spec;
	rc = run_git(d->top, args, &blob, &len);
	free(spec);
	if (rc) {
		snprintf(err, errlen, "%s: cannot read the staged copy (git cat-file exit %d)", f->rel,
			 rc);
		free(blob);
		return rc < 0 ? rc : -EIO;
	}
	if (len > LIMIT_SOURCE || memchr(blob, '\0', len)) {
		snprintf(err, errlen, "%s: the staged copy is %s", f->rel,
			 len > LIMIT_SOURCE ? "too large for a source file" : "binary (NUL bytes), not C source");
		ret = -EINVAL;
		goto out_blob;
	}
	if (!mkdtemp(dir)) {
		ret = -errno;
		snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
		goto out_blob;
	}
	tmp_register(dir);
	path = path_join(dir, base ? base + 1 : f->rel);
	if (!path) {
		ret = -ENOMEM;
		goto out_dir;
	}
	tmp_register(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	while (fd >= 0 && done < len) {
		ssize_t w = write(fd, blob + done, len - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	if (fd < 0 || done < len || close(fd)) {
		ret = -EIO;
		snprintf(err, errlen, "%s: cannot write the staged copy into %s", f->rel, dir);
		unlink(path);
		tmp_unregister(path);
		free(path);
		goto out_dir;
	}
	f->staged_copy = path;
	goto out_blob;
out_dir:
	rmdir(dir);
	tmp_unregister(dir);
out_blob:
	free(blob);
	return ret;
}

void gitdiff_free(struct git_diff *d)
{
	unsigned i;

	for (i = 0; i < d->n; i++) {
		char *copy = d->v[i].staged_copy;

		if (copy) {
			char *slash = strrchr(copy, '/');

			unlink(copy);
			tmp_unregister(copy);
			*slash = '\0';
			rmdir(copy);
			tmp_unregister(copy);
			free(copy);
		}
		free(d->v[i].rel);
		free(d->v[i].path);
		free(d->v[i].ranges);
	}
	free(d->v);
	free(d->top);
	memset(d, 0, sizeof(*d));
}

const struct diff_file *gitdiff_find(const struct git_diff *d, const char *abs_path)
{
	unsigned i;

	for (i = 0; abs_path && i < d->n; i++)
		if (!strcmp(d->v[i].path, abs_path) ||
		    (d->v[i].staged_copy && !strcmp(d->v[i].staged_copy, abs_path)))
			return &d->v[i];
	return NULL;
}

/* Lines [first, last] changed in any entry of df's file (the file and links to it). */
static bool touches_any(const struct git_diff *d, const struct diff_file *df, unsigned first,
			unsigned last)
{
	unsigned i;

	for (i = 0; i < d->n; i++)
		if (&d->v[i] == df || !strcmp(d->v[i].path, df->path))
			if (gitdiff_touches(&d->v[i], first, last))
				return true;
	return false;
}

bool gitdiff_touches(const struct diff_file *f, unsigned first, unsigned last)
{
	unsigned i;

	for (i = 0; i < f->nranges; i++)
		if (first <= f->ranges[i].last && f->ranges[i].first <= last)
			return true;
	return false;
}

/* The extent of the function or file-scope variable a finding names. */
static bool symbol_extent(const struct fx_tu *tu, const char *sym, unsigned *first,
			  unsigned *last)
{
	unsigned i;

	if (!tu || !sym || !sym[0])
		return false;
	for (i = 0; i < tu->nfuncs; i++) {
		if (tu->funcs[i].name && !strcmp(tu->funcs[i].name, sym)) {
			*first = tu->funcs[i].loc.line;
			*last = tu->funcs[i].end_line ? tu->funcs[i].end_line : *first;
			return true;
		}
	}
	for (i = 0; i < tu->nvars; i++) {
		if (tu->vars[i].name && !strcmp(tu->vars[i].name, sym)) {
			*first = tu->vars[i].loc.line;
			*last = tu->vars[i].end_line ? tu->vars[i].end_line : *first;
			return true;
		}
	}
	return false;
}

unsigned gitdiff_filter(const struct git_diff *d, const struct fx_program *prog,
			struct findings *f)
{
	unsigned i, t, keep = 0, removed = 0;

	for (i = 0; i < f->n; i++) {
		struct finding *x = &f->v[i];
		const struct fx_tu *tu = NULL;
		const struct diff_file *df;
		unsigned first, last;
		char *p, *abs;
		bool changed = false;

		for (t = 0; t < prog->ntus && !tu; t++)
			if (prog->tus[t] && !strcmp(prog->tus[t]->file, x->file))
				tu = prog->tus[t];
		p = path_join(tu ? tu->directory : NULL, x->file);
		abs = p ? realpath(p, NULL) : NULL;
		df = gitdiff_find(d, abs ? abs : p);
		free(abs);
		free(p);
		if (df) {
			changed = touches_any(d, df, x->line, x->line) ||
				  (symbol_extent(tu, x->symbol, &first, &last) &&
				   touches_any(d, df, first, last));
		}
		if (changed) {
			f->v[keep++] = *x;
		} else {
			finding_free(x);
			removed++;
		}
	}
	f->n = keep;
	return removed;
}

/* The -U0 patch parser on its own (tests/fuzz): text is modified, d->top set by the caller. */
int gitdiff_parse(char *text, struct git_diff *d)
{
	return parse_patch(text, d);
}
