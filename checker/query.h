/* SPDX-License-Identifier: GPL-2.0 */
/*
 * query.h - questions several rules ask of the facts, answered once in the
 * core: source order, assignments, the uses of a local after a point, the
 * spelling of an operand, and the IOMMU API version of the scanned tree.
 */
#ifndef IOMMU_LINT_QUERY_H
#define IOMMU_LINT_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "facts.h"

struct rule_ctx;

/* a comes strictly before b in the file (line, then column). */
bool q_loc_before(const struct fx_loc *a, const struct fx_loc *b);
/* "lhs = rhs" (plain assignment, two operands). */
bool q_is_assign(const struct fx_expr *e);
/* e without casts and without one leading '&' ("&x" -> x). */
const struct fx_expr *q_strip_addr(const struct fx_expr *e);
/* e (casts stripped) names the local var (or, with params, a parameter). */
bool q_is_var(const struct fx_expr *e, const char *var, bool params);

enum {
	Q_PARAMS = 1 << 0,	/* a parameter of that name is the variable too */
	Q_OVERWRITES = 1 << 1,	/* "var = ..." counts as a use (an overwrite) */
};

/* One use of a variable. */
struct q_use {
	struct fx_loc loc;
	bool cond;		/* read inside a condition (a test of the value) */
	bool escape;		/* the value itself is returned, stored or passed on */
	bool overwrite;		/* "var = ...": the old value is dropped */
};

/*
 * The first use (in source order) of var after the location after, in body:
 * returns false when there is none.  *handed_on (may be NULL) is set when
 * any such use passes the value on (itself or through var->field).
 */
bool q_first_use(const struct fx_stmt *body, const char *var, unsigned flags,
		 const struct fx_loc *after, struct q_use *first, bool *handed_on);
/* The value last given to the local var (declaration or "var =") before loc, or NULL. */
const struct fx_expr *q_last_def(const struct fx_stmt *body, const char *var,
				 const struct fx_loc *before);
/*
 * The source spelling of the operand starting at loc in the TU's main file,
 * up to the next top-level ',' ')' or ';' (macro-expanded operands may carry
 * no text); NULL if loc is elsewhere or the spelling is empty.
 */
const char *q_spell(const struct fx_tu *tu, const struct fx_loc *loc, char *buf, size_t len);

/*
 * The file-scope variable named name, of record `record`, with an
 * initialiser, as TU from sees it: its own, else an external one.
 */
const struct fx_var *q_find_global(const struct fx_program *prog, const struct fx_tu *from,
				   const char *name, const char *record);
/* void fn(struct device *d) with a body: shaped like a device's release callback. */
bool q_release_shaped(const struct fx_func *fn);
/*
 * A release-shaped fn that frees the struct device * it is given (the
 * call, kfree(dev): device-lifetime.tbl's "free" role), or NULL.
 */
const struct fx_expr *q_release_frees_param(const struct fx_func *fn);
/* Does record `name` hold a record `inner` by value, directly or nested (4 deep)? */
bool q_record_embeds(const struct fx_tu *tu, const char *name, const char *inner);
/*
 * The text of argument i (0-based) of a macro invocation "M(a, b, c)" as
 * spelt in text, blanks trimmed, into buf; NULL if it has no such argument.
 */
const char *q_macro_arg(const char *text, unsigned i, char *buf, size_t len);

/* "6.12" -> 612; 0 if not a version. */
unsigned q_parse_version(const char *s);
/*
 * A "record.field" of the parsed layout: 1 if the TU's record has the
 * field, 0 if it has not, -1 if the record was not parsed.
 */
int q_layout_has(const struct fx_tu *tu, const char *record_field);
/*
 * Lower bound of the IOMMU API version of the tree the TU was built
 * against, from the marker rows of rules/data/iommu-api.tbl found in its
 * own iommu.h (or its parsed layout), else from --kernel=VER; 0 if
 * unknown.  why (for messages) says where the version comes from.
 */
unsigned q_api_version(const struct rule_ctx *ctx, const struct fx_tu *tu, char *why,
		       size_t len);
/* The same with the --kernel value given directly (NULL: none), outside a rule. */
unsigned q_tree_version(const struct fx_tu *tu, const char *kernel, char *why, size_t len);

/* e is a call whose row in rules/data/<table>.tbl has role as field 1. */
bool q_call_role(const struct fx_expr *e, const char *table, const char *role);
/* The last one-argument call of that role in s, or NULL. */
const struct fx_expr *q_find_call_role(const struct fx_stmt *s, const char *table,
				       const char *role);
/* Some function of tu makes a one-argument call of that role on an argument spelled text. */
bool q_tu_calls_on(const struct fx_tu *tu, const char *table, const char *role, const char *text);

/*
 * The value var is given in body (its declaration's initialiser or an
 * assignment), with role, a call of that role of table; NULL if none.
 */
const struct fx_expr *q_assigned(const struct fx_stmt *body, const char *var, const char *table,
				 const char *role);
/* Some function of tu assigns var a call of that role (x = devm_kzalloc(...)). */
bool q_tu_assigns_call_role(const struct fx_tu *tu, const char *table, const char *role,
			    const char *var);

/* e is var.field or var->field, var a plain identifier. */
bool q_is_var_member(const struct fx_expr *e, const char *var, const char *field);

#endif
