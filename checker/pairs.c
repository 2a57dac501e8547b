// SPDX-License-Identifier: GPL-2.0
/*
 * pairs.c - rules/data/pairs.tbl: acquire/release pairs and sinks, and
 * the question whether a function (or its callees) calls a given function.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "cfg-internal.h"
#include "table.h"

/* ---- pairs table ---- */

static struct pair *pairs;
static unsigned npairs;
static struct sink *sinks;
static unsigned nsinks;
static pthread_once_t pairs_once = PTHREAD_ONCE_INIT;
/*
 * Bit n of [c]: an acquire (a release) name of n bytes begins with c.
 * Most names asked about are neither; the tests below spare them the
 * walk over every row (strcmp() was 4 % of a whole-tree run).
 */
static uint64_t acq_len[256], rel_len[256];

static void note_len(uint64_t *lens, const char *name, size_t n)
{
	if (n && n < 64)
		lens[(unsigned char)name[0]] |= 1ULL << n;
}

static bool may_be(const uint64_t *lens, const char *callee)
{
	size_t n = strlen(callee);

	return n && n < 64 && (lens[(unsigned char)callee[0]] >> n & 1);
}

static size_t release_name_len(const char *r);

static void load_pairs(void)
{
	const struct tbl *t = tbl_get("pairs");
	unsigned i;

	if (!t)
		return;
	pairs = calloc(t->nrows, sizeof(*pairs));
	sinks = calloc(t->nrows, sizeof(*sinks));
	if (!pairs || !sinks)
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct tbl_row *r = &t->rows[i];
		struct pair *p = &pairs[npairs];

		if (r->nfields == 3 && (!strcmp(r->fields[1], "sink") ||
					!strcmp(r->fields[1], "attach"))) {
			sinks[nsinks].name = r->fields[0];
			sinks[nsinks].arg = (unsigned)atoi(r->fields[2]);
			sinks[nsinks].attach = !strcmp(r->fields[1], "attach");
			nsinks++;
			continue;
		}
		if (r->nfields < 5)
			continue;
		p->acquire = r->fields[0];
		p->class = r->fields[1];
		p->result = !strcmp(r->fields[2], "int") ? RES_INT :
			    !strcmp(r->fields[2], "err") ? RES_ERR : RES_NULL;
		p->handle_arg1 = !strcmp(r->fields[3], "arg1");
		p->nrelease = r->nfields - 4;
		p->release = r->fields + 4;
		note_len(acq_len, p->acquire, strlen(p->acquire));
		for (unsigned k = 0; k < p->nrelease; k++)
			note_len(rel_len, p->release[k], release_name_len(p->release[k]));
		npairs++;
	}
}

const struct pair *pair_of(const char *callee, const char *class)
{
	unsigned i;

	pthread_once(&pairs_once, load_pairs);
	if (!callee || !may_be(acq_len, callee))
		return NULL;
	for (i = 0; i < npairs; i++)
		if (!strcmp(pairs[i].acquire, callee) && (!class || !strcmp(pairs[i].class, class)))
			return &pairs[i];
	return NULL;
}

/* Length of the callee name of release form r. */
static size_t release_name_len(const char *r)
{
	const char *paren = strchr(r, '(');

	return paren ? (size_t)(paren - r) : strlen(r);
}

bool release_named(const char *r, const char *callee)
{
	size_t n = release_name_len(r);

	return callee && strlen(callee) == n && !strncmp(r, callee, n);
}

bool is_release_name(const char *callee)
{
	unsigned i, r;

	pthread_once(&pairs_once, load_pairs);
	if (!callee || !may_be(rel_len, callee))
		return false;
	for (i = 0; i < npairs; i++)
		for (r = 0; r < pairs[i].nrelease; r++)
			if (release_named(pairs[i].release[r], callee))
				return true;
	return false;
}

bool cfg_is_acquire(const char *callee, const char *class)
{
	return pair_of(callee, class) != NULL;
}

bool cfg_release_name(const char *acquire, unsigned i, char *buf, size_t size)
{
	const struct pair *p = pair_of(acquire, NULL);
	size_t n;

	if (!p || i >= p->nrelease || !size)
		return false;
	n = release_name_len(p->release[i]);
	if (n >= size)
		n = size - 1;
	memcpy(buf, p->release[i], n);
	buf[n] = 0;
	return true;
}

struct calls_arg {
	const struct fx_program *prog;
	const struct fx_tu *tu;
	const char *callee;
	unsigned depth;
	bool found;
};

static bool calls_visit(const struct fx_expr *e, void *arg)
{
	struct calls_arg *a = arg;
	const char *name = NULL;

	if (e->kind == FXE_CALL)
		name = e->name;
	else if (e->kind == FXE_IDENT && e->ref == FXR_FUNC)
		name = e->name;
	if (!name)
		return true;
	if (!strcmp(name, a->callee)) {
		a->found = true;
		return false;
	}
	if (a->depth && a->prog && e->kind == FXE_IDENT) {
		const struct fx_func *f = fx_find_func(a->prog, a->tu, name, NULL);

		if (f && cfg_func_calls(a->prog, f, a->callee, a->depth - 1)) {
			a->found = true;
			return false;
		}
	}
	return true;
}

bool cfg_func_calls(const struct fx_program *prog, const struct fx_func *fn,
		    const char *callee, unsigned depth)
{
	struct calls_arg a = { prog, fx_func_tu(prog, fn), callee, depth, false };

	if (!fn || !callee)
		return false;
	fx_walk_stmt(fn->body, NULL, calls_visit, &a);
	return a.found;
}


const struct sink *sink_at(unsigned i)
{
	pthread_once(&pairs_once, load_pairs);
	return i < nsinks ? &sinks[i] : NULL;
}

/* callee is a release form of some pair of class (NULL: any class). */
bool is_release_of_class(const char *callee, const char *class)
{
	unsigned i, r;

	pthread_once(&pairs_once, load_pairs);
	if (!callee || !may_be(rel_len, callee))
		return false;
	for (i = 0; i < npairs; i++) {
		if (class && strcmp(pairs[i].class, class))
			continue;
		for (r = 0; r < pairs[i].nrelease; r++)
			if (release_named(pairs[i].release[r], callee))
				return true;
	}
	return false;
}
