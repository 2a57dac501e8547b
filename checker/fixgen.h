/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fixgen.h - reusable construction of fixes from the facts and the source
 * bytes: insert a statement before a return (or a void function's closing
 * brace) with its indentation, adding braces when the return is the
 * unbraced body of an if/for/while; wrap an expression; check a call's
 * result right after its statement.  Each builder either adds its edits to
 * a struct fg_fix or refuses with a reason (fg_fix.why), never half: the
 * rule then hands the whole set to the finding with fg_emit().
 */
#ifndef IOMMU_LINT_FIXGEN_H
#define IOMMU_LINT_FIXGEN_H

#include <stdbool.h>

#include "facts.h"

#define FG_MAX_EDITS 24
#define FG_MAX_TEXT 256

struct rule_ctx;

/* What a rule's path-engine callback needs to report and fix: its cfg_track.arg. */
struct fg_rule_arg {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
};

struct fg_edit {
	struct fx_loc from, to;		/* from inclusive, to exclusive; equal: insert */
	char text[FG_MAX_TEXT];
};

struct fg_fix {
	unsigned n;
	struct fg_edit e[FG_MAX_EDITS];
	char why[160];			/* set when refused: then no edit counts */
};

/* Refuse fix with a reason (printf-style); returns false. */
bool fg_refuse(struct fg_fix *fix, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * The statement of kind `kind` starting at loc in fn's body, or NULL;
 * *parent (may be NULL) gets its enclosing statement (NULL at the top).
 */
const struct fx_stmt *fg_stmt_at(const struct fx_func *fn, enum fx_stmt_kind kind,
				 const struct fx_loc *loc, const struct fx_stmt **parent);
/* Identifier name occurs in e (calls' arguments included). */
bool fg_mentions(const struct fx_expr *e, const char *name);
/* Local name is declared in fn's outermost block (or is a parameter). */
bool fg_top_scope(const struct fx_func *fn, const char *name);

/*
 * Insert `stmt;` (stmt without its ';') before the exit at loc: a return
 * statement of fn, or fn's closing brace (a void function's fall-off end,
 * as struct cfg_leak.exit_loc gives it).  The statement gets the return's
 * indentation (one level inside the closing brace); a return that is the
 * unbraced body of an if without else, a for or a while gets braces in
 * kernel style.  Refuses a return that shares its line with other code, is
 * spelled by a macro, or is an else branch.
 */
bool fg_insert_before_exit(struct fg_fix *fix, const struct fx_tu *tu,
			   const struct fx_func *fn, const struct fx_loc *loc,
			   const char *stmt);
/* Wrap expression e: pre + e + post; refuses an expression not spelled at its place. */
bool fg_wrap_expr(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_expr *e,
		  const char *pre, const char *post);
/*
 * Turn the expression statement s (a call whose result is dropped) into
 * `var = call;` followed by `if (cond)` and the statement `then` (e.g.
 * "return ret" or "goto out_free", without ';') one level deeper.
 */
bool fg_check_result(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_stmt *s,
		     const char *var, const char *cond, const char *then);
/* The same, with `undo;` (without ';') before `then` in braces. */
bool fg_check_result_undo(struct fg_fix *fix, const struct fx_tu *tu, const struct fx_stmt *s,
			  const char *var, const char *cond, const char *undo, const char *then);

/* e has no effect a caller must undo: no write, only calls of rules/data/no-effects.tbl or of functions of prog that write only their locals. */
bool fg_no_effects(const struct fx_program *prog, const struct fx_tu *tu, const struct fx_expr *e);
/*
 * Check the ignored call statement s of int function fn when nothing before
 * it has effects (declarations without effects, guards "if (c) return v;"
 * without effects): the result goes to an int local (a top-level int
 * "ret"/"err" not read before it is set again, or a new "int ret;" after
 * the declarations) and "if (ret) return ret;" follows.
 */
bool fg_check_first_call(struct fg_fix *fix, const struct fx_program *prog,
			 const struct fx_tu *tu, const struct fx_func *fn, const struct fx_stmt *s);

/*
 * The missing release of one acquisition of pairs.tbl class `class` held
 * at the n exits v (one cfg_track.defect call): v[0].release before each
 * exit.  Refused unless every path into every exit holds the acquisition
 * tested as valid (cfg_leak.all_held), the handle is in scope at each
 * exit, no returned value still uses it, and, when an exit is not a known
 * failure, the function keeps nothing of the object: it returns no pointer
 * and passes the object only to calls that read it (rules/data/
 * ref-readers.tbl, releases, functions of prog whose summary neither
 * releases, stores nor returns it).
 */
struct cfg_leak;
bool fg_release_before_exits(struct fg_fix *fix, const struct fx_program *prog,
			     const struct fx_tu *tu, const char *class,
			     const struct cfg_leak *v, unsigned n);

/* The fix's edits on finding h, or its reason for no fix. */
void fg_emit(struct rule_ctx *ctx, int h, const struct fg_fix *fix);

#endif
