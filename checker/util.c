// SPDX-License-Identifier: GPL-2.0
/* util.c - see util.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

void die_oom(void)
{
	fputs("iommu-lint: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *old, size_t size)
{
	void *p = realloc(old, size ? size : 1);

	if (!p)
		die_oom();
	return p;
}

char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		die_oom();
	return p;
}

bool text_has_token(const char *start, const char *end, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = start; p < end && (p = memmem(p, (size_t)(end - p), word, n)); p += n)
		if ((p == start || !ident_char_c((unsigned char)p[-1])) &&
		    (p + n == end || !ident_char_c((unsigned char)p[n])))
			return true;
	return false;
}

uint64_t str_hash64(const char *s)
{
	return str_hash64_n(s, strlen(s));
}

uint64_t str_hash64_n(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

/* A header of the kernel tree (autoconf.h, iommu.h): a bounded regular file, or NULL. */
char *read_text_file(const char *path)
{
	char *buf = NULL, err[128];
	size_t len;

	if (read_input(path, "a source file", LIMIT_SOURCE, &buf, &len, err, sizeof(err)))
		return NULL;
	return buf;
}

/* open_regular(), and what fstat() said of it in *st. */
static int open_regular_st(const char *path, struct stat *stp, char *err, size_t errlen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), ret;

	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return ret;
	}
	if (fstat(fd, &st)) {
		ret = -errno;
		snprintf(err, errlen, "cannot stat: %s", strerror(errno));
		close(fd);
		return ret;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s", S_ISDIR(st.st_mode) ? "is a directory, not a file" :
			 S_ISFIFO(st.st_mode) ? "is a FIFO, not a regular file" :
			 "not a regular file");
		close(fd);
		return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
	}
	/* O_NONBLOCK changes nothing for a regular file: only the open of a FIFO needed it */
	*stp = st;
	return fd;
}

int open_regular(const char *path, char *err, size_t errlen)
{
	struct stat st;

	return open_regular_st(path, &st, err, errlen);
}

int check_regular(const char *path, char *err, size_t errlen)
{
	int fd = open_regular(path, err, errlen);

	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

static void size_name(unsigned long long n, char *buf, size_t len)
{
	if (n >= (1ull << 30) && !(n % (1ull << 30)))
		snprintf(buf, len, "%llu GiB", n >> 30);
	else if (n >= (1ull << 20) && !(n % (1ull << 20)))
		snprintf(buf, len, "%llu MiB", n >> 20);
	else
		snprintf(buf, len, "%llu bytes", n);
}

static int too_large(const char *kind, unsigned long long size, bool more,
		     unsigned long long limit, char *err, size_t errlen)
{
	char lim[32];

	size_name(limit, lim, sizeof(lim));
	snprintf(err, errlen, "too large for %s (%s%llu bytes, limit %s)", kind, more ? "over " : "",
		 size, lim);
	return -EFBIG;
}

int read_input(const char *path, const char *kind, unsigned long long limit, char **buf,
	       size_t *len, char *err, size_t errlen)
{
	bool is_stdin = !strcmp(path, "-");
	size_t done = 0, cap = 65536;
	struct stat st;
	char *p = NULL;
	int fd, ret = 0;

	fd = is_stdin ? 0 : open_regular_st(path, &st, err, errlen);
	if (fd < 0)
		return fd;
	if (is_stdin && fstat(fd, &st)) {
		ret = -errno;
		snprintf(err, errlen, "cannot stat: %s", strerror(errno));
		goto out_close;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is a directory, not a file");
		ret = -EISDIR;
		goto out_close;
	}
	if (S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > limit) {
			ret = too_large(kind, (unsigned long long)st.st_size, false, limit, err, errlen);
			goto out_close;
		}
		cap = (size_t)st.st_size + 2;
	}
	p = malloc(cap);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out_close;
	}
	for (;;) {
		ssize_t got;

		if (done + 1 >= cap) {
			char *grown;

			if (done > limit) {
				ret = too_large(kind, limit, true, limit, err, errlen);
				goto out_free;
			}
			cap = cap * 2 > limit + 2 ? (size_t)limit + 2 : cap * 2;
			grown = realloc(p, cap);
			if (!grown) {
				snprintf(err, errlen, "out of memory");
				ret = -ENOMEM;
				goto out_free;
			}
			p = grown;
		}
		got = read(fd, p + done, cap - done - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			ret = -errno;
			snprintf(err, errlen, "read failed: %s", strerror(errno));
			goto out_free;
		}
		if (!got)
			break;
		done += (size_t)got;
		/* a regular file read to the size fstat() gave: no read to see its end */
		if (S_ISREG(st.st_mode) && done == (size_t)st.st_size && st.st_size)
			break;
	}
	if (done > limit) {
		ret = too_large(kind, limit, true, limit, err, errlen);
		goto out_free;
	}
	p[done] = '\0';
	*buf = p;
	*len = done;
	goto out_close;
out_free:
	free(p);
out_close:
	if (!is_stdin)
		close(fd);
	return ret;
}

int stdout_check(void)
{
	static bool said;
	int e = 0;

	if (fflush(stdout))
		e = errno;
	if (!e && !ferror(stdout))
		return 0;
	if (!said)
		fprintf(stderr, "iommu-lint: error: cannot write to stdout: %s\n",
			e ? strerror(e) : "write error");
	said = true;
	return -EIO;
}

/*
 * The registry of temporary paths: a slot's path is written before its
 * state says it is in use, and the handler reads only slots in use, with
 * lock-free atomics (async-signal-safe); unlink, rmdir, sigaction and
 * raise are async-signal-safe too.
 */
static char tmp_paths[TMP_MAX_PATHS][PATH_MAX];
static atomic_int tmp_used[TMP_MAX_PATHS];
static atomic_int tmp_claim[TMP_MAX_PATHS];
static const int tmp_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };

static void tmp_cleanup_handler(int sig)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int i;

	for (i = TMP_MAX_PATHS - 1; i >= 0; i--) {
		if (!atomic_load(&tmp_used[i]))
			continue;
		if (unlink(tmp_paths[i]))
			rmdir(tmp_paths[i]);
	}
	sigemptyset(&dfl.sa_mask);
	sigaction(sig, &dfl, NULL);
	raise(sig);
}

void tmp_signals_install(void)
{
	struct sigaction sa = { .sa_handler = tmp_cleanup_handler };
	unsigned i;

	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(tmp_signals) / sizeof(tmp_signals[0]); i++)
		sigaddset(&sa.sa_mask, tmp_signals[i]);
	for (i = 0; i < sizeof(tmp_signals) / sizeof(tmp_signals[0]); i++) {
		struct sigaction old;

		/* a signal the caller ignores (nohup, a shell's background job) stays ignored */
		if (!sigaction(tmp_signals[i], NULL, &old) && old.sa_handler == SIG_IGN)
			continue;
		sigaction(tmp_signals[i], &sa, NULL);
	}
}

int tmp_register(const char *path)
{
	const char *raise_env;
	int i, zero;

	if (strlen(path) >= PATH_MAX)
		return -ENAMETOOLONG;
	for (i = 0; i < TMP_MAX_PATHS; i++) {
		zero = 0;
		if (!atomic_compare_exchange_strong(&tmp_claim[i], &zero, 1))
			continue;
		strcpy(tmp_paths[i], path);
		atomic_store(&tmp_used[i], 1);
		/* test hook: die of this signal while the path exists (tests/test-reliability.c) */
		raise_env = getenv("IOMMU_LINT_TEST_RAISE");
		if (raise_env && atoi(raise_env) > 0)
			raise(atoi(raise_env));
		return 0;
	}
	return -ENOSPC;
}

void tmp_unregister(const char *path)
{
	int i;

	for (i = TMP_MAX_PATHS - 1; i >= 0; i--) {
		if (atomic_load(&tmp_used[i]) && !strcmp(tmp_paths[i], path)) {
			atomic_store(&tmp_used[i], 0);
			atomic_store(&tmp_claim[i], 0);
			return;
		}
	}
}

double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
