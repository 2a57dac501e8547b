/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cfg.h - a per-function control-flow graph over the facts IR, and a path
 * engine that follows acquire/release pairs (rules/data/pairs.tbl) along it.
 *
 * The CFG has one node per evaluated expression, per condition atom, per
 * return, plus empty join nodes for labels and loop heads.  Conditions are
 * lowered to atoms on the short-circuit operators; an atom is read from the
 * condition's source text, so macro-wrapped tests (WARN_ON(!p),
 * WARN_ON_ONCE(IS_ERR(p)), unlikely(ret)) are understood like plain ones.
 * IS_ENABLED(CONFIG_FOO) and friends are decided from the kernel build's
 * include/generated/autoconf.h under the TU's directory when there is one.
 * Loops and gotos give cycles; the path engine memoises (node, state) so
 * every loop is walked until its state repeats, and stops a function after
 * CFG_MAX_STATES states (counted in cfg_stats.truncated).
 *
 * A rule asks for one class of pairs ("device", "group", "register") and
 * gets a callback for each (acquisition, exit) where the resource is still
 * held and was neither released nor handed over: returned, stored in a
 * struct field or global, aliased, or passed to a sink of the table.
 */
#ifndef IOMMU_LINT_CFG_H
#define IOMMU_LINT_CFG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "facts.h"

#define CFG_MAX_STATES 200000
#define CFG_MAX_SITES 16
#define CFG_STR_(x) #x
#define CFG_STR(x) CFG_STR_(x)

enum cfg_node_kind {
	CFG_NOP,	/* join: label, loop head, function end */
	CFG_EXPR,	/* evaluate expr (effects: calls, assignments) */
	CFG_BRANCH,	/* condition atom: succ[0] when true, succ[1] when false */
	CFG_RETURN,	/* expr: value or NULL; no successors */
};

enum cfg_test {
	CFG_T_OPAQUE,	/* anything else; subject is the atom text */
	CFG_T_TRUTH,	/* subject != 0 / != NULL */
	CFG_T_NEG,	/* subject < 0 */
	CFG_T_IS_ERR,
	CFG_T_IS_ERR_OR_NULL,
};

struct cfg_node {
	enum cfg_node_kind kind;
	const struct fx_expr *expr;
	const char *decl;		/* CFG_EXPR of "T v = init": v */
	const char *cleanup;		/* ... declared "v __free(name)": name */
	enum cfg_test test;		/* CFG_BRANCH */
	const char *subject;		/* CFG_BRANCH: tested value, blanks removed */
	const char *label;		/* CFG_NOP of a label: its name */
	const char *goto_label;		/* CFG_NOP standing for a goto: its label */
	struct fx_loc loc;
	unsigned nsucc;
	unsigned succ[2];		/* more than 2 only for switch: see xsucc */
	unsigned *xsucc;		/* switch dispatch: all nsucc successors */
};

struct cfg {
	const struct fx_tu *tu;
	const struct fx_func *fn;
	struct arena arena;		/* nodes' strings */
	unsigned nnodes;
	struct cfg_node *nodes;
	unsigned entry;
};

/*
 * Build the CFG of fn, a function of tu (NULL when fn has no body).  tu's
 * source gives the text of conditions whose expression starts inside a
 * macro body (WARN_ON(!p), unlikely(ret)); it may be NULL.
 */
struct cfg *cfg_build(const struct fx_tu *tu, const struct fx_func *fn);
void cfg_free(struct cfg *g);
unsigned cfg_succ(const struct cfg_node *n, unsigned i);

/*
 * Lower a condition's text into atoms: calls fn(test, subject, negated) for
 * each atom in order; returns the number of atoms (0: not understood).
 * Exposed for the unit tests.
 */
typedef void (*cfg_atom_fn)(enum cfg_test test, const char *subject, bool negated, void *arg);
unsigned cfg_cond_atoms(const char *text, cfg_atom_fn fn, void *arg);

enum cfg_exit {
	CFG_EXIT_UNKNOWN,	/* cannot tell: "return ret" with ret unknown, void */
	CFG_EXIT_SUCCESS,	/* return 0, return of a value known zero */
	CFG_EXIT_FAILURE,	/* -EXXX, PTR_ERR(), ERR_PTR(), NULL, ret known nonzero */
};

/*
 * One resource still held at one exit of the function.  The strings are
 * valid during the callback only (handle and release live in the walk).
 */
struct cfg_leak {
	const struct fx_func *fn;
	const char *acquire;		/* acquiring callee */
	const char *release;		/* first release form of its pair */
	const char *handle;		/* variable or argument text naming it */
	struct fx_loc acq_loc;
	struct fx_loc exit_loc;		/* the return, or the closing brace */
	enum cfg_exit exit;
	bool unchecked;			/* the acquisition result was never tested */
	bool local;			/* the handle is (based on) a local variable */
	const char *via_label;		/* last goto taken on the path, or NULL */
	struct fx_loc via_loc;		/* where that goto is */
	/*
	 * Every path reaching this exit holds the acquisition, tested as
	 * valid (none arrives without it, released, or untested): a release
	 * inserted just before the exit is then right on all of them.
	 */
	bool all_held;
};

typedef void (*cfg_leak_fn)(const struct cfg_leak *leak, void *arg);
/* All n exits where one acquisition is still held, in source order. */
typedef void (*cfg_defect_fn)(const struct cfg_leak *exits, unsigned n, void *arg);
/* The walk of fn hit a limit (why: which one); some of its work was not done. */
typedef void (*cfg_limit_fn)(const struct fx_func *fn, const char *why, void *arg);

struct cfg_track {
	const char *class;		/* pairs.tbl class to follow */
	const struct fx_tu *tu;		/* the function's TU; may be NULL */
	const struct fx_program *prog;	/* for helpers that release; may be NULL */
	cfg_leak_fn leak;		/* called per exit, unless defect is set */
	void *arg;
	cfg_defect_fn defect;		/* called once per acquisition held at some exit */
	cfg_limit_fn limit;		/* called when fn's walk hit a limit */
	bool attach_holds;		/* pairs.tbl attach rows do not end tracking */
};

/*
 * Walk every path of fn following the acquisitions of t->class; calls
 * t->defect once per acquisition still held at some exit, with those exits,
 * or (without t->defect) t->leak once per (acquisition, exit, last goto).
 * Returns 0, or -ENOMEM.
 */
int cfg_check_pairs(const struct fx_func *fn, const struct cfg_track *t);

/* The pairs.tbl row acquiring with callee in class (NULL if none). */
bool cfg_is_acquire(const char *callee, const char *class);
/*
 * The name of the i-th release function of acquire's pair into buf
 * ("put_device" for "put_device(&$->dev)"); false past the last one.
 */
bool cfg_release_name(const char *acquire, unsigned i, char *buf, size_t size);
/*
 * fn or a function it calls (depth levels, definitions from prog) calls
 * `callee`, directly or as a callback argument (devm_add_action).
 */
bool cfg_func_calls(const struct fx_program *prog, const struct fx_func *fn,
		    const char *callee, unsigned depth);

/* The state cap in force (CFG_MAX_STATES unless the environment sets one). */
unsigned long cfg_max_states(void);

/* Path-engine counters for --stats (summed over all functions checked). */
struct cfg_stats {
	unsigned long functions;	/* functions walked (those acquiring something) */
	unsigned long nodes;		/* CFG nodes built */
	unsigned long states;		/* (node, state) pairs visited */
	unsigned long truncated;	/* functions stopped at CFG_MAX_STATES */
};
extern struct cfg_stats cfg_stats;

#endif
