// SPDX-License-Identifier: GPL-2.0
/*
 * test-fuzz-replay.c - every libFuzzer harness of tests/fuzz/ on its seed
 * corpus and on the inputs that once crashed it (tests/fuzz/NAME/regressions),
 * in the ordinary build: make check (and SAN=1) keeps them fixed without
 * clang's libFuzzer.
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "testutil.h"

int fuzz_baseline(const uint8_t *data, size_t size);
int fuzz_compdb(const uint8_t *data, size_t size);
int fuzz_facts(const uint8_t *data, size_t size);
int fuzz_gitdiff(const uint8_t *data, size_t size);
int fuzz_kbuild(const uint8_t *data, size_t size);
int fuzz_merge(const uint8_t *data, size_t size);
int fuzz_suppress(const uint8_t *data, size_t size);
int fuzz_ts(const uint8_t *data, size_t size);

TestSuite(fuzz_replay, .timeout = 120);

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

/* Each file below dir (recursively) through fn; how many there were. */
static unsigned replay_tree(const char *dir, fuzz_fn fn)
{
	char path[PATH_MAX];
	struct dirent *de;
	unsigned n = 0;
	size_t len;
	DIR *d = opendir(dir);

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		char *data;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR) {
			n += replay_tree(path, fn);
			continue;
		}
		data = read_file(path, &len);
		cr_assert(data, "cannot read %s", path);
		cr_assert_eq(fn((const uint8_t *)data, len), 0, "%s", path);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

/*
 * The seeds: tests/fuzz/name/seeds and every directory tests/fuzz/name/seed-dirs
 * names (one a line, from the top directory; # starts a comment), as
 * scripts/fuzz.sh hands them to libFuzzer.
 */
static unsigned replay_seeds(const char *name, fuzz_fn fn)
{
	char path[PATH_MAX], line[PATH_MAX];
	unsigned n;
	FILE *f;

	snprintf(path, sizeof(path), "tests/fuzz/%s/seeds", name);
	n = replay_tree(path, fn);
	snprintf(path, sizeof(path), "tests/fuzz/%s/seed-dirs", name);
	f = fopen(path, "r");
	if (!f)
		return n;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] && line[0] != '#') {
			unsigned k = replay_tree(line, fn);

			cr_assert_gt(k, 0, "%s: %s has no files", path, line);
			n += k;
		}
	}
	fclose(f);
	return n;
}

static void replay(const char *name, fuzz_fn fn)
{
	char path[PATH_MAX];

	cr_assert_gt(replay_seeds(name, fn), 0, "no seeds for %s", name);
	snprintf(path, sizeof(path), "tests/fuzz/%s/regressions", name);
	replay_tree(path, fn);
	cr_assert_eq(fn((const uint8_t *)"", 0), 0, "empty input");
}

Test(fuzz_replay, baseline) { replay("baseline", fuzz_baseline); }
Test(fuzz_replay, compdb) { replay("compdb", fuzz_compdb); }
Test(fuzz_replay, facts) { replay("facts", fuzz_facts); }
Test(fuzz_replay, gitdiff) { replay("gitdiff", fuzz_gitdiff); }
Test(fuzz_replay, kbuild) { replay("kbuild", fuzz_kbuild); }
Test(fuzz_replay, merge) { replay("merge", fuzz_merge); }
Test(fuzz_replay, suppress) { replay("suppress", fuzz_suppress); }
Test(fuzz_replay, ts) { replay("ts", fuzz_ts); }
