/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cfg-internal.h - what the parts of the path engine share and rules do not
 * see: the condition parser (cond.c), the Kconfig reader (kconfig.c), the
 * pairs table (pairs.c), used by the CFG builder (cfg.c) and the path
 * walk (paths.c).
 */
#ifndef IOMMU_LINT_CFG_INTERNAL_H
#define IOMMU_LINT_CFG_INTERNAL_H

#include <stdbool.h>

#include "arena.h"
#include "cfg.h"

/* cond.c */
enum ct_kind { CT_AND, CT_OR, CT_NOT, CT_ATOM, CT_CONST };

struct ct {
	enum ct_kind kind;
	struct ct *a, *b;
	enum cfg_test test;
	bool value;		/* CT_CONST */
	const char *subject;
};

bool cfg_is_ident_char(char c);
/* Copy of text without blanks and without parentheses around the whole of it. */
char *cfg_squeeze(struct arena *a, const char *text);
/* Parse a condition's text; NULL when it is not understood. */
struct ct *ct_parse_text(struct arena *a, const char *text);

/* kconfig.c: IS_ENABLED(CONFIG_FOO) and friends in tu's build: 1, 0 or -1 (unknown). */
int kconfig_test(const struct fx_tu *tu, const char *subject);
/*
 * IS_ENABLED/IS_BUILTIN/IS_MODULE/IS_REACHABLE (test[0..tn)) of sym[0..n)
 * against an autoconf.h text: 1, 0, or -1 when not known.
 */
int kconfig_is(const char *autoconf, const char *test, size_t tn, const char *sym, size_t n);
/* The text of dir/include/generated/autoconf.h (cached), or NULL. */
const char *kconfig_autoconf(const char *dir);
/* Does the autoconf text define sym[0..len) followed by suffix ("", "_MODULE")? */
bool kconfig_defined(const char *text, const char *sym, size_t len, const char *suffix);

/* pairs.c */
enum result_kind { RES_NULL, RES_ERR, RES_INT };

struct pair {
	const char *acquire;
	const char *class;
	enum result_kind result;
	bool handle_arg1;
	unsigned nrelease;
	const char *const *release;	/* "put_device(&$->dev)" */
};

/*
 * A function that takes over the pointer passed as argument `arg`; an
 * attach row (dev_iommu_priv_set) only hangs it on a device, so a walk with
 * cfg_track.attach_holds keeps following it.
 */
struct sink {
	const char *name;
	unsigned arg;		/* 1-based */
	bool attach;
};

const struct pair *pair_of(const char *callee, const char *class);
bool release_named(const char *r, const char *callee);
bool is_release_name(const char *callee);
bool is_release_of_class(const char *callee, const char *class);
/* The i-th sink row of the table, NULL past the last. */
const struct sink *sink_at(unsigned i);

static inline void stat_add(unsigned long *c, unsigned long n)
{
	__atomic_fetch_add(c, n, __ATOMIC_RELAXED);
}

#endif
