// SPDX-License-Identifier: GPL-2.0
/* testutil.c - child process runner for the CLI and corpus tests. */
#define _GNU_SOURCE	/* posix_openpt, ptsname */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "testutil.h"

extern char **environ;

const char *lint_path(void)
{
	const char *p = getenv("IOMMU_LINT");

	return p && *p ? p : "./iommu-lint";
}

struct buf {
	char *p;
	size_t n, cap;
};

static int buf_read(int fd, struct buf *b)
{
	ssize_t got;

	if (b->cap - b->n < 4096) {
		b->cap = b->cap * 2 + 8192;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			return -ENOMEM;
	}
	got = read(fd, b->p + b->n, b->cap - b->n - 1);
	if (got > 0)
		b->n += (size_t)got;
	b->p[b->n] = '\0';
	return (int)got;
}

/*
 * One end for the child's fd: a pipe, or a pseudo-terminal in raw mode
 * (no \r added) when tty.  *rd is the parent's reading end; the child's
 * end is dup'ed (pipe) or opened by name (terminal) by the spawn actions.
 */
static int child_end(bool tty, int fd, posix_spawn_file_actions_t *fa, int *rd, int *wr)
{
	struct termios t;
	int p[2];

	if (!tty) {
		if (pipe(p))
			return -errno;
		*rd = p[0];
		*wr = p[1];
		posix_spawn_file_actions_adddup2(fa, p[1], fd);
		posix_spawn_file_actions_addclose(fa, p[0]);
		return 0;
	}
	*rd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*rd < 0 || grantpt(*rd) || unlockpt(*rd))
		return -errno;
	/* held open until the child has its own, so the master never sees a hang-up first */
	*wr = open(ptsname(*rd), O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (*wr < 0 || tcgetattr(*wr, &t))
		return -errno;
	cfmakeraw(&t);
	tcsetattr(*wr, TCSANOW, &t);
	posix_spawn_file_actions_addopen(fa, fd, ptsname(*rd), O_RDWR | O_NOCTTY, 0);
	return 0;
}

int run_argv_tty(char *const argv[], bool out_tty, bool err_tty, struct run *r)
{
	int po[2], pe[2], st;
	posix_spawn_file_actions_t fa;
	struct buf bo = { 0 }, be = { 0 };
	struct pollfd pf[2];
	pid_t pid;
	int open_fds = 2;

	memset(r, 0, sizeof(*r));
	posix_spawn_file_actions_init(&fa);
	if (child_end(out_tty, 1, &fa, &po[0], &po[1]) || child_end(err_tty, 2, &fa, &pe[0], &pe[1])) {
		posix_spawn_file_actions_destroy(&fa);
		return -errno;
	}
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		return -errno;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	pf[0] = (struct pollfd){ .fd = po[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = pe[0], .events = POLLIN };
	buf_read(-1, &bo);
	buf_read(-1, &be);
	/* a terminal's master reads EIO once the child is gone: the end, as EOF */
	while (open_fds) {
		if (poll(pf, 2, -1) < 0 && errno != EINTR)
			break;
		if (pf[0].fd >= 0 && pf[0].revents && buf_read(pf[0].fd, &bo) <= 0) {
			close(pf[0].fd);
			pf[0].fd = -1;
			open_fds--;
		}
		if (pf[1].fd >= 0 && pf[1].revents && buf_read(pf[1].fd, &be) <= 0) {
			close(pf[1].fd);
			pf[1].fd = -1;
			open_fds--;
		}
	}
	waitpid(pid, &st, 0);
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = bo.p;
	r->err = be.p;
	return 0;
}

int run_argv(char *const argv[], struct run *r)
{
	return run_argv_tty(argv, false, false, r);
}

void run_free(struct run *r)
{
	free(r->out);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
		goto out;
	}
	if (p) {
		p[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
out:
	fclose(f);
	return p;
}

int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ret = 0;

	if (!f)
		return -errno;
	if (fwrite(data, 1, len, f) != len)
		ret = -EIO;
	if (fclose(f))
		ret = -EIO;
	return ret;
}

unsigned count_substr(const char *s, const char *needle)
{
	unsigned n = 0;

	for (; s && (s = strstr(s, needle)); s++)
		n++;
	return n;
}

void tmpdir_make(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "/tmp/iommu-lint-%s.XXXXXX", tag);
	cr_assert(mkdtemp(buf), "mkdtemp %s", buf);
}

void tmpdir_remove(const char *dir)
{
	char *argv[] = { "/bin/rm", "-rf", (char *)dir, NULL };
	struct run r;

	cr_assert_eq(run_argv(argv, &r), 0);
	cr_assert_eq(r.status, 0, "rm -rf %s: %s", dir, r.err);
	run_free(&r);
}

void assert_tool_failure(const struct run *r, const char *cause)
{
	cr_assert_eq(r->status, 2, "exit %d, want 2; stderr: %s", r->status, r->err);
	cr_assert(strstr(r->err, cause), "stderr does not say '%s': %s", cause, r->err);
	cr_assert_eq(count_substr(r->err, "iommu-lint: error: "), 1,
		     "want exactly one error line: %s", r->err);
}

int shell_status(const char *fmt, ...)
{
	char cmd[8192];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return rc == -1 ? -1 : WEXITSTATUS(rc);
}
