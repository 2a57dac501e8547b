/* SPDX-License-Identifier: GPL-2.0 */
/*
 * util.h - allocation that cannot fail (out of memory ends the process with
 * one line, like git's xmalloc: no finding is worth reporting half-parsed)
 * and whole-file reads for small auxiliary files (autoconf.h, iommu.h).
 */
#ifndef IOMMU_LINT_UTIL_H
#define IOMMU_LINT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void die_oom(void) __attribute__((noreturn));
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
/* FNV-1a, 64 bits, of a string: for the hash sets of paths. */
/* C identifier characters (ASCII): a first one, and any one. */
static inline bool ident_start_c(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool ident_char_c(int c)
{
	return ident_start_c(c) || (c >= '0' && c <= '9');
}

/* Does [start, end) hold word as a whole identifier token? */
bool text_has_token(const char *start, const char *end, const char *word);
uint64_t str_hash64(const char *s);
/* Seconds on the monotonic clock (the vDSO: no system call), for timings. */
double mono_seconds(void);
/* The same over n bytes (no NUL needed). */
uint64_t str_hash64_n(const char *s, size_t n);
/* The whole file, NUL-terminated, malloc'ed; NULL if it cannot be read. */
char *read_text_file(const char *path);

/*
 * Open path for reading without blocking on a FIFO, and refuse anything but
 * a regular file (a FIFO, a device, a directory, a socket): returns the
 * descriptor (blocking again), or -errno with a one-line reason in err.
 */
int open_regular(const char *path, char *err, size_t errlen);
/* The same check, closing the descriptor: 0 or -errno. */
int check_regular(const char *path, char *err, size_t errlen);

/*
 * Size limits per input kind (docs/reliability.md): each far above what a
 * whole-kernel run needs (an allyesconfig compile DB is ~150 MiB, the
 * largest kernel .c under 10 MiB), each far below what exhausts memory.
 */
#define LIMIT_SOURCE		(16ull << 20)	/* a C source or header */
#define LIMIT_COMPDB		(1ull << 30)	/* compile_commands.json */
#define LIMIT_BASELINE		(256ull << 20)	/* --baseline */
#define LIMIT_SARIF_LOG		(512ull << 20)	/* a log read by --merge */
#define LIMIT_FILE_LIST		(64ull << 20)	/* --files-from */

/*
 * Read a whole input of the given kind ("a baseline") into *buf
 * (malloc'ed, NUL-terminated, *len bytes): a regular file opened without
 * blocking, or stdin for "-", at most limit bytes.  Returns 0, or -errno
 * with a one-line reason in err ("too large for a baseline (N bytes, limit
 * 256 MiB)", "is a FIFO, not a regular file").
 */
int read_input(const char *path, const char *kind, unsigned long long limit, char **buf,
	       size_t *len, char *err, size_t errlen);

/*
 * stdout flushed without error: 0.  Otherwise -EIO, and (once per process)
 * the line "iommu-lint: error: cannot write to stdout: <reason>".
 */
int stdout_check(void);

/*
 * Temporary files and directories, removed if a fatal signal (SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT, SIGPIPE) ends the run while they exist: the
 * handler unlinks (rmdir for a directory) each registered path, newest
 * first, and re-raises the signal.  tmp_register copies path; 0 or -ENOSPC
 * (more than TMP_MAX_PATHS at once: the path is then not cleaned up).
 */
#define TMP_MAX_PATHS 64
void tmp_signals_install(void);
int tmp_register(const char *path);
void tmp_unregister(const char *path);

#endif
