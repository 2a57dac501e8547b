// SPDX-License-Identifier: GPL-2.0
/* table.c - parse embedded rules/data tables once, on first use. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "table.h"

#define MAX_TABLES 32

static struct tbl tables[MAX_TABLES];
static unsigned ntables;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void parse_one(struct tbl *t, const char *text)
{
	unsigned nlines = 1, line = 0;
	struct tbl_row *rows;
	const char *p;

	for (p = text; *p; p++)
		nlines += *p == '\n';
	rows = xcalloc(nlines, sizeof(*rows));
	for (p = text; *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *copy = xcalloc(len + 1, 1), *save = NULL, *tok;
		struct tbl_row *r = &rows[t->nrows];

		memcpy(copy, p, len);
		line++;
		p += len + (eol ? 1 : 0);
		tok = strtok_r(copy, " \t", &save);
		if (!tok || tok[0] == '#') {
			free(copy);
			continue;
		}
		r->line = line;
		r->fields = xcalloc(len / 2 + 2, sizeof(*r->fields));
		for (; tok; tok = strtok_r(NULL, " \t", &save))
			r->fields[r->nfields++] = tok;
		t->nrows++;
	}
	t->rows = rows;
}

static void load_all(void)
{
	const struct tbl_source *s;

	for (s = tbl_sources; s->name && ntables < MAX_TABLES; s++) {
		tables[ntables].name = s->name;
		parse_one(&tables[ntables], s->text);
		ntables++;
	}
}

const struct tbl *tbl_get(const char *name)
{
	unsigned i;

	pthread_once(&once, load_all);
	for (i = 0; i < ntables; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

const struct tbl_row *tbl_find(const struct tbl *t, unsigned col, const char *value)
{
	unsigned i;

	if (!t || !value)
		return NULL;
	for (i = 0; i < t->nrows; i++)
		if (col < t->rows[i].nfields && !strcmp(t->rows[i].fields[col], value))
			return &t->rows[i];
	return NULL;
}

bool tbl_has(const char *name, unsigned col, const char *value)
{
	return tbl_find(tbl_get(name), col, value) != NULL;
}
