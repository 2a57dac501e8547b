/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edit.h - source geometry for rules that build fixes (where a line starts
 * and ends, how it is indented, where an expression's text ends), and the
 * engine's resolution of a finding's edits to byte offsets.
 */
#ifndef IOMMU_LINT_EDIT_H
#define IOMMU_LINT_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct findings;

/* Byte offset of loc in the TU's main file; false if elsewhere or out of range. */
bool src_offset(const struct fx_tu *tu, const struct fx_loc *loc, size_t *off);
/* The location of byte offset off of the main file. */
bool src_loc_at(const struct fx_tu *tu, size_t off, struct fx_loc *out);
/* [*start, *end) is the line holding byte off, *end at its newline or the end of the file. */
void src_line_span(const struct fx_tu *tu, size_t off, size_t *start, size_t *end);
/* The leading blanks (spaces, tabs) of line, NUL-terminated; false if none fits. */
bool src_line_indent(const struct fx_tu *tu, unsigned line, char *buf, size_t n);
/* First byte of line; just past its last byte, before the newline. */
bool src_line_start(const struct fx_tu *tu, unsigned line, struct fx_loc *out);
bool src_line_end(const struct fx_tu *tu, unsigned line, struct fx_loc *out);
/*
 * The source range of an expression: [e->loc, end) when the bytes at e->loc
 * are exactly e->text (so not a macro expansion spelled elsewhere, nor text
 * the frontend normalised); false otherwise, and then no edit may use it.
 */
bool src_expr_end(const struct fx_tu *tu, const struct fx_expr *e, struct fx_loc *end);

/*
 * End of the run: turn every finding's edits into byte offsets against the
 * main file of the TU they name, sort them, and drop the fix of a finding
 * whose edits overlap or lie outside a main file (with a note saying so).
 */
void edits_resolve(const struct fx_program *prog, struct findings *f);
/*
 * After filtering and sorting: when the edits of two findings overlap, keep
 * the first finding's fix (file order) and mark the other as not applied.
 */
void edits_drop_overlaps(struct findings *f);
/* The TU whose main file is file (a finding's or an edit's file), or NULL. */
const struct fx_tu *edit_tu(const struct fx_program *prog, const char *file);

#endif
