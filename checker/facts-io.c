// SPDX-License-Identifier: GPL-2.0
/*
 * facts-io.c - facts files (facts-io.h).  Integers are little-endian, u32
 * unless said; a string of a TU is its index in the TU's string table.
 *
 *   header   "iommu-lint-facts" version, then iommu-lint's version as an
 *            inline string
 *   record   tag[4] u64 length payload[length]: tag "TU  " a TU, "END "
 *            the trailer, which ends the file
 *   TU       nstrings, each length + bytes (no NUL): string i is index i,
 *            index 0 is NULL; file directory; u8 has_src u64 src_len src;
 *            then records, vars, macros, limits, the #if lines
 *            (u8 pp_decided, the open lines), funcs: a count and the
 *            items, their fields in facts.h order (loc: file line col;
 *            bool: u8 0/1; enum: u8; unsigned: u32)
 *   node     (fx_expr, fx_stmt, fx_init) u8 0: NULL; 1: a new node, its
 *            fields and children follow; 2 + id: the id-th new node of the
 *            record again (0-based, the three kinds counted together),
 *            complete before this point (so no cycle)
 *   trailer  tus parsed skipped failed, then failed (file, reason) pairs of
 *            inline strings: length (0xffffffff for NULL) + bytes, then
 *            shard_k shard_n and the shard signature (u64 as two u32, low
 *            first): --shard=K/N, 0 0 for a run that was not sharded
 *
 * Strings are interned per record, so a TU's loc.file pointers come back
 * as one pointer per path, tu->file's among them.  Node references keep
 * sharing (rules compare fx_expr pointers) and refuse cycles.  The reader
 * checks each count against the bytes left in its record before it
 * allocates, and recurses at most FACTS_MAX_DEPTH levels with small frames
 * (no local has its address taken: ASan frames stay small too).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "facts-io.h"
#include "util.h"

#define MAGIC_LEN	16
#define TAG_LEN		4
#define TAG_TU		"TU  "
#define TAG_END		"END "
#define STR_NULL	0xffffffffu
#define MAX_VERSION_LEN	4096u

enum node_type { NODE_EXPR, NODE_STMT, NODE_INIT };
enum node_ref { REF_NULL, REF_NEW, REF_OLD };

/* Smallest encodings, to bound a count by the bytes left before allocating. */
#define MIN_LOC		12
#define MIN_RECORD	(4 + MIN_LOC + 1 + 4)
#define MIN_FIELD	(3 * 4 + 2)
#define MIN_VAR		(3 * 4 + MIN_LOC + 4 + 3 + 1 + 4)
#define MIN_MACRO	(4 + MIN_LOC)
#define MIN_LIMIT	(MIN_LOC + 4)
#define MIN_FUNC	(2 * 4 + MIN_LOC + 4 + 1 + 4 + 1)
#define MIN_PARAM	(2 * 4)
#define MIN_INIT_FIELD	(4 + 1 + MIN_LOC + 4 + 1)
#define MIN_FAILURE	(2 * 4)

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* ---- writing ---- */

struct buf {
	unsigned char *p;
	size_t len, cap;
	bool oom;
};

static void buf_put(struct buf *b, const void *data, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	unsigned char *p;

	if (b->oom || !n)
		return;
	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2) {
			b->oom = true;
			return;
		}
		cap *= 2;
	}
	if (cap != b->cap) {
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

static void put_u8(struct buf *b, unsigned v)
{
	unsigned char c = (unsigned char)v;

	buf_put(b, &c, 1);
}

static void put_u32(struct buf *b, uint32_t v)
{
	unsigned char c[4] = { v & 0xff, v >> 8 & 0xff, v >> 16 & 0xff, v >> 24 };

	buf_put(b, c, 4);
}

static void put_u64(struct buf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

/* An inline string: length + bytes, or STR_NULL. */
static void put_inline_str(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (s && n >= STR_NULL) {
		b->oom = true;
		return;
	}
	put_u32(b, s ? (uint32_t)n : STR_NULL);
	buf_put(b, s, n);
}

struct str_slot {
	const char *s;
	uint32_t id;		/* string table index; 0: empty slot */
};

struct node_slot {
	const void *p;
	uint32_t id;		/* node id + 1; 0: empty slot */
	enum node_type type;
};

struct writer {
	const struct fx_tu *tu;
	struct buf body, strtab;
	struct str_slot *strs;
	uint32_t nstrs;
	size_t strmask;
	struct node_slot *nodes;
	uint32_t nnodes;
	size_t nodemask;
	unsigned char *done;	/* per node id: written completely */
	unsigned depth;
	int err;
	char *msg;
	size_t msglen;
};

static void wr_fail(struct writer *w, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void wr_fail(struct writer *w, int err, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (w->err)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	w->err = err;
	snprintf(w->msg, w->msglen, "cannot write the facts of %s: %s",
		 w->tu->file ? w->tu->file : "a TU", what);
}

static size_t ptr_hash(const void *p, enum node_type type)
{
	return (size_t)(((uint64_t)(uintptr_t)p >> 3 ^ type) * 0x9e3779b97f4a7c15ull >> 17);
}

/* A table of twice oldcap slots (256 at first), zeroed, its mask in *mask; NULL on ENOMEM. */
static void *table_new(size_t oldcap, size_t *mask, size_t size)
{
	size_t cap = oldcap ? oldcap * 2 : 256;
	void *slots = calloc(cap, size);

	if (slots)
		*mask = cap - 1;
	return slots;
}

static bool str_rehash(struct writer *w)
{
	struct str_slot *old = w->strs;
	size_t i, oldcap = old ? w->strmask + 1 : 0;

	w->strs = table_new(oldcap, &w->strmask, sizeof(*w->strs));
	if (!w->strs) {
		free(old);
		return false;
	}
	for (i = 0; i < oldcap; i++) {
		size_t h;

		if (!old[i].id)
			continue;
		for (h = str_hash64(old[i].s) & w->strmask; w->strs[h].id; h = (h + 1) & w->strmask)
			;
		w->strs[h] = old[i];
	}
	free(old);
	return true;
}

/* The string table index of s (0 for NULL), added to the table when new. */
static uint32_t intern(struct writer *w, const char *s)
{
	size_t h, n;

	if (!s || w->err)
		return 0;
	if (!w->strs || w->nstrs >= (w->strmask + 1) / 2) {
		if (!str_rehash(w)) {
			wr_fail(w, -ENOMEM, "out of memory");
			return 0;
		}
	}
	for (h = str_hash64(s) & w->strmask; w->strs[h].id; h = (h + 1) & w->strmask)
		if (!strcmp(w->strs[h].s, s))
			return w->strs[h].id;
	n = strlen(s);
	if (n >= STR_NULL || w->nstrs >= UINT32_MAX - 1) {
		wr_fail(w, -E2BIG, "a string too long or too many strings");
		return 0;
	}
	w->strs[h].s = s;
	w->strs[h].id = ++w->nstrs;
	put_u32(&w->strtab, (uint32_t)n);
	buf_put(&w->strtab, s, n);
	return w->nstrs;
}

static void put_str(struct writer *w, const char *s)
{
	put_u32(&w->body, intern(w, s));
}

static void put_loc(struct writer *w, const struct fx_loc *loc)
{
	put_str(w, loc->file);
	put_u32(&w->body, loc->line);
	put_u32(&w->body, loc->col);
}

static void put_enum(struct writer *w, int v, int max, const char *what)
{
	if (v < 0 || v > max)
		wr_fail(w, -EINVAL, "%s %d out of range", what, v);
	put_u8(&w->body, (unsigned)v);
}

static struct node_slot *node_slot(struct writer *w, const void *p, enum node_type type)
{
	size_t h;

	for (h = ptr_hash(p, type) & w->nodemask; w->nodes[h].id; h = (h + 1) & w->nodemask)
		if (w->nodes[h].p == p && w->nodes[h].type == type)
			break;
	return &w->nodes[h];
}

static bool node_rehash(struct writer *w)
{
	struct node_slot *old = w->nodes;
	size_t i, oldcap = old ? w->nodemask + 1 : 0;
	unsigned char *done;

	w->nodes = table_new(oldcap, &w->nodemask, sizeof(*w->nodes));
	if (!w->nodes) {
		free(old);
		return false;
	}
	for (i = 0; i < oldcap; i++)
		if (old[i].id)
			*node_slot(w, old[i].p, old[i].type) = old[i];
	free(old);
	done = realloc(w->done, (w->nodemask + 1) / 2);
	if (!done)
		return false;
	w->done = done;
	return true;
}

/*
 * The reference to node p: 0 when that was all (NULL, or a node written
 * before), else id + 1 of a new node whose fields the caller writes next,
 * then calls node_close().
 */
static uint32_t node_open(struct writer *w, const void *p, enum node_type type)
{
	struct node_slot *slot;

	if (w->err)
		return 0;
	if (!p) {
		put_u8(&w->body, REF_NULL);
		return 0;
	}
	if (!w->nodes || w->nnodes >= (w->nodemask + 1) / 2) {
		if (!node_rehash(w)) {
			wr_fail(w, -ENOMEM, "out of memory");
			return 0;
		}
	}
	slot = node_slot(w, p, type);
	if (slot->id) {
		if (!w->done[slot->id - 1]) {
			wr_fail(w, -ELOOP, "a node contains itself");
			return 0;
		}
		put_u8(&w->body, REF_OLD);
		put_u32(&w->body, slot->id - 1);
		return 0;
	}
	if (w->depth >= FACTS_MAX_DEPTH || w->nnodes >= UINT32_MAX - 1) {
		wr_fail(w, -E2BIG, "nesting deeper than %u levels", FACTS_MAX_DEPTH);
		return 0;
	}
	slot->p = p;
	slot->type = type;
	slot->id = ++w->nnodes;
	w->done[slot->id - 1] = 0;
	w->depth++;
	put_u8(&w->body, REF_NEW);
	return slot->id;
}

static void node_close(struct writer *w, uint32_t id)
{
	w->done[id - 1] = 1;
	w->depth--;
}

static void put_stmt(struct writer *w, const struct fx_stmt *s);
static void put_init(struct writer *w, const struct fx_init *init);

static void put_expr(struct writer *w, const struct fx_expr *e)
{
	uint32_t id = node_open(w, e, NODE_EXPR);
	unsigned i;

	if (!id)
		return;
	put_enum(w, e->kind, FXE_STMTEXPR, "expression kind");
	put_enum(w, e->ref, FXR_FIELD, "reference kind");
	put_u8(&w->body, e->arrow);
	put_str(w, e->name);
	put_str(w, e->op);
	put_str(w, e->text);
	put_str(w, e->macro);
	put_loc(w, &e->loc);
	put_u32(&w->body, e->nkids);
	for (i = 0; i < e->nkids && !w->err; i++)
		put_expr(w, e->kids[i]);
	put_init(w, e->init);
	put_stmt(w, e->stmt);
	node_close(w, id);
}

static void put_stmt(struct writer *w, const struct fx_stmt *s)
{
	uint32_t id = node_open(w, s, NODE_STMT);
	unsigned i;

	if (!id)
		return;
	put_enum(w, s->kind, FXS_LABEL, "statement kind");
	put_loc(w, &s->loc);
	put_str(w, s->name);
	put_str(w, s->type);
	put_expr(w, s->expr);
	put_u32(&w->body, s->nkids);
	for (i = 0; i < s->nkids && !w->err; i++)
		put_stmt(w, s->kids[i]);
	node_close(w, id);
}

static void put_init(struct writer *w, const struct fx_init *init)
{
	uint32_t id = node_open(w, init, NODE_INIT);
	unsigned i;

	if (!id)
		return;
	put_str(w, init->type);
	put_u32(&w->body, init->nfields);
	for (i = 0; i < init->nfields && !w->err; i++) {
		const struct fx_init_field *f = &init->fields[i];

		put_str(w, f->field);
		put_expr(w, f->value);
		put_loc(w, &f->loc);
		put_str(w, f->cond);
		put_u8(&w->body, f->inactive);
	}
	node_close(w, id);
}

static void put_tu(struct writer *w, const struct fx_tu *tu)
{
	struct buf *b = &w->body;
	unsigned i, j;

	put_str(w, tu->file);
	put_str(w, tu->directory);
	if (!tu->src && tu->src_len)
		wr_fail(w, -EINVAL, "a source length without a source");
	put_u8(b, tu->src != NULL);
	put_u64(b, tu->src_len);
	if (tu->src)
		buf_put(b, tu->src, tu->src_len);
	put_u32(b, tu->nrecords);
	for (i = 0; i < tu->nrecords; i++) {
		const struct fx_record *r = &tu->records[i];

		put_str(w, r->name);
		put_loc(w, &r->loc);
		put_u8(b, r->is_union);
		put_u32(b, r->nfields);
		for (j = 0; j < r->nfields; j++) {
			put_str(w, r->fields[j].name);
			put_str(w, r->fields[j].type);
			put_str(w, r->fields[j].record);
			put_u8(b, r->fields[j].is_pointer);
			put_u8(b, r->fields[j].is_array);
		}
	}
	put_u32(b, tu->nvars);
	for (i = 0; i < tu->nvars; i++) {
		const struct fx_var *v = &tu->vars[i];

		put_str(w, v->name);
		put_str(w, v->type);
		put_str(w, v->record);
		put_loc(w, &v->loc);
		put_u32(b, v->end_line);
		put_u8(b, v->is_static);
		put_u8(b, v->is_array);
		put_u8(b, v->is_extern);
		put_init(w, v->init);
		put_u32(b, v->nelems);
	}
	put_u32(b, tu->nmacros);
	for (i = 0; i < tu->nmacros; i++) {
		put_str(w, tu->macros[i].name);
		put_loc(w, &tu->macros[i].loc);
	}
	put_u32(b, tu->nlimits);
	for (i = 0; i < tu->nlimits; i++) {
		put_loc(w, &tu->limits[i].loc);
		put_str(w, tu->limits[i].message);
	}
	put_u8(b, tu->pp_decided);
	put_u32(b, tu->npp_open);
	for (i = 0; i < tu->npp_open; i++)
		put_u32(b, tu->pp_open[i]);
	put_u32(b, tu->nfuncs);
	for (i = 0; i < tu->nfuncs; i++) {
		const struct fx_func *f = &tu->funcs[i];

		put_str(w, f->name);
		put_str(w, f->ret_type);
		put_loc(w, &f->loc);
		put_u32(b, f->end_line);
		put_u8(b, f->is_static);
		put_u32(b, f->nparams);
		for (j = 0; j < f->nparams; j++) {
			put_str(w, f->params[j].name);
			put_str(w, f->params[j].type);
		}
		put_stmt(w, f->body);
	}
}

static int write_all(FILE *out, const void *data, size_t n, char *err, size_t errlen)
{
	if (n && fwrite(data, 1, n, out) != n) {
		snprintf(err, errlen, "cannot write facts: %s", strerror(errno ? errno : EIO));
		return -EIO;
	}
	return 0;
}

/* tag, u64 length, then the parts. */
static int write_record(FILE *out, const char *tag, const struct buf *a, const struct buf *b,
			const struct buf *c, char *err, size_t errlen)
{
	unsigned char len[8];
	uint64_t n = a->len + (b ? b->len : 0) + (c ? c->len : 0);
	unsigned i;

	if (n > FACTS_MAX_RECORD) {
		snprintf(err, errlen, "cannot write facts: a record of %llu bytes (limit %llu)",
			 (unsigned long long)n, FACTS_MAX_RECORD);
		return -E2BIG;
	}
	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(n >> (8 * i));
	errno = 0;
	if (write_all(out, tag, TAG_LEN, err, errlen) || write_all(out, len, 8, err, errlen) ||
	    write_all(out, a->p, a->len, err, errlen) ||
	    (b && write_all(out, b->p, b->len, err, errlen)) ||
	    (c && write_all(out, c->p, c->len, err, errlen)))
		return -EIO;
	return 0;
}

int facts_write(FILE *out, const struct fx_tu *tu, char *err, size_t errlen)
{
	struct writer w = { .tu = tu, .msg = err, .msglen = errlen };
	struct buf count = { 0 };
	int ret;

	put_tu(&w, tu);
	put_u32(&count, w.nstrs);
	if (!w.err && (w.body.oom || w.strtab.oom || count.oom))
		wr_fail(&w, -ENOMEM, "out of memory");
	ret = w.err;
	if (!ret)
		ret = write_record(out, TAG_TU, &count, &w.strtab, &w.body, err, errlen);
	free(count.p);
	free(w.body.p);
	free(w.strtab.p);
	free(w.strs);
	free(w.nodes);
	free(w.done);
	return ret;
}

int facts_write_header(FILE *out, char *err, size_t errlen)
{
	struct buf b = { 0 };
	int ret;

	buf_put(&b, FACTS_MAGIC, MAGIC_LEN);
	put_u32(&b, FACTS_VERSION);
	put_inline_str(&b, IOMMU_LINT_VERSION);
	errno = 0;
	ret = b.oom ? -ENOMEM : write_all(out, b.p, b.len, err, errlen);
	if (ret == -ENOMEM)
		snprintf(err, errlen, "cannot write facts: out of memory");
	free(b.p);
	return ret;
}

int facts_write_trailer(FILE *out, const struct run_summary *sum, char *err, size_t errlen)
{
	struct buf b = { 0 };
	unsigned i;
	int ret;

	if (sum->failed && !sum->failures) {
		snprintf(err, errlen, "cannot write facts: %u failures without their list",
			 sum->failed);
		return -EINVAL;
	}
	put_u32(&b, sum->tus);
	put_u32(&b, sum->parsed);
	put_u32(&b, sum->skipped);
	put_u32(&b, sum->failed);
	for (i = 0; i < sum->failed; i++) {
		put_inline_str(&b, sum->failures[i].file);
		put_inline_str(&b, sum->failures[i].reason);
	}
	put_u32(&b, sum->shard_k);
	put_u32(&b, sum->shard_n);
	put_u32(&b, (uint32_t)sum->shard_sig);
	put_u32(&b, (uint32_t)(sum->shard_sig >> 32));
	if (b.oom) {
		snprintf(err, errlen, "cannot write facts: out of memory");
		ret = -ENOMEM;
	} else {
		ret = write_record(out, TAG_END, &b, NULL, NULL, err, errlen);
	}
	free(b.p);
	return ret;
}

/* ---- reading ---- */

struct rnode {
	void *p;
	uint64_t size;		/* nodes in its tree, those it shares counted each time */
	enum node_type type;
	bool done;
};

struct reader {
	const unsigned char *p;
	size_t len, pos;
	long long base;		/* file offset of p[0]; -1: not known (a pipe) */
	struct fx_tu *tu;
	char **strs;		/* string table, strs[0] NULL */
	uint32_t nstrs;
	struct rnode *nodes;
	uint32_t nnodes, capnodes;
	void *old;		/* node_ref(): the node a reference names */
	unsigned depth;
	uint64_t seen;		/* nodes so far, shared ones each time they are named */
	uint64_t shared;	/* of those, through references */
	int err;
	char *msg;
	size_t msglen;
};

static void say_at(char *buf, size_t n, long long base, size_t off, const char *what)
{
	if (base >= 0)
		snprintf(buf, n, "facts file is %s at byte %lld", what, base + (long long)off);
	else
		snprintf(buf, n, "facts file is %s", what);
}

static void rd_fail(struct reader *r, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void rd_fail(struct reader *r, size_t at, const char *fmt, ...)
{
	char where[96], what[256];
	va_list ap;

	if (r->err)
		return;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	r->err = -EINVAL;
	say_at(where, sizeof(where), r->base, at, "corrupt");
	snprintf(r->msg, r->msglen, "%s: %s", where, what);
}

static void rd_oom(struct reader *r)
{
	if (r->err)
		return;
	r->err = -ENOMEM;
	snprintf(r->msg, r->msglen, "cannot read facts: out of memory");
}

static const unsigned char *take(struct reader *r, size_t n)
{
	const unsigned char *q;

	if (r->err)
		return NULL;
	if (r->len - r->pos < n) {
		rd_fail(r, r->pos, "the record ends inside a field");
		return NULL;
	}
	q = r->p + r->pos;
	r->pos += n;
	return q;
}

static unsigned get_u8(struct reader *r)
{
	const unsigned char *q = take(r, 1);

	return q ? *q : 0;
}

static uint32_t get_u32(struct reader *r)
{
	const unsigned char *q = take(r, 4);

	return q ? le32(q) : 0;
}

static uint64_t get_u64(struct reader *r)
{
	const unsigned char *q = take(r, 8);

	return q ? le64(q) : 0;
}

static bool get_bool(struct reader *r)
{
	size_t at = r->pos;
	unsigned v = get_u8(r);

	if (v > 1)
		rd_fail(r, at, "boolean %u", v);
	return v == 1;
}

static unsigned get_enum(struct reader *r, unsigned max, const char *what)
{
	size_t at = r->pos;
	unsigned v = get_u8(r);

	if (v > max)
		rd_fail(r, at, "%s %u out of range", what, v);
	return r->err ? 0 : v;
}

/* A count of items of at least min bytes each: no more than the bytes left hold. */
static uint32_t get_count(struct reader *r, size_t min, const char *what)
{
	size_t at = r->pos;
	uint32_t n = get_u32(r);

	if (!r->err && n > (r->len - r->pos) / min)
		rd_fail(r, at, "%u %s for %zu bytes", n, what, r->len - r->pos);
	return r->err ? 0 : n;
}

static void *get_array(struct reader *r, uint32_t n, size_t size)
{
	return n && !r->err ? arena_alloc(&r->tu->arena, (size_t)n * size) : NULL;
}

static const char *get_str(struct reader *r)
{
	size_t at = r->pos;
	uint32_t i = get_u32(r);

	if (!r->err && i > r->nstrs)
		rd_fail(r, at, "string %u of %u", i, r->nstrs);
	return r->err ? NULL : r->strs[i];
}

/* An inline string, malloc'ed (NULL for STR_NULL); false on error. */
static bool get_inline_str(struct reader *r, char **out)
{
	size_t at = r->pos;
	uint32_t n = get_u32(r);
	const unsigned char *q;

	*out = NULL;
	if (r->err || n == STR_NULL)
		return !r->err;
	if (n > r->len - r->pos) {
		rd_fail(r, at, "a string of %u bytes for %zu", n, r->len - r->pos);
		return false;
	}
	q = take(r, n);
	if (memchr(q, 0, n)) {
		rd_fail(r, at, "a NUL byte in a string");
		return false;
	}
	*out = malloc((size_t)n + 1);
	if (!*out) {
		rd_oom(r);
		return false;
	}
	memcpy(*out, q, n);
	(*out)[n] = '\0';
	return true;
}

static void get_loc(struct reader *r, struct fx_loc *loc)
{
	loc->file = get_str(r);
	loc->line = get_u32(r);
	loc->col = get_u32(r);
}

/*
 * The reference tag of a node of the given type: REF_NEW (its fields
 * follow: node_add(), ..., node_end()), or REF_NULL with r->old the node
 * (NULL, or the complete node a reference names; NULL on error too).
 */
static enum node_ref node_ref(struct reader *r, enum node_type type)
{
	size_t at = r->pos;
	unsigned tag = get_u8(r);
	struct rnode *n;
	uint32_t id;

	r->old = NULL;
	if (tag == REF_NEW && !r->err)
		return REF_NEW;
	if (tag != REF_OLD) {
		if (tag != REF_NULL)
			rd_fail(r, at, "node tag %u", tag);
		return REF_NULL;
	}
	id = get_u32(r);
	if (r->err)
		return REF_NULL;
	if (id >= r->nnodes) {
		rd_fail(r, at, "node %u of %u", id, r->nnodes);
		return REF_NULL;
	}
	n = &r->nodes[id];
	if (n->type != type || !n->done) {
		rd_fail(r, at, "node %u %s", id,
			n->type != type ? "of another kind" : "inside itself");
		return REF_NULL;
	}
	r->seen += n->size;
	r->shared += n->size;
	if (r->shared > FACTS_MAX_SHARED) {
		rd_fail(r, at, "more than %u nodes named again", FACTS_MAX_SHARED);
		return REF_NULL;
	}
	r->old = n->p;
	return REF_NULL;
}

/* Register new node p one level down: its id + 1, or 0 on error. */
static uint32_t node_add(struct reader *r, void *p, enum node_type type)
{
	if (r->err)
		return 0;
	if (r->depth >= FACTS_MAX_DEPTH) {
		rd_fail(r, r->pos, "nesting deeper than %u levels", FACTS_MAX_DEPTH);
		return 0;
	}
	if (r->nnodes == r->capnodes) {
		uint32_t cap = r->capnodes ? r->capnodes * 2 : 256;
		struct rnode *v = cap > r->capnodes ? realloc(r->nodes, cap * sizeof(*v)) : NULL;

		if (!v) {
			rd_oom(r);
			return 0;
		}
		r->nodes = v;
		r->capnodes = cap;
	}
	r->nodes[r->nnodes] = (struct rnode){ .p = p, .type = type };
	r->depth++;
	r->seen++;
	return ++r->nnodes;
}

static void node_end(struct reader *r, uint32_t id, uint64_t seen_before)
{
	if (r->err)
		return;
	r->nodes[id - 1].done = true;
	r->nodes[id - 1].size = r->seen - seen_before;
	r->depth--;
}

/*
 * The next node of type t: one read before (returned, *id 0), NULL, or a
 * new one, allocated and numbered (*id; 0 and NULL on an error).
 */
static void *node_begin(struct reader *r, enum node_type t, size_t size, uint32_t *id)
{
	void *p;

	*id = 0;
	if (node_ref(r, t) != REF_NEW)
		return r->old;
	p = arena_alloc(&r->tu->arena, size);
	*id = node_add(r, p, t);
	return *id ? p : NULL;
}

static struct fx_stmt *read_stmt(struct reader *r);
static struct fx_init *read_init(struct reader *r);

static struct fx_expr *read_expr(struct reader *r)
{
	uint64_t seen = r->seen;
	struct fx_expr *e;
	uint32_t id, i;

	e = node_begin(r, NODE_EXPR, sizeof(*e), &id);
	if (!id)
		return e;
	e->kind = get_enum(r, FXE_STMTEXPR, "expression kind");
	e->ref = get_enum(r, FXR_FIELD, "reference kind");
	e->arrow = get_bool(r);
	e->name = get_str(r);
	e->op = get_str(r);
	e->text = get_str(r);
	e->macro = get_str(r);
	get_loc(r, &e->loc);
	e->nkids = get_count(r, 1, "operands");
	e->kids = get_array(r, e->nkids, sizeof(*e->kids));
	for (i = 0; i < e->nkids && !r->err; i++)
		e->kids[i] = read_expr(r);
	e->init = read_init(r);
	e->stmt = read_stmt(r);
	node_end(r, id, seen);
	return e;
}

static struct fx_stmt *read_stmt(struct reader *r)
{
	uint64_t seen = r->seen;
	struct fx_stmt *s;
	uint32_t id, i;

	s = node_begin(r, NODE_STMT, sizeof(*s), &id);
	if (!id)
		return s;
	s->kind = get_enum(r, FXS_LABEL, "statement kind");
	get_loc(r, &s->loc);
	s->name = get_str(r);
	s->type = get_str(r);
	s->expr = read_expr(r);
	s->nkids = get_count(r, 1, "sub-statements");
	s->kids = get_array(r, s->nkids, sizeof(*s->kids));
	for (i = 0; i < s->nkids && !r->err; i++)
		s->kids[i] = read_stmt(r);
	node_end(r, id, seen);
	return s;
}

static struct fx_init *read_init(struct reader *r)
{
	uint64_t seen = r->seen;
	struct fx_init *init;
	uint32_t id, i;

	init = node_begin(r, NODE_INIT, sizeof(*init), &id);
	if (!id)
		return init;
	init->type = get_str(r);
	init->nfields = get_count(r, MIN_INIT_FIELD, "initialiser fields");
	init->fields = get_array(r, init->nfields, sizeof(*init->fields));
	for (i = 0; i < init->nfields && !r->err; i++) {
		struct fx_init_field *f = &init->fields[i];

		f->field = get_str(r);
		f->value = read_expr(r);
		get_loc(r, &f->loc);
		f->cond = get_str(r);
		f->inactive = get_bool(r);
	}
	node_end(r, id, seen);
	return init;
}

static void read_strings(struct reader *r)
{
	uint32_t n = get_count(r, 4, "strings"), i;

	r->strs = calloc((size_t)n + 1, sizeof(*r->strs));
	if (!r->strs) {
		rd_oom(r);
		return;
	}
	for (i = 0; i < n && !r->err; i++) {
		size_t at = r->pos;
		uint32_t len = get_count(r, 1, "bytes of a string");
		const unsigned char *q = take(r, len);

		if (q && memchr(q, 0, len))
			rd_fail(r, at, "a NUL byte in string %u", i + 1);
		if (!r->err)
			r->strs[i + 1] = arena_strndup(&r->tu->arena, (const char *)q, len);
	}
	r->nstrs = n;
}

static void read_src(struct reader *r)
{
	struct fx_tu *tu = r->tu;
	size_t at;
	bool has = get_bool(r);
	uint64_t n;
	char *src;

	at = r->pos;
	n = get_u64(r);
	if (r->err)
		return;
	if (n > r->len - r->pos || (!has && n)) {
		rd_fail(r, at, "a source of %llu bytes for %zu%s", (unsigned long long)n,
			r->len - r->pos, has ? "" : " (and no source)");
		return;
	}
	tu->src_len = (size_t)n;
	if (!has)
		return;
	src = malloc(tu->src_len + 1);
	if (!src) {
		rd_oom(r);
		return;
	}
	memcpy(src, take(r, tu->src_len), tu->src_len);
	src[tu->src_len] = '\0';
	tu->src = src;
}

static void read_records(struct reader *r)
{
	struct fx_tu *tu = r->tu;
	uint32_t i, j;

	tu->nrecords = get_count(r, MIN_RECORD, "records");
	tu->records = get_array(r, tu->nrecords, sizeof(*tu->records));
	for (i = 0; i < tu->nrecords && !r->err; i++) {
		struct fx_record *rec = &tu->records[i];

		rec->name = get_str(r);
		get_loc(r, &rec->loc);
		rec->is_union = get_bool(r);
		rec->nfields = get_count(r, MIN_FIELD, "record fields");
		rec->fields = get_array(r, rec->nfields, sizeof(*rec->fields));
		for (j = 0; j < rec->nfields && !r->err; j++) {
			struct fx_field *f = &rec->fields[j];

			f->name = get_str(r);
			f->type = get_str(r);
			f->record = get_str(r);
			f->is_pointer = get_bool(r);
			f->is_array = get_bool(r);
		}
	}
}

static void read_vars(struct reader *r)
{
	struct fx_tu *tu = r->tu;
	uint32_t i;

	tu->nvars = get_count(r, MIN_VAR, "variables");
	tu->vars = get_array(r, tu->nvars, sizeof(*tu->vars));
	for (i = 0; i < tu->nvars && !r->err; i++) {
		struct fx_var *v = &tu->vars[i];

		v->name = get_str(r);
		v->type = get_str(r);
		v->record = get_str(r);
		get_loc(r, &v->loc);
		v->end_line = get_u32(r);
		v->is_static = get_bool(r);
		v->is_array = get_bool(r);
		v->is_extern = get_bool(r);
		v->init = read_init(r);
		v->nelems = get_u32(r);
	}
}

static void read_funcs(struct reader *r)
{
	struct fx_tu *tu = r->tu;
	uint32_t i, j;

	tu->nfuncs = get_count(r, MIN_FUNC, "functions");
	tu->funcs = get_array(r, tu->nfuncs, sizeof(*tu->funcs));
	for (i = 0; i < tu->nfuncs && !r->err; i++) {
		struct fx_func *f = &tu->funcs[i];

		f->name = get_str(r);
		f->ret_type = get_str(r);
		get_loc(r, &f->loc);
		f->end_line = get_u32(r);
		f->is_static = get_bool(r);
		f->nparams = get_count(r, MIN_PARAM, "parameters");
		f->params = get_array(r, f->nparams, sizeof(*f->params));
		for (j = 0; j < f->nparams && !r->err; j++) {
			f->params[j].name = get_str(r);
			f->params[j].type = get_str(r);
		}
		f->body = read_stmt(r);
	}
}

static void read_tu(struct reader *r)
{
	struct fx_tu *tu = r->tu;
	uint32_t i;

	read_strings(r);
	tu->file = get_str(r);
	tu->directory = get_str(r);
	read_src(r);
	read_records(r);
	read_vars(r);
	tu->nmacros = get_count(r, MIN_MACRO, "top-level calls");
	tu->macros = get_array(r, tu->nmacros, sizeof(*tu->macros));
	for (i = 0; i < tu->nmacros && !r->err; i++) {
		tu->macros[i].name = get_str(r);
		get_loc(r, &tu->macros[i].loc);
	}
	tu->nlimits = get_count(r, MIN_LIMIT, "limit notes");
	tu->limits = get_array(r, tu->nlimits, sizeof(*tu->limits));
	for (i = 0; i < tu->nlimits && !r->err; i++) {
		get_loc(r, &tu->limits[i].loc);
		tu->limits[i].message = get_str(r);
	}
	tu->pp_decided = get_bool(r);
	tu->npp_open = get_count(r, 4, "open conditionals");
	tu->pp_open = get_array(r, tu->npp_open, sizeof(*tu->pp_open));
	for (i = 0; i < tu->npp_open && !r->err; i++)
		tu->pp_open[i] = get_u32(r);
	read_funcs(r);
	if (!r->err && r->pos != r->len)
		rd_fail(r, r->pos, "%zu bytes after the facts of a TU", r->len - r->pos);
}

/* fread of n bytes: 0, 1 at the end of the file after got bytes, -EIO. */
static int read_exact(FILE *in, void *buf, size_t n, size_t *got)
{
	*got = n ? fread(buf, 1, n, in) : 0;
	if (*got == n)
		return 0;
	return ferror(in) ? -EIO : 1;
}

static int io_error(char *err, size_t errlen)
{
	snprintf(err, errlen, "cannot read facts: %s", strerror(errno ? errno : EIO));
	return -EIO;
}

/*
 * A record's u64 length and payload (malloc'ed) from where the tag ended,
 * at offset base + off of the file: grown as the bytes come, so a length
 * the file does not hold costs no memory.
 */
static int read_payload(FILE *in, long long base, size_t off, unsigned char **out, size_t *len,
			char *err, size_t errlen)
{
	unsigned char l[8], *buf = NULL;
	size_t have = 0, cap = 0, got;
	uint64_t n;
	int rc;

	*out = NULL;
	errno = 0;
	rc = read_exact(in, l, 8, &got);
	if (rc)
		goto out_short;
	n = le64(l);
	if (n > FACTS_MAX_RECORD) {
		char where[96];

		say_at(where, sizeof(where), base, off, "corrupt");
		snprintf(err, errlen, "%s: a record of %llu bytes (limit %llu)", where,
			 (unsigned long long)n, FACTS_MAX_RECORD);
		return -EINVAL;
	}
	off += 8;
	while (have < n) {
		if (have == cap) {
			unsigned char *p;

			cap = cap ? cap * 2 : 1 << 16;
			if (cap > n)
				cap = (size_t)n;	/* > 0 */
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				snprintf(err, errlen, "cannot read facts: out of memory");
				return -ENOMEM;
			}
			buf = p;
		}
		rc = read_exact(in, buf + have, cap - have, &got);
		have += got;
		if (rc) {
			free(buf);
			got = have;
			goto out_short;
		}
	}
	*out = buf ? buf : malloc(1);	/* r->p never NULL */
	*len = have;
	if (!*out) {
		snprintf(err, errlen, "cannot read facts: out of memory");
		return -ENOMEM;
	}
	return 0;
out_short:
	if (rc < 0)
		return io_error(err, errlen);
	say_at(err, errlen, base, off + got, "truncated");
	return -EINVAL;
}

int facts_read(FILE *in, struct fx_tu **tu_out, char *err, size_t errlen)
{
	struct reader r = { .msg = err, .msglen = errlen };
	long long base = ftello(in);
	unsigned char tag[TAG_LEN], *buf;
	size_t got, len;
	int rc;

	*tu_out = NULL;
	errno = 0;
	rc = read_exact(in, tag, TAG_LEN, &got);
	if (rc < 0)
		return io_error(err, errlen);
	if (rc) {
		say_at(err, errlen, base, got, "truncated");
		if (!got)
			snprintf(err + strlen(err), errlen - strlen(err), " (no trailer)");
		return -EINVAL;
	}
	if (!memcmp(tag, TAG_END, TAG_LEN))
		return 1;
	if (memcmp(tag, TAG_TU, TAG_LEN)) {
		say_at(err, errlen, base, 0, "corrupt");
		snprintf(err + strlen(err), errlen - strlen(err), ": not a record");
		return -EINVAL;
	}
	rc = read_payload(in, base, TAG_LEN, &buf, &len, err, errlen);
	if (rc)
		return rc;
	r.p = buf;
	r.len = len;
	r.base = base >= 0 ? base + TAG_LEN + 8 : -1;
	r.tu = calloc(1, sizeof(*r.tu));
	if (!r.tu)
		rd_oom(&r);
	else
		read_tu(&r);
	free(r.strs);
	free(r.nodes);
	free(buf);
	if (r.err) {
		facts_free_tu(r.tu);
		return r.err;
	}
	*tu_out = r.tu;
	return 0;
}

void facts_free_tu(struct fx_tu *tu)
{
	if (!tu)
		return;
	free((char *)tu->src);
	arena_free(&tu->arena);
	free(tu);
}

/* What the file says, for a one-line message: at most 64 bytes, printable. */
static void printable(char *out, size_t n, const char *s, size_t len)
{
	size_t i;

	if (len > n - 1)
		len = n - 1;
	for (i = 0; i < len; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[len] = '\0';
}

int facts_read_header(FILE *in, char *err, size_t errlen)
{
	const size_t vlen = strlen(IOMMU_LINT_VERSION);
	unsigned char head[MAGIC_LEN + 8];
	char version[MAX_VERSION_LEN], shown[65];
	long long base = ftello(in);
	size_t got;
	uint32_t n;
	int rc;

	errno = 0;
	rc = read_exact(in, head, sizeof(head), &got);
	if (rc < 0)
		return io_error(err, errlen);
	if (memcmp(head, FACTS_MAGIC, got < MAGIC_LEN ? got : MAGIC_LEN)) {
		snprintf(err, errlen, "not an iommu-lint facts file");
		return -EINVAL;
	}
	if (!got) {
		snprintf(err, errlen, "facts file is empty");
		return -EINVAL;
	}
	if (got >= MAGIC_LEN + 4 && le32(head + MAGIC_LEN) != FACTS_VERSION) {
		snprintf(err, errlen, "facts file version %u, this build reads %u",
			 le32(head + MAGIC_LEN), FACTS_VERSION);
		return -EINVAL;
	}
	if (rc)
		goto out_truncated;
	n = le32(head + MAGIC_LEN + 4);
	if (n >= MAX_VERSION_LEN) {
		say_at(err, errlen, base, MAGIC_LEN + 4, "corrupt");
		snprintf(err + strlen(err), errlen - strlen(err), ": a version of %u bytes", n);
		return -EINVAL;
	}
	rc = read_exact(in, version, n, &got);
	if (rc < 0)
		return io_error(err, errlen);
	got += sizeof(head);
	if (rc)
		goto out_truncated;
	if (n != vlen || memcmp(version, IOMMU_LINT_VERSION, n)) {
		printable(shown, sizeof(shown), version, n);
		snprintf(err, errlen, "facts file from iommu-lint %s, this is iommu-lint %s", shown,
			 IOMMU_LINT_VERSION);
		return -EINVAL;
	}
	return 0;
out_truncated:
	say_at(err, errlen, base, got, "truncated");
	return -EINVAL;
}

int facts_read_trailer(FILE *in, struct run_summary *sum, char *err, size_t errlen)
{
	struct reader r = { .msg = err, .msglen = errlen };
	long long base = ftello(in);
	struct tu_failure *fails = NULL;
	unsigned char *buf;
	size_t len;
	uint32_t i, n;
	int rc;

	memset(sum, 0, sizeof(*sum));
	if (base >= 0)
		base -= TAG_LEN;
	rc = read_payload(in, base, TAG_LEN, &buf, &len, err, errlen);
	if (rc)
		return rc;
	r.p = buf;
	r.len = len;
	r.base = base >= 0 ? base + TAG_LEN + 8 : -1;
	sum->tus = get_u32(&r);
	sum->parsed = get_u32(&r);
	sum->skipped = get_u32(&r);
	n = get_count(&r, MIN_FAILURE, "failures");
	if (n) {
		fails = calloc(n, sizeof(*fails));
		if (!fails)
			rd_oom(&r);
		sum->failures = fails;
		sum->failed = fails ? n : 0;
	}
	for (i = 0; i < n && !r.err; i++)
		if (get_inline_str(&r, &fails[i].file))
			get_inline_str(&r, &fails[i].reason);
	sum->shard_k = get_u32(&r);
	sum->shard_n = get_u32(&r);
	sum->shard_sig = get_u32(&r);
	sum->shard_sig |= (unsigned long long)get_u32(&r) << 32;
	if (!r.err && (sum->shard_k > sum->shard_n || (sum->shard_n && !sum->shard_k)))
		rd_fail(&r, r.pos, "shard %u of %u", sum->shard_k, sum->shard_n);
	if (!r.err && r.pos != len)
		rd_fail(&r, r.pos, "%zu bytes after the summary", len - r.pos);
	if (!r.err && fgetc(in) != EOF)
		rd_fail(&r, len, "data after the trailer");
	free(buf);
	if (r.err) {
		facts_summary_free(sum);
		return r.err;
	}
	return 0;
}

void facts_summary_free(struct run_summary *sum)
{
	struct tu_failure *fails = (struct tu_failure *)sum->failures;
	unsigned i;

	for (i = 0; fails && i < sum->failed; i++) {
		free(fails[i].file);
		free(fails[i].reason);
	}
	free(fails);
	memset(sum, 0, sizeof(*sum));
}
