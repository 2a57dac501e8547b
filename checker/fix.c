// SPDX-License-Identifier: GPL-2.0
/*
 * fix.c - the fixes' outputs (fix.h).  The unified diff is built from the
 * edits themselves, not by diffing two texts: each run of edited lines is
 * one change block (old lines out, the same lines with the edits applied
 * in), blocks closer than two contexts share a hunk, as in diff -U3.
 * Paths in diffs and mails are relative to the git top level of the file
 * when it is in a git checkout (git apply, git am), else to the current
 * directory (patch -p1).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"
#include "compdb.h"
#include "edit.h"
#include "fix.h"
#include "output.h"
#include "gitdiff.h"
#include "report.h"

#define CONTEXT 3
#define WRAP 72

/* The edits of one file, from one or more findings, sorted by offset. */
struct fix_file {
	const struct fx_tu *tu;
	unsigned n;
	const struct finding_edit **v;
};

static int cmp_edit_ptr(const void *a, const void *b)
{
	const struct finding_edit *x = *(const struct finding_edit *const *)a;
	const struct finding_edit *y = *(const struct finding_edit *const *)b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->length < y->length ? -1 : x->length > y->length;
}

/* Group the edits of findings [from, to) by file, in file order. */
static unsigned collect(const struct fx_program *prog, const struct findings *f, unsigned from,
			unsigned to, struct fix_file **out)
{
	struct fix_file *v = NULL;
	unsigned i, k, j, n = 0;

	for (i = from; i < to; i++) {
		for (k = 0; k < f->v[i].nedits; k++) {
			const struct finding_edit *e = &f->v[i].edits[k];
			const struct fx_tu *tu = edit_tu(prog, e->file);

			if (!tu)
				continue;
			for (j = 0; j < n && v[j].tu != tu; j++)
				;
			if (j == n) {
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n].tu = tu;
				v[n].n = 0;
				v[n++].v = NULL;
			}
			v[j].v = xrealloc(v[j].v, (v[j].n + 1) * sizeof(*v[j].v));
			v[j].v[v[j].n++] = e;
		}
	}
	for (j = 0; j < n; j++)
		qsort(v[j].v, v[j].n, sizeof(*v[j].v), cmp_edit_ptr);
	*out = v;
	return n;
}

static void files_free(struct fix_file *v, unsigned n)
{
	unsigned j;

	for (j = 0; j < n; j++)
		free(v[j].v);
	free(v);
}

/* src with the edits (sorted, disjoint, all inside [base, base + len)) applied. */
static char *apply_range(const char *src, size_t base, size_t len,
			 const struct finding_edit *const *ev, unsigned n, size_t *outlen)
{
	size_t cap = len + 1, o = 0, at = base;
	char *out;
	unsigned i;

	for (i = 0; i < n; i++)
		cap += strlen(ev[i]->text);
	out = xmalloc(cap);
	for (i = 0; i < n; i++) {
		size_t t = strlen(ev[i]->text);

		memcpy(out + o, src + at, ev[i]->offset - at);
		o += ev[i]->offset - at;
		memcpy(out + o, ev[i]->text, t);
		o += t;
		at = ev[i]->offset + ev[i]->length;
	}
	memcpy(out + o, src + at, base + len - at);
	o += base + len - at;
	out[o] = '\0';
	*outlen = o;
	return out;
}

struct lines {
	const char *src;
	size_t len;
	unsigned n;		/* lines; a last line without '\n' counts */
	size_t *start;		/* start[0..n], start[n] = len */
};

static void lines_init(struct lines *l, const char *src, size_t len)
{
	size_t i;

	l->src = src;
	l->len = len;
	l->n = 0;
	for (i = 0; i < len; i++)
		if (src[i] == '\n')
			l->n++;
	if (len && src[len - 1] != '\n')
		l->n++;
	l->start = xmalloc((l->n + 1) * sizeof(*l->start));
	l->n = 0;
	l->start[0] = 0;
	for (i = 0; i < len; i++)
		if (src[i] == '\n' && i + 1 < len)
			l->start[++l->n] = i + 1;
	l->n = len ? l->n + 1 : 0;
	l->start[l->n] = len;
}

/* 0-based line of offset off; n for an insertion after a final newline. */
static unsigned line_of(const struct lines *l, size_t off)
{
	unsigned lo = 0, hi = l->n;

	if (off >= l->len)
		return l->len && l->src[l->len - 1] != '\n' ? l->n - 1 : l->n;
	while (lo + 1 < hi) {
		unsigned mid = (lo + hi) / 2;

		if (l->start[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Print text as lines with a prefix; a last line without '\n' says so. */
static unsigned put_lines(FILE *out, char prefix, const char *text, size_t len)
{
	unsigned n = 0;
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - text) : len;

		fputc(prefix, out);
		fwrite(text + i, 1, e - i, out);
		fputs(nl ? "\n" : "\n\\ No newline at end of file\n", out);
		i = nl ? e + 1 : len;
		n++;
	}
	return n;
}

/* Split text into lines (each with its '\n' if it has one); returns the count. */
static unsigned split_lines(const char *text, size_t len, const char ***v, size_t **n)
{
	unsigned c = 0, i = 0;
	size_t p;

	for (p = 0; p < len; p++)
		c += text[p] == '\n';
	c += len && text[len - 1] != '\n';
	*v = xcalloc(c + 1, sizeof(**v));
	*n = xcalloc(c + 1, sizeof(**n));
	for (p = 0; p < len; i++) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t e = nl ? (size_t)(nl - text) + 1 : len;

		(*v)[i] = text + p;
		(*n)[i] = e - p;
		p = e;
	}
	return c;
}

/*
 * One changed block as a line diff: the longest common subsequence of the
 * old and new lines stays context, the rest is '-' then '+' runs, so an
 * added brace or call reads as an addition, not as every line replaced.
 */
static void put_block(FILE *h, const char *old, size_t olen, const char *new, size_t nlen,
		      unsigned *ctx, unsigned *minus, unsigned *plus)
{
	const char **ov, **nv;
	size_t *on, *nn;
	unsigned m = split_lines(old, olen, &ov, &on), k = split_lines(new, nlen, &nv, &nn);
	unsigned *t = xcalloc((size_t)(m + 1) * (k + 1), sizeof(*t));
	unsigned i, j;

#define T(a, b) t[(size_t)(a) * (k + 1) + (b)]
	for (i = m; i-- > 0;)
		for (j = k; j-- > 0;)
			T(i, j) = on[i] == nn[j] && !memcmp(ov[i], nv[j], on[i]) ?
				  T(i + 1, j + 1) + 1 :
				  (T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1));
	for (i = j = 0; i < m || j < k;) {
		if (i < m && j < k && on[i] == nn[j] && !memcmp(ov[i], nv[j], on[i])) {
			*ctx += put_lines(h, ' ', ov[i], on[i]);
			i++;
			j++;
		} else if (i < m && (j == k || T(i + 1, j) >= T(i, j + 1))) {
			*minus += put_lines(h, '-', ov[i], on[i]);
			i++;
		} else {
			*plus += put_lines(h, '+', nv[j], nn[j]);
			j++;
		}
	}
#undef T
	free(t);
	free(ov);
	free(on);
	free(nv);
	free(nn);
}

struct block {
	unsigned a, b;			/* old lines a..b (0-based, inclusive); a == n: none */
	unsigned first, count;		/* its edits */
};

/* The change blocks of sorted edits: runs of lines, each new text ending like the old. */
static unsigned make_blocks(const struct lines *l, const struct finding_edit *const *ev,
			    unsigned n, struct block *bl)
{
	unsigned nb = 0, i;

	for (i = 0; i < n; i++) {
		unsigned a = line_of(l, ev[i]->offset);
		unsigned b = ev[i]->length ? line_of(l, ev[i]->offset + ev[i]->length - 1) : a;

		/* an insertion at the end joins a block ending on the last line */
		if (nb && (a <= bl[nb - 1].b + 1 || (a == l->n && bl[nb - 1].b + 1 == l->n))) {
			if (b > bl[nb - 1].b)
				bl[nb - 1].b = b;
			bl[nb - 1].count++;
			continue;
		}
		bl[nb].a = a;
		bl[nb].b = b;
		bl[nb].first = i;
		bl[nb++].count = 1;
	}
	return nb;
}

static size_t line_end(const struct lines *l, unsigned b)
{
	return b + 1 >= l->n ? l->len : l->start[b + 1];
}

/*
 * Unified diff of one file's edits.  A block whose new text would lose the
 * newline that ends its last line takes the next line in, so every '+'
 * line is a whole line.
 */
static int diff_file(FILE *out, const char *name, const char *src, size_t len,
		     const struct finding_edit *const *ev, unsigned n, unsigned *ins,
		     unsigned *del)
{
	struct lines l;
	struct block *bl = xcalloc(n ? n : 1, sizeof(*bl));
	char **newt = xcalloc(n ? n : 1, sizeof(*newt));
	size_t *newlen = xcalloc(n ? n : 1, sizeof(*newlen));
	unsigned nb, i, j;
	long delta = 0;

	lines_init(&l, src, len);
	nb = make_blocks(&l, ev, n, bl);
	for (i = 0; i < nb; i++) {
		for (;;) {
			size_t s = bl[i].a < l.n ? l.start[bl[i].a] : len;
			size_t e = bl[i].a < l.n ? line_end(&l, bl[i].b) : len;

			free(newt[i]);
			newt[i] = apply_range(src, s, e - s, ev + bl[i].first, bl[i].count, &newlen[i]);
			if (!newlen[i] || newt[i][newlen[i] - 1] == '\n' || bl[i].b + 1 >= l.n)
				break;
			bl[i].b++;
			/* the line taken in may hold the next block's edits */
			if (i + 1 < nb && bl[i + 1].a <= bl[i].b) {
				bl[i].count += bl[i + 1].count;
				if (bl[i + 1].b > bl[i].b)
					bl[i].b = bl[i + 1].b;
				memmove(&bl[i + 1], &bl[i + 2], (nb - i - 2) * sizeof(*bl));
				nb--;
			}
		}
	}
	/* a block whose edits change nothing is no change */
	for (i = j = 0; i < nb; i++) {
		size_t s = bl[i].a < l.n ? l.start[bl[i].a] : len;
		size_t e = bl[i].a < l.n ? line_end(&l, bl[i].b) : len;

		if (newlen[i] == e - s && !memcmp(newt[i], src + s, e - s)) {
			free(newt[i]);
			continue;
		}
		bl[j] = bl[i];
		newt[j] = newt[i];
		newlen[j++] = newlen[i];
	}
	nb = j;
	if (nb)
		fprintf(out, "diff --git a/%s b/%s\n--- a/%s\n+++ b/%s\n", name, name, name, name);
	for (i = 0; i < nb; i = j) {
		unsigned lo, hi, ctx = 0, minus = 0, plus = 0, oc, nc, k, ln;
		char *hunk = NULL;
		size_t hlen = 0;
		FILE *h = open_memstream(&hunk, &hlen);

		if (!h)
			die_oom();
		/* blocks at most 2 * CONTEXT lines apart share a hunk */
		for (j = i + 1; j < nb && bl[j].a <= bl[j - 1].b + 1 + 2 * CONTEXT; j++)
			;
		lo = bl[i].a > CONTEXT ? bl[i].a - CONTEXT : 0;
		hi = bl[j - 1].a < l.n ? bl[j - 1].b + 1 + CONTEXT : l.n;
		if (hi > l.n)
			hi = l.n;
		ln = lo;
		for (k = i; k < j; k++) {
			for (; ln < bl[k].a && ln < l.n; ln++)
				ctx += put_lines(h, ' ', src + l.start[ln], line_end(&l, ln) - l.start[ln]);
			if (bl[k].a < l.n) {
				size_t s = l.start[bl[k].a], e = line_end(&l, bl[k].b);

				put_block(h, src + s, e - s, newt[k], newlen[k], &ctx, &minus, &plus);
				ln = bl[k].b + 1;
			} else {
				plus += put_lines(h, '+', newt[k], newlen[k]);
			}
		}
		for (; ln < hi; ln++)
			ctx += put_lines(h, ' ', src + l.start[ln], line_end(&l, ln) - l.start[ln]);
		fclose(h);
		oc = ctx + minus;
		nc = ctx + plus;
		fprintf(out, "@@ -%ld,%u +%ld,%u @@\n", oc ? (long)lo + 1 : (long)lo, oc,
			nc ? (long)lo + 1 + delta : (long)lo + delta, nc);
		fwrite(hunk, 1, hlen, out);
		free(hunk);
		*ins += plus;
		*del += minus;
		delta += (long)nc - (long)oc;
	}
	for (i = 0; i < nb; i++)
		free(newt[i]);
	free(newt);
	free(newlen);
	free(bl);
	free(l.start);
	return ferror(out) ? -1 : 0;
}

static void chomp(char *s)
{
	size_t n = s ? strlen(s) : 0;

	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* The git top level of the directory holding abs, or NULL. */
static char *git_top(const char *abs)
{
	const char *args[] = { "rev-parse", "--show-toplevel", NULL };
	char *dir = xstrdup(abs), *slash = strrchr(dir, '/'), *out = NULL;

	if (slash)
		*slash = '\0';
	if (run_git(slash && *dir ? dir : "/", args, &out, NULL) || !out || !*out) {
		free(out);
		out = NULL;
	} else {
		chomp(out);
	}
	free(dir);
	return out;
}

/* path relative to base (both absolute), with ../ when outside it. */
static char *rel_to(const char *base, const char *path)
{
	size_t common = 0, i, up = 0, n;
	char *out;

	for (i = 0; base[i] && base[i] == path[i]; i++)
		if (base[i] == '/')
			common = i;
	if (!base[i] && (path[i] == '/' || !path[i]))
		common = i;
	if (!strcmp(base, "/"))
		common = 0;
	for (i = common; base[i]; i++)
		if (base[i] == '/')
			up++;
	if (base[common] && !base[common + 1] && up)
		up--;
	n = up * 3 + strlen(path + common) + 1;
	out = xmalloc(n);
	out[0] = '\0';
	for (i = 0; i < up; i++)
		strcat(out, "../");
	strcat(out, path + common + (path[common] == '/'));
	return out;
}

struct fix_path {
	char *abs;		/* symlinks resolved */
	char *top;		/* git top level, or NULL */
	char *name;		/* relative to top, else to the current directory */
};

static int fix_path_get(const struct fx_tu *tu, struct fix_path *p)
{
	char *given = path_join(tu->directory, tu->file), cwd[PATH_MAX];

	memset(p, 0, sizeof(*p));
	p->abs = given ? realpath(given, NULL) : NULL;
	free(given);
	if (!p->abs)
		return -1;
	p->top = git_top(p->abs);
	if (p->top)
		p->name = rel_to(p->top, p->abs);
	else if (getcwd(cwd, sizeof(cwd)))
		p->name = rel_to(cwd, p->abs);
	else
		p->name = xstrdup(p->abs);
	return 0;
}

static void fix_path_free(struct fix_path *p)
{
	free(p->abs);
	free(p->top);
	free(p->name);
}

static int write_diff_range(FILE *out, const struct fx_program *prog, const struct findings *f,
			    unsigned from, unsigned to, unsigned *ins, unsigned *del,
			    const char *only)
{
	struct fix_file *files;
	unsigned nf = collect(prog, f, from, to, &files), j;
	int ret = 0;

	for (j = 0; j < nf && !ret; j++) {
		struct fix_path p;

		if (fix_path_get(files[j].tu, &p)) {
			fprintf(stderr, "iommu-lint: error: %s: cannot resolve the path: %s\n",
				files[j].tu->file, strerror(errno));
			ret = -1;
			break;
		}
		if (!only || !strcmp(only, p.name))
			ret = diff_file(out, p.name, files[j].tu->src, files[j].tu->src_len,
					files[j].v, files[j].n, ins, del);
		fix_path_free(&p);
	}
	files_free(files, nf);
	return ret;
}

int fix_write_diff(FILE *out, const struct fx_program *prog, const struct findings *f)
{
	unsigned ins = 0, del = 0;

	return write_diff_range(out, prog, f, 0, f->n, &ins, &del, NULL);
}

/* Write data to path atomically: a temporary file beside it, mode kept, renamed. */
static int write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
	size_t n = strlen(path) + 16;
	char *tmp = xmalloc(n);
	int fd, ret = 0;

	snprintf(tmp, n, "%s.fixXXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = -errno;
		goto out_tmp;
	}
	tmp_register(tmp);
	while (len && !ret) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			ret = -errno;
		else {
			data += w;
			len -= (size_t)w;
		}
	}
	if (!ret && fchmod(fd, mode & 07777))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (ret)
		unlink(tmp);
	tmp_unregister(tmp);
out_tmp:
	free(tmp);
	return ret;
}

struct blob {
	const char *data;
	size_t len;
};

static int write_blob(FILE *out, const void *arg)
{
	const struct blob *b = arg;

	return fwrite(b->data, 1, b->len, out) == b->len ? 0 : -EIO;
}

/* Through checker/output.c: a device or FIFO written through, an input of the run refused. */
static int write_output(const char *path, const char *data, size_t len, char *err,
			size_t errlen)
{
	struct blob b = { data, len };

	return output_write(path, write_blob, &b, err, errlen);
}

int fix_export(const char *path, const struct fx_program *prog, const struct findings *f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	char err[PATH_MAX + 128];
	int ret;

	if (!m)
		die_oom();
	ret = fix_write_diff(m, prog, f);
	fclose(m);
	if (!ret) {
		ret = write_output(path, buf, len, err, sizeof(err));
		if (ret)
			fprintf(stderr, "iommu-lint: error: %s\n", err);
	}
	free(buf);
	return ret ? -1 : 0;
}

/* The file's bytes are still those parsed. */
static bool unchanged(const char *path, const struct fx_tu *tu)
{
	char err[256], *now = NULL;
	size_t len;
	bool same;

	if (read_source(path, &now, &len, err, sizeof(err)))
		return false;
	same = len == tu->src_len && !memcmp(now, tu->src, len);
	free(now);
	return same;
}

/* Findings whose every edit is in a file that was written. */
static unsigned count_fixed(const struct fx_program *prog, const struct findings *f,
			    const struct fix_file *files, const bool *written, unsigned nf)
{
	unsigned i, k, j, n = 0;

	for (i = 0; i < f->n; i++) {
		bool all = f->v[i].nedits != 0;

		for (k = 0; k < f->v[i].nedits && all; k++) {
			const struct fx_tu *tu = edit_tu(prog, f->v[i].edits[k].file);

			for (j = 0; j < nf && files[j].tu != tu; j++)
				;
			all = j < nf && written[j];
		}
		n += all;
	}
	return n;
}

int fix_apply(const struct fx_program *prog, const struct findings *f, unsigned *fixed)
{
	const char *hook = getenv(FIX_TEST_HOOK_ENV);
	struct fix_file *files;
	unsigned nf = collect(prog, f, 0, f->n, &files), j;
	bool *written = xcalloc(nf, sizeof(*written));
	int ret = 0;

	for (j = 0; j < nf; j++) {
		const struct fx_tu *tu = files[j].tu;
		struct fix_path p;
		struct stat st;
		size_t len;
		char *text;
		int rc;

		if (fix_path_get(tu, &p)) {
			fprintf(stderr, "iommu-lint: error: %s: cannot resolve the path: %s\n",
				tu->file, strerror(errno));
			ret = -1;
			continue;
		}
		if (hook && *hook && system(hook) == -1)
			fprintf(stderr, "iommu-lint: warning: %s: cannot run\n", FIX_TEST_HOOK_ENV);
		if (stat(p.abs, &st) || !unchanged(p.abs, tu)) {
			fprintf(stderr, "iommu-lint: error: %s: changed since it was scanned; not fixed\n",
				tu->file);
			ret = -1;
			goto next;
		}
		text = apply_range(tu->src, 0, tu->src_len, files[j].v, files[j].n, &len);
		rc = write_atomic(p.abs, text, len, st.st_mode);
		free(text);
		if (rc) {
			fprintf(stderr, "iommu-lint: error: %s: cannot write the fix: %s\n", tu->file,
				strerror(-rc));
			ret = -1;
			goto next;
		}
		written[j] = true;
next:
		fix_path_free(&p);
	}
	*fixed = count_fixed(prog, f, files, written, nf);
	free(written);
	files_free(files, nf);
	return ret;
}

/* ---- patch mails ---- */

/* The most common "a/b: c: " prefix of the file's recent subjects, or NULL. */
static char *subject_prefix_git(const struct fix_path *p)
{
	const char *args[] = { "log", "--no-merges", "--format=%s", "-n", "20", "--", p->name, NULL };
	char *out = NULL, *line, *save = NULL, *best = NULL;
	char *pre[20];
	unsigned cnt[20], n = 0, i, bestn = 0;

	if (!p->top || run_git(p->top, args, &out, NULL) || !out)
		goto out_free;
	for (line = strtok_r(out, "\n", &save); line && n < 20; line = strtok_r(NULL, "\n", &save)) {
		size_t len = 0, w;

		/* words ending in ':' followed by a space, from the start */
		for (;;) {
			w = strcspn(line + len, " ");
			if (!w || line[len + w - 1] != ':' || line[len + w] != ' ')
				break;
			len += w + 1;
		}
		if (!len)
			continue;
		line[len - 2] = '\0';	/* no ": " */
		for (i = 0; i < n && strcmp(pre[i], line); i++)
			;
		if (i == n) {
			pre[n] = line;
			cnt[n++] = 0;
		}
		cnt[i]++;
	}
	/* most common; ties go to the most recent */
	for (i = 0; i < n; i++)
		if (cnt[i] > bestn) {
			bestn = cnt[i];
			best = pre[i];
		}
	best = best ? xstrdup(best) : NULL;
out_free:
	free(out);
	return best;
}

/* drivers/iommu/foo.c -> "iommu/foo:"; other/dir/foo.c -> "dir/foo:". */
static char *subject_prefix_path(const char *name)
{
	const char *base = strrchr(name, '/'), *dir = "", *d;
	char out[256];
	size_t dl = 0, bl;

	base = base ? base + 1 : name;
	bl = strcspn(base, ".");
	if (strstr(name, "drivers/iommu/")) {
		dir = "iommu";
		dl = 5;
	} else if (base > name) {
		for (d = base - 1; d > name && d[-1] != '/'; d--)
			;
		dir = d;
		dl = (size_t)(base - 1 - d);
	}
	snprintf(out, sizeof(out), "%.*s%s%.*s:", (int)dl, dir, dl ? "/" : "", (int)bl, base);
	return xstrdup(out);
}

static void wrap(FILE *out, const char *text)
{
	const char *p = text;
	size_t col = 0;

	while (*p) {
		size_t w;

		while (*p == ' ')
			p++;
		if (*p == '\n') {
			fputc('\n', out);
			col = 0;
			p++;
			continue;
		}
		w = strcspn(p, " \n");
		if (!w)
			continue;
		if (col && col + 1 + w > WRAP) {
			fputc('\n', out);
			col = 0;
		}
		if (col) {
			fputc(' ', out);
			col++;
		}
		fwrite(p, 1, w, out);
		col += w;
		p += w;
	}
	if (col)
		fputc('\n', out);
}

/*
 * "Fixes: <12 hex> ("<subject>")" when git blame names one commit for all
 * the lines the fix touches, and it is neither the boundary of the history
 * nor uncommitted; NULL otherwise.
 */
static char *fixes_tag(const struct fix_path *p, const struct finding *x)
{
	char range[64], *out = NULL, *commit = NULL, *tag = NULL, *subj = NULL;
	unsigned k;

	if (!p->top)
		return NULL;
	for (k = 0; k < x->nedits; k++) {
		const struct finding_edit *e = &x->edits[k];
		unsigned last = e->end_line > e->line && e->end_col == 1 ? e->end_line - 1 : e->end_line;
		const char *args[] = { "blame", "--porcelain", "-L", range, "--", p->name, NULL };
		char *line, *save = NULL;
		bool header = true;

		snprintf(range, sizeof(range), "%u,%u", e->line, last < e->line ? e->line : last);
		free(out);
		out = NULL;
		if (run_git(p->top, args, &out, NULL) || !out)
			goto out_none;
		for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			if (line[0] == '\t') {
				header = true;
				continue;
			}
			if (header && strspn(line, "0123456789abcdef") == 40) {
				if (!strncmp(line, "0000000000000000000000000000000000000000", 40))
					goto out_none;
				if (commit && strncmp(commit, line, 40))
					goto out_none;
				if (!commit)
					commit = strndup(line, 40);
				header = false;
			} else if (!strcmp(line, "boundary")) {
				goto out_none;
			}
		}
	}
	if (commit) {
		const char *args[] = { "log", "-1", "--format=%s", commit, NULL };

		if (!run_git(p->top, args, &subj, NULL) && subj) {
			size_t n;

			chomp(subj);
			n = strlen(subj) + 64;
			tag = xmalloc(n);
			snprintf(tag, n, "Fixes: %.12s (\"%s\")", commit, subj);
		}
	}
out_none:
	free(subj);
	free(commit);
	free(out);
	return tag;
}

/* "Name <mail>" for From:, from git's author identity when there is one. */
static char *author(const struct fix_path *p)
{
	const char *args[] = { "var", "GIT_AUTHOR_IDENT", NULL };
	char *out = NULL, *gt;

	if (p->top && !run_git(p->top, args, &out, NULL) && out && (gt = strrchr(out, '>'))) {
		gt[1] = '\0';
		return out;
	}
	free(out);
	return xstrdup("iommu-lint <iommu-lint@localhost>");
}

/* format-patch's file name: 0001-iommu-foo-use-x.patch */
static void patch_name(char *buf, size_t n, unsigned idx, const char *subject)
{
	size_t o = (size_t)snprintf(buf, n, "%04u-", idx);
	bool dash = false;
	const char *s;

	for (s = subject; *s && o < 5 + 52 && o + 8 < n; s++) {
		if (isalnum((unsigned char)*s) || *s == '_' || *s == '.') {
			if (dash && o > 5)
				buf[o++] = '-';
			dash = false;
			buf[o++] = *s;
		} else {
			dash = true;
		}
	}
	while (o > 5 && (buf[o - 1] == '.' || buf[o - 1] == '-'))
		o--;
	snprintf(buf + o, n - o, ".patch");
}

static int write_mail(const char *dir, unsigned idx, const struct fx_program *prog,
		      const struct findings *f, unsigned i)
{
	const struct finding *x = &f->v[i];
	const struct fx_tu *tu = edit_tu(prog, x->edits[0].file);
	char *prefix, *from, *fixes, *buf = NULL, *diff = NULL, *title, *path, *body;
	char name[128], date[64], dflt[256], err[PATH_MAX + 128];
	size_t len = 0, dlen = 0;
	unsigned ins = 0, del = 0;
	struct fix_path p;
	time_t now = time(NULL);
	FILE *m, *d;
	int ret;

	if (!tu || fix_path_get(tu, &p)) {
		fprintf(stderr, "iommu-lint: error: %s: cannot resolve the path\n", x->file);
		return -1;
	}
	prefix = subject_prefix_git(&p);
	if (prefix) {
		size_t n = strlen(prefix) + 2;
		char *c = xmalloc(n);

		snprintf(c, n, "%s:", prefix);
		free(prefix);
		prefix = c;
	} else {
		prefix = subject_prefix_path(p.name);
	}
	if (x->fix_title) {
		title = xstrdup(x->fix_title);
	} else {
		snprintf(dflt, sizeof(dflt), "fix %s in %s", rule_meta[x->rule].id,
			 x->symbol[0] ? x->symbol : "this file");
		title = xstrdup(dflt);
	}
	title[0] = (char)toupper((unsigned char)title[0]);
	from = author(&p);
	fixes = fixes_tag(&p, x);
	d = open_memstream(&diff, &dlen);
	if (!d)
		die_oom();
	ret = write_diff_range(d, prog, f, i, i + 1, &ins, &del, NULL);
	fclose(d);
	m = open_memstream(&buf, &len);
	if (!m)
		die_oom();
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S %z", localtime(&now));
	fprintf(m, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n");
	fprintf(m, "From: %s\nDate: %s\nSubject: [PATCH] %s %s\n\n", from, date, prefix, title);
	body = xstrdup(x->message);
	body[0] = (char)toupper((unsigned char)body[0]);
	wrap(m, body);
	free(body);
	fputc('\n', m);
	wrap(m, x->fix_why ? x->fix_why : x->message);
	fprintf(m, "\nFound by iommu-lint [%s] at %s:%u.\n", rule_meta[x->rule].id, p.name, x->line);
	if (fixes)
		fprintf(m, "\n%s\n", fixes);
	fprintf(m, "---\n %s | %u %.*s%.*s\n 1 file changed, %u insertion%s(+), %u deletion%s(-)\n\n",
		p.name, ins + del, (int)(ins > 40 ? 40 : ins),
		"++++++++++++++++++++++++++++++++++++++++", (int)(del > 40 ? 40 : del),
		"----------------------------------------", ins, ins == 1 ? "" : "s", del,
		del == 1 ? "" : "s");
	fwrite(diff, 1, dlen, m);
	fprintf(m, "-- \niommu-lint %s\n\n", IOMMU_LINT_VERSION);
	fclose(m);
	if (!ret) {
		snprintf(dflt, sizeof(dflt), "%s %s", prefix, title);
		patch_name(name, sizeof(name), idx, dflt);
		path = path_join(dir, name);
		ret = path ? write_output(path, buf, len, err, sizeof(err)) : -ENOMEM;
		if (ret)
			fprintf(stderr, "iommu-lint: error: %s\n", path ? err : "out of memory");
		free(path);
	}
	free(buf);
	free(diff);
	free(fixes);
	free(from);
	free(title);
	free(prefix);
	fix_path_free(&p);
	return ret ? -1 : 0;
}

int fix_patch_dir(const char *dir, const struct fx_program *prog, const struct findings *f)
{
	unsigned i, idx = 0;
	struct stat st;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		fprintf(stderr, "iommu-lint: error: %s: cannot create: %s\n", dir, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "iommu-lint: error: %s: not a directory\n", dir);
		return -1;
	}
	for (i = 0; i < f->n; i++)
		if (f->v[i].nedits && write_mail(dir, ++idx, prog, f, i))
			return -1;
	return 0;
}
