// SPDX-License-Identifier: GPL-2.0
/* argv.c - compile-command sanitising driven by argv-filter.def. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "argv.h"

enum filter_kind { F_EXACT, F_NEXT, F_PREFIX };

static const struct argv_filter {
	enum filter_kind kind;
	const char *word;
} filters[] = {
#define ARGV_DROP(w) { F_EXACT, w },
#define ARGV_DROP_NEXT(w) { F_NEXT, w },
#define ARGV_DROP_PREFIX(w) { F_PREFIX, w },
#include "argv-filter.def"
#undef ARGV_DROP
#undef ARGV_DROP_NEXT
#undef ARGV_DROP_PREFIX
};

bool argv_is_dropped(const char *word, bool *takes_value)
{
	size_t i;

	*takes_value = false;
	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		const struct argv_filter *f = &filters[i];

		switch (f->kind) {
		case F_EXACT:
			if (!strcmp(word, f->word))
				return true;
			break;
		case F_NEXT:
			if (!strcmp(word, f->word)) {
				*takes_value = true;
				return true;
			}
			break;
		case F_PREFIX:
			if (!strncmp(word, f->word, strlen(f->word)))
				return true;
			break;
		}
	}
	return false;
}

/* The source word of a compile command: the DB's file, maybe written relative. */
static bool names_file(const char *word, const char *file)
{
	size_t wl = strlen(word), fl = strlen(file);

	if (!strcmp(word, file))
		return true;
	if (word[0] == '-')
		return false;
	while (!strncmp(word, "./", 2)) {
		word += 2;
		wl -= 2;
	}
	return wl < fl && file[fl - wl - 1] == '/' && !strcmp(file + fl - wl, word);
}

int argv_sanitise(int argc, char *const *argv, bool skip_compiler, const char *drop_file,
		  char ***out)
{
	char **v = calloc((size_t)argc + 1, sizeof(*v));
	int i, n = 0;
	bool next;

	if (!v) {
		fputs("iommu-lint: out of memory\n", stderr);
		abort();
	}
	for (i = skip_compiler ? 1 : 0; i < argc; i++) {
		if (drop_file && names_file(argv[i], drop_file))
			continue;
		if (argv_is_dropped(argv[i], &next)) {
			i += next;
			continue;
		}
		v[n++] = xstrdup(argv[i]);
	}
	*out = v;
	return n;
}

void argv_free(int argc, char **argv)
{
	int i;

	if (!argv)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}
