// SPDX-License-Identifier: GPL-2.0
/*
 * test-flow.c - unit tests of the dataflow walk (checker/flow.c) on small
 * functions parsed by the clang frontend: loops reach a fixpoint through
 * their back edge, a state that never settles stops at the cap; and
 * q_first_use() of checker/query.c on the same kind of function.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "../checker/flow.h"
#include "../checker/frontend.h"
#include "../checker/query.h"

static struct fx_tu *parsed;

static void free_parsed(void)
{
	if (!parsed)
		return;
	free((char *)parsed->src);
	arena_free(&parsed->arena);
	free(parsed);
	parsed = NULL;
}

TestSuite(flow, .fini = free_parsed);

static const struct fx_func *parse_func(const char *code, const char *name)
{
	char path[] = "/tmp/test-flow-XXXXXX.c", err[256] = "";
	char *args[] = { "-Ireference/include" };
	struct tu_job job = { .file = path, .directory = ".", .argc = 1, .argv = args };
	struct fx_tu *tu = calloc(1, sizeof(*tu));
	int fd = mkstemps(path, 2);
	void *fe = NULL;
	unsigned i;

	cr_assert(tu && fd >= 0);
	cr_assert_eq(write(fd, code, strlen(code)), (ssize_t)strlen(code));
	close(fd);
	tu->file = path;
	tu->directory = ".";
	tu->src = strdup(code);
	tu->src_len = strlen(code);
	cr_assert_eq(fe_clang_ops.init(&fe, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(fe_clang_ops.parse(fe, &job, tu, err, sizeof(err)), 0, "%s", err);
	fe_clang_ops.fini(fe);
	unlink(path);
	parsed = tu;
	for (i = 0; i < tu->nfuncs; i++)
		if (!strcmp(tu->funcs[i].name, name))
			return &tu->funcs[i];
	cr_assert_fail("no function %s", name);
	return NULL;
}

/* The values a may hold: bit 0 "0 from its declaration", bit 1 "1 from a = 1". */
struct values {
	unsigned a;
};

struct seen {
	unsigned at_call;	/* values of a where g(a) is called */
};

static void values_transfer(const struct cfg *g, unsigned n, void *state, void *arg)
{
	const struct cfg_node *node = &g->nodes[n];
	const struct fx_expr *e = node->expr ? fx_strip(node->expr) : NULL;
	struct values *v = state;
	struct seen *s = arg;

	if (node->kind != CFG_EXPR || !e)
		return;
	if (node->decl && !strcmp(node->decl, "a"))
		v->a = 1;
	else if (q_is_assign(e) && q_is_var(e->kids[0], "a", false))
		v->a = 2;
	else if (e->kind == FXE_CALL && e->name && !strcmp(e->name, "g"))
		s->at_call |= v->a;
}

static bool values_join(void *into, const void *from, void *arg)
{
	struct values *a = into;
	const struct values *b = from;
	unsigned old = a->a;

	a->a |= b->a;
	return a->a != old;
}

Test(flow, loop_back_edge_reaches_fixpoint)
{
	const struct fx_func *fn = parse_func(
		"void g(int v);\n"
		"int f(int n)\n"
		"{\n"
		"	int a = 0;\n"
		"	int i;\n"
		"	for (i = 0; i < n; i++) {\n"
		"		g(a);\n"
		"		a = 1;\n"
		"	}\n"
		"	return a;\n"
		"}\n", "f");
	struct flow_ops ops = { sizeof(struct values), values_transfer, NULL, values_join };
	struct cfg *g = cfg_build(parsed, fn);
	struct values entry = { 0 };
	struct seen s = { 0 };

	cr_assert_not_null(g);
	cr_assert_eq(flow_run(g, &ops, &entry, &s), 0);
	cr_assert_eq(s.at_call, 3, "g(a) sees a from the declaration and, through the back edge, from a = 1 (got %u)",
		     s.at_call);
	cfg_free(g);
}

/* A state that grows on every pass of the loop never settles. */
static void count_transfer(const struct cfg *g, unsigned n, void *state, void *arg)
{
	(*(unsigned *)state)++;
}

static bool count_join(void *into, const void *from, void *arg)
{
	unsigned *a = into;
	const unsigned *b = from;

	if (*b <= *a)
		return false;
	*a = *b;
	return true;
}

Test(flow, endless_growth_stops_at_the_cap)
{
	const struct fx_func *fn = parse_func(
		"void g(void);\n"
		"void f(int n)\n"
		"{\n"
		"	while (n)\n"
		"		g();\n"
		"}\n", "f");
	struct flow_ops ops = { sizeof(unsigned), count_transfer, NULL, count_join };
	struct cfg *g = cfg_build(parsed, fn);
	unsigned long before = flow_stats.truncated, visits = flow_stats.visits;
	unsigned entry = 0;

	cr_assert_eq(flow_run(g, &ops, &entry, NULL), -E2BIG);
	cr_assert_eq(flow_stats.truncated, before + 1);
	cr_assert_eq(flow_stats.visits - visits, FLOW_MAX_VISITS);
	cfg_free(g);
}

/* edge() can close a successor: nothing past a refused branch is visited. */
static bool refuse_all(const struct cfg *g, unsigned n, unsigned i, void *state, void *arg)
{
	return g->nodes[n].kind != CFG_BRANCH;
}

Test(flow, refused_edges_are_not_followed)
{
	const struct fx_func *fn = parse_func(
		"void g(int v);\n"
		"void f(int n)\n"
		"{\n"
		"	int a = 0;\n"
		"	if (n)\n"
		"		g(a);\n"
		"}\n", "f");
	struct flow_ops ops = { sizeof(struct values), values_transfer, refuse_all, values_join };
	struct cfg *g = cfg_build(parsed, fn);
	struct values entry = { 0 };
	struct seen s = { 0 };

	cr_assert_eq(flow_run(g, &ops, &entry, &s), 0);
	cr_assert_eq(s.at_call, 0);
	ops.edge = NULL;
	cr_assert_eq(flow_run(g, &ops, &entry, &s), 0);
	cr_assert_eq(s.at_call, 1);
	cfg_free(g);
}

/* q_first_use: the first use after a point, tested / handed on / overwritten. */
Test(flow, first_use_of_a_local)
{
	const struct fx_func *fn = parse_func(
		"int h(void);\n"
		"void g(int v);\n"
		"int f(void)\n"
		"{\n"
		"	int x = h();\n"
		"	if (!x)\n"
		"		return 0;\n"
		"	g(x);\n"
		"	x = h();\n"
		"	x = 2;\n"
		"	return x;\n"
		"}\n", "f");
	struct fx_loc after = { NULL, 5, 20 }, later = { NULL, 8, 8 };
	struct q_use u;
	bool handed;

	cr_assert(q_first_use(fn->body, "x", 0, &after, &u, &handed));
	cr_assert_eq(u.loc.line, 6);
	cr_assert(u.cond);
	cr_assert(handed, "g(x) and return x hand it on");
	cr_assert(q_first_use(fn->body, "x", Q_OVERWRITES, &later, &u, NULL));
	cr_assert_eq(u.loc.line, 9);
	cr_assert(u.overwrite);
	cr_assert(q_first_use(fn->body, "x", 0, &later, &u, NULL));
	cr_assert_eq(u.loc.line, 11, "without Q_OVERWRITES the stores are not uses");
	cr_assert(u.escape);
	cr_assert_not(q_first_use(fn->body, "y", 0, &after, &u, NULL));
}
