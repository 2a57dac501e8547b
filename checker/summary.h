/* SPDX-License-Identifier: GPL-2.0 */
/*
 * summary.h - what a function does with the pointers it is passed, and
 * how a value's identity is followed through container conversions.
 *
 * A summary says, per parameter and per pairs.tbl class, whether the
 * function releases it (a release of the class on some path, directly or
 * through a callee whose summary releases it) or stores it (into a field,
 * a global, or a sink of pairs.tbl) or returns it (itself or a container
 * of it, so the caller gets the same object).  Summaries are computed on demand for
 * any function with a body in the run (any TU, by C linkage), memoised,
 * and read at call sites by the path engine: a reference passed to a
 * function that puts or keeps it is no longer this function's to drop.
 */
#ifndef IOMMU_LINT_SUMMARY_H
#define IOMMU_LINT_SUMMARY_H

#include <stdbool.h>

#include "facts.h"

#define SUM_RELEASES	1u
#define SUM_STORES	2u
#define SUM_RETURNS	4u	/* returns it, or an object that embeds it */

/*
 * The variable or parameter a pointer expression designates the object
 * of: through '&', casts, the struct device member `dev` (any member and
 * array element when any_member), and container conversions (rules/data/ownership.tbl
 * wrappers, to_X(), X_to_Y()).  NULL when it is not based on a variable.
 */
const char *own_root(const struct fx_expr *e, bool any_member);
bool own_is_wrapper(const char *callee);
bool own_is_drvdata(const char *callee);
/* Record name of a pointer type spelling: "const struct foo *" -> "foo". */
const char *own_record_of(const char *type, char *buf, size_t size);
/*
 * Some function of the run takes a `struct record *` and drops the device
 * reference inside it (put_device(p->dev), put_device(&p->dev)): driver
 * data of that type handed to a caller comes with a put helper.
 */
bool own_has_put_helper(const struct fx_program *prog, const char *record);

/* SUM_* flags of argument k (1-based) of a call to callee made from tu. */
unsigned summary_arg(const struct fx_program *prog, const struct fx_tu *from,
		     const char *callee, const char *class, unsigned k);

/* Forget every summary (their functions belong to a program being freed). */
void summary_reset(void);

struct summary_stats {
	unsigned long computed;		/* (function, class) summaries built */
	unsigned long used;		/* call sites where one ended a reference */
};
extern struct summary_stats summary_stats;

#endif
