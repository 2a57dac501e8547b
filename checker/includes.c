// SPDX-License-Identifier: GPL-2.0
/*
 * includes.c - refuse a TU whose #include names something that is not a
 * regular file, before libclang opens it.
 *
 * libclang opens every header it includes and reads it to the end: a FIFO
 * with no writer blocks it in open() forever, /dev/zero or /dev/urandom is
 * read until memory runs out, and nothing can stop a parse from outside.
 * So the include graph is walked first, the way the preprocessor searches
 * (the including file's directory for "...", then -iquote, -I, -isystem,
 * -idirafter; -include/-imacros files too), following every #include line
 * whatever #if it sits under (more than clang opens, never less, except
 * computed includes `#include MACRO` and the compiler's built-in
 * directories, which are not searched).  A header that is not a regular
 * file fails the TU with one line.  Each regular header is read once per
 * run (a process-wide set), so a kernel DB costs a few milliseconds.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compdb.h"
#include "util.h"
#include "includes.h"

#define MAX_DEPTH	200		/* clang's own #include nesting limit */
#define MAX_HEADER	(64u << 20)	/* larger headers are not scanned */
#define FIND_MAX_DEPTH	4		/* includes_find(): how deep it looks */
#define FIND_MAX_FILES	64		/* includes_find(): how many files it reads */

/* Headers already walked (or being walked), by the path they were found at. */
static struct {
	pthread_mutex_t lock;
	char **slot;
	size_t cap, n;
} seen = { .lock = PTHREAD_MUTEX_INITIALIZER };

/*
 * Add (sig, path) to the set; false when it was there already (or out of
 * memory).  sig tells search paths apart: a header walked for one TU is
 * walked again for a TU that searches other directories.
 */
static bool seen_add(uint64_t sig, const char *file)
{
	char path[4200];
	size_t i, mask;
	bool added = false;

	snprintf(path, sizeof(path), "%016llx %s", (unsigned long long)sig, file);

	pthread_mutex_lock(&seen.lock);
	if (2 * (seen.n + 1) > seen.cap) {
		size_t cap = seen.cap ? 2 * seen.cap : 1024, k;
		char **slot = calloc(cap, sizeof(*slot));

		if (!slot)
			goto out_unlock;
		for (k = 0; k < seen.cap; k++) {
			if (!seen.slot[k])
				continue;
			for (i = str_hash64(seen.slot[k]) & (cap - 1); slot[i]; i = (i + 1) & (cap - 1))
				;
			slot[i] = seen.slot[k];
		}
		free(seen.slot);
		seen.slot = slot;
		seen.cap = cap;
	}
	mask = seen.cap - 1;
	for (i = str_hash64(path) & mask; seen.slot[i]; i = (i + 1) & mask)
		if (!strcmp(seen.slot[i], path))
			goto out_unlock;
	seen.slot[i] = strdup(path);
	if (seen.slot[i]) {
		seen.n++;
		added = true;
	}
out_unlock:
	pthread_mutex_unlock(&seen.lock);
	return added;
}

struct search {
	const char *dir;		/* the compile command's directory */
	uint64_t sig;			/* of the search directories: a header's
					 * includes resolve by them */
	const char **quote, **angle;	/* -iquote; -I, -isystem, -idirafter in order */
	unsigned nquote, nangle;
	char *err;
	size_t errlen;
	/* includes_find(): the header wanted, where it was found, what was read */
	const char *want;
	char *found;
	size_t foundlen;
	char *visited[FIND_MAX_FILES];
	unsigned nvisited;
};

static const char *kind_of(mode_t m)
{
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static int walk(struct search *s, const char *path, unsigned depth);

/* The header wanted ends path: "/linux/iommu.h" (or is it). */
static bool is_wanted(const struct search *s, const char *path)
{
	size_t n = strlen(path), w = strlen(s->want);

	return n >= w && !strcmp(path + n - w, s->want) && (n == w || path[n - w - 1] == '/');
}

/*
 * includes_find(): a header found at path, included as name.  The wanted
 * one ends the search (1 with s->found set); a driver's own "..." headers
 * and the <...> headers whose name says iommu are looked into (drivers
 * reach linux/iommu.h through their local header or linux/dma-iommu.h);
 * the rest of the system headers are not read.
 */
static int find_step(struct search *s, const char *path, const char *name, unsigned depth)
{
	const char *base = strrchr(name, '/');
	unsigned i;

	if (is_wanted(s, path)) {
		snprintf(s->found, s->foundlen, "%s", path);
		return 1;
	}
	base = base ? base + 1 : name;
	if (depth >= FIND_MAX_DEPTH || s->nvisited == FIND_MAX_FILES ||
	    (!strstr(base, "iommu") && !strstr(base, "smmu") && name[0] != '.' &&
	     strchr(name, '/')))
		return 1;
	for (i = 0; i < s->nvisited; i++)
		if (!strcmp(s->visited[i], path))
			return 1;
	s->visited[s->nvisited] = strdup(path);
	if (s->visited[s->nvisited])
		s->nvisited++;
	walk(s, path, depth + 1);
	return 1;
}

/*
 * One candidate of an #include: 1 found (walked), 0 not there, or -errno
 * with s->err set.  from/line say who includes it, for the message.
 */
static int candidate(struct search *s, const char *path, const char *from, unsigned line,
		     const char *name, unsigned depth)
{
	struct stat st;

	if (stat(path, &st))
		return 0;
	if (S_ISDIR(st.st_mode))
		return 0;
	if (s->want && S_ISREG(st.st_mode))
		return find_step(s, path, name, depth);
	if (!S_ISREG(st.st_mode)) {
		snprintf(s->err, s->errlen,
			 "%s:%u: #include of '%s': %s is %s, not a regular file; not read (libclang would wait on it or read it forever)",
			 from, line, name, path, kind_of(st.st_mode));
		return -EINVAL;
	}
	return walk(s, path, depth + 1) ? -EINVAL : 1;
}

/* dir/name into buf; false when it does not fit. */
static bool join(char *buf, size_t n, const char *dir, const char *name)
{
	int w = name[0] == '/' || !dir ? snprintf(buf, n, "%s", name) :
		snprintf(buf, n, "%s/%s", dir, name);

	return w > 0 && (size_t)w < n;
}

/*
 * Search the directories for name (a "..." name first in dir, the including
 * file's directory); every one for #include_next.
 */
static int resolve(struct search *s, const char *from, const char *dir, unsigned line,
		   const char *name, bool quoted, bool next, unsigned depth)
{
	char buf[4096], fdir[4096];
	const char *slash;
	unsigned i;
	int r;

	if (name[0] == '/')
		return candidate(s, name, from, line, name, depth) < 0 ? -EINVAL : 0;
	if (quoted) {
		slash = strrchr(from, '/');
		if (dir)
			snprintf(fdir, sizeof(fdir), "%s", dir);
		else
			snprintf(fdir, sizeof(fdir), "%.*s", slash ? (int)(slash - from) : 1,
				 slash ? from : ".");
		if (join(buf, sizeof(buf), fdir, name)) {
			r = candidate(s, buf, from, line, name, depth);
			if (r < 0 || (r > 0 && !next))
				return r < 0 ? r : 0;
		}
		for (i = 0; i < s->nquote; i++) {
			if (!join(buf, sizeof(buf), s->quote[i], name))
				continue;
			r = candidate(s, buf, from, line, name, depth);
			if (r < 0 || (r > 0 && !next))
				return r < 0 ? r : 0;
		}
	}
	for (i = 0; i < s->nangle; i++) {
		if (!join(buf, sizeof(buf), s->angle[i], name))
			continue;
		r = candidate(s, buf, from, line, name, depth);
		if (r < 0 || (r > 0 && !next))
			return r < 0 ? r : 0;
	}
	return 0;
}

/* The #include lines of one file, each resolved and walked. */
static int walk(struct search *s, const char *path, unsigned depth)
{
	char *text = NULL, *p, *end, *name;
	unsigned line = 0;
	size_t len = 0;
	int ret = 0;
	FILE *f;

	if (depth > MAX_DEPTH || (!s->want && !seen_add(s->sig, path)))
		return 0;
	f = fopen(path, "rb");
	if (!f)
		return 0;	/* clang says why it cannot read it */
	if (!fseek(f, 0, SEEK_END)) {
		long sz = ftell(f);

		if (sz > 0 && (unsigned long)sz <= MAX_HEADER && !fseek(f, 0, SEEK_SET)) {
			text = malloc((size_t)sz + 1);
			if (text)
				len = fread(text, 1, (size_t)sz, f);
		}
	}
	fclose(f);
	if (!text)
		return 0;
	text[len] = '\0';
	for (p = text; p < text + len && !ret && !(s->want && s->found[0]); p = end + 1) {
		bool next = false, quoted;
		char close;

		end = memchr(p, '\n', (size_t)(text + len - p));
		if (!end)
			end = text + len;
		line++;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end || *p != '#')
			continue;
		for (p++; p < end && (*p == ' ' || *p == '\t'); p++)
			;
		if ((size_t)(end - p) > 12 && !strncmp(p, "include_next", 12)) {
			next = true;
			p += 12;
		} else if ((size_t)(end - p) > 7 && !strncmp(p, "include", 7)) {
			p += 7;
		} else if ((size_t)(end - p) > 6 && !strncmp(p, "import", 6)) {
			p += 6;
		} else {
			continue;
		}
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end || (*p != '"' && *p != '<'))
			continue;	/* a computed include: not followed */
		quoted = *p == '"';
		close = quoted ? '"' : '>';
		name = ++p;
		while (p < end && *p != close)
			p++;
		if (p == end || p == name)
			continue;
		*p = '\0';
		ret = resolve(s, path, NULL, line, name, quoted, next, depth);
	}
	free(text);
	return ret;
}

/* The value of a search option: joined ("-Ifoo") or the next argument. */
static const char *opt_value(const struct tu_job *job, int *i, const char *opt)
{
	const char *a = job->argv[*i];
	size_t n = strlen(opt);

	if (strncmp(a, opt, n))
		return NULL;
	if (a[n])
		return a + n;
	if (*i + 1 < job->argc)
		return job->argv[++*i];
	return NULL;
}

/* A directory or file of the command line, relative to its directory. */
static const char *absolute(const struct tu_job *job, const char *p, char **owned)
{
	*owned = NULL;
	if (p[0] == '/' || !job->directory)
		return p;
	*owned = path_join(job->directory, p);
	return *owned ? *owned : p;
}

/* The search directories of the command line; the caller frees with search_free(). */
struct cmdline {
	const char **forced;
	char **owned;
	unsigned nforced, nowned;
};

static int search_init(const struct tu_job *job, struct search *s, struct cmdline *cl)
{
	int i;

	s->dir = job->directory;
	s->quote = calloc((size_t)job->argc + 1, sizeof(*s->quote));
	s->angle = calloc((size_t)job->argc + 1, sizeof(*s->angle));
	cl->forced = calloc((size_t)job->argc + 1, sizeof(*cl->forced));
	cl->owned = calloc((size_t)job->argc + 2, sizeof(*cl->owned));
	if (!s->quote || !s->angle || !cl->forced || !cl->owned)
		return -ENOMEM;
	for (i = 0; i < job->argc; i++) {
		const char *v;

		if ((v = opt_value(job, &i, "-iquote")))
			s->quote[s->nquote++] = absolute(job, v, &cl->owned[cl->nowned++]);
		else if ((v = opt_value(job, &i, "-isystem")) ||
			 (v = opt_value(job, &i, "-idirafter")) ||
			 (v = opt_value(job, &i, "-I")))
			s->angle[s->nangle++] = absolute(job, v, &cl->owned[cl->nowned++]);
		else if ((v = opt_value(job, &i, "-include")) ||
			 (v = opt_value(job, &i, "-imacros")))
			cl->forced[cl->nforced++] = v;
	}
	s->sig = str_hash64(job->directory ? job->directory : "");
	for (i = 0; i < (int)s->nquote; i++)
		s->sig = (s->sig ^ str_hash64(s->quote[i])) * 1099511628211ull;
	s->sig = (s->sig ^ 0x5c) * 1099511628211ull;
	for (i = 0; i < (int)s->nangle; i++)
		s->sig = (s->sig ^ str_hash64(s->angle[i])) * 1099511628211ull;
	return 0;
}

static void search_free(struct search *s, struct cmdline *cl)
{
	unsigned i;

	for (i = 0; cl->owned && i < cl->nowned; i++)
		free(cl->owned[i]);
	for (i = 0; i < s->nvisited; i++)
		free(s->visited[i]);
	free(cl->owned);
	free(cl->forced);
	free(s->angle);
	free(s->quote);
}

/* The -include files, then the main file. */
static int search_run(const struct tu_job *job, struct search *s, const struct cmdline *cl)
{
	char *main_file;
	unsigned i;
	int ret = 0;

	for (i = 0; !ret && i < cl->nforced && !(s->want && s->found[0]); i++)
		ret = resolve(s, "<command line>", job->directory ? job->directory : ".", 0,
			      cl->forced[i], true, false, 0);
	if (ret || (s->want && s->found[0]))
		return ret;
	main_file = job->file[0] == '/' || !job->directory ? NULL :
		path_join(job->directory, job->file);
	ret = walk(s, main_file ? main_file : job->file, 0);
	free(main_file);
	return ret;
}

int includes_check(const struct tu_job *job, char *err, size_t errlen)
{
	struct search s = { .err = err, .errlen = errlen };
	struct cmdline cl = { 0 };
	int ret = search_init(job, &s, &cl);

	if (ret)
		snprintf(err, errlen, "out of memory");
	else
		ret = search_run(job, &s, &cl);
	search_free(&s, &cl);
	return ret;
}

bool includes_find(const struct tu_job *job, const char *want, char *path, size_t len)
{
	char err[512];
	struct search s = { .err = err, .errlen = sizeof(err), .want = want, .found = path,
			    .foundlen = len };
	struct cmdline cl = { 0 };

	path[0] = '\0';
	if (!search_init(job, &s, &cl))
		search_run(job, &s, &cl);
	search_free(&s, &cl);
	return path[0] != '\0';
}

void includes_reset(void)
{
	size_t i;

	pthread_mutex_lock(&seen.lock);
	for (i = 0; i < seen.cap; i++)
		free(seen.slot[i]);
	free(seen.slot);
	seen.slot = NULL;
	seen.cap = seen.n = 0;
	pthread_mutex_unlock(&seen.lock);
}
