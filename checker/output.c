// SPDX-License-Identifier: GPL-2.0
/* output.c - safe output files (see output.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

struct ident {
	dev_t dev;
	ino_t ino;
};

static struct ident *inputs;
static unsigned ninputs, capinputs;
static pthread_mutex_t inputs_lock = PTHREAD_MUTEX_INITIALIZER;

void output_note_input(const char *path)
{
	struct stat st;

	if (!path || stat(path, &st))
		return;
	pthread_mutex_lock(&inputs_lock);
	if (ninputs == capinputs) {
		capinputs = capinputs ? 2 * capinputs : 64;
		inputs = xrealloc(inputs, capinputs * sizeof(*inputs));
	}
	inputs[ninputs++] = (struct ident){ st.st_dev, st.st_ino };
	pthread_mutex_unlock(&inputs_lock);
}

void output_note_input_in(const char *dir, const char *path)
{
	char buf[PATH_MAX];

	if (!path)
		return;
	if (!dir || path[0] == '/' || snprintf(buf, sizeof(buf), "%s/%s", dir, path) >=
						 (int)sizeof(buf)) {
		output_note_input(path);
		return;
	}
	output_note_input(buf);
}

static bool is_input(const struct stat *st)
{
	bool found = false;
	unsigned i;

	pthread_mutex_lock(&inputs_lock);
	for (i = 0; i < ninputs && !found; i++)
		found = inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino;
	pthread_mutex_unlock(&inputs_lock);
	return found;
}

/* A character device or FIFO: open it for writing, never creating or truncating anything. */
static int write_through(const char *path, output_fn fn, const void *arg, char *err,
			 size_t errlen)
{
	int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	FILE *out;
	int ret;

	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot open: %s", path,
			 errno == ENXIO ? "a FIFO with no reader" : strerror(errno));
		return ret;
	}
	/* back to blocking writes once open succeeded (a FIFO reader exists) */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	out = fdopen(fd, "w");
	if (!out) {
		ret = -errno;
		close(fd);
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(-ret));
		return ret;
	}
	errno = 0;
	ret = fn(out, arg) ? -EIO : 0;
	/* the device's own reason (ENOSPC from /dev/full), else EIO */
	if (ret || ferror(out))
		ret = errno ? -errno : -EIO;
	if (fclose(out) && !ret)
		ret = errno ? -errno : -EIO;
	if (ret)
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(-ret));
	return ret;
}

/*
 * An output path that exists: never one of the run's inputs; a character
 * device or a FIFO is written straight through (returns its result); only a
 * regular file may be replaced (returns 1: go on); anything else is refused.
 */
static int existing_target(const char *path, const struct stat *st, output_fn fn,
			   const void *arg, char *err, size_t errlen)
{
	if (is_input(st)) {
		snprintf(err, errlen, "%s: is an input of this run; not overwritten", path);
		return -EINVAL;
	}
	if (S_ISCHR(st->st_mode) || S_ISFIFO(st->st_mode))
		return write_through(path, fn, arg, err, errlen);
	if (!S_ISREG(st->st_mode)) {
		snprintf(err, errlen, "%s: not a regular file; not written", path);
		return -EINVAL;
	}
	return 1;
}

int output_write(const char *path, output_fn fn, const void *arg, char *err, size_t errlen)
{
	char real[PATH_MAX], *tmp = NULL;
	const char *target = path;
	mode_t mode = 0666;
	struct stat st;
	FILE *out = NULL;
	int fd = -1, ret = 0;
	mode_t mask;

	if (!stat(path, &st)) {
		ret = existing_target(path, &st, fn, arg, err, errlen);
		if (ret != 1)
			return ret;
		ret = 0;
		/* a symlink: replace its target, in the target's directory */
		if (!realpath(path, real)) {
			ret = -errno;
			snprintf(err, errlen, "%s: cannot resolve: %s", path, strerror(errno));
			return ret;
		}
		target = real;
		mode = st.st_mode & 07777;
	} else {
		mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	tmp = xmalloc(strlen(target) + 16);
	sprintf(tmp, "%s.tmpXXXXXX", target);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
		goto out_free;
	}
	tmp_register(tmp);
	if (fchmod(fd, mode) || !(out = fdopen(fd, "w"))) {
		ret = -errno;
		close(fd);
		goto out_unlink;
	}
	if (fn(out, arg))
		ret = -EIO;
	if (fclose(out) && !ret)
		ret = -EIO;
	if (!ret && rename(tmp, target))
		ret = -errno;
	if (!ret)
		goto out_unregister;
out_unlink:
	snprintf(err, errlen, "%s: cannot write: %s", path, strerror(ret == -EIO ? EIO : -ret));
	unlink(tmp);
out_unregister:
	tmp_unregister(tmp);
out_free:
	free(tmp);
	return ret;
}

int output_append(const char *path, output_fn fn, const void *arg, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0, done = 0;
	struct stat st;
	ssize_t n;
	FILE *mem;
	int fd, ret = 0;

	if (!stat(path, &st)) {
		ret = existing_target(path, &st, fn, arg, err, errlen);
		if (ret != 1)
			return ret;
		ret = 0;
	}
	mem = open_memstream(&buf, &len);
	if (!mem) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	ret = fn(mem, arg);
	if (fclose(mem) || ret) {
		snprintf(err, errlen, "%s: cannot write the report", path);
		ret = -EIO;
		goto out_free;
	}
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC, 0666);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		goto out_free;
	}
	/* make -j runs several calls at once: one report after the other */
	while (flock(fd, LOCK_EX) && errno == EINTR)
		;
	while (done < len) {
		n = write(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? -errno : -EIO;
			snprintf(err, errlen, "%s: cannot write: %s", path, strerror(-ret));
			break;
		}
		done += (size_t)n;
	}
	if (close(fd) && !ret) {
		ret = -errno;
		snprintf(err, errlen, "%s: cannot write: %s", path, strerror(-ret));
	}
out_free:
	free(buf);
	return ret;
}
