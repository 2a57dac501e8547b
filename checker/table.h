/* SPDX-License-Identifier: GPL-2.0 */
/*
 * table.h - kernel knowledge as data: rules/data/<name>.tbl, embedded at
 * build time.  One row a line, fields separated by whitespace, '#' starts a
 * comment line; the first line says where the data comes from.
 */
#ifndef IOMMU_LINT_TABLE_H
#define IOMMU_LINT_TABLE_H

#include <stdbool.h>

struct tbl_row {
	unsigned nfields;
	const char **fields;
	unsigned line;		/* in the .tbl file */
};

struct tbl {
	const char *name;
	unsigned nrows;
	const struct tbl_row *rows;
};

/* The parsed table (cached for the life of the process), or NULL. */
const struct tbl *tbl_get(const char *name);
/* First row whose field col equals value, or NULL. */
const struct tbl_row *tbl_find(const struct tbl *t, unsigned col, const char *value);
bool tbl_has(const char *name, unsigned col, const char *value);

/* Generated from rules/data/ into build/tables.c. */
struct tbl_source {
	const char *name;
	const char *text;
};
extern const struct tbl_source tbl_sources[];

#endif
