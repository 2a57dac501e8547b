// SPDX-License-Identifier: GPL-2.0
/*
 * ts-throughput.c - parse throughput of the tree-sitter runtime and C
 * grammar it is linked with (bench/ts-throughput.sh builds it twice: with
 * the project's pinned runtime and grammar, and with Debian's libtree-sitter
 * 0.20.7 and tree-sitter-c 0.23.6), on the same files.
 *
 *   ts-throughput LIST        parse each file LIST names (one path a line),
 *                             raw text, one thread; print one line:
 *                             files bytes MB cpu_s wall_s MB/s(cpu) errors
 *   ts-throughput --prefilter LIST   (project build only) print the paths of
 *                             LIST fast mode would parse: those the enabled
 *                             rules' prefilter words match
 *
 * Only the parse is timed (reading the file is not); CPU time is the
 * thread's, so a loaded machine changes the wall time more than the rate.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tree_sitter/api.h>

#ifdef WITH_LINT
#include "../checker/engine.h"
#include "../checker/registry.h"
#endif

const TSLanguage *tree_sitter_c(void);

static double secs(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		goto out;
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	if (b) {
		b[n] = 0;
		*len = (size_t)n;
	}
out:
	fclose(f);
	return b;
}

/* ERROR and MISSING nodes of a tree, for a rough comparison of the grammars. */
static unsigned long errors(TSNode root)
{
	TSTreeCursor c = ts_tree_cursor_new(root);
	unsigned long n = 0;

	for (;;) {
		TSNode x = ts_tree_cursor_current_node(&c);

		n += !strcmp(ts_node_type(x), "ERROR") || ts_node_is_missing(x);
		if (ts_node_has_error(x) && ts_tree_cursor_goto_first_child(&c))
			continue;
		while (!ts_tree_cursor_goto_next_sibling(&c))
			if (!ts_tree_cursor_goto_parent(&c))
				goto out;
	}
out:
	ts_tree_cursor_delete(&c);
	return n;
}

#ifdef WITH_LINT
static int prefilter(FILE *list)
{
	struct rule_settings rs;
	char err[256], *line = NULL;
	size_t cap = 0;

	if (registry_init(err, sizeof(err))) {
		fprintf(stderr, "ts-throughput: %s\n", err);
		return 2;
	}
	memset(&rs, 0, sizeof(rs));
	rule_settings_default(&rs);
	rs.frontend = "ts";
	while (getline(&line, &cap, list) > 0) {
		size_t len;
		char *src;

		line[strcspn(line, "\n")] = 0;
		src = *line ? slurp(line, &len) : NULL;
		if (src && engine_tu_may_match(&rs, src, len, NULL, NULL))
			puts(line);
		free(src);
	}
	free(line);
	return 0;
}
#endif

int main(int argc, char **argv)
{
	unsigned long files = 0, bytes = 0, errs = 0;
	double cpu = 0, wall = 0;
	char *line = NULL;
	size_t cap = 0;
	TSParser *p;
	FILE *list;
	int ret = 0;

	if (argc == 3 && !strcmp(argv[1], "--prefilter")) {
#ifdef WITH_LINT
		list = fopen(argv[2], "r");
		if (!list) {
			perror(argv[2]);
			return 2;
		}
		ret = prefilter(list);
		fclose(list);
		return ret;
#else
		fputs("ts-throughput: --prefilter needs the project build\n", stderr);
		return 2;
#endif
	}
	if (argc != 2) {
		fputs("usage: ts-throughput [--prefilter] LIST\n", stderr);
		return 2;
	}
	list = fopen(argv[1], "r");
	if (!list) {
		perror(argv[1]);
		return 2;
	}
	p = ts_parser_new();
	if (!p || !ts_parser_set_language(p, tree_sitter_c())) {
		fputs("ts-throughput: the runtime rejects the grammar\n", stderr);
		return 2;
	}
	while (getline(&line, &cap, list) > 0) {
		double c0, w0;
		size_t len;
		TSTree *t;
		char *src;

		line[strcspn(line, "\n")] = 0;
		if (!*line)
			continue;
		src = slurp(line, &len);
		if (!src) {
			fprintf(stderr, "ts-throughput: %s: cannot read\n", line);
			ret = 1;
			continue;
		}
		c0 = secs(CLOCK_THREAD_CPUTIME_ID);
		w0 = secs(CLOCK_MONOTONIC);
		t = ts_parser_parse_string(p, NULL, src, (uint32_t)len);
		cpu += secs(CLOCK_THREAD_CPUTIME_ID) - c0;
		wall += secs(CLOCK_MONOTONIC) - w0;
		if (t) {
			errs += errors(ts_tree_root_node(t));
			ts_tree_delete(t);
		} else {
			fprintf(stderr, "ts-throughput: %s: no tree\n", line);
			ret = 1;
		}
		files++;
		bytes += len;
		free(src);
	}
	free(line);
	fclose(list);
	ts_parser_delete(p);
	printf("%lu %lu %.1f %.2f %.2f %.2f %lu\n", files, bytes, bytes / 1e6, cpu, wall,
	       cpu > 0 ? bytes / 1e6 / cpu : 0, errs);
	return ret;
}
