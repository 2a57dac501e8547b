/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixgen-unwind.h - edit construction for unwinding fixes: where a
 * statement sits in the statement tree and where its text ends, swapping
 * two whole statements, inserting undo calls before a return (adding
 * braces to an unbraced if), turning a return into a goto, retargeting a
 * goto, and reading a function's goto ladder (the labels at the end of its
 * body and the statements under them).  Every helper refuses (returns
 * false) rather than guess: text spelled through a macro, two statements
 * on one line, a comment where a brace would go.
 */
#ifndef IOMMU_LINT_FIXGEN_UNWIND_H
#define IOMMU_LINT_FIXGEN_UNWIND_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

#define FG_MAX_EDITS 4
#define FG_MAX_LADDER 32

struct fg_edit {
	struct fx_loc from, to;		/* [from, to) of the main file */
	char text[512];
};

struct fg_fix {
	unsigned n;
	struct fg_edit e[FG_MAX_EDITS];
};

/* A statement and its parent (NULL for the body), found by kind and location. */
struct fg_pos {
	const struct fx_stmt *s;
	const struct fx_stmt *parent;
};

bool fg_find_stmt(const struct fx_stmt *body, enum fx_stmt_kind kind,
		  const struct fx_loc *loc, struct fg_pos *out);
/* Where statement s's text starts (a declaration: its line's first non-blank). */
bool fg_stmt_start(const struct fx_tu *tu, const struct fx_stmt *s, struct fx_loc *start);
/* Just past the ';' ending the statement that starts at start. */
bool fg_stmt_end(const struct fx_tu *tu, const struct fx_loc *start, struct fx_loc *end);
/*
 * The whole lines of a statement alone on its lines: from the start of its
 * first line to just past the newline of its last.
 */
bool fg_stmt_lines(const struct fx_tu *tu, const struct fx_stmt *s, struct fx_loc *from,
		   struct fx_loc *to);
/* The statement's text without blanks, into buf (for comparing calls). */
bool fg_stmt_text(const struct fx_tu *tu, const struct fx_stmt *s, char *buf, size_t n);
/* Compare two expressions' texts ignoring blanks. */
bool fg_same_text(const char *a, const char *b);

/* Swap two whole statements, each alone on its lines (text moved exactly). */
bool fg_swap_stmts(const struct fx_tu *tu, const struct fx_stmt *a, const struct fx_stmt *b,
		   struct fg_fix *fix);
/*
 * Insert calls (NUL-separated list of n statements, each without indent
 * or newline, e.g. "f(x);") before the return at pos, with its indent;
 * when the return is the unbraced then-branch (no else) of an if whose
 * condition ends its line, braces are added around the new block.
 */
bool fg_insert_before_return(const struct fx_tu *tu, const struct fg_pos *ret,
			     const char *const *calls, unsigned n, struct fg_fix *fix);
/* Replace the return statement ret by "goto label;". */
bool fg_return_to_goto(const struct fx_tu *tu, const struct fx_stmt *ret, const char *label,
		       struct fg_fix *fix);
/* Replace the label named by the goto statement g with label. */
bool fg_retarget_goto(const struct fx_tu *tu, const struct fx_stmt *g, const char *label,
		      struct fg_fix *fix);

/*
 * A goto ladder: the statements from the first top-level label of the
 * body to its end, flattened (a label's statement follows it), ending with
 * a return.  items[i].label is a label's name, else items[i].s a statement.
 * Every statement before the ladder that can fall into it must not: the
 * statement before the first label is a return or a goto.
 */
struct fg_ladder {
	unsigned n;
	struct {
		const char *label;
		const struct fx_stmt *s;	/* the label statement or the statement */
	} items[FG_MAX_LADDER];
};

bool fg_ladder(const struct fx_func *fn, struct fg_ladder *l);
/* Index of label name in the ladder, or -1. */
int fg_ladder_label(const struct fg_ladder *l, const char *name);
/* The goto statements of fn targeting label, in source order; returns their count. */
unsigned fg_gotos_to(const struct fx_func *fn, const char *label, const struct fx_stmt **out,
		     unsigned max);
/* Does fn have any label? */
bool fg_has_labels(const struct fx_func *fn);


/*
 * Unwinding one failure exit that holds steps held[0..n) (in the order they
 * were made; release: the spelled undo call without ';').  The exit is the
 * return at exit_loc, or the goto at via_loc when via_loc is not NULL;
 * leaks(loc, arg) says whether the goto at loc is a failure path that also
 * holds held[n-1].  Edits into fix, or false with the reason in *why:
 *  - a goto whose ladder has a label just above its target that undoes
 *    exactly the held steps in reverse order: retargeted to it;
 *  - a goto whose target's statements fall through to a label whose gotos
 *    do not hold the steps: the undo calls inserted before that label;
 *  - a return in a function without labels: the undo calls inserted before
 *    it, in reverse order (braces added to an unbraced if);
 *  - a return in a function with a goto ladder: turned into a goto to the
 *    label whose statement undoes the last held step when the ladder below
 *    it undoes every held step in reverse order, only calls, and returns
 *    the same value.
 */
struct fg_held {
	unsigned acq_line;
	const char *release;
};

typedef bool (*fg_leaks_fn)(const struct fx_loc *goto_loc, void *arg);

bool fg_unwind_exit(const struct fx_tu *tu, const struct fx_func *fn,
		    const struct fx_loc *exit_loc, const struct fx_loc *via_loc,
		    const struct fg_held *held, unsigned n, fg_leaks_fn leaks, void *arg,
		    struct fg_fix *fix, const char **why);

/* Replace the call expression e (spelled in place) by text. */
bool fg_replace_expr(const struct fx_tu *tu, const struct fx_expr *e, const char *text,
		     struct fg_fix *fix);
/* Does fn assign "<base>.<field> = ..." (base: text such as "x->dev")? */
bool fg_assigns_member(const struct fx_func *fn, const char *base, const char *field);
/*
 * free(x) after the device at dev ("&x->f") was initialised: the call
 * becomes put_device(dev), only when the device is live on every path to
 * it (!maybe_dead) and fn sets x->f.release; else false with *why.
 */
bool fg_put_not_free(const struct fx_tu *tu, const struct fx_func *fn, const struct fx_expr *e,
		     const char *dev, bool maybe_dead, struct fg_fix *fix, const char **why);
/* The second argument of call e is container, &container->f or container->f. */
bool fg_arg_is_container(const struct fx_expr *e, const char *container);
/*
 * The enumerator an integer literal stands for in a versioned table (rows:
 * value, name, since, until or "-"): the one of kernel ("6.12"), else the
 * one every version agrees on; NULL when unsure.
 */
const char *fg_enumerator(const char *table, const char *literal, const char *kernel);
/*
 * "if (!var) return;" after the top-level statement of fn whose value is
 * the call at call_loc, when fn returns void and already has a bare return.
 */
bool fg_null_return_after(const struct fx_tu *tu, const struct fx_func *fn,
			  const struct fx_loc *call_loc, const char *var, struct fg_fix *fix,
			  const char **why);

#define FG_MAX_LEAKS 32

struct cfg_leak;
struct rule_ctx;

/* The failure exits of one function, kept to fix each exit for every step it holds. */
struct fg_leak_copy {
	unsigned defect;		/* index of the acquisition's defect */
	struct fx_loc acq_loc, exit_loc, via_loc;
	bool via;			/* left through a goto after the step */
	const char *acquire, *via_label;
	char release[128], handle[128];
};

struct fg_leaks {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	unsigned n, ndefects;
	struct fg_leak_copy l[FG_MAX_LEAKS];
};

/*
 * A cfg_track.defect callback (arg: a zeroed struct fg_leaks with ctx, tu
 * and fn set): keeps the failure exits of locally made objects, one
 * defect per acquisition, to be reported and fixed after the walk.
 */
void fg_leaks_collect(const struct cfg_leak *v, unsigned n, void *arg);
/*
 * The fix of defect d (finding h): each of its exits unwound for every
 * step held there (fg_unwind_exit), the edit going to the finding of the
 * earliest step; a note when an exit has no fix, or when another
 * finding's edit fixes this one.
 */
void fg_leaks_fix(const struct fg_leaks *u, unsigned d, int h, const char *title,
		  const char *why);

/*
 * Declaration d is "T name = init;" alone on its line, T neither static nor
 * a const object, init neither a braced list nor over several lines: the
 * range [from, to) of " = init" to drop, and init into buf (n bytes).
 */
bool fg_split_decl(const struct fx_tu *tu, const struct fx_stmt *d, struct fx_loc *from,
		   struct fx_loc *to, char *init, size_t n);

#endif
