/* SPDX-License-Identifier: GPL-2.0 */
/*
 * facts.h - the facts IR: what a frontend extracts from one translation unit
 * and what every rule reads.  Rules never see libclang or tree-sitter types.
 *
 * A TU's facts live in one arena and are read-only once the frontend is done.
 * Statements keep the control structure of the source (if/else, loops,
 * switch, goto/labels) so the path engine can build a CFG; expressions are a
 * small tree with the source text of every node, so rules can match both on
 * structure (callee, member, operator) and on spelling (macro-wrapped code).
 */
#ifndef IOMMU_LINT_FACTS_H
#define IOMMU_LINT_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

struct fx_loc {
	const char *file;	/* interned path as given to the frontend */
	unsigned line;		/* 1-based; 0 when unknown */
	unsigned col;		/* 1-based */
};

enum fx_expr_kind {
	FXE_OTHER,
	FXE_IDENT,	/* name: identifier; ref: what it names */
	FXE_CALL,	/* name: callee when a plain identifier; kids[0] callee, rest args */
	FXE_MEMBER,	/* name: field; arrow; kids[0] base */
	FXE_UNARY,	/* op: "!", "&", "*", "-", "~", "++", "sizeof" ...; kids[0] */
	FXE_BINARY,	/* op: "==", "|", "&&", "=", "+=" ...; kids[0], kids[1] */
	FXE_COND,	/* a ? b : c; kids[0..2] */
	FXE_CAST,	/* name: target type spelling; kids[0] */
	FXE_SUBSCRIPT,	/* kids[0][kids[1]] */
	FXE_INT,	/* integer literal; text */
	FXE_STRING,	/* string literal; text */
	FXE_INITLIST,	/* init: designated fields */
	FXE_STMTEXPR,	/* GNU ({ ... }); stmt */
};

enum fx_ref {
	FXR_NONE,
	FXR_LOCAL,
	FXR_PARAM,
	FXR_GLOBAL,	/* file-scope or static variable */
	FXR_FUNC,
	FXR_ENUM,	/* enumerator */
	FXR_FIELD,
};

struct fx_init;
struct fx_stmt;

struct fx_expr {
	enum fx_expr_kind kind;
	enum fx_ref ref;
	bool arrow;		/* FXE_MEMBER: "->" rather than "." */
	const char *name;
	const char *op;
	const char *text;	/* source spelling (expansion site for macros) */
	const char *macro;	/* outermost macro this expression was written as, if any */
	struct fx_loc loc;
	unsigned nkids;
	struct fx_expr **kids;
	struct fx_init *init;	/* FXE_INITLIST */
	struct fx_stmt *stmt;	/* FXE_STMTEXPR */
};

enum fx_stmt_kind {
	FXS_OTHER,
	FXS_BLOCK,	/* kids: statements in order */
	FXS_EXPR,	/* expr */
	FXS_DECL,	/* name: variable; expr: initialiser or NULL; type */
	FXS_IF,		/* expr: condition; kids[0] then, kids[1] else or NULL */
	FXS_WHILE,	/* expr: condition; kids[0] body */
	FXS_DO,		/* expr: condition; kids[0] body */
	FXS_FOR,	/* expr: condition or NULL; kids[0] body */
	FXS_SWITCH,	/* expr: controlling value; kids[0] body */
	FXS_CASE,	/* expr: case value; kids[0] statement after the label */
	FXS_DEFAULT,	/* kids[0] statement after the label */
	FXS_BREAK,
	FXS_CONTINUE,
	FXS_RETURN,	/* expr: value or NULL */
	FXS_GOTO,	/* name: label */
	FXS_LABEL,	/* name: label; kids[0] labelled statement */
};

struct fx_stmt {
	enum fx_stmt_kind kind;
	struct fx_loc loc;
	const char *name;
	const char *type;
	struct fx_expr *expr;
	unsigned nkids;
	struct fx_stmt **kids;
};

struct fx_param {
	const char *name;
	const char *type;
};

struct fx_func {
	const char *name;
	const char *ret_type;
	struct fx_loc loc;
	unsigned end_line;
	bool is_static;
	unsigned nparams;
	struct fx_param *params;
	struct fx_stmt *body;
};

/* One designated field of a struct initialiser: ".of_xlate = fn". */
struct fx_init_field {
	const char *field;	/* NULL for a positional element */
	struct fx_expr *value;
	struct fx_loc loc;
	const char *cond;	/* innermost #if/#ifdef text around it, or NULL */
	bool inactive;		/* only in a disabled #if branch (seen in the text) */
};

struct fx_init {
	const char *type;	/* record type spelling, e.g. "struct iommu_ops" */
	unsigned nfields;
	struct fx_init_field *fields;
};

/* A file-scope variable, with its initialiser when it has one. */
struct fx_var {
	const char *name;
	const char *type;	/* full type spelling, e.g. "const struct iommu_ops" */
	const char *record;	/* element record name ("iommu_ops"), or NULL */
	struct fx_loc loc;
	unsigned end_line;
	bool is_static;
	bool is_array;
	bool is_extern;
	struct fx_init *init;	/* the record initialiser (first element of an array) */
	unsigned nelems;	/* array initialiser elements */
};

struct fx_field {
	const char *name;
	const char *type;
	const char *record;	/* record name when the field is a record by value */
	bool is_pointer;
	bool is_array;
};

struct fx_record {
	const char *name;	/* tag, or typedef name for an anonymous record */
	struct fx_loc loc;
	bool is_union;
	unsigned nfields;
	struct fx_field *fields;
};

/* A function-like macro used in the main file: IOMMU_OF_DECLARE(...), ... */
struct fx_macro_use {
	const char *name;
	struct fx_loc loc;
};

/*
 * Code a frontend read but could not convert (a limit of its own, such as
 * fast mode's nesting depth): said in the report as a note, never dropped
 * silently.
 */
struct fx_limit {
	struct fx_loc loc;
	const char *message;
};

struct fx_tu {
	const char *file;	/* main file path */
	const char *directory;	/* compile DB directory, or cwd */
	struct arena arena;
	const char *src;	/* main file text, NUL-terminated */
	size_t src_len;
	unsigned nfuncs, nvars, nrecords, nmacros;
	struct fx_func *funcs;
	struct fx_var *vars;
	struct fx_record *records;
	struct fx_macro_use *macros;
	unsigned nlimits;
	struct fx_limit *limits;
	struct fx_lines *lines;	/* where each line of src starts: checker/edit.c, on first use */
	/*
	 * pp_decided: the fast reading decided the file's #if conditions by its
	 * compile command (checker/ppeval.c) and read only the branches the
	 * compiler keeps, but for the conditionals at the lines of pp_open,
	 * which it could not decide (both branches read).  false: every
	 * conditional was read both ways (no flags; libclang's facts).
	 */
	bool pp_decided;
	unsigned npp_open;
	unsigned *pp_open;
	/*
	 * Bit i: rule i's prefilter matches the text (engine_tu_may_match()),
	 * so its hooks run on this TU; 0: every rule's do (no prefilter ran:
	 * --dump-facts, facts merged from shards).
	 */
	unsigned rules;
};

struct fx_index;
struct fx_lines;

/* All TUs of one run, for whole-program rules (ops tables bound across TUs). */
struct fx_program {
	unsigned ntus;
	struct fx_tu **tus;
	struct fx_index *index;	/* fx_program_index(); NULL until then */
};

/* Whole-program pass figures for --stats. */
struct fx_index_stats {
	unsigned tus;
	unsigned long funcs;	/* definitions indexed */
	unsigned long bindings;	/* initialiser fields naming a function */
	unsigned long buckets;
	unsigned long lookups;	/* fx_find_func() + fx_find_binding() calls */
	unsigned long probes;	/* index entries looked at by those calls */
	double seconds;		/* building the index */
};

/*
 * The whole-program pass: sort the TUs by path (then directory) so nothing
 * depends on the order files were given or parsed in, and build the name
 * index of function definitions and initialiser bindings, O(functions +
 * variables).  Call once after every TU is parsed, before any lookup.
 * Returns 0, or -ENOMEM.
 */
int fx_program_index(struct fx_program *prog);
void fx_program_free(struct fx_program *prog);
const struct fx_index_stats *fx_program_stats(const struct fx_program *prog);
/* The TU whose function array holds fn, or NULL. */
const struct fx_tu *fx_func_tu(const struct fx_program *prog, const struct fx_func *fn);
/*
 * The definition `name` calls from TU `from`, by C linkage: from's own
 * definition (static or not) wins; otherwise the external (non-static)
 * definition of the TU first by path; a static function of another TU is
 * never found.  from may be NULL (external definitions only).
 */
const struct fx_func *fx_find_func(const struct fx_program *prog, const struct fx_tu *from,
				   const char *name, const struct fx_tu **tu_out);
const struct fx_record *fx_find_record(const struct fx_tu *tu, const char *name);
const struct fx_init_field *fx_init_get(const struct fx_init *init, const char *field);
const char *fx_strip_record_tag(const char *type);
bool fx_record_has_field(const struct fx_record *r, const char *name);
/*
 * The function an initialiser field binds (".of_xlate = fn" or "= &fn"),
 * or NULL when the field is absent, compiled out or not a plain function.
 */
const char *fx_init_callback(const struct fx_var *var, const char *field);
/*
 * The file-scope `record` initialiser, in any TU, whose `field` binds the
 * function `callback` names in TU from (the same definition by C linkage);
 * the first by TU path when several do.
 */
const struct fx_var *fx_find_binding(const struct fx_program *prog, const struct fx_tu *from,
				     const char *record, const char *field,
				     const char *callback);

typedef bool (*fx_expr_visit_fn)(const struct fx_expr *e, void *arg);
typedef bool (*fx_stmt_visit_fn)(const struct fx_stmt *s, void *arg);
/* Pre-order walks; a visitor returning false stops the walk (result false). */
bool fx_walk_expr(const struct fx_expr *e, fx_expr_visit_fn fn, void *arg);
bool fx_walk_stmt(const struct fx_stmt *s, fx_stmt_visit_fn sfn, fx_expr_visit_fn efn,
		  void *arg);
const struct fx_expr *fx_strip(const struct fx_expr *e);

#endif
