// SPDX-License-Identifier: GPL-2.0
/*
 * test-facts-io.c - facts files (checker/facts-io.c): every fixture of the
 * corpus and every reference driver, parsed by both frontends as a run does
 * it, comes back from a facts file field for field (and with the same
 * --dump-facts text, pointer sharing and interned file names), a second
 * write gives the same bytes; and the reader refuses what is not a whole
 * facts file of this build without crashing: every truncation, foreign
 * magic and versions, huge counts and lengths, nesting past the limit,
 * cycles and dangling node references.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <criterion/logging.h>

#include "../checker/compdb.h"
#include "../checker/dump.h"
#include "../checker/facts-io.h"
#include "../checker/frontend.h"
#include "../checker/srcscan.h"
#include "testutil.h"

TestSuite(facts_io, .timeout = 300);

/* ---- files in memory ---- */

struct bytes {
	char *p;
	size_t len;
};

static FILE *open_bytes(const struct bytes *b, size_t len)
{
	FILE *f = len ? fmemopen(b->p, len, "rb") : fopen("/dev/null", "rb");

	cr_assert(f);
	return f;
}

static const struct tu_failure sample_failures[] = {
	{ "drivers/iommu/a.c", "a.c:3:1: error: expected ';'" },
	{ "b.c", "" },
};

static const struct run_summary sample_sum = {
	.tus = 7, .parsed = 4, .skipped = 1, .failed = 2, .failures = sample_failures,
};

/* A whole facts file of the TUs: header, records, trailer (sample_sum). */
static struct bytes write_facts(struct fx_tu *const *tus, unsigned n)
{
	struct bytes b = { 0 };
	char err[256] = "";
	FILE *f = open_memstream(&b.p, &b.len);
	unsigned i;

	cr_assert(f);
	cr_assert_eq(facts_write_header(f, err, sizeof(err)), 0, "%s", err);
	for (i = 0; i < n; i++)
		cr_assert_eq(facts_write(f, tus[i], err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(facts_write_trailer(f, &sample_sum, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(fclose(f), 0);
	return b;
}

/*
 * Read a whole facts file of up to max TUs: 0 and the TUs and summary, or
 * the first error (err set; what was read is freed).
 */
static int read_facts(FILE *f, struct fx_tu **tus, unsigned max, unsigned *n,
		     struct run_summary *sum, char *err, size_t errlen)
{
	int rc = facts_read_header(f, err, errlen);

	*n = 0;
	memset(sum, 0, sizeof(*sum));
	while (!rc) {
		rc = facts_read(f, &tus[*n], err, errlen);
		if (!rc)
			cr_assert_lt(++*n, max);
	}
	if (rc == 1)
		rc = facts_read_trailer(f, sum, err, errlen);
	if (rc) {
		while (*n)
			facts_free_tu(tus[--*n]);
	}
	return rc;
}

static struct fx_tu *round_trip(struct fx_tu *tu, struct bytes *file)
{
	struct run_summary sum;
	struct fx_tu *back[2];
	char err[256] = "";
	unsigned n;
	FILE *f;

	*file = write_facts(&tu, 1);
	f = open_bytes(file, file->len);
	cr_assert_eq(read_facts(f, back, 2, &n, &sum, err, sizeof(err)), 0, "%s: %s", tu->file,
		     err);
	fclose(f);
	cr_assert_eq(n, 1);
	cr_assert_eq(sum.tus, 7);
	facts_summary_free(&sum);
	return back[0];
}

/* ---- field-by-field comparison ---- */

/* The original's nodes met so far and their copies: sharing must map 1:1. */
struct node_map {
	const void **from, **to;	/* open addressing on from; on to */
	const void **val;		/* the copy of from[i] */
	size_t n, mask;
	unsigned shared;		/* nodes of the original met again */
};

static size_t slot_of(const void *const *keys, size_t mask, const void *p)
{
	size_t h = (size_t)((uintptr_t)p >> 4) * 0x9e3779b97f4a7c15ull >> 20 & mask;

	while (keys[h] && keys[h] != p)
		h = (h + 1) & mask;
	return h;
}

static void map_grow(struct node_map *m)
{
	struct node_map old = *m;
	size_t i;

	m->mask = m->mask ? m->mask * 2 + 1 : 1023;
	m->from = calloc(m->mask + 1, sizeof(*m->from));
	m->to = calloc(m->mask + 1, sizeof(*m->to));
	m->val = calloc(m->mask + 1, sizeof(*m->val));
	cr_assert(m->from && m->to && m->val);
	for (i = 0; old.from && i <= old.mask; i++) {
		if (old.from[i]) {
			size_t h = slot_of(m->from, m->mask, old.from[i]);

			m->from[h] = old.from[i];
			m->val[h] = old.val[i];
		}
		if (old.to[i])
			m->to[slot_of(m->to, m->mask, old.to[i])] = old.to[i];
	}
	free(old.from);
	free(old.to);
	free(old.val);
}

static bool map_seen(struct node_map *m, const void *a, const void *b)
{
	size_t h;

	if (m->n >= m->mask / 2)
		map_grow(m);
	h = slot_of(m->from, m->mask, a);
	if (m->from[h]) {
		cr_assert_eq(m->val[h], b, "a shared node came back as two");
		m->shared++;
		return true;
	}
	m->from[h] = a;
	m->val[h] = b;
	h = slot_of(m->to, m->mask, b);
	cr_assert_null(m->to[h], "two nodes came back as one");
	m->to[h] = b;
	m->n++;
	return false;
}

struct cmp {
	const struct fx_tu *a, *b;
	struct node_map map;
	unsigned nodes;
};

static void same_str(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		cr_assert(!a && !b, "%s: %s came back as %s", what, a ? a : "NULL", b ? b : "NULL");
	else
		cr_assert_str_eq(a, b, "%s", what);
}

static void same_loc(struct cmp *c, const struct fx_loc *a, const struct fx_loc *b)
{
	same_str(a->file, b->file, "loc.file");
	cr_assert_eq(a->line, b->line);
	cr_assert_eq(a->col, b->col);
	/* interned: the main file's locations point at tu->file itself */
	if (b->file && c->b->file && !strcmp(b->file, c->b->file))
		cr_assert_eq(b->file, c->b->file);
}

static void same_stmt(struct cmp *c, const struct fx_stmt *a, const struct fx_stmt *b);
static void same_init(struct cmp *c, const struct fx_init *a, const struct fx_init *b);

static void same_expr(struct cmp *c, const struct fx_expr *a, const struct fx_expr *b)
{
	unsigned i;

	cr_assert(!a == !b);
	if (!a || map_seen(&c->map, a, b))
		return;
	c->nodes++;
	cr_assert_eq(a->kind, b->kind);
	cr_assert_eq(a->ref, b->ref);
	cr_assert_eq(a->arrow, b->arrow);
	same_str(a->name, b->name, "expr name");
	same_str(a->op, b->op, "expr op");
	same_str(a->text, b->text, "expr text");
	same_str(a->macro, b->macro, "expr macro");
	same_loc(c, &a->loc, &b->loc);
	cr_assert_eq(a->nkids, b->nkids);
	for (i = 0; i < a->nkids; i++)
		same_expr(c, a->kids[i], b->kids[i]);
	same_init(c, a->init, b->init);
	same_stmt(c, a->stmt, b->stmt);
}

static void same_stmt(struct cmp *c, const struct fx_stmt *a, const struct fx_stmt *b)
{
	unsigned i;

	cr_assert(!a == !b);
	if (!a || map_seen(&c->map, a, b))
		return;
	c->nodes++;
	cr_assert_eq(a->kind, b->kind);
	same_loc(c, &a->loc, &b->loc);
	same_str(a->name, b->name, "stmt name");
	same_str(a->type, b->type, "stmt type");
	same_expr(c, a->expr, b->expr);
	cr_assert_eq(a->nkids, b->nkids);
	for (i = 0; i < a->nkids; i++)
		same_stmt(c, a->kids[i], b->kids[i]);
}

static void same_init(struct cmp *c, const struct fx_init *a, const struct fx_init *b)
{
	unsigned i;

	cr_assert(!a == !b);
	if (!a || map_seen(&c->map, a, b))
		return;
	c->nodes++;
	same_str(a->type, b->type, "init type");
	cr_assert_eq(a->nfields, b->nfields);
	for (i = 0; i < a->nfields; i++) {
		const struct fx_init_field *x = &a->fields[i], *y = &b->fields[i];

		same_str(x->field, y->field, "init field");
		same_expr(c, x->value, y->value);
		same_loc(c, &x->loc, &y->loc);
		same_str(x->cond, y->cond, "init cond");
		cr_assert_eq(x->inactive, y->inactive);
	}
}

/* Every field of facts.h but lines; how many nodes; *shared: how many met again. */
static unsigned same_tu(const struct fx_tu *a, const struct fx_tu *b, unsigned *shared)
{
	struct cmp c = { .a = a, .b = b };
	unsigned i, j;

	same_str(a->file, b->file, "file");
	same_str(a->directory, b->directory, "directory");
	cr_assert_eq(a->src_len, b->src_len);
	cr_assert(!a->src == !b->src);
	if (a->src) {
		cr_assert_eq(memcmp(a->src, b->src, a->src_len), 0);
		cr_assert_eq(b->src[b->src_len], '\0');
	}
	cr_assert_null(b->lines);
	cr_assert_eq(a->nrecords, b->nrecords);
	for (i = 0; i < a->nrecords; i++) {
		const struct fx_record *x = &a->records[i], *y = &b->records[i];

		same_str(x->name, y->name, "record name");
		same_loc(&c, &x->loc, &y->loc);
		cr_assert_eq(x->is_union, y->is_union);
		cr_assert_eq(x->nfields, y->nfields);
		for (j = 0; j < x->nfields; j++) {
			same_str(x->fields[j].name, y->fields[j].name, "field name");
			same_str(x->fields[j].type, y->fields[j].type, "field type");
			same_str(x->fields[j].record, y->fields[j].record, "field record");
			cr_assert_eq(x->fields[j].is_pointer, y->fields[j].is_pointer);
			cr_assert_eq(x->fields[j].is_array, y->fields[j].is_array);
		}
	}
	cr_assert_eq(a->nvars, b->nvars);
	for (i = 0; i < a->nvars; i++) {
		const struct fx_var *x = &a->vars[i], *y = &b->vars[i];

		same_str(x->name, y->name, "var name");
		same_str(x->type, y->type, "var type");
		same_str(x->record, y->record, "var record");
		same_loc(&c, &x->loc, &y->loc);
		cr_assert_eq(x->end_line, y->end_line);
		cr_assert_eq(x->is_static, y->is_static);
		cr_assert_eq(x->is_array, y->is_array);
		cr_assert_eq(x->is_extern, y->is_extern);
		same_init(&c, x->init, y->init);
		cr_assert_eq(x->nelems, y->nelems);
	}
	cr_assert_eq(a->nmacros, b->nmacros);
	for (i = 0; i < a->nmacros; i++) {
		same_str(a->macros[i].name, b->macros[i].name, "macro use");
		same_loc(&c, &a->macros[i].loc, &b->macros[i].loc);
	}
	cr_assert_eq(a->nlimits, b->nlimits);
	for (i = 0; i < a->nlimits; i++) {
		same_loc(&c, &a->limits[i].loc, &b->limits[i].loc);
		same_str(a->limits[i].message, b->limits[i].message, "limit");
	}
	cr_assert_eq(a->pp_decided, b->pp_decided);
	cr_assert_eq(a->npp_open, b->npp_open);
	for (i = 0; i < a->npp_open; i++)
		cr_assert_eq(a->pp_open[i], b->pp_open[i]);
	cr_assert_eq(a->nfuncs, b->nfuncs);
	for (i = 0; i < a->nfuncs; i++) {
		const struct fx_func *x = &a->funcs[i], *y = &b->funcs[i];

		same_str(x->name, y->name, "func name");
		same_str(x->ret_type, y->ret_type, "ret_type");
		same_loc(&c, &x->loc, &y->loc);
		cr_assert_eq(x->end_line, y->end_line);
		cr_assert_eq(x->is_static, y->is_static);
		cr_assert_eq(x->nparams, y->nparams);
		for (j = 0; j < x->nparams; j++) {
			same_str(x->params[j].name, y->params[j].name, "param name");
			same_str(x->params[j].type, y->params[j].type, "param type");
		}
		same_stmt(&c, x->body, y->body);
	}
	free(c.map.from);
	free(c.map.to);
	free(c.map.val);
	if (shared)
		*shared = c.map.shared;
	return c.nodes;
}

static char *dump_text(const struct fx_tu *tu)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	cr_assert(f);
	dump_facts(f, tu);
	cr_assert_eq(fclose(f), 0);
	return text;
}

struct totals {
	unsigned files, nodes, shared, funcs, vars;
	size_t bytes;
};

/* tu and its copy through a facts file: the same facts, dump, and bytes again. */
static void check_round_trip(struct fx_tu *tu, struct totals *t)
{
	struct bytes one, two;
	struct fx_tu *back = round_trip(tu, &one), *again;
	char *d1 = dump_text(tu), *d2 = dump_text(back);
	unsigned shared;

	cr_assert_str_eq(d1, d2, "%s: --dump-facts differs after a round trip", tu->file);
	t->nodes += same_tu(tu, back, &shared);
	t->shared += shared;
	again = round_trip(back, &two);
	cr_assert_eq(one.len, two.len, "%s: %zu bytes, then %zu", tu->file, one.len, two.len);
	cr_assert_eq(memcmp(one.p, two.p, one.len), 0, "%s: write-read-write differs", tu->file);
	t->files++;
	t->funcs += tu->nfuncs;
	t->vars += tu->nvars;
	t->bytes += one.len;
	facts_free_tu(again);
	facts_free_tu(back);
	free(d1);
	free(d2);
	free(one.p);
	free(two.p);
}

/* ---- the corpus through both frontends ---- */

/* The fixture's "flags:" words into argv (after -Ireference/include). */
static int fixture_args(const char *src, char **argv, int max, char *store, size_t size)
{
	const char *p = strstr(src, "flags:");
	int argc = 0;
	char *w;

	argv[argc++] = "-Ireference/include";
	if (!p)
		return argc;
	p += strlen("flags:");
	snprintf(store, size, "%.*s", (int)strcspn(p, "\n*"), p);
	for (w = strtok(store, " \t"); w && argc < max; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	return argc;
}

/* As checker/main.c do_job() does: read, parse, then the text scans. */
static struct fx_tu *parse_file(const struct frontend_ops *fe, void *state, const char *file)
{
	char cwd[PATH_MAX], abs[PATH_MAX * 2], err[1024] = "", store[512], *argv[16], *src;
	struct fx_tu *tu = calloc(1, sizeof(*tu));
	struct tu_job job;
	struct pp_map map;
	size_t len;

	cr_assert(tu && getcwd(cwd, sizeof(cwd)));
	cr_assert_eq(read_source(file, &src, &len, err, sizeof(err)), 0, "%s", err);
	snprintf(abs, sizeof(abs), "%s/%s", cwd, file);
	job.file = abs;
	job.directory = cwd;
	job.argc = fixture_args(src, argv, 16, store, sizeof(store));
	job.argv = argv;
	tu->file = arena_strdup(&tu->arena, file);
	tu->directory = arena_strdup(&tu->arena, cwd);
	tu->src = src;
	tu->src_len = len;
	cr_assert_eq(fe->parse(state, &job, tu, err, sizeof(err)), 0, "%s: %s", file, err);
	pp_map_build(&tu->arena, tu->src, tu->src_len, &map);
	srcscan_annotate_inits(tu, &map);
	srcscan_toplevel_calls(tu);
	return tu;
}

static void corpus_round_trip(const struct frontend_ops *fe)
{
	static const char *const patterns[] = { "corpus/*/*.c", "reference/drivers/*.c" };
	struct totals t = { 0 };
	char err[256] = "";
	void *state = NULL;
	unsigned p;
	size_t i;

	cr_assert_eq(fe->init(&state, err, sizeof(err)), 0, "%s", err);
	for (p = 0; p < 2; p++) {
		glob_t g;

		cr_assert_eq(glob(patterns[p], 0, NULL, &g), 0, "%s", patterns[p]);
		for (i = 0; i < g.gl_pathc; i++) {
			struct fx_tu *tu = parse_file(fe, state, g.gl_pathv[i]);

			check_round_trip(tu, &t);
			facts_free_tu(tu);
		}
		globfree(&g);
	}
	fe->fini(state);
	cr_log_info("%s: %u files, %u functions, %u variables, %u nodes (%u shared), %zu bytes",
		    fe->name, t.files, t.funcs, t.vars, t.nodes, t.shared, t.bytes);
	cr_assert_gt(t.files, 240);
	cr_assert_gt(t.funcs, 400);
	cr_assert_gt(t.nodes, 10000);
}

Test(facts_io, corpus_and_reference_clang)
{
	corpus_round_trip(&fe_clang_ops);
}

Test(facts_io, corpus_and_reference_ts)
{
	corpus_round_trip(&fe_ts_ops);
}

/* ---- hand-made TUs ---- */

/*
 * Every kind of field, NULL beside "", one expression reachable from two
 * initialiser fields, a statement expression's block shared with a
 * function body, a source with a NUL byte inside.
 */
struct sample {
	struct fx_tu tu;
	struct fx_expr ident, call, member, *call_kids[2], stmtexpr;
	struct fx_stmt block, ret, *block_kids[1];
	struct fx_init init, list_init;
	struct fx_init_field fields[3];
	struct fx_var vars[2];
	struct fx_func funcs[2];
	struct fx_param params[2];
	struct fx_record rec;
	struct fx_field rec_fields[2];
	struct fx_macro_use macro;
	struct fx_limit limit;
};

static const char sample_src[] = "int x;\0 hidden\n";

static void sample_make(struct sample *s)
{
	static char file[] = "drivers/iommu/sample.c";
	const struct fx_loc here = { file, 3, 5 }, hdr = { "include/linux/iommu.h", 10, 1 };

	memset(s, 0, sizeof(*s));
	s->tu.file = file;
	s->tu.directory = "";
	s->tu.src = sample_src;
	s->tu.src_len = sizeof(sample_src) - 1;
	s->ident = (struct fx_expr){ .kind = FXE_IDENT, .ref = FXR_FUNC, .name = "sample_xlate",
				     .text = "sample_xlate", .loc = here };
	s->member = (struct fx_expr){ .kind = FXE_MEMBER, .arrow = true, .name = "dev",
				      .op = "", .macro = "to_dev", .loc = hdr };
	s->call_kids[0] = &s->ident;
	s->call_kids[1] = &s->member;
	s->call = (struct fx_expr){ .kind = FXE_CALL, .name = "f", .nkids = 2,
				    .kids = s->call_kids, .loc = here };
	s->ret = (struct fx_stmt){ .kind = FXS_RETURN, .expr = &s->call, .loc = here };
	s->block_kids[0] = &s->ret;
	s->block = (struct fx_stmt){ .kind = FXS_BLOCK, .nkids = 1, .kids = s->block_kids,
				     .type = "" };
	s->stmtexpr = (struct fx_expr){ .kind = FXE_STMTEXPR, .stmt = &s->block };
	s->fields[0] = (struct fx_init_field){ .field = "of_xlate", .value = &s->ident,
					       .loc = here };
	s->fields[1] = (struct fx_init_field){ .field = "probe_device", .value = &s->ident,
					       .cond = "#ifdef CONFIG_X", .inactive = true };
	s->fields[2] = (struct fx_init_field){ .value = &s->stmtexpr, .cond = "" };
	s->init = (struct fx_init){ "struct iommu_ops", 3, s->fields };
	s->list_init = (struct fx_init){ NULL, 0, NULL };
	s->vars[0] = (struct fx_var){ .name = "ops", .type = "const struct iommu_ops",
				      .record = "iommu_ops", .loc = here, .end_line = 9,
				      .is_static = true, .init = &s->init };
	s->vars[1] = (struct fx_var){ .name = "tbl", .type = "", .is_array = true,
				      .is_extern = true, .init = &s->list_init, .nelems = 4 };
	s->params[0] = (struct fx_param){ "dev", "struct device *" };
	s->params[1] = (struct fx_param){ NULL, "int" };
	s->funcs[0] = (struct fx_func){ .name = "sample_probe", .ret_type = "int", .loc = here,
					.end_line = 20, .is_static = true, .nparams = 2,
					.params = s->params, .body = &s->block };
	s->funcs[1] = (struct fx_func){ .name = "decl_only", .ret_type = "void" };
	s->rec_fields[0] = (struct fx_field){ "dev", "struct device", "device", false, false };
	s->rec_fields[1] = (struct fx_field){ NULL, "u32 [4]", NULL, false, true };
	s->rec = (struct fx_record){ "sample_iommu", hdr, true, 2, s->rec_fields };
	s->macro = (struct fx_macro_use){ "IOMMU_OF_DECLARE", here };
	s->limit = (struct fx_limit){ here, "nesting deeper than 400 levels" };
	s->tu.vars = s->vars;
	s->tu.nvars = 2;
	s->tu.funcs = s->funcs;
	s->tu.nfuncs = 2;
	s->tu.records = &s->rec;
	s->tu.nrecords = 1;
	s->tu.macros = &s->macro;
	s->tu.nmacros = 1;
	s->tu.limits = &s->limit;
	s->tu.nlimits = 1;
}

Test(facts_io, every_field_null_and_empty_strings_and_sharing)
{
	struct sample s;
	struct totals t = { 0 };
	struct bytes file;
	struct fx_tu *back;
	unsigned shared;

	sample_make(&s);
	check_round_trip(&s.tu, &t);
	back = round_trip(&s.tu, &file);
	same_tu(&s.tu, back, &shared);
	cr_assert_eq(shared, 3, "ident twice more, the block once more: %u", shared);
	/* the same node, not two equal ones */
	cr_assert_eq(back->vars[0].init->fields[0].value, back->vars[0].init->fields[1].value);
	cr_assert_eq(back->vars[0].init->fields[2].value->stmt, back->funcs[0].body);
	cr_assert_eq(back->funcs[0].body->kids[0]->expr->kids[0],
		     back->vars[0].init->fields[0].value);
	cr_assert_str_eq(back->directory, "");
	cr_assert_null(back->funcs[1].body);
	cr_assert_null(back->records[0].fields[1].name);
	cr_assert_str_eq(back->vars[1].type, "");
	facts_free_tu(back);
	free(file.p);
}

static struct bytes sample_file(void)
{
	struct sample s;
	struct fx_tu *tus[2] = { &s.tu, &s.tu };

	sample_make(&s);
	return write_facts(tus, 2);
}

Test(facts_io, trailer_round_trip)
{
	static const struct tu_failure fails[] = { { NULL, "no file" }, { "x.c", NULL } };
	const struct run_summary nulls = { .tus = 2, .failed = 2, .failures = fails };
	struct bytes b = sample_file();
	struct run_summary sum;
	struct fx_tu *tus[4];
	char err[256] = "";
	unsigned n;
	FILE *f = open_bytes(&b, b.len);

	cr_assert_eq(read_facts(f, tus, 4, &n, &sum, err, sizeof(err)), 0, "%s", err);
	fclose(f);
	cr_assert_eq(n, 2);
	cr_assert_eq(sum.tus, 7);
	cr_assert_eq(sum.parsed, 4);
	cr_assert_eq(sum.skipped, 1);
	cr_assert_eq(sum.failed, 2);
	cr_assert_str_eq(sum.failures[0].file, "drivers/iommu/a.c");
	cr_assert_str_eq(sum.failures[0].reason, "a.c:3:1: error: expected ';'");
	cr_assert_str_eq(sum.failures[1].file, "b.c");
	cr_assert_str_eq(sum.failures[1].reason, "");
	facts_summary_free(&sum);
	facts_free_tu(tus[0]);
	facts_free_tu(tus[1]);
	free(b.p);

	/* NULL strings, and no TU at all */
	f = open_memstream(&b.p, &b.len);
	cr_assert_eq(facts_write_header(f, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(facts_write_trailer(f, &nulls, err, sizeof(err)), 0, "%s", err);
	fclose(f);
	f = open_bytes(&b, b.len);
	cr_assert_eq(read_facts(f, tus, 4, &n, &sum, err, sizeof(err)), 0, "%s", err);
	fclose(f);
	cr_assert_eq(n, 0);
	cr_assert_eq(sum.failed, 2);
	cr_assert_null(sum.failures[0].file);
	cr_assert_str_eq(sum.failures[0].reason, "no file");
	cr_assert_null(sum.failures[1].reason);
	facts_summary_free(&sum);
	free(b.p);
}

/* ---- what the reader refuses ---- */

/* Read the first len bytes of b as a whole facts file: 0 or the first error. */
static int read_all(const struct bytes *b, size_t len, char *err, size_t errlen)
{
	struct run_summary sum;
	struct fx_tu *tus[8];
	unsigned n;
	FILE *f = open_bytes(b, len);
	int rc = read_facts(f, tus, 8, &n, &sum, err, errlen);

	fclose(f);
	if (rc) {
		cr_assert(err[0] && !strchr(err, '\n'), "one line: '%s'", err);
		return rc;
	}
	while (n)
		facts_free_tu(tus[--n]);
	facts_summary_free(&sum);
	return 0;
}

static void refused(const struct bytes *b, const char *what)
{
	char err[256] = "";
	int rc = read_all(b, b->len, err, sizeof(err));

	cr_assert_eq(rc, -EINVAL, "%d: %s", rc, err);
	cr_assert(strstr(err, what), "'%s' lacks '%s'", err, what);
}

static void truncations(const struct bytes *b)
{
	char err[256], want[64];
	size_t cut;

	for (cut = 0; cut < b->len; cut++) {
		int rc = read_all(b, cut, err, sizeof(err));

		snprintf(want, sizeof(want), "facts file is truncated at byte %zu", cut);
		cr_assert_eq(rc, -EINVAL, "cut at %zu: %d %s", cut, rc, err);
		if (cut)
			cr_assert(!strncmp(err, want, strlen(want)), "cut at %zu: %s", cut, err);
		else
			cr_assert_str_eq(err, "facts file is empty");
	}
	cr_assert_eq(read_all(b, b->len, err, sizeof(err)), 0, "%s", err);
}

Test(facts_io, truncated_at_every_byte)
{
	struct bytes b = sample_file();
	void *state = NULL;
	char err[256];
	struct fx_tu *tu;

	truncations(&b);
	free(b.p);
	cr_assert_eq(fe_ts_ops.init(&state, err, sizeof(err)), 0, "%s", err);
	tu = parse_file(&fe_ts_ops, state, "reference/drivers/refmmu.c");
	fe_ts_ops.fini(state);
	b = write_facts(&tu, 1);
	cr_log_info("refmmu.c: %zu bytes of facts", b.len);
	truncations(&b);
	facts_free_tu(tu);
	free(b.p);
}

Test(facts_io, not_a_facts_file_and_other_versions)
{
	struct bytes b = sample_file();
	size_t vlen = strlen(IOMMU_LINT_VERSION);
	char text[] = "int main(void) { return 0; }\n";
	struct bytes t = { text, sizeof(text) - 1 };

	refused(&t, "not an iommu-lint facts file");
	b.p[3] ^= 0x20;
	refused(&b, "not an iommu-lint facts file");
	b.p[3] ^= 0x20;
	b.p[16] = 2;
	refused(&b, "facts file version 2, this build reads 1");
	b.p[16] = 1;
	cr_assert_eq((size_t)(unsigned char)b.p[20], vlen);
	b.p[24 + vlen - 1] ^= 1;
	refused(&b, "facts file from iommu-lint ");
	refused(&b, ", this is iommu-lint ");
	b.p[24 + vlen - 1] ^= 1;
	b.p[20] = (char)0xff;
	b.p[21] = (char)0xff;
	refused(&b, "facts file is corrupt at byte 20: a version of ");
	free(b.p);
}

static void put32_at(struct bytes *b, size_t at, uint32_t v)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		b->p[at + i] = (char)(v >> (8 * i));
}

Test(facts_io, huge_counts_and_lengths)
{
	struct bytes b = sample_file();
	size_t head = 24 + strlen(IOMMU_LINT_VERSION), len = b.len;
	char want[128];

	/* the string count, first of the first TU */
	put32_at(&b, head + 12, 0xffffffff);
	snprintf(want, sizeof(want), "corrupt at byte %zu: 4294967295 strings for", head + 12);
	refused(&b, want);
	free(b.p);
	/* a record length past the limit, and one past the end of the file */
	b = sample_file();
	put32_at(&b, head + 4, 0xffffffff);
	put32_at(&b, head + 8, 0xffffffff);
	refused(&b, "a record of 18446744073709551615 bytes (limit 1073741824)");
	put32_at(&b, head + 4, 1u << 29);
	put32_at(&b, head + 8, 0);
	snprintf(want, sizeof(want), "facts file is truncated at byte %zu", len);
	refused(&b, want);
	free(b.p);
}

/* ---- hand-made records ---- */

static void put8(FILE *f, unsigned v)
{
	fputc((int)v, f);
}

static void put32(FILE *f, uint32_t v)
{
	unsigned i;

	for (i = 0; i < 4; i++)
		fputc((int)(v >> (8 * i) & 0xff), f);
}

static void put64(FILE *f, uint64_t v)
{
	put32(f, (uint32_t)v);
	put32(f, (uint32_t)(v >> 32));
}

/* No strings, no file name, no source, nothing but the functions to come. */
static void tu_head(FILE *f, unsigned nstrings)
{
	put32(f, nstrings);
	if (nstrings) {
		put32(f, 1);
		fputc('a', f);
	}
	put32(f, 0);		/* file */
	put32(f, 0);		/* directory */
	put8(f, 0);		/* has_src */
	put64(f, 0);		/* src_len */
	put32(f, 0);		/* records */
	put32(f, 0);		/* vars */
	put32(f, 0);		/* macros */
	put32(f, 0);		/* limits */
	put8(f, 0);		/* pp_decided */
	put32(f, 0);		/* pp_open */
}

/* One function, its body to come. */
static void one_func(FILE *f, unsigned is_static)
{
	put32(f, 1);		/* funcs */
	put32(f, 0);		/* name */
	put32(f, 0);		/* ret_type */
	put32(f, 0);		/* loc */
	put32(f, 0);
	put32(f, 0);
	put32(f, 0);		/* end_line */
	put8(f, is_static);
	put32(f, 0);		/* params */
}

/* A new statement whose expression and kids follow. */
static void stmt_head(FILE *f, unsigned kind)
{
	put8(f, 1);
	put8(f, kind);
	put32(f, 0);		/* loc */
	put32(f, 0);
	put32(f, 0);
	put32(f, 0);		/* name */
	put32(f, 0);		/* type */
}

enum handmade {
	HM_NESTED,		/* arg levels of blocks */
	HM_FUNCS_HUGE,
	HM_SELF_KID,
	HM_SELF_EXPR,
	HM_DANGLING,
	HM_BAD_BOOL,
	HM_BAD_KIND,
	HM_BAD_STRING,
	HM_NUL_STRING,
	HM_EXTRA_BYTES,
	HM_SRC_LEN_ALONE,
	HM_BAD_TAG,
	HM_SHARED_BOMB,		/* arg levels, each naming the one below twice */
};

static void handmade_payload(FILE *f, enum handmade kind, unsigned arg)
{
	unsigned i;

	switch (kind) {
	case HM_NESTED:
		tu_head(f, 0);
		one_func(f, 0);
		for (i = 1; i < arg; i++) {
			stmt_head(f, FXS_BLOCK);
			put8(f, 0);	/* expr */
			put32(f, 1);
		}
		stmt_head(f, FXS_BREAK);
		put8(f, 0);
		put32(f, 0);
		break;
	case HM_FUNCS_HUGE:
		tu_head(f, 0);
		put32(f, 0xffffffff);
		put64(f, 0);
		break;
	case HM_SELF_KID:
	case HM_SELF_EXPR:
	case HM_DANGLING:
		tu_head(f, 0);
		one_func(f, 0);
		stmt_head(f, FXS_BLOCK);
		if (kind == HM_SELF_EXPR) {
			put8(f, 2);
			put32(f, 0);
			put32(f, 0);
			break;
		}
		put8(f, 0);
		put32(f, 1);
		put8(f, 2);
		put32(f, kind == HM_DANGLING ? 5 : 0);
		break;
	case HM_BAD_BOOL:
		tu_head(f, 0);
		one_func(f, 2);
		put8(f, 0);
		break;
	case HM_BAD_KIND:
		tu_head(f, 0);
		one_func(f, 0);
		stmt_head(f, 99);
		put8(f, 0);
		put32(f, 0);
		break;
	case HM_BAD_STRING:
		tu_head(f, 1);
		put32(f, 1);		/* funcs */
		put32(f, 2);		/* name: string 2 of 1 */
		for (i = 0; i < 8; i++)
			put32(f, 0);
		break;
	case HM_NUL_STRING:
		put32(f, 1);
		put32(f, 3);
		fwrite("a\0b", 1, 3, f);
		break;
	case HM_EXTRA_BYTES:
		tu_head(f, 1);
		put32(f, 0);
		put8(f, 0);
		break;
	case HM_SRC_LEN_ALONE:
		put32(f, 0);
		put32(f, 0);
		put32(f, 0);
		put8(f, 0);
		put64(f, 5);
		for (i = 0; i < 8; i++)
			put32(f, 0);
		break;
	case HM_BAD_TAG:
		tu_head(f, 0);
		one_func(f, 0);
		put8(f, 3);
		break;
	case HM_SHARED_BOMB:
		/* n_i = BINARY(n_{i-1}, n_{i-1}): 2^arg nodes to a walk */
		put32(f, 0);		/* strings */
		put32(f, 0);		/* file */
		put32(f, 0);		/* directory */
		put8(f, 0);		/* has_src */
		put64(f, 0);		/* src_len */
		put32(f, 0);		/* records */
		put32(f, 1);		/* one variable */
		for (i = 0; i < 3 + 3; i++)
			put32(f, 0);	/* name type record loc */
		put32(f, 0);		/* end_line */
		put8(f, 0);
		put8(f, 0);
		put8(f, 0);
		put8(f, 1);		/* init */
		put32(f, 0);		/* type */
		put32(f, arg);		/* fields */
		for (i = 0; i < arg; i++) {
			put32(f, 0);	/* field */
			put8(f, 1);	/* value: a new expression */
			put8(f, FXE_BINARY);
			put8(f, 0);
			put8(f, 0);
			put32(f, 0);	/* name op text macro */
			put32(f, 0);
			put32(f, 0);
			put32(f, 0);
			put32(f, 0);	/* loc */
			put32(f, 0);
			put32(f, 0);
			put32(f, i ? 2 : 0);
			if (i) {
				put8(f, 2);
				put32(f, i);	/* the previous field's value (the init is 0) */
				put8(f, 2);
				put32(f, i);
			}
			put8(f, 0);	/* init */
			put8(f, 0);	/* stmt */
			put32(f, 0);	/* field loc */
			put32(f, 0);
			put32(f, 0);
			put32(f, 0);	/* cond */
			put8(f, 0);	/* inactive */
		}
		put32(f, 0);		/* nelems */
		put32(f, 0);		/* macros */
		put32(f, 0);		/* limits */
		put8(f, 0);		/* pp_decided */
		put32(f, 0);		/* pp_open */
		put32(f, 0);		/* funcs */
		break;
	}
}

static struct bytes handmade(enum handmade kind, unsigned arg)
{
	static const struct run_summary none;
	struct bytes b = { 0 }, payload = { 0 };
	char err[256] = "";
	FILE *f = open_memstream(&payload.p, &payload.len), *out;

	cr_assert(f);
	handmade_payload(f, kind, arg);
	cr_assert_eq(fclose(f), 0);
	out = open_memstream(&b.p, &b.len);
	cr_assert(out);
	cr_assert_eq(facts_write_header(out, err, sizeof(err)), 0, "%s", err);
	fwrite("TU  ", 1, 4, out);
	put64(out, payload.len);
	fwrite(payload.p, 1, payload.len, out);
	cr_assert_eq(facts_write_trailer(out, &none, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(fclose(out), 0);
	free(payload.p);
	return b;
}

static void handmade_refused(enum handmade kind, unsigned arg, const char *what)
{
	struct bytes b = handmade(kind, arg);

	refused(&b, what);
	free(b.p);
}

Test(facts_io, handmade_records)
{
	struct bytes b = handmade(HM_NESTED, 3);
	char err[256] = "";

	cr_assert_eq(read_all(&b, b.len, err, sizeof(err)), 0, "%s", err);
	free(b.p);
	handmade_refused(HM_FUNCS_HUGE, 0, "4294967295 functions for 8 bytes");
	handmade_refused(HM_SELF_KID, 0, "node 0 inside itself");
	handmade_refused(HM_SELF_EXPR, 0, "node 0 of another kind");
	handmade_refused(HM_DANGLING, 0, "node 5 of 1");
	handmade_refused(HM_BAD_BOOL, 0, "boolean 2");
	handmade_refused(HM_BAD_KIND, 0, "statement kind 99 out of range");
	handmade_refused(HM_BAD_STRING, 0, "string 2 of 1");
	handmade_refused(HM_NUL_STRING, 0, "a NUL byte in string 1");
	handmade_refused(HM_EXTRA_BYTES, 0, "1 bytes after the facts of a TU");
	handmade_refused(HM_SRC_LEN_ALONE, 0, "a source of 5 bytes");
	handmade_refused(HM_BAD_TAG, 0, "node tag 3");
	/* sharing that would make a walk of 2^40 nodes */
	handmade_refused(HM_SHARED_BOMB, 40, "more than 1048576 nodes named again");
	b = handmade(HM_SHARED_BOMB, 12);
	cr_assert_eq(read_all(&b, b.len, err, sizeof(err)), 0, "%s", err);
	free(b.p);
}

Test(facts_io, nesting_limit)
{
	struct bytes b = handmade(HM_NESTED, FACTS_MAX_DEPTH);
	char err[256] = "", want[64];
	struct fx_stmt *chain = calloc(FACTS_MAX_DEPTH + 1, sizeof(*chain));
	struct fx_stmt **kids = calloc(FACTS_MAX_DEPTH + 1, sizeof(*kids));
	struct fx_func fn = { .name = "deep" };
	struct fx_tu tu = { .file = "deep.c", .funcs = &fn, .nfuncs = 1 }, *tup = &tu;
	struct totals t = { 0 };
	FILE *f;
	unsigned i;

	cr_assert_eq(read_all(&b, b.len, err, sizeof(err)), 0, "%s", err);
	free(b.p);
	snprintf(want, sizeof(want), "nesting deeper than %u levels", FACTS_MAX_DEPTH);
	handmade_refused(HM_NESTED, FACTS_MAX_DEPTH + 1, want);
	handmade_refused(HM_NESTED, 100000, want);

	/* the writer: the limit, and no more */
	cr_assert(chain && kids);
	for (i = 0; i <= FACTS_MAX_DEPTH; i++) {
		chain[i].kind = i < FACTS_MAX_DEPTH ? FXS_BLOCK : FXS_BREAK;
		chain[i].loc.line = i;
		kids[i] = &chain[i + 1];
		chain[i].kids = &kids[i];
		chain[i].nkids = i < FACTS_MAX_DEPTH;
	}
	fn.body = &chain[1];
	check_round_trip(&tu, &t);
	fn.body = &chain[0];
	f = open_memstream(&b.p, &b.len);
	cr_assert_eq(facts_write(f, tup, err, sizeof(err)), -E2BIG);
	fclose(f);
	free(b.p);
	cr_assert(strstr(err, want), "%s", err);
	cr_assert(strstr(err, "deep.c"), "%s", err);
	/* a cycle */
	kids[5] = &chain[2];
	f = open_memstream(&b.p, &b.len);
	cr_assert_eq(facts_write(f, tup, err, sizeof(err)), -ELOOP);
	fclose(f);
	free(b.p);
	cr_assert(strstr(err, "a node contains itself"), "%s", err);
	free(chain);
	free(kids);
}

Test(facts_io, after_the_trailer)
{
	struct bytes b = sample_file();
	char *more = malloc(b.len + 1);

	cr_assert(more);
	memcpy(more, b.p, b.len);
	more[b.len] = '\n';
	free(b.p);
	b.p = more;
	b.len++;
	refused(&b, "data after the trailer");
	free(b.p);
}

/* A pipe cannot tell offsets: the same reasons without "at byte N". */
Test(facts_io, through_a_pipe)
{
	struct bytes b = sample_file();
	size_t cut;

	for (cut = b.len - 1; cut <= b.len; cut++) {
		struct run_summary sum;
		struct fx_tu *tus[4];
		char err[256] = "";
		int fds[2], rc;
		unsigned n;
		FILE *f;

		cr_assert_eq(pipe(fds), 0);
		cr_assert(b.len < 65536);
		cr_assert_eq(write(fds[1], b.p, cut), (ssize_t)cut);
		close(fds[1]);
		f = fdopen(fds[0], "rb");
		cr_assert(f);
		rc = read_facts(f, tus, 4, &n, &sum, err, sizeof(err));
		fclose(f);
		if (cut < b.len) {
			cr_assert_eq(rc, -EINVAL);
			cr_assert_str_eq(err, "facts file is truncated");
			continue;
		}
		cr_assert_eq(rc, 0, "%s", err);
		cr_assert_eq(n, 2);
		facts_free_tu(tus[0]);
		facts_free_tu(tus[1]);
		facts_summary_free(&sum);
	}
	free(b.p);
}
