// SPDX-License-Identifier: GPL-2.0
/*
 * ts.c - the tree-sitter frontend: the text of one .c file, without
 * preprocessing, into the facts IR the libclang frontend produces.
 *
 * Without a preprocessor the grammar meets kernel macros unexpanded.  Three
 * things keep the facts close to what libclang sees:
 *  - the parse buffer has every preprocessor directive blanked (both
 *    branches of an #ifdef are read, as one would read the file; the #if
 *    context of each line comes from srcscan's pp map), "#if 0" bodies and
 *    attribute-like macros (macros.h) blanked too, so offsets stay those of
 *    the file;
 *  - an iterator macro, "list_for_each_entry(...) { }", parses as a call
 *    with a MISSING ";" followed by a block: the two become one FXS_FOR;
 *  - ERROR nodes are descended into, so the functions, statements and
 *    initialisers around and inside them are still found.
 * Names are resolved without headers: parameters and locals by scope, file
 * scope names from a first pass; an unknown callee is a function.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tree_sitter/api.h>

#include "../compdb.h"
#include "../includes.h"
#include "../ppeval.h"
#include "../srcscan.h"
#include "../util.h"
#include "ts.h"
#include "ts-alloc.h"

#define TEXT_MAX 320
#define DEPTH_MAX 400

const TSLanguage *tree_sitter_c(void);

struct fe_ts {
	TSParser *parser;
};

struct name_ref {
	const char *name;
	enum fx_ref ref;
};

/*
 * Names in the order added; a later one hides an earlier one of the same
 * spelling.  The file scope's are hashed (a file of 4000 tables names 8000
 * things, and every identifier of the file is looked up), the locals of one
 * function are few and searched from the last.
 */
struct names {
	unsigned n, cap;
	struct name_ref *v;
	bool hashed;
	unsigned nbuckets, nextcap;
	unsigned *head;		/* index + 1 of the latest name of a bucket; 0 = none */
	unsigned *next;		/* index + 1 of the previous name of the same bucket */
};

struct conv {
	struct fx_tu *tu;
	TSParser *parser;
	const char *src;	/* parse buffer (blanked) */
	uint32_t *lines;	/* byte offset of each line start; [0] is line 1 */
	unsigned nlines;
	struct names file;	/* file-scope functions, variables, enumerators */
	struct names local;	/* parameters and locals of the current function */
	unsigned depth;
	bool cut;		/* DEPTH_MAX reached in the current definition... */
	uint32_t cut_at;	/* ...first at this byte */
	unsigned fcap, vcap, rcap, lcap;
	TSTreeCursor cur;	/* kids_get()'s, reset to each node */
	bool have_cur;
};

/*
 * The children of a node, gathered in one walk of a tree cursor:
 * ts_node_named_child(n, i) walks from the first child each time, so a loop
 * over it is quadratic in the children (a block of 20000 comments, a table
 * fragment read as one ERROR node of 100000 children).
 */
struct kids {
	TSNode *v;
	uint32_t n, cap;
	TSNode small[8];
};

static const struct attr_macro {
	const char *name;
	bool args;
} attr_macros[] = {
#define ATTR(n) { #n, false },
#define ATTR_ARGS(n) { #n, true },
#include "macros.h"
#undef ATTR
#undef ATTR_ARGS
};

/* Function-like macros whose call libclang marks with ->macro, lowercase ones. */
static const char *const lower_macros[] = {
	"container_of", "container_of_const", "list_entry", "list_first_entry",
	"list_first_entry_or_null", "list_last_entry", "min", "max", "min_t", "max_t",
	"offsetof", "likely", "unlikely", "typeof",
};

/* Uppercase names that are functions, not macros, in the kernel. */
static const char *const upper_funcs[] = {
	"ERR_CAST", "ERR_PTR", "IS_ERR", "IS_ERR_OR_NULL", "PTR_ERR", "PTR_ERR_OR_ZERO",
};

static int fe_ts_check_grammar(char *err, size_t errlen)
{
	const TSLanguage *lang = tree_sitter_c();
	uint32_t v = lang ? ts_language_abi_version(lang) : 0;
	TSParser *p;
	bool ok;

	if (v < TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION || v > TREE_SITTER_LANGUAGE_VERSION) {
		snprintf(err, errlen,
			 "tree-sitter-c grammar ABI %u is not accepted by the tree-sitter runtime (ABI %u..%u): rebuild with the pins of scripts/deps.sh",
			 v, TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION);
		return -EINVAL;
	}
	p = ts_parser_new();
	if (!p) {
		snprintf(err, errlen, "tree-sitter: cannot create a parser");
		return -ENOMEM;
	}
	ok = ts_parser_set_language(p, lang);
	ts_parser_delete(p);
	if (!ok) {
		snprintf(err, errlen,
			 "tree-sitter rejects the tree-sitter-c grammar (ABI %u): version mismatch", v);
		return -EINVAL;
	}
	return 0;
}

static int fe_ts_init(void **state, char *err, size_t errlen)
{
	struct fe_ts *fe = calloc(1, sizeof(*fe));

	*state = NULL;
	if (!fe)
		goto out_fail;
	fe->parser = ts_parser_new();
	if (!fe->parser || !ts_parser_set_language(fe->parser, tree_sitter_c()))
		goto out_free;
	ts_parser_set_timeout_micros(fe->parser, FE_TS_TIMEOUT_US);
	*state = fe;
	return 0;
out_free:
	if (fe->parser)
		ts_parser_delete(fe->parser);
	free(fe);
out_fail:
	snprintf(err, errlen, "tree-sitter: cannot create a parser");
	return -ENOMEM;
}

static void fe_ts_fini(void *state)
{
	struct fe_ts *fe = state;

	if (!fe)
		return;
	ts_parser_delete(fe->parser);
	free(fe);
	ts_alloc_thread_release();
}

/* ---- the parse buffer ---- */

static bool ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

static void blank(char *b, size_t from, size_t to)
{
	for (; from < to; from++)
		if (b[from] != '\n')
			b[from] = ' ';
}

/*
 * End of the directive starting at i: continuations joined, and a block
 * comment opened on it runs to its end (a #define whose comment spans lines).
 */
static size_t logical_end(const char *s, size_t len, size_t i)
{
	while (i < len && s[i] != '\n') {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\n') {
			i += 2;
			continue;
		}
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(s[i] == '*' && s[i + 1] == '/'); i++)
				;
			i = i + 2 < len ? i + 2 : len;
			continue;
		}
		if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
			while (i < len && s[i] != '\n')
				i++;
			break;
		}
		i++;
	}
	return i;
}

/* Directive word of the line at s[i] ('#' already seen at s[h]). */
static size_t directive(const char *s, size_t end, size_t h, const char **word)
{
	size_t d = h + 1, n = 0;

	while (d < end && (s[d] == ' ' || s[d] == '\t'))
		d++;
	while (d + n < end && ident_char(s[d + n]))
		n++;
	*word = s + d;
	return n;
}

static bool is_if0(const char *w, size_t n, const char *end)
{
	const char *p = w + n;

	if (n != 2 || strncmp(w, "if", 2))
		return false;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p < end && *p == '0' && (p + 1 == end || !ident_char(p[1]));
}

static const struct attr_macro *attr_lookup(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(attr_macros) / sizeof(attr_macros[0]); i++)
		if (strlen(attr_macros[i].name) == n && !strncmp(attr_macros[i].name, s, n))
			return &attr_macros[i];
	return NULL;
}

/*
 * Statement macros that expand to a loop header: list_for_each_entry(),
 * for_each_node(), xa_for_each(), scoped_guard() ...
 */
static bool is_iterator(const char *s, size_t n)
{
	size_t i;

	if (n == 12 && !strncmp(s, "scoped_guard", 12))
		return true;
	if (n == 17 && !strncmp(s, "scoped_cond_guard", 17))
		return true;
	for (i = 0; i + 8 <= n; i++)
		if (!strncmp(s + i, "for_each", 8))
			return true;
	return false;
}

/*
 * Is the identifier b[s, e) used as a loop header: at the start of a
 * statement, with a parenthesised list after it and no ';' after that?
 * ("device_for_each_child(dev, data, fn);" is a call.)
 */
static bool iterator_use(const char *b, size_t len, size_t s, size_t e)
{
	size_t p = s, j = e;
	int depth = 0;

	while (p > 0 && (b[p - 1] == ' ' || b[p - 1] == '\t' || b[p - 1] == '\n'))
		p--;
	if (p > 0 && !strchr(";{})/:", b[p - 1]) &&
	    !(p >= 4 && !strncmp(b + p - 4, "else", 4)))
		return false;
	while (j < len && (b[j] == ' ' || b[j] == '\t'))
		j++;
	if (j >= len || b[j] != '(')
		return false;
	for (; j < len; j++) {
		depth += b[j] == '(';
		depth -= b[j] == ')';
		if (!depth)
			break;
	}
	for (j++; j < len && (b[j] == ' ' || b[j] == '\t' || b[j] == '\n'); j++)
		;
	return j < len && b[j] != ';' && b[j] != ',' && b[j] != ')' && b[j] != '.' &&
	       b[j] != '-' && b[j] != '=';
}

/* One #if group of the main file as the blanking reads it. */
struct pp_frame {
	signed char state;	/* 1 the branch is read, 0 blanked, -1 read but not known */
	bool taken, unknown, dead;
};

struct blank_ctx {
	const struct pp_env *env;
	struct pp_frame *stack;
	unsigned n, cap;
	unsigned *open, nopen, opencap;	/* lines of conditionals not decided */
	size_t lpos;			/* line counting, incremental */
	unsigned lno;
};

static unsigned line_at(struct blank_ctx *c, const char *b, size_t i)
{
	for (; c->lpos < i; c->lpos++)
		c->lno += b[c->lpos] == '\n';
	return c->lno;
}

static void note_open(struct blank_ctx *c, const char *b, size_t i)
{
	if (c->nopen == c->opencap) {
		c->opencap = c->opencap ? 2 * c->opencap : 16;
		c->open = xrealloc(c->open, c->opencap * sizeof(*c->open));
	}
	c->open[c->nopen++] = line_at(c, b, i);
}

static bool blanking(const struct blank_ctx *c)
{
	unsigned i;

	for (i = 0; i < c->n; i++)
		if (c->stack[i].state == 0)
			return true;
	return false;
}

/*
 * One directive of the main file [h, end) (h at '#'): the #if groups as
 * the compile command decides them (ppeval.c; without one only "#if 0" is
 * known), #define/#undef kept for the conditions below them.
 */
static void pp_directive(struct blank_ctx *c, const char *b, size_t h, size_t end)
{
	const char *w, *arg;
	size_t n = directive(b, end, h, &w);
	struct pp_frame *f = c->n ? &c->stack[c->n - 1] : NULL;
	bool off = blanking(c);
	int v;

	arg = w + n;
	if ((n == 2 && !strncmp(w, "if", 2)) || (n == 5 && !strncmp(w, "ifdef", 5)) ||
	    (n == 6 && !strncmp(w, "ifndef", 6))) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->stack = xrealloc(c->stack, c->cap * sizeof(*c->stack));
		}
		f = &c->stack[c->n++];
		memset(f, 0, sizeof(*f));
		if (off) {
			f->dead = true;
			return;
		}
		if (is_if0(w, n, b + end)) {
			v = 0;
		} else if (n == 2) {
			v = pp_eval(c->env, arg, b + end);
		} else {
			const char *q = arg, *name;

			while (q < b + end && (*q == ' ' || *q == '\t'))
				q++;
			name = q;
			while (q < b + end && ident_char(*q))
				q++;
			v = pp_defined(c->env, name, (size_t)(q - name));
			if (n == 6 && v >= 0)
				v = !v;
		}
		f->state = (signed char)v;
		f->taken = v == 1;
		f->unknown = v < 0;
		if (v < 0)
			note_open(c, b, h);
		return;
	}
	if (!f) {
		if (!off && n == 6 && !strncmp(w, "define", 6))
			pp_env_directive((struct pp_env *)c->env, true, arg, b + end);
		else if (!off && n == 5 && !strncmp(w, "undef", 5))
			pp_env_directive((struct pp_env *)c->env, false, arg, b + end);
		return;
	}
	if (n == 5 && !strncmp(w, "endif", 5)) {
		c->n--;
		return;
	}
	if (f->dead)
		return;
	if ((n == 4 && !strncmp(w, "elif", 4)) || (n == 4 && !strncmp(w, "else", 4)) ||
	    (n == 7 && !strncmp(w, "elifdef", 7)) || (n == 8 && !strncmp(w, "elifndef", 8))) {
		if (f->taken) {
			f->state = 0;
			return;
		}
		v = w[2] == 's' ? 1 : w[4] == 'd' || w[4] == 'n' ? -1 : pp_eval(c->env, arg, b + end);
		if (v == 0) {
			f->state = 0;
		} else if (v == 1 && !f->unknown) {
			f->state = 1;
			f->taken = true;
		} else {
			f->state = -1;
			f->unknown = true;
			note_open(c, b, h);
		}
		return;
	}
	if (off)
		return;
	if (n == 6 && !strncmp(w, "define", 6))
		pp_env_directive((struct pp_env *)c->env, true, arg, b + end);
	else if (n == 5 && !strncmp(w, "undef", 5))
		pp_env_directive((struct pp_env *)c->env, false, arg, b + end);
}

static char *blank_text(const char *src, size_t len, struct blank_ctx *c)
{
	char *b = malloc(len + 1);
	size_t i = 0;
	bool bol = true;

	if (!b)
		return NULL;
	memcpy(b, src, len);
	b[len] = 0;
	c->lno = 1;
	while (i < len) {
		char c0 = b[i];

		if (c0 == '\n') {
			bol = true;
			i++;
			continue;
		}
		if (c0 == ' ' || c0 == '\t' || c0 == '\r' || c0 == '\f') {
			i++;
			continue;
		}
		if (c0 == '#' && bol) {
			size_t end = logical_end(b, len, i), start = i;

			pp_directive(c, b, i, end);
			while (start > 0 && b[start - 1] != '\n')
				start--;
			blank(b, start, end);
			i = end;
			continue;
		}
		bol = false;
		if (blanking(c)) {
			size_t e = i;

			while (e < len && b[e] != '\n')
				e++;
			blank(b, i, e);
			i = e;
			continue;
		}
		if (c0 == '/' && i + 1 < len && b[i + 1] == '*') {
			for (i += 2; i + 1 < len && !(b[i] == '*' && b[i + 1] == '/'); i++)
				;
			i = i + 2 < len ? i + 2 : len;
			continue;
		}
		if (c0 == '/' && i + 1 < len && b[i + 1] == '/') {
			while (i < len && b[i] != '\n')
				i++;
			continue;
		}
		if (c0 == '"' || c0 == '\'') {
			for (i++; i < len && b[i] != c0 && b[i] != '\n'; i++)
				if (b[i] == '\\' && i + 1 < len)
					i++;
			i++;
			continue;
		}
		if (ident_start(c0) && (i == 0 || !ident_char(b[i - 1]))) {
			size_t s = i;
			const struct attr_macro *m;

			while (i < len && ident_char(b[i]))
				i++;
			if (is_iterator(b + s, i - s) && iterator_use(b, len, s, i)) {
				memcpy(b + s, "while", 5);
				blank(b, s + 5, i);
				continue;
			}
			if ((b[s] != '_' && b[s] != 'n') || !(m = attr_lookup(b + s, i - s)))
				continue;
			if (m->args) {
				size_t j = i;
				int depth = 0;

				while (j < len && (b[j] == ' ' || b[j] == '\t'))
					j++;
				if (j < len && b[j] == '(') {
					for (; j < len; j++) {
						depth += b[j] == '(';
						depth -= b[j] == ')';
						if (!depth)
							break;
					}
					i = j < len ? j + 1 : len;
				}
			}
			blank(b, s, i);
			continue;
		}
		i++;
	}
	free(c->stack);
	c->stack = NULL;
	c->n = c->cap = 0;
	return b;
}

char *fe_ts_blank(const char *src, size_t len)
{
	struct blank_ctx c = { 0 };
	char *b = blank_text(src, len, &c);

	free(c.open);
	return b;
}

/* ---- helpers over nodes ---- */

static void kids_push(struct kids *k, TSNode n)
{
	if (k->n == k->cap) {
		TSNode *v = k->v == k->small ? NULL : k->v;

		k->cap *= 2;
		v = realloc(v, k->cap * sizeof(*v));
		if (!v) {
			fputs("iommu-lint: out of memory\n", stderr);
			abort();
		}
		if (k->v == k->small)
			memcpy(v, k->small, sizeof(k->small));
		k->v = v;
	}
	k->v[k->n++] = n;
}

/* The (named) children of n into k; kids_put(k) when done. */
static void kids_get(struct conv *cv, TSNode n, bool named, struct kids *k)
{
	k->v = k->small;
	k->n = 0;
	k->cap = sizeof(k->small) / sizeof(k->small[0]);
	if (ts_node_is_null(n) || !ts_node_child_count(n))
		return;
	if (cv->have_cur) {
		ts_tree_cursor_reset(&cv->cur, n);
	} else {
		cv->cur = ts_tree_cursor_new(n);
		cv->have_cur = true;
	}
	if (!ts_tree_cursor_goto_first_child(&cv->cur))
		return;
	do {
		TSNode x = ts_tree_cursor_current_node(&cv->cur);

		if (!named || ts_node_is_named(x))
			kids_push(k, x);
	} while (ts_tree_cursor_goto_next_sibling(&cv->cur));
}

static void kids_put(struct kids *k)
{
	if (k->v != k->small)
		free(k->v);
	k->v = NULL;
}

static bool is(TSNode n, const char *type)
{
	return !strcmp(ts_node_type(n), type);
}

/*
 * Field ids by name, looked up once a name: ts_node_child_by_field_name()
 * compares the name with every field of the grammar on each call (3 % of
 * a whole-tree run).  The callers pass literals, so the pointer is the key;
 * a name not cached (or a full cache) takes the runtime's lookup.
 */
#define FIELD_CACHE 64
static struct {
	_Atomic(const char *) name;
	TSFieldId id;
} field_cache[FIELD_CACHE];
static pthread_mutex_t field_lock = PTHREAD_MUTEX_INITIALIZER;

static TSNode field(TSNode n, const char *name)
{
	TSFieldId id;
	unsigned i;

	for (i = 0; i < FIELD_CACHE; i++) {
		const char *k = atomic_load_explicit(&field_cache[i].name, memory_order_acquire);

		if (k == name)
			return ts_node_child_by_field_id(n, field_cache[i].id);
		if (!k)
			break;
	}
	id = ts_language_field_id_for_name(tree_sitter_c(), name, (uint32_t)strlen(name));
	if (!id)
		return ts_node_child_by_field_name(n, name, (uint32_t)strlen(name));
	pthread_mutex_lock(&field_lock);
	for (i = 0; i < FIELD_CACHE; i++) {
		const char *k = atomic_load_explicit(&field_cache[i].name, memory_order_relaxed);

		if (k == name)
			break;
		if (!k) {
			field_cache[i].id = id;
			atomic_store_explicit(&field_cache[i].name, name, memory_order_release);
			break;
		}
	}
	pthread_mutex_unlock(&field_lock);
	return ts_node_child_by_field_id(n, id);
}

static const char *slice(struct conv *cv, uint32_t s, uint32_t e, bool trim)
{
	const char *src = cv->tu->src;
	size_t n;

	if (e > cv->tu->src_len || s > e)
		return NULL;
	n = e - s;
	if (trim && n > TEXT_MAX)
		n = TEXT_MAX;
	return arena_strndup(&cv->tu->arena, src + s, n);
}

static const char *text_of(struct conv *cv, TSNode n)
{
	if (ts_node_is_null(n))
		return NULL;
	return slice(cv, ts_node_start_byte(n), ts_node_end_byte(n), true);
}

/* Text with whitespace runs (comments and blanked macros included) as one space. */
static const char *norm_text(struct conv *cv, uint32_t s, uint32_t e)
{
	char *out, *o;
	bool sp = false;

	if (e > cv->tu->src_len || s >= e)
		return NULL;
	o = out = arena_alloc(&cv->tu->arena, e - s + 1);
	for (; s < e; s++) {
		char c = cv->src[s];

		if (c == '/' && s + 1 < e && cv->src[s + 1] == '*') {
			for (s += 2; s + 1 < e && !(cv->src[s] == '*' && cv->src[s + 1] == '/'); s++)
				;
			s++;
			sp = true;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\\' || c == '\r') {
			sp = true;
			continue;
		}
		if (sp && o != out)
			*o++ = ' ';
		sp = false;
		*o++ = c;
	}
	*o = 0;
	return out[0] ? out : NULL;
}

/*
 * Line of a byte offset, from the file's own line table: a node of a
 * re-parsed buffer (reparse_expr()) has the offsets, not the rows, of the file.
 */
static unsigned line_of(const struct conv *cv, uint32_t off)
{
	unsigned lo = 0, hi = cv->nlines;

	while (hi - lo > 1) {
		unsigned mid = (lo + hi) / 2;

		if (cv->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

static void loc_at(struct conv *cv, TSNode n, struct fx_loc *loc)
{
	uint32_t off = ts_node_start_byte(n);

	loc->file = cv->tu->file;
	loc->line = line_of(cv, off);
	loc->col = off - cv->lines[loc->line - 1] + 1;
}

static unsigned end_line(const struct conv *cv, TSNode n)
{
	uint32_t e = ts_node_end_byte(n);

	return line_of(cv, e ? e - 1 : 0);
}

static unsigned name_hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void names_index(struct names *ns, unsigned i)
{
	unsigned b = name_hash(ns->v[i].name) & (ns->nbuckets - 1);

	ns->next[i] = ns->head[b];
	ns->head[b] = i + 1;
}

static void names_add(struct conv *cv, struct names *ns, const char *name, enum fx_ref ref)
{
	unsigned i;

	if (!name)
		return;
	ns->v = arena_grow(&cv->tu->arena, ns->v, ns->n, &ns->cap, sizeof(*ns->v));
	ns->v[ns->n].name = name;
	ns->v[ns->n].ref = ref;
	ns->n++;
	if (!ns->hashed)
		return;
	if (ns->n > ns->nextcap) {
		ns->nextcap = ns->nextcap ? 2 * ns->nextcap : 256;
		ns->next = xrealloc(ns->next, ns->nextcap * sizeof(*ns->next));
	}
	if (ns->n <= ns->nbuckets) {
		names_index(ns, ns->n - 1);
		return;
	}
	ns->nbuckets = ns->nbuckets ? 2 * ns->nbuckets : 256;
	ns->head = xrealloc(ns->head, ns->nbuckets * sizeof(*ns->head));
	memset(ns->head, 0, ns->nbuckets * sizeof(*ns->head));
	for (i = 0; i < ns->n; i++)
		names_index(ns, i);
}

static enum fx_ref names_find(const struct names *ns, const char *name)
{
	unsigned i;

	if (ns->hashed) {
		if (!ns->nbuckets)
			return FXR_NONE;
		for (i = ns->head[name_hash(name) & (ns->nbuckets - 1)]; i; i = ns->next[i - 1])
			if (!strcmp(ns->v[i - 1].name, name))
				return ns->v[i - 1].ref;
		return FXR_NONE;
	}
	for (i = ns->n; i-- > 0;)
		if (!strcmp(ns->v[i].name, name))
			return ns->v[i].ref;
	return FXR_NONE;
}

static void names_free(struct names *ns)
{
	free(ns->head);
	free(ns->next);
}

static bool all_caps(const char *s)
{
	bool letter = false;

	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return false;
		letter |= *s >= 'A' && *s <= 'Z';
	}
	return letter;
}

/* What a name means, without headers. */
static enum fx_ref resolve(struct conv *cv, const char *name, bool callee)
{
	enum fx_ref r = names_find(&cv->local, name);

	if (r == FXR_NONE)
		r = names_find(&cv->file, name);
	if (r != FXR_NONE)
		return r;
	if (callee)
		return FXR_FUNC;
	if (all_caps(name))
		return FXR_ENUM;	/* IOMMU_RESV_MSI, or a macro constant */
	return FXR_GLOBAL;
}

/* ---- the nesting limit ---- */

/*
 * The conversion recurses once a statement or expression level; past
 * DEPTH_MAX levels (about DEPTH_MAX / 2 nested blocks: a block and its
 * if/for are two) the rest is one opaque node.  That is said in the report
 * (limit_note()), never dropped silently.
 */
static void depth_cut(struct conv *cv, TSNode n)
{
	if (!cv->cut) {
		cv->cut = true;
		cv->cut_at = ts_node_start_byte(n);
	}
}

/* A note for the definition (function or variable) just converted, if it was cut. */
static void limit_note(struct conv *cv, const struct fx_loc *loc, const char *name, bool func)
{
	struct fx_tu *tu = cv->tu;
	struct fx_limit *l;
	char buf[320];

	if (!cv->cut)
		return;
	cv->cut = false;
	tu->limits = arena_grow(&tu->arena, tu->limits, tu->nlimits, &cv->lcap, sizeof(*tu->limits));
	l = &tu->limits[tu->nlimits++];
	l->loc = *loc;
	snprintf(buf, sizeof(buf),
		 "fast mode: %s%s nests deeper than %u statements and expressions (about %u nested blocks) at line %u: the code below that depth is not analysed",
		 name ? name : "?", func ? "()" : "", DEPTH_MAX, DEPTH_MAX / 2,
		 line_of(cv, cv->cut_at));
	l->message = arena_strdup(&tu->arena, buf);
}

/* ---- declarators ---- */

struct decl_info {
	TSNode name;		/* identifier, or null */
	TSNode fn;		/* the function_declarator, or null */
	unsigned stars;		/* pointer levels outside the function declarator */
	unsigned fn_stars;	/* pointer levels inside it (function pointer) */
	bool is_array;
	TSNode array;		/* outermost array_declarator */
};

static void unwrap_decl(TSNode d, struct decl_info *di)
{
	memset(di, 0, sizeof(*di));
	di->name = di->fn = di->array = (TSNode){ 0 };
	while (!ts_node_is_null(d)) {
		const char *t = ts_node_type(d);

		if (!strcmp(t, "identifier") || !strcmp(t, "field_identifier") ||
		    !strcmp(t, "type_identifier")) {
			di->name = d;
			return;
		}
		if (!strcmp(t, "pointer_declarator") || !strcmp(t, "abstract_pointer_declarator")) {
			if (ts_node_is_null(di->fn))
				di->stars++;
			else
				di->fn_stars++;
		} else if (!strcmp(t, "function_declarator") ||
			   !strcmp(t, "abstract_function_declarator")) {
			if (ts_node_is_null(di->fn))
				di->fn = d;
		} else if (!strcmp(t, "array_declarator") || !strcmp(t, "abstract_array_declarator")) {
			if (!di->is_array)
				di->array = d;
			di->is_array = true;
		} else if (!strcmp(t, "parenthesized_declarator") ||
			   !strcmp(t, "attributed_declarator")) {
			d = ts_node_named_child(d, 0);
			continue;
		} else if (strcmp(t, "init_declarator")) {
			return;
		}
		d = field(d, "declarator");
	}
}

/* "base **[dim]", libclang's spelling of a declarator's type. */
static const char *full_type_dim(struct conv *cv, const char *base, unsigned stars, bool array,
				 const char *dim)
{
	char buf[256];
	unsigned i;
	int n;

	if (!base)
		return NULL;
	n = snprintf(buf, sizeof(buf), "%s%s", base, stars ? " " : "");
	if (n < 0 || n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;	/* truncated: an error-swollen type */
	for (i = 0; i < stars && n < (int)sizeof(buf) - 4; i++)
		buf[n++] = '*';
	buf[n] = 0;
	if (array)
		snprintf(buf + n, sizeof(buf) - (size_t)n, "[%s]", dim ? dim : "");
	return arena_strdup(&cv->tu->arena, buf);
}

static const char *full_type(struct conv *cv, const char *base, unsigned stars, bool array);

/* Qualifiers and the type specifier of a declaration node, as one spelling. */
static const char *base_type(struct conv *cv, TSNode decl)
{
	TSNode type = field(decl, "type");
	uint32_t i, s = UINT32_MAX, e = 0;
	struct kids kv;

	if (ts_node_is_null(type))
		return NULL;
	kids_get(cv, decl, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];

		if (is(k, "type_qualifier") || ts_node_eq(k, type)) {
			if (ts_node_start_byte(k) < s)
				s = ts_node_start_byte(k);
			if (ts_node_end_byte(k) > e)
				e = ts_node_end_byte(k);
		}
	}
	kids_put(&kv);
	/* "struct foo { ... }": the tag only */
	if ((is(type, "struct_specifier") || is(type, "union_specifier") ||
	     is(type, "enum_specifier")) && !ts_node_is_null(field(type, "body"))) {
		TSNode name = field(type, "name");

		if (ts_node_is_null(name))
			return NULL;
		e = ts_node_end_byte(name);
	}
	return s < e ? norm_text(cv, s, e) : NULL;
}

static const char *full_type(struct conv *cv, const char *base, unsigned stars, bool array)
{
	return full_type_dim(cv, base, stars, array, NULL);
}

/* Element count of an array variable: written, or counted from its initialiser. */
static const char *array_dim(struct conv *cv, const struct decl_info *di, TSNode value)
{
	TSNode size;
	uint32_t i, n = 0;
	struct kids kv;
	char buf[16];

	if (!di->is_array)
		return NULL;
	size = field(di->array, "size");
	if (!ts_node_is_null(size))
		return text_of(cv, size);
	if (ts_node_is_null(value) || !is(value, "initializer_list"))
		return NULL;
	kids_get(cv, value, true, &kv);
	for (i = 0; i < kv.n; i++)
		n += !is(kv.v[i], "comment");
	kids_put(&kv);
	snprintf(buf, sizeof(buf), "%u", n);
	return arena_strdup(&cv->tu->arena, buf);
}

/*
 * Is word ("static") a storage class of decl?  The specifiers come before
 * the declarators: the walk stops at the type's end or the first declarator,
 * so a declaration of many declarators costs no more than one.
 */
static bool has_storage(struct conv *cv, TSNode decl, const char *word)
{
	TSNode type = field(decl, "type");
	size_t wl = strlen(word);
	bool found = false;

	if (!ts_node_child_count(decl))
		return false;
	if (cv->have_cur) {
		ts_tree_cursor_reset(&cv->cur, decl);
	} else {
		cv->cur = ts_tree_cursor_new(decl);
		cv->have_cur = true;
	}
	if (!ts_tree_cursor_goto_first_child(&cv->cur))
		return false;
	do {
		TSNode k = ts_tree_cursor_current_node(&cv->cur);

		if (!ts_node_is_null(type) && ts_node_start_byte(k) >= ts_node_end_byte(type) &&
		    !is(k, "storage_class_specifier") && !is(k, "type_qualifier"))
			break;
		if (is(k, "storage_class_specifier") &&
		    ts_node_end_byte(k) - ts_node_start_byte(k) == wl &&
		    !strncmp(cv->src + ts_node_start_byte(k), word, wl)) {
			found = true;
			break;
		}
	} while (ts_tree_cursor_goto_next_sibling(&cv->cur));
	return found;
}

static const char *record_of_type(struct conv *cv, TSNode decl)
{
	TSNode type = field(decl, "type"), name;

	if (ts_node_is_null(type) ||
	    !(is(type, "struct_specifier") || is(type, "union_specifier")))
		return NULL;
	name = field(type, "name");
	return ts_node_is_null(name) ? NULL : text_of(cv, name);
}

/* ---- expressions ---- */

static struct fx_expr *conv_expr(struct conv *cv, TSNode n);
static struct fx_stmt *conv_stmt(struct conv *cv, TSNode n);
static struct fx_init *conv_init(struct conv *cv, TSNode list, const char *type);

static struct fx_expr *new_expr(struct conv *cv, TSNode n, enum fx_expr_kind kind)
{
	struct fx_expr *e = arena_alloc(&cv->tu->arena, sizeof(*e));

	e->kind = kind;
	loc_at(cv, n, &e->loc);
	e->text = text_of(cv, n);
	return e;
}

static void add_kid(struct conv *cv, struct fx_expr *e, struct fx_expr *k, unsigned *cap)
{
	if (!k)
		return;
	e->kids = arena_grow(&cv->tu->arena, e->kids, e->nkids, cap, sizeof(*e->kids));
	e->kids[e->nkids++] = k;
}

static bool skip_node(TSNode n)
{
	return is(n, "comment");
}

/* Named children of n as expressions. */
static void expr_kids(struct conv *cv, struct fx_expr *e, TSNode n, unsigned *cap)
{
	uint32_t i;
	struct kids kv;

	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];

		if (!skip_node(k))
			add_kid(cv, e, conv_expr(cv, k), cap);
	}
	kids_put(&kv);
}

/*
 * Arguments of a call: split at the commas of the argument list, so a macro
 * argument the grammar cannot read ("struct foo" in container_of) is one
 * FXE_OTHER with its text and the argument count stays right.
 */
static void call_args(struct conv *cv, struct fx_expr *e, TSNode args, unsigned *cap)
{
	uint32_t i, c, first = UINT32_MAX, last = 0, nnamed = 0;
	TSNode one = { 0 };
	bool bad = false;
	struct kids kv;

	kids_get(cv, args, false, &kv);
	c = kv.n;
	for (i = 0; i < c; i++) {
		TSNode k = kv.v[i];
		bool end = i + 1 == c || (!ts_node_is_named(k) && (is(k, ",") || is(k, ")")));

		if (!end || (i + 1 == c && ts_node_is_named(k))) {
			if (ts_node_is_named(k) && !skip_node(k)) {
				if (is(k, "ERROR"))
					bad = true;
				one = k;
				nnamed++;
				if (first == UINT32_MAX)
					first = ts_node_start_byte(k);
				last = ts_node_end_byte(k);
			} else if (!ts_node_is_named(k) && !is(k, "(")) {
				bad = true;	/* a stray token: "struct" of a type argument */
				if (first == UINT32_MAX)
					first = ts_node_start_byte(k);
				last = ts_node_end_byte(k);
			}
			if (!end)
				continue;
		}
		if (first == UINT32_MAX)
			continue;
		if (nnamed == 1 && !bad) {
			add_kid(cv, e, conv_expr(cv, one), cap);
		} else {
			struct fx_expr *o = arena_alloc(&cv->tu->arena, sizeof(*o));

			o->kind = FXE_OTHER;
			loc_at(cv, ts_node_is_null(one) ? args : one, &o->loc);
			o->text = slice(cv, first, last, true);
			add_kid(cv, e, o, cap);
		}
		first = UINT32_MAX;
		nnamed = 0;
		bad = false;
		one = (TSNode){ 0 };
	}
	kids_put(&kv);
}

static bool upper_func(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(upper_funcs) / sizeof(upper_funcs[0]); i++)
		if (!strcmp(upper_funcs[i], name))
			return true;
	return false;
}

static bool lower_macro(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(lower_macros) / sizeof(lower_macros[0]); i++)
		if (!strcmp(lower_macros[i], name))
			return true;
	return false;
}

static const char *op_text(struct conv *cv, TSNode n)
{
	TSNode op = field(n, "operator");

	return ts_node_is_null(op) ? NULL : text_of(cv, op);
}

static struct fx_expr *conv_expr_kind(struct conv *cv, TSNode n, const char *t)
{
	struct fx_expr *e;
	unsigned cap = 0;

	if (!strcmp(t, "identifier")) {
		e = new_expr(cv, n, FXE_IDENT);
		e->name = e->text;
		e->ref = resolve(cv, e->name, false);

	} else if (!strcmp(t, "call_expression")) {
		TSNode fn = field(n, "function"), args = field(n, "arguments");
		struct fx_expr *callee;

		e = new_expr(cv, n, FXE_CALL);
		if (!ts_node_is_null(fn) && is(fn, "identifier")) {
			callee = new_expr(cv, fn, FXE_IDENT);
			callee->name = callee->text;
			callee->ref = resolve(cv, callee->name, true);
			e->name = callee->name;
			if ((all_caps(e->name) && !upper_func(e->name)) || lower_macro(e->name))
				e->macro = e->name;
		} else {
			callee = conv_expr(cv, fn);
		}
		add_kid(cv, e, callee, &cap);
		if (!ts_node_is_null(args))
			call_args(cv, e, args, &cap);
	} else if (!strcmp(t, "field_expression")) {
		TSNode op = field(n, "operator"), f = field(n, "field");

		e = new_expr(cv, n, FXE_MEMBER);
		e->name = text_of(cv, f);
		e->arrow = !ts_node_is_null(op) && is(op, "->");
		if (!ts_node_is_null(f))
			loc_at(cv, f, &e->loc);
		add_kid(cv, e, conv_expr(cv, field(n, "argument")), &cap);
	} else if (!strcmp(t, "pointer_expression") || !strcmp(t, "unary_expression")) {
		e = new_expr(cv, n, FXE_UNARY);
		e->op = op_text(cv, n);
		add_kid(cv, e, conv_expr(cv, field(n, "argument")), &cap);
	} else if (!strcmp(t, "update_expression")) {
		e = new_expr(cv, n, FXE_UNARY);
		e->op = op_text(cv, n);
		add_kid(cv, e, conv_expr(cv, field(n, "argument")), &cap);
	} else if (!strcmp(t, "sizeof_expression") || !strcmp(t, "alignof_expression")) {
		e = new_expr(cv, n, FXE_UNARY);
		e->op = "sizeof";
		if (!ts_node_is_null(field(n, "value")))
			add_kid(cv, e, conv_expr(cv, field(n, "value")), &cap);
	} else if (!strcmp(t, "binary_expression") || !strcmp(t, "assignment_expression")) {
		e = new_expr(cv, n, FXE_BINARY);
		e->op = op_text(cv, n);
		add_kid(cv, e, conv_expr(cv, field(n, "left")), &cap);
		add_kid(cv, e, conv_expr(cv, field(n, "right")), &cap);
	} else if (!strcmp(t, "comma_expression")) {
		e = new_expr(cv, n, FXE_BINARY);
		e->op = ",";
		add_kid(cv, e, conv_expr(cv, field(n, "left")), &cap);
		add_kid(cv, e, conv_expr(cv, field(n, "right")), &cap);
	} else if (!strcmp(t, "conditional_expression")) {
		e = new_expr(cv, n, FXE_COND);
		add_kid(cv, e, conv_expr(cv, field(n, "condition")), &cap);
		add_kid(cv, e, conv_expr(cv, field(n, "consequence")), &cap);
		add_kid(cv, e, conv_expr(cv, field(n, "alternative")), &cap);
	} else if (!strcmp(t, "cast_expression")) {
		TSNode type = field(n, "type");

		e = new_expr(cv, n, FXE_CAST);
		if (!ts_node_is_null(type))
			e->name = norm_text(cv, ts_node_start_byte(type), ts_node_end_byte(type));
		add_kid(cv, e, conv_expr(cv, field(n, "value")), &cap);
	} else if (!strcmp(t, "subscript_expression")) {
		e = new_expr(cv, n, FXE_SUBSCRIPT);
		add_kid(cv, e, conv_expr(cv, field(n, "argument")), &cap);
		add_kid(cv, e, conv_expr(cv, field(n, "index")), &cap);
	} else if (!strcmp(t, "number_literal") || !strcmp(t, "char_literal") ||
		   !strcmp(t, "true") || !strcmp(t, "false")) {
		e = new_expr(cv, n, FXE_INT);
	} else if (!strcmp(t, "null")) {
		/* NULL: ((void *)0) to libclang */
		e = new_expr(cv, n, FXE_CAST);
		e->name = "void *";
		e->macro = "NULL";
	} else if (!strcmp(t, "string_literal") || !strcmp(t, "concatenated_string")) {
		e = new_expr(cv, n, FXE_STRING);
	} else if (!strcmp(t, "initializer_list")) {
		e = new_expr(cv, n, FXE_INITLIST);
		e->init = conv_init(cv, n, NULL);
	} else if (!strcmp(t, "compound_statement")) {
		e = new_expr(cv, n, FXE_STMTEXPR);
		e->stmt = conv_stmt(cv, n);
	} else if (!strcmp(t, "field_identifier") || !strcmp(t, "type_identifier") ||
		   !strcmp(t, "statement_identifier")) {
		e = new_expr(cv, n, FXE_OTHER);
		e->name = e->text;
	} else {
		e = new_expr(cv, n, FXE_OTHER);
		expr_kids(cv, e, n, &cap);
	}
	return e;
}

static struct fx_expr *conv_expr(struct conv *cv, TSNode n)
{
	struct fx_expr *e;
	uint32_t c;

	if (ts_node_is_null(n) || ts_node_is_missing(n))
		return NULL;
	/* parentheses are not nodes to libclang's users: strip them, keep ({ }) */
	while (is(n, "parenthesized_expression")) {
		TSNode k;

		c = ts_node_named_child_count(n);
		if (c != 1)
			break;
		k = ts_node_named_child(n, 0);
		if (is(k, "compound_statement")) {
			e = new_expr(cv, n, FXE_STMTEXPR);
			e->stmt = conv_stmt(cv, k);
			return e;
		}
		n = k;
	}
	if (cv->depth > DEPTH_MAX) {
		depth_cut(cv, n);
		return new_expr(cv, n, FXE_OTHER);
	}
	cv->depth++;
	e = conv_expr_kind(cv, n, ts_node_type(n));
	cv->depth--;
	return e;
}

/* ---- initialisers ---- */

static struct fx_init *conv_init(struct conv *cv, TSNode list, const char *type)
{
	struct fx_init *init = arena_alloc(&cv->tu->arena, sizeof(*init));
	uint32_t i;
	unsigned cap = 0;
	struct kids kv;

	init->type = type;
	kids_get(cv, list, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i], d;
		struct fx_init_field *f;

		if (skip_node(k) || ts_node_is_missing(k))
			continue;
		if (is(k, "ERROR") && !ts_node_named_child_count(k))
			continue;
		init->fields = arena_grow(&cv->tu->arena, init->fields, init->nfields, &cap,
					  sizeof(*init->fields));
		f = &init->fields[init->nfields++];
		loc_at(cv, k, &f->loc);
		if (!is(k, "initializer_pair")) {
			f->value = conv_expr(cv, k);
			continue;
		}
		d = field(k, "designator");
		if (!ts_node_is_null(d) && is(d, "field_designator") && ts_node_named_child_count(d))
			f->field = text_of(cv, ts_node_named_child(d, 0));
		else if (!ts_node_is_null(d) && is(d, "field_identifier"))
			f->field = text_of(cv, d);
		f->value = conv_expr(cv, field(k, "value"));
		/* ".device_group = generic_device_group": a function from a header */
		if (f->field && f->value && f->value->kind == FXE_IDENT && f->value->ref == FXR_GLOBAL &&
		    names_find(&cv->file, f->value->name) == FXR_NONE &&
		    names_find(&cv->local, f->value->name) == FXR_NONE)
			f->value->ref = FXR_FUNC;
	}
	kids_put(&kv);
	return init;
}

/* ---- statements ---- */

static struct fx_stmt *new_stmt(struct conv *cv, TSNode n, enum fx_stmt_kind kind)
{
	struct fx_stmt *s = arena_alloc(&cv->tu->arena, sizeof(*s));

	s->kind = kind;
	loc_at(cv, n, &s->loc);
	return s;
}

static void add_stmt(struct conv *cv, struct fx_stmt *s, struct fx_stmt *k, unsigned *cap)
{
	if (!k)
		return;
	s->kids = arena_grow(&cv->tu->arena, s->kids, s->nkids, cap, sizeof(*s->kids));
	s->kids[s->nkids++] = k;
}

static struct fx_stmt *conv_var_decl(struct conv *cv, TSNode decl, TSNode d, const char *base)
{
	struct fx_stmt *s;
	struct decl_info di;
	TSNode value = is(d, "init_declarator") ? field(d, "value") : (TSNode){ 0 };

	unwrap_decl(d, &di);
	if (ts_node_is_null(di.name))
		return NULL;
	s = new_stmt(cv, di.name, FXS_DECL);
	s->name = text_of(cv, di.name);
	s->type = full_type(cv, base, di.stars + di.fn_stars, di.is_array);
	if (!ts_node_is_null(value))
		s->expr = conv_expr(cv, value);
	names_add(cv, &cv->local, s->name,
		  has_storage(cv, decl, "static") || has_storage(cv, decl, "extern") ?
		  FXR_GLOBAL : FXR_LOCAL);
	return s;
}

static struct fx_stmt *conv_decl_stmt(struct conv *cv, TSNode n)
{
	const char *base = base_type(cv, n);
	uint32_t i;
	struct fx_stmt *block = NULL, *one = NULL;
	unsigned cap = 0, count = 0;
	TSNode type = field(n, "type");
	struct kids kv;

	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];
		struct fx_stmt *s;

		if (ts_node_eq(k, type) || is(k, "storage_class_specifier") ||
		    is(k, "type_qualifier") || skip_node(k) || is(k, "attribute_specifier") ||
		    is(k, "ERROR"))
			continue;
		s = conv_var_decl(cv, n, k, base);
		if (!s)
			continue;
		if (!count++) {
			one = s;
			continue;
		}
		if (!block) {
			block = new_stmt(cv, n, FXS_BLOCK);
			add_stmt(cv, block, one, &cap);
		}
		add_stmt(cv, block, s, &cap);
	}
	kids_put(&kv);
	if (block)
		return block;
	return one ? one : new_stmt(cv, n, FXS_OTHER);
}

/*
 * The text reparse_expr() parses: head at 0, piece at [p0, p1), blanks
 * elsewhere; tree-sitter reads only the two included ranges, so a reparse
 * costs the statement, not the file (it was a file-long buffer each time:
 * quadratic in a file of many such statements).
 */
struct reparse_in {
	const char *head, *piece;
	uint32_t hlen, p0, p1;
};

static const char *reparse_read(void *payload, uint32_t at, TSPoint pt, uint32_t *n)
{
	static const char blanks[64] = "                                                               ";
	const struct reparse_in *in = payload;

	(void)pt;
	if (at < in->hlen) {
		*n = in->hlen - at;
		return in->head + at;
	}
	if (at >= in->p0 && at < in->p1) {
		*n = in->p1 - at;
		return in->piece + (at - in->p0);
	}
	if (at >= in->p1) {
		*n = 0;
		return "";
	}
	*n = in->p0 - at < sizeof(blanks) - 1 ? in->p0 - at : (uint32_t)sizeof(blanks) - 1;
	return blanks;
}

/*
 * "kfree(container_of(p, struct foo, dev));" reads to the grammar as a type
 * (macro_type_specifier): parse the text again as the right side of an
 * assignment, at the same offsets ("void f(void){" at the file start,
 * "x=" before it and ";}" after it, nothing else).
 */
static struct fx_stmt *reparse_expr(struct conv *cv, TSNode k)
{
	static const char head[] = "void f(void){";
	uint32_t s = ts_node_start_byte(k), e = ts_node_end_byte(k);
	size_t len = cv->tu->src_len;
	struct reparse_in in = { .head = head, .hlen = sizeof(head) - 1 };
	TSInput input = { .payload = &in, .read = reparse_read, .encoding = TSInputEncodingUTF8 };
	TSRange ranges[2] = { { .start_byte = 0 }, { .start_byte = s - 2 } };
	struct fx_stmt *st = NULL;
	TSNode x;
	TSTree *t;
	char *b;

	if (s < sizeof(head) + 2 || e + 2 > len || cv->depth > 8)
		return NULL;
	b = malloc(e - s + 4);
	if (!b)
		return NULL;
	memcpy(b, "x=", 2);
	memcpy(b + 2, cv->src + s, e - s);
	memcpy(b + 2 + e - s, ";}", 2);
	in.piece = b;
	in.p0 = s - 2;
	in.p1 = e + 2;
	ranges[0].end_byte = in.hlen;
	ranges[0].end_point = (TSPoint){ 0, in.hlen };
	ranges[1].start_point = (TSPoint){ 1, 0 };
	ranges[1].end_byte = in.p1;
	ranges[1].end_point = (TSPoint){ 1, in.p1 - in.p0 };
	ts_parser_reset(cv->parser);
	if (!ts_parser_set_included_ranges(cv->parser, ranges, 2))
		goto out_buf;
	t = ts_parser_parse(cv->parser, NULL, input);
	ts_parser_set_included_ranges(cv->parser, NULL, 0);
	if (!t)
		goto out_buf;
	x = ts_node_descendant_for_byte_range(ts_tree_root_node(t), s, e - 1);
	while (!ts_node_is_null(x) && ts_node_end_byte(x) < e)
		x = ts_node_parent(x);
	if (!ts_node_is_null(x) && ts_node_start_byte(x) == s && ts_node_end_byte(x) == e &&
	    strstr(ts_node_type(x), "expression")) {
		st = new_stmt(cv, k, FXS_EXPR);
		st->expr = conv_expr(cv, x);
	}
	ts_tree_delete(t);
out_buf:
	free(b);
	return st;
}

/* A call statement the grammar closed with a MISSING ";": an iterator macro. */
static bool is_loop_macro(TSNode n)
{
	uint32_t c = ts_node_child_count(n);
	TSNode last;

	if (!is(n, "expression_statement") || !c)
		return false;
	last = ts_node_child(n, c - 1);
	return ts_node_is_missing(last) && ts_node_named_child_count(n) >= 1 &&
	       is(ts_node_named_child(n, 0), "call_expression");
}

static bool is_statement(TSNode n)
{
	const char *t = ts_node_type(n);
	size_t l = strlen(t);

	return (l > 10 && !strcmp(t + l - 10, "_statement")) || !strcmp(t, "declaration");
}

/*
 * The statements of a block (or an ERROR node in one) into s: a case label
 * keeps only its first statement, the rest follow as siblings (libclang's
 * shape); an iterator macro takes the statement after it as its body.
 */
static void block_items(struct conv *cv, struct fx_stmt *s, TSNode n, unsigned *cap)
{
	uint32_t i, c;
	struct kids kv;

	kids_get(cv, n, true, &kv);
	c = kv.n;
	for (i = 0; i < c; i++) {
		TSNode k = kv.v[i];

		if (skip_node(k))
			continue;
		if (is(k, "ERROR")) {
			block_items(cv, s, k, cap);
			continue;
		}
		if (is(k, "macro_type_specifier")) {
			add_stmt(cv, s, reparse_expr(cv, k), cap);
			continue;
		}
		if (is_loop_macro(k) && i + 1 < c && is_statement(kv.v[i + 1])) {
			struct fx_stmt *loop = new_stmt(cv, k, FXS_FOR), *head;
			unsigned lcap = 0;

			head = new_stmt(cv, k, FXS_EXPR);
			head->expr = conv_expr(cv, ts_node_named_child(k, 0));
			add_stmt(cv, loop, conv_stmt(cv, kv.v[++i]), &lcap);
			add_stmt(cv, loop, head, &lcap);
			add_stmt(cv, s, loop, cap);
			continue;
		}
		if (is(k, "case_statement")) {
			TSNode value = field(k, "value");
			uint32_t j;
			struct fx_stmt *cs = new_stmt(cv, k, FXS_CASE);
			bool first = true;
			unsigned ccap = 0;
			struct kids cases;

			if (ts_node_is_null(value))
				cs->kind = FXS_DEFAULT;
			else
				cs->expr = conv_expr(cv, value);
			add_stmt(cv, s, cs, cap);
			kids_get(cv, k, true, &cases);
			for (j = 0; j < cases.n; j++) {
				TSNode st = cases.v[j];

				if (ts_node_eq(st, value) || skip_node(st))
					continue;
				if (first) {
					add_stmt(cv, cs, conv_stmt(cv, st), &ccap);
					first = false;
				} else {
					add_stmt(cv, s, conv_stmt(cv, st), cap);
				}
			}
			kids_put(&cases);
			continue;
		}
		if (!is_statement(k) && !is(k, "compound_statement")) {
			/* an expression stranded by an error */
			if (strstr(ts_node_type(k), "expression") || is(k, "identifier")) {
				struct fx_stmt *es = new_stmt(cv, k, FXS_EXPR);

				es->expr = conv_expr(cv, k);
				add_stmt(cv, s, es, cap);
			}
			continue;
		}
		add_stmt(cv, s, conv_stmt(cv, k), cap);
	}
	kids_put(&kv);
}

static TSNode cond_of(TSNode n)
{
	TSNode c = field(n, "condition");

	return c;
}

/* Flatten "a, b, c" (a comma expression) into call arguments. */
static void comma_args(struct conv *cv, struct fx_expr *call, TSNode n, unsigned *cap)
{
	while (!ts_node_is_null(n) && is(n, "parenthesized_expression") &&
	       ts_node_named_child_count(n) == 1)
		n = ts_node_named_child(n, 0);
	if (ts_node_is_null(n))
		return;
	if (is(n, "comma_expression") && cv->depth < DEPTH_MAX) {
		cv->depth++;
		comma_args(cv, call, field(n, "left"), cap);
		comma_args(cv, call, field(n, "right"), cap);
		cv->depth--;
		return;
	}
	add_kid(cv, call, conv_expr(cv, n), cap);
}

/* The call an iterator loop header was written as: list_for_each_entry(a, b, c). */
static struct fx_expr *iterator_call(struct conv *cv, TSNode loop)
{
	TSNode cond = field(loop, "condition");
	uint32_t s = ts_node_start_byte(loop), e = s;
	struct fx_expr *call = new_expr(cv, loop, FXE_CALL), *callee;
	unsigned cap = 0;

	while (e < cv->tu->src_len && ident_char(cv->tu->src[e]))
		e++;
	callee = new_expr(cv, loop, FXE_IDENT);
	callee->name = callee->text = slice(cv, s, e, true);
	callee->ref = FXR_FUNC;
	call->name = callee->name;
	if (!ts_node_is_null(cond))
		call->text = slice(cv, s, ts_node_end_byte(cond), true);
	add_kid(cv, call, callee, &cap);
	comma_args(cv, call, cond, &cap);
	return call;
}

static struct fx_stmt *conv_stmt_kind(struct conv *cv, TSNode n, const char *t)
{
	struct fx_stmt *s;
	unsigned cap = 0;

	if (!strcmp(t, "compound_statement")) {
		s = new_stmt(cv, n, FXS_BLOCK);
		block_items(cv, s, n, &cap);
	} else if (!strcmp(t, "declaration")) {
		s = conv_decl_stmt(cv, n);
	} else if (!strcmp(t, "expression_statement")) {
		TSNode e = ts_node_named_child_count(n) ? ts_node_named_child(n, 0) : (TSNode){ 0 };

		if (ts_node_is_null(e) || skip_node(e))
			return new_stmt(cv, n, FXS_OTHER);
		s = new_stmt(cv, n, FXS_EXPR);
		s->expr = conv_expr(cv, e);
	} else if (!strcmp(t, "if_statement")) {
		TSNode alt = field(n, "alternative");

		s = new_stmt(cv, n, FXS_IF);
		s->expr = conv_expr(cv, cond_of(n));
		s->nkids = 2;
		s->kids = arena_alloc(&cv->tu->arena, 2 * sizeof(*s->kids));
		s->kids[0] = conv_stmt(cv, field(n, "consequence"));
		if (!ts_node_is_null(alt) && is(alt, "else_clause"))
			alt = ts_node_named_child_count(alt) ?
			      ts_node_named_child(alt, ts_node_named_child_count(alt) - 1) :
			      (TSNode){ 0 };
		s->kids[1] = ts_node_is_null(alt) ? NULL : conv_stmt(cv, alt);
	} else if (!strcmp(t, "while_statement") && strncmp(cv->tu->src + ts_node_start_byte(n),
							      "while", 5)) {
		struct fx_stmt *head;

		/* an iterator macro the parse buffer spells "while": libclang's for */
		s = new_stmt(cv, n, FXS_FOR);
		add_stmt(cv, s, conv_stmt(cv, field(n, "body")), &cap);
		head = new_stmt(cv, n, FXS_EXPR);
		head->expr = iterator_call(cv, n);
		add_stmt(cv, s, head, &cap);
	} else if (!strcmp(t, "while_statement")) {
		s = new_stmt(cv, n, FXS_WHILE);
		s->expr = conv_expr(cv, cond_of(n));
		add_stmt(cv, s, conv_stmt(cv, field(n, "body")), &cap);
	} else if (!strcmp(t, "do_statement")) {
		s = new_stmt(cv, n, FXS_DO);
		s->expr = conv_expr(cv, cond_of(n));
		add_stmt(cv, s, conv_stmt(cv, field(n, "body")), &cap);
	} else if (!strcmp(t, "for_statement")) {
		TSNode init = field(n, "initializer"), cond = cond_of(n), upd = field(n, "update");
		struct fx_stmt *h;

		s = new_stmt(cv, n, FXS_FOR);
		add_stmt(cv, s, conv_stmt(cv, field(n, "body")), &cap);
		if (!ts_node_is_null(init)) {
			if (is(init, "declaration")) {
				add_stmt(cv, s, conv_stmt(cv, init), &cap);
			} else {
				h = new_stmt(cv, init, FXS_EXPR);
				h->expr = conv_expr(cv, init);
				add_stmt(cv, s, h, &cap);
			}
		}
		if (!ts_node_is_null(cond)) {
			h = new_stmt(cv, cond, FXS_EXPR);
			h->expr = conv_expr(cv, cond);
			add_stmt(cv, s, h, &cap);
		}
		if (!ts_node_is_null(upd)) {
			h = new_stmt(cv, upd, FXS_EXPR);
			h->expr = conv_expr(cv, upd);
			add_stmt(cv, s, h, &cap);
		}
	} else if (!strcmp(t, "switch_statement")) {
		s = new_stmt(cv, n, FXS_SWITCH);
		s->expr = conv_expr(cv, cond_of(n));
		add_stmt(cv, s, conv_stmt(cv, field(n, "body")), &cap);
	} else if (!strcmp(t, "case_statement")) {
		/* outside a block (a lone "case X: stmt" body): label and all */
		s = new_stmt(cv, n, FXS_BLOCK);
		block_items(cv, s, n, &cap);
		if (s->nkids == 1)
			s = s->kids[0];
	} else if (!strcmp(t, "break_statement")) {
		s = new_stmt(cv, n, FXS_BREAK);
	} else if (!strcmp(t, "continue_statement")) {
		s = new_stmt(cv, n, FXS_CONTINUE);
	} else if (!strcmp(t, "return_statement")) {
		s = new_stmt(cv, n, FXS_RETURN);
		if (ts_node_named_child_count(n))
			s->expr = conv_expr(cv, ts_node_named_child(n, 0));
		if (s->expr && (s->expr->kind == FXE_OTHER && !s->expr->nkids && !s->expr->text))
			s->expr = NULL;
	} else if (!strcmp(t, "goto_statement")) {
		s = new_stmt(cv, n, FXS_GOTO);
		s->name = text_of(cv, field(n, "label"));
	} else if (!strcmp(t, "labeled_statement")) {
		TSNode label = field(n, "label");
		uint32_t i, c = ts_node_named_child_count(n);

		s = new_stmt(cv, n, FXS_LABEL);
		s->name = text_of(cv, label);
		for (i = 0; i < c; i++) {
			TSNode k = ts_node_named_child(n, i);

			if (!ts_node_eq(k, label) && !skip_node(k)) {
				add_stmt(cv, s, conv_stmt(cv, k), &cap);
				break;
			}
		}
	} else if (!strcmp(t, "attributed_statement")) {
		uint32_t c = ts_node_named_child_count(n);

		return c ? conv_stmt(cv, ts_node_named_child(n, c - 1)) : new_stmt(cv, n, FXS_OTHER);
	} else if (!strcmp(t, "ERROR")) {
		s = new_stmt(cv, n, FXS_BLOCK);
		block_items(cv, s, n, &cap);
	} else if (strstr(t, "expression") || !strcmp(t, "identifier")) {
		s = new_stmt(cv, n, FXS_EXPR);
		s->expr = conv_expr(cv, n);
	} else {
		s = new_stmt(cv, n, FXS_OTHER);
	}
	return s;
}

static struct fx_stmt *conv_stmt(struct conv *cv, TSNode n)
{
	struct fx_stmt *s;

	if (ts_node_is_null(n))
		return NULL;
	if (cv->depth > DEPTH_MAX) {
		depth_cut(cv, n);
		return new_stmt(cv, n, FXS_OTHER);
	}
	cv->depth++;
	s = conv_stmt_kind(cv, n, ts_node_type(n));
	cv->depth--;
	return s;
}

/* ---- file scope ---- */

static void add_params(struct conv *cv, struct fx_func *f, TSNode plist)
{
	uint32_t i;
	unsigned cap = 0;
	struct kids kv;

	kids_get(cv, plist, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode p = kv.v[i], d = field(p, "declarator");
		struct decl_info di;
		struct fx_param *fp;
		const char *base;

		if (!is(p, "parameter_declaration"))
			continue;
		base = base_type(cv, p);
		if (ts_node_is_null(d) && base && !strcmp(base, "void"))
			continue;
		unwrap_decl(d, &di);
		f->params = arena_grow(&cv->tu->arena, f->params, f->nparams, &cap,
				       sizeof(*f->params));
		fp = &f->params[f->nparams++];
		fp->name = ts_node_is_null(di.name) ? NULL : text_of(cv, di.name);
		fp->type = full_type(cv, base, di.stars + di.fn_stars, di.is_array);
		names_add(cv, &cv->local, fp->name, FXR_PARAM);
	}
	kids_put(&kv);
}

static void add_func(struct conv *cv, TSNode n)
{
	struct fx_tu *tu = cv->tu;
	struct decl_info di;
	struct fx_func *f;
	TSNode body = field(n, "body");

	unwrap_decl(field(n, "declarator"), &di);
	if (ts_node_is_null(di.name) || ts_node_is_null(di.fn) || ts_node_is_null(body))
		return;
	tu->funcs = arena_grow(&tu->arena, tu->funcs, tu->nfuncs, &cv->fcap, sizeof(*tu->funcs));
	f = &tu->funcs[tu->nfuncs++];
	memset(f, 0, sizeof(*f));
	f->name = text_of(cv, di.name);
	f->ret_type = full_type(cv, base_type(cv, n), di.stars, false);
	loc_at(cv, di.name, &f->loc);
	f->end_line = end_line(cv, n);
	f->is_static = has_storage(cv, n, "static");
	cv->local.n = 0;
	add_params(cv, f, field(di.fn, "parameters"));
	cv->cut = false;
	f->body = conv_stmt(cv, body);
	limit_note(cv, &f->loc, f->name, true);
	cv->local.n = 0;
}

static void add_var(struct conv *cv, TSNode decl, TSNode d, const char *base)
{
	struct fx_tu *tu = cv->tu;
	struct decl_info di;
	struct fx_var *v;
	TSNode value = is(d, "init_declarator") ? field(d, "value") : (TSNode){ 0 };

	unwrap_decl(d, &di);
	if (ts_node_is_null(di.name) || !ts_node_is_null(di.fn) || !is(di.name, "identifier"))
		return;
	tu->vars = arena_grow(&tu->arena, tu->vars, tu->nvars, &cv->vcap, sizeof(*tu->vars));
	v = &tu->vars[tu->nvars++];
	memset(v, 0, sizeof(*v));
	v->name = text_of(cv, di.name);
	v->type = full_type_dim(cv, base, di.stars, di.is_array, array_dim(cv, &di, value));
	v->record = di.stars ? NULL : record_of_type(cv, decl);
	v->is_array = di.is_array;
	v->is_static = has_storage(cv, decl, "static");
	v->is_extern = has_storage(cv, decl, "extern");
	loc_at(cv, di.name, &v->loc);
	v->end_line = end_line(cv, decl);
	if (ts_node_is_null(value) || !is(value, "initializer_list"))
		return;
	if (!v->is_array) {
		v->init = conv_init(cv, value, base);
		return;
	}
	{
		uint32_t i;
		struct kids kv;

		kids_get(cv, value, true, &kv);
		for (i = 0; i < kv.n; i++) {
			TSNode el = kv.v[i];

			if (skip_node(el))
				continue;
			v->nelems++;
			if (!v->init && is(el, "initializer_list"))
				v->init = conv_init(cv, el, base);
		}
		kids_put(&kv);
	}
}

static void add_record(struct conv *cv, TSNode spec, const char *typedef_name)
{
	struct fx_tu *tu = cv->tu;
	struct fx_record *r;
	TSNode name = field(spec, "name"), body = field(spec, "body");
	uint32_t i;
	unsigned fcap = 0;
	struct kids kv;

	if (ts_node_is_null(body))
		return;
	tu->records = arena_grow(&tu->arena, tu->records, tu->nrecords, &cv->rcap,
				 sizeof(*tu->records));
	r = &tu->records[tu->nrecords];
	memset(r, 0, sizeof(*r));
	r->name = ts_node_is_null(name) ? typedef_name : text_of(cv, name);
	if (!r->name)
		return;		/* anonymous */
	tu->nrecords++;
	r->is_union = is(spec, "union_specifier");
	loc_at(cv, ts_node_is_null(name) ? spec : name, &r->loc);
	kids_get(cv, body, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode fd = kv.v[i], ftype;
		const char *base, *rec;
		struct kids dv;
		uint32_t j;

		if (!is(fd, "field_declaration"))
			continue;
		base = base_type(cv, fd);
		rec = record_of_type(cv, fd);
		ftype = field(fd, "type");
		kids_get(cv, fd, true, &dv);
		for (j = 0; j < dv.n; j++) {
			TSNode d = dv.v[j];
			struct decl_info di;
			struct fx_field *f;

			if (ts_node_eq(d, ftype) || is(d, "type_qualifier") ||
			    is(d, "bitfield_clause") || skip_node(d) || is(d, "attribute_specifier"))
				continue;
			unwrap_decl(d, &di);
			if (ts_node_is_null(di.name))
				continue;
			r->fields = arena_grow(&tu->arena, r->fields, r->nfields, &fcap,
					       sizeof(*r->fields));
			f = &r->fields[r->nfields++];
			memset(f, 0, sizeof(*f));
			f->name = text_of(cv, di.name);
			f->is_pointer = di.stars > 0 || di.fn_stars > 0;
			f->is_array = di.is_array;
			f->type = full_type(cv, base, di.stars + di.fn_stars, di.is_array);
			f->record = f->is_pointer ? NULL : rec;
		}
		kids_put(&dv);
	}
	kids_put(&kv);
}

/* Record definitions written anywhere in a file-scope declaration. */
static void find_records(struct conv *cv, TSNode n, const char *typedef_name, unsigned depth)
{
	uint32_t i;
	struct kids kv;

	if (depth > 8)
		return;
	if ((is(n, "struct_specifier") || is(n, "union_specifier")) &&
	    !ts_node_is_null(field(n, "body"))) {
		add_record(cv, n, typedef_name);
		return;
	}
	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];

		if (is(k, "compound_statement") || is(k, "initializer_list"))
			continue;
		find_records(cv, k, NULL, depth + 1);
	}
	kids_put(&kv);
}

static const char *typedef_name_of(struct conv *cv, TSNode td)
{
	struct decl_info di;

	unwrap_decl(field(td, "declarator"), &di);
	return ts_node_is_null(di.name) || di.stars ? NULL : text_of(cv, di.name);
}

static void top_decl(struct conv *cv, TSNode n)
{
	const char *base = base_type(cv, n);
	uint32_t i;
	TSNode type = field(n, "type");
	struct kids kv;

	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];

		if (ts_node_eq(k, type) || is(k, "storage_class_specifier") ||
		    is(k, "type_qualifier") || skip_node(k) || is(k, "ERROR") ||
		    is(k, "attribute_specifier"))
			continue;
		cv->cut = false;
		add_var(cv, n, k, base);
		if (cv->cut && cv->tu->nvars)
			limit_note(cv, &cv->tu->vars[cv->tu->nvars - 1].loc,
				   cv->tu->vars[cv->tu->nvars - 1].name, false);
	}
	kids_put(&kv);
}

/* Functions, variables and records of the file, also inside ERROR nodes. */
static void top_level(struct conv *cv, TSNode n, unsigned depth)
{
	uint32_t i;
	struct kids kv;

	if (depth > 64)
		return;
	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];
		const char *t = ts_node_type(k);

		if (!strcmp(t, "function_definition")) {
			find_records(cv, field(k, "type"), NULL, 0);
			add_func(cv, k);
		} else if (!strcmp(t, "declaration")) {
			find_records(cv, k, NULL, 0);
			top_decl(cv, k);
		} else if (!strcmp(t, "type_definition")) {
			find_records(cv, field(k, "type"), typedef_name_of(cv, k), 0);
		} else if (!strcmp(t, "struct_specifier") || !strcmp(t, "union_specifier")) {
			find_records(cv, k, NULL, 0);
		} else if (!strcmp(t, "ERROR") || !strncmp(t, "preproc_", 8) ||
			   !strcmp(t, "linkage_specification") || !strcmp(t, "declaration_list")) {
			top_level(cv, k, depth + 1);
		}
	}
	kids_put(&kv);
}

/* First pass: which file-scope names are functions, variables, enumerators. */
static void collect_names(struct conv *cv, TSNode n, unsigned depth)
{
	uint32_t i;
	struct kids kv;

	if (depth > 64)
		return;
	kids_get(cv, n, true, &kv);
	for (i = 0; i < kv.n; i++) {
		TSNode k = kv.v[i];
		const char *t = ts_node_type(k);
		struct decl_info di;

		if (!strcmp(t, "function_definition")) {
			unwrap_decl(field(k, "declarator"), &di);
			if (!ts_node_is_null(di.name))
				names_add(cv, &cv->file, text_of(cv, di.name), FXR_FUNC);
		} else if (!strcmp(t, "declaration")) {
			TSNode type = field(k, "type");
			struct kids dv;
			uint32_t j;

			kids_get(cv, k, true, &dv);
			for (j = 0; j < dv.n; j++) {
				TSNode d = dv.v[j];

				if (ts_node_eq(d, type))
					continue;
				unwrap_decl(d, &di);
				if (!ts_node_is_null(di.name) && is(di.name, "identifier"))
					names_add(cv, &cv->file, text_of(cv, di.name),
						  ts_node_is_null(di.fn) ? FXR_GLOBAL : FXR_FUNC);
			}
			kids_put(&dv);
		} else if (!strcmp(t, "enumerator")) {
			names_add(cv, &cv->file, text_of(cv, field(k, "name")), FXR_ENUM);
			continue;
		}
		if (!strcmp(t, "ERROR") || !strncmp(t, "preproc_", 8) || !strcmp(t, "declaration") ||
		    !strcmp(t, "type_definition") || !strcmp(t, "enum_specifier") ||
		    !strcmp(t, "enumerator_list"))
			collect_names(cv, k, depth + 1);
	}
	kids_put(&kv);
}

/*
 * Old Mac line endings: a CR not followed by LF is a line break to a
 * compiler (and to libclang's locations).  Every line count of the checker
 * (the facts, suppression comments, the #if map, the fix edits) counts LF,
 * so such a CR becomes LF in the file's text itself (tu->src, which the
 * driver allocated for this TU; same length, so offsets stay).  Left alone,
 * every finding was on line 1 and one suppression hid them all.  Returns
 * how many were turned.
 */
static unsigned lone_cr_to_lf(struct fx_tu *tu)
{
	char *s = (char *)tu->src;
	unsigned n = 0;
	size_t i;

	for (i = 0; i < tu->src_len; i++)
		if (s[i] == '\r' && (i + 1 == tu->src_len || s[i + 1] != '\n')) {
			s[i] = '\n';
			n++;
		}
	return n;
}

static int line_table(struct conv *cv)
{
	const char *src = cv->tu->src, *end = src + cv->tu->src_len, *p;
	size_t n = 1;

	for (p = src; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	cv->lines = malloc(n * sizeof(*cv->lines));
	if (!cv->lines)
		return -ENOMEM;
	cv->lines[0] = 0;
	cv->nlines = 1;
	for (p = src; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		cv->lines[cv->nlines++] = (uint32_t)(p - src) + 1;
	return 0;
}

/*
 * Blank [s, e) of buf (a copy of the text): every byte but newlines, and
 * but directive lines, whose #if/#endif pairs must stay whole.
 */
static void blank_span(char *buf, size_t len, size_t s, size_t e)
{
	size_t i = s, b;

	if (e > len)
		e = len;
	while (i < e) {
		for (b = i; b > 0 && buf[b - 1] != '\n'; b--)
			;
		while (b < len && (buf[b] == ' ' || buf[b] == '\t'))
			b++;
		if (b < len && buf[b] == '#') {
			/* a directive: keep its logical line */
			while (i < len && (buf[i] != '\n' || (i > 0 && buf[i - 1] == '\\')))
				i++;
			i++;
			continue;
		}
		for (; i < e && buf[i] != '\n'; i++)
			buf[i] = ' ';
		i++;
	}
}

static TSPoint point_at(const struct conv *cv, uint32_t off)
{
	unsigned row = line_of(cv, off) - 1;

	return (TSPoint){ row, off - cv->lines[row] };
}

/*
 * What tree-sitter reads of buf when spans were blanked: all but the
 * inside of each long blank run in them (its first and last byte stay, so
 * no token or directive line runs into the next).  Lexing blanks is a
 * third of the parse of a file read in part.  0: the whole text.
 */
#define SKIP_RUN_MIN 256

static unsigned read_ranges(const struct conv *cv, const char *buf, size_t len,
			    const struct tu_job *job, TSRange **out)
{
	TSRange *r = NULL;
	unsigned n = 0, cap = 0, k;
	uint32_t from = 0;

	*out = NULL;
	for (k = 0; job && k < job->nskip; k++) {
		size_t i = job->skip[2 * k], e = job->skip[2 * k + 1];

		if (e > len || i < from)
			continue;
		while (i < e) {
			size_t b;

			while (i < e && !isspace((unsigned char)buf[i]))
				i++;
			for (b = i; i < e && isspace((unsigned char)buf[i]); i++)
				;
			if (i - b < SKIP_RUN_MIN)
				continue;
			if (n + 2 > cap) {
				cap = cap ? 2 * cap : 64;
				r = xrealloc(r, cap * sizeof(*r));
			}
			/* [from, b + 1) is read, [b + 1, i - 1) is not */
			r[n++] = (TSRange){ point_at(cv, from), point_at(cv, (uint32_t)b + 1), from,
					    (uint32_t)b + 1 };
			from = (uint32_t)i - 1;
		}
	}
	if (!n)
		return 0;
	r[n++] = (TSRange){ point_at(cv, from), point_at(cv, (uint32_t)len), from, (uint32_t)len };
	*out = r;
	return n;
}

static int convert(struct fe_ts *fe, struct fx_tu *tu, struct pp_env *env,
		   const struct tu_job *job, char *err, size_t errlen)
{
	TSRange *ranges = NULL;
	unsigned nranges = 0;
	struct conv cv = { .tu = tu, .file.hashed = true };
	struct blank_ctx bc = { 0 };
	TSTree *tree;
	char *buf;
	unsigned ncr = 0;
	int ret = 0;

	if (tu->src_len > UINT32_MAX / 2) {
		snprintf(err, errlen, "file too large for the tree-sitter frontend");
		return -EINVAL;
	}
	if (memchr(tu->src, '\r', tu->src_len))
		ncr = lone_cr_to_lf(tu);
	bc.env = env;
	buf = blank_text(tu->src, tu->src_len, &bc);
	tu->pp_decided = env != NULL;
	if (bc.nopen) {
		tu->pp_open = arena_alloc(&tu->arena, bc.nopen * sizeof(*tu->pp_open));
		memcpy(tu->pp_open, bc.open, bc.nopen * sizeof(*tu->pp_open));
		tu->npp_open = bc.nopen;
	}
	free(bc.open);
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (unsigned k = 0; job && k < job->nskip; k++)
		if (job->skip[2 * k] < job->skip[2 * k + 1])
			blank_span(buf, tu->src_len, job->skip[2 * k], job->skip[2 * k + 1]);
	cv.src = buf;
	cv.parser = fe->parser;
	if (line_table(&cv)) {
		snprintf(err, errlen, "out of memory");
		free(buf);
		return -ENOMEM;
	}
	ts_parser_reset(fe->parser);
	if (job && job->nskip)
		nranges = read_ranges(&cv, buf, tu->src_len, job, &ranges);
	if (nranges && !ts_parser_set_included_ranges(fe->parser, ranges, nranges))
		nranges = 0;
	tree = ts_parser_parse_string(fe->parser, NULL, buf, (uint32_t)tu->src_len);
	if (nranges)
		ts_parser_set_included_ranges(fe->parser, NULL, 0);
	free(ranges);
	if (!tree) {
		snprintf(err, errlen, "tree-sitter parse exceeded the %llu s per-file limit",
			 FE_TS_TIMEOUT_US / 1000000);
		ret = -ETIMEDOUT;
		goto out_lines;
	}
	if (ncr) {
		struct fx_loc first = { tu->file, 1, 1 };
		char msg[200];

		snprintf(msg, sizeof(msg),
			 "fast mode: %u lines end with a CR alone, read as line breaks; a fix of this file is refused (it would be made on the text with LF)",
			 ncr);
		tu->limits = arena_grow(&tu->arena, tu->limits, tu->nlimits, &cv.lcap,
					sizeof(*tu->limits));
		tu->limits[tu->nlimits].loc = first;
		tu->limits[tu->nlimits++].message = arena_strdup(&tu->arena, msg);
	}
	collect_names(&cv, ts_tree_root_node(tree), 0);
	top_level(&cv, ts_tree_root_node(tree), 0);
	names_free(&cv.file);
	if (cv.have_cur)
		ts_tree_cursor_delete(&cv.cur);
	ts_tree_delete(tree);
out_lines:
	free(cv.lines);
	free(buf);
	return ret;
}

/*
 * The tree's linux/iommu.h, read once per run: a TU whose include graph
 * reaches it gets its records (struct iommu_ops, iommu_domain_ops,
 * iommu_device ...) as clang mode gets them from the preprocessed TU, so
 * the rules that judge a driver by its tree's API (ops-api,
 * attach-dev-return, the layout checks of pgsize-bitmap and resv-region)
 * work on the text alone.  The header is searched by the command line's
 * -I paths (-p, CHECK mode, flags after --), or for a bare file inside a
 * kernel tree by the tree's include/ (tree_root_find()).
 */
#define TREE_HEADER "linux/iommu.h"
#define MAX_TREE_HEADERS 16

static struct {
	pthread_mutex_t lock;
	unsigned n;
	struct tree_header {
		char *path;
		struct fx_tu *tu;	/* NULL: could not be read or parsed */
	} v[MAX_TREE_HEADERS];
} tree_headers = { .lock = PTHREAD_MUTEX_INITIALIZER };

static struct fx_tu *tree_header_parse(struct fe_ts *fe, const char *path)
{
	struct fx_tu *h = calloc(1, sizeof(*h));
	char err[256], *src = NULL;
	size_t len;

	if (!h)
		return NULL;
	if (read_source(path, &src, &len, err, sizeof(err)))
		goto out_free;
	h->file = arena_strdup(&h->arena, path);
	h->src = src;
	h->src_len = len;
	if (!convert(fe, h, NULL, NULL, err, sizeof(err)))
		return h;
out_free:
	free((char *)h->src);
	arena_free(&h->arena);
	free(h);
	return NULL;
}

/*
 * A file given bare (a pre-commit hook: no flags) inside a kernel tree:
 * the tree is the nearest directory above it with include/linux/iommu.h,
 * searched as -I<tree>/include would be.
 */
static bool tree_root_find(const struct tu_job *job, char *path, size_t len)
{
	char dir[4096], inc[4200], *slash, *argv[1] = { inc };
	struct tu_job j = *job;
	struct stat st;
	unsigned up;

	char cwd[2048];

	if (job->file[0] == '/')
		snprintf(dir, sizeof(dir), "%s", job->file);
	else if (job->directory)
		snprintf(dir, sizeof(dir), "%s/%s", job->directory, job->file);
	else if (getcwd(cwd, sizeof(cwd)))
		snprintf(dir, sizeof(dir), "%s/%s", cwd, job->file);
	else
		return false;
	for (up = 0; up < 8 && (slash = strrchr(dir, '/')); up++) {
		*slash = '\0';
		snprintf(inc, sizeof(inc), "%s/include/" TREE_HEADER, dir[0] ? dir : "");
		if (stat(inc, &st) || !S_ISREG(st.st_mode))
			continue;
		snprintf(inc, sizeof(inc), "-I%s/include", dir[0] ? dir : "");
		j.argc = 1;
		j.argv = argv;
		return includes_find(&j, TREE_HEADER, path, len);
	}
	return false;
}

static const struct fx_tu *tree_header_path(struct fe_ts *fe, const char *path,
					    const char **why);

/*
 * The tree's iommu.h for job, parsed once per run, or NULL with *why set
 * when a command line was given and it could not be had (a bare file
 * outside a kernel tree has none to find: *why stays NULL).
 */
static const struct fx_tu *tree_header(struct fe_ts *fe, const struct tu_job *job,
				       const char **why)
{
	char path[4096];

	*why = NULL;
	if (!job->argc)
		return tree_root_find(job, path, sizeof(path)) ? tree_header_path(fe, path, why) :
		       NULL;
	if (!includes_find(job, TREE_HEADER, path, sizeof(path))) {
		*why = "not found by the TU's -I paths (through its own headers and those named for an IOMMU, 4 levels deep)";
		return NULL;
	}
	return tree_header_path(fe, path, why);
}

static const struct fx_tu *tree_header_path(struct fe_ts *fe, const char *path, const char **why)
{
	const struct fx_tu *h = NULL;
	unsigned i;

	pthread_mutex_lock(&tree_headers.lock);
	for (i = 0; i < tree_headers.n; i++)
		if (!strcmp(tree_headers.v[i].path, path))
			break;
	if (i < tree_headers.n) {
		h = tree_headers.v[i].tu;
	} else if (tree_headers.n < MAX_TREE_HEADERS &&
		   (tree_headers.v[i].path = strdup(path))) {
		h = tree_headers.v[i].tu = tree_header_parse(fe, path);
		tree_headers.n++;
	} else {
		*why = "one run reads the iommu.h of at most 16 trees";
	}
	pthread_mutex_unlock(&tree_headers.lock);
	if (!h && !*why)
		*why = "found but could not be read or parsed";
	return h;
}

/* A limit note at line 1 (said in the report; the auto engine confirms the TU). */
static void add_limit_note(struct fx_tu *tu, const char *msg)
{
	struct fx_limit *v = arena_alloc(&tu->arena, (tu->nlimits + 1) * sizeof(*v));

	if (tu->nlimits)
		memcpy(v, tu->limits, tu->nlimits * sizeof(*v));
	v[tu->nlimits].loc.file = tu->file;
	v[tu->nlimits].loc.line = 1;
	v[tu->nlimits].loc.col = 1;
	v[tu->nlimits].message = arena_strdup(&tu->arena, msg);
	tu->limits = v;
	tu->nlimits++;
}

/* The header's records after the file's own, in tu's arena (the header's strings are kept). */
static void add_header_records(struct fx_tu *tu, const struct fx_tu *h)
{
	struct fx_record *v;

	if (!h || !h->nrecords)
		return;
	v = arena_alloc(&tu->arena, (tu->nrecords + h->nrecords) * sizeof(*v));
	if (tu->nrecords)
		memcpy(v, tu->records, tu->nrecords * sizeof(*v));
	memcpy(v + tu->nrecords, h->records, h->nrecords * sizeof(*v));
	tu->records = v;
	tu->nrecords += h->nrecords;
}

static int fe_ts_parse(void *state, const struct tu_job *job, struct fx_tu *tu, char *err,
		       size_t errlen)
{
	struct fe_ts *fe = state;
	struct pp_env *env = pp_env_new(job);
	int ret = convert(fe, tu, env, job, err, errlen);

	pp_env_free(env);

	/* its records are iommu_*: a file that never says iommu cannot use one */
	if (!ret && memmem(tu->src, tu->src_len, "iommu", 5)) {
		const char *why;
		const struct fx_tu *h = tree_header(fe, job, &why);
		char msg[320];

		add_header_records(tu, h);
		if (!h && why && (memmem(tu->src, tu->src_len, "iommu_ops", 9) ||
				  memmem(tu->src, tu->src_len, "iommu_domain_ops", 16))) {
			snprintf(msg, sizeof(msg),
				 "fast mode: the tree's linux/iommu.h was %s: attach-dev-return, ops-api and the layout checks have no API to judge this file by",
				 why);
			add_limit_note(tu, msg);
		}
	}
	return ret;
}

const struct frontend_ops fe_ts_ops = {
	.name = "ts",
	.check = fe_ts_check_grammar,
	.init = fe_ts_init,
	.parse = fe_ts_parse,
	.fini = fe_ts_fini,
};
