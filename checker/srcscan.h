/* SPDX-License-Identifier: GPL-2.0 */
/*
 * srcscan.h - cheap scans of a main file's text, shared by both frontends:
 * the preprocessor conditional around each line, designators written in the
 * text (also in disabled #if branches the compiler never sees), file-scope
 * call-like uses (IOMMU_OF_DECLARE(...)), and the prefilter.
 */
#ifndef IOMMU_LINT_SRCSCAN_H
#define IOMMU_LINT_SRCSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct pp_line {
	const char *cond;	/* innermost conditional ("#ifdef CONFIG_OF_IOMMU"), or NULL */
	unsigned depth;		/* nesting depth of conditionals */
};

struct pp_map {
	unsigned nlines;
	struct pp_line *lines;	/* index 1..nlines */
};

void pp_map_build(struct arena *a, const char *src, size_t len, struct pp_map *map);
const struct pp_line *pp_map_line(const struct pp_map *map, unsigned line);

/* Call fn for every ".name =" designator written in lines [from, to]. */
typedef void (*designator_fn)(const char *name, size_t len, unsigned line, unsigned col,
			      void *arg);
void srcscan_designators(const char *src, size_t len, unsigned from, unsigned to,
			 designator_fn fn, void *arg);

/* Identifiers followed by '(' at brace depth 0, outside comments and strings. */
void srcscan_toplevel_calls(struct fx_tu *tu);

/* Attach #if context to initialiser fields and add fields only the text shows. */
void srcscan_annotate_inits(struct fx_tu *tu, const struct pp_map *map);

/* true when any of the NUL-separated, double-NUL-terminated words occurs as a token. */
bool srcscan_has_any(const char *src, size_t len, const char *words);

/*
 * Prefilter specs (rules/rules.def, expanded by registry.c): NUL-separated
 * words, double-NUL-terminated.  The word "&" ends a group and "|" an
 * alternative: a text matches when, for some alternative, it has a word of
 * every group.  Without exact, only the first group of each alternative is
 * required (clang mode: a header macro may supply the other words).
 * Words match as tokens; ".name=" matches an assignment to a member
 * through '.' ("x.name =", "p->dev.name ="), not an initialiser's
 * designator.  "" (no word) always matches.
 */
bool srcscan_prefilter(const char *src, size_t len, const char *spec, bool exact);

/* Many specs compiled once, matched in one pass over a text (thread-safe to match). */
struct srcscan_pf;
/*
 * srcscan_pf_match() reads the text in two passes, 64 bytes at a time with
 * SSE2 (default); false: the one-pass byte-at-a-time scan (the tests
 * compare the two).
 */
extern bool srcscan_pf_simd;
struct srcscan_pf *srcscan_pf_new(const char *const *specs, unsigned nspecs);
void srcscan_pf_free(struct srcscan_pf *pf);
#define PF_MATCH	1
#define PF_ON_DEMAND	2
/*
 * How many specs match (on demand included); match[i] (if match) says
 * whether spec i does, on_demand[i] (if on_demand) whether only by
 * alternatives marked "~" (the first word of an alternative): the file is
 * needed only if it defines a name the rest of the run asks for.
 */
int srcscan_pf_match(const struct srcscan_pf *pf, const char *src, size_t len, bool exact,
		     bool *match, bool *on_demand);
/*
 * The same, and loose[i] (if loose): spec i matches by the first group of
 * some alternative ("~" ones too), as clang mode reads it: the rules that
 * may report in this file under either engine.
 */
int srcscan_pf_match_loose(const struct srcscan_pf *pf, const char *src, size_t len,
			   bool exact, bool *match, bool *on_demand, bool *loose);

#endif
