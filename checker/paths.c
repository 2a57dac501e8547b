// SPDX-License-Identifier: GPL-2.0
/*
 * paths.c - the acquire/release path engine (see cfg.h for the model): a
 * depth-first walk over (node, state) with a visited set; the state is the
 * status of each acquisition site, what is known of the int variables the
 * function returns, the outcome of conditions tested more than once
 * (correlated branches), and the last goto taken.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg-internal.h"
#include "summary.h"

struct cfg_stats cfg_stats;

#define MAX_INTS 8
#define MAX_CONDS 8
#define MAX_ALIASES 16

/* ---- path engine ---- */

/* RS_SCOPED: held by a __free() variable, released when its scope ends */
enum res_state { RS_NONE, RS_PENDING, RS_MAYBE, RS_HELD, RS_DONE, RS_SCOPED };
enum int_fact { IV_UNKNOWN, IV_ZERO, IV_NONZERO };

struct site {
	const struct pair *pair;
	const struct fx_expr *call;
	unsigned node;
	const char *binding;	/* variable (or call text) whose test says if it worked */
	const char *handle;	/* variable or first-argument text naming the resource */
	const char *spelling;	/* the handle as written, for messages */
	bool local;		/* handle based on a local: made by this function */
	const char *scoped;	/* the __free() variable that releases it, if any */
};

struct pstate {
	unsigned char res[CFG_MAX_SITES];
	unsigned char ints[MAX_INTS];
	unsigned char conds[MAX_CONDS];
	unsigned via;		/* goto node + 1 */
};

struct item {
	unsigned node;
	struct pstate st;
};

struct helper {
	const struct fx_expr *call;
	unsigned mask;		/* sites whose release the helper performs */
	bool callback;		/* a release callback handed to devm/devres */
};

struct leak_seen {
	unsigned site, node, via;
	struct cfg_leak leak;
};

struct walk {
	const struct cfg *g;
	const struct cfg_track *t;
	struct arena *arena;
	unsigned nsites;
	struct site sites[CFG_MAX_SITES];
	unsigned nints;
	const char *ints[MAX_INTS];
	unsigned nconds;
	const char *conds[MAX_CONDS];
	unsigned nhelpers, caphelpers;
	struct helper *helpers;
	/* locals that name a tracked object: v = to_x(h), v = platform_get_drvdata(h) */
	unsigned naliases;
	const char *alias[MAX_ALIASES];
	const char *alias_of[MAX_ALIASES];
	bool alias_drvdata[MAX_ALIASES];
	/* visited set: open addressing over (node, state) */
	struct item *set;
	size_t setcap, setn;
	struct item *stack;
	size_t nstack, capstack;
	struct leak_seen *seen;
	unsigned nseen, capseen;
	/* per node: sites some path reaches that return without holding (cfg_leak.all_held) */
	unsigned *notheld;
	bool truncated;
	bool sites_dropped;	/* more acquisitions than CFG_MAX_SITES */
	bool oom;
};

static uint64_t item_hash(const struct item *it)
{
	const unsigned char *p = (const unsigned char *)it;
	uint64_t h = 1469598103934665603ull;
	size_t i;

	for (i = 0; i < sizeof(*it); i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

/*
 * Add it to the visited set; false if it was there already.  The last goto
 * taken is not part of the key: it names the path in reports but changes
 * nothing ahead, so a (node, state) is walked once, by the first goto
 * that reaches it.
 */
static bool visit(struct walk *w, const struct item *it)
{
	size_t i;

	if (2 * (w->setn + 1) > w->setcap) {
		size_t cap = w->setcap ? 2 * w->setcap : 1024, j;
		struct item *grown = calloc(cap, sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return false;
		}
		for (j = 0; j < w->setcap; j++) {
			if (!w->set[j].node)
				continue;
			i = item_hash(&w->set[j]) & (cap - 1);
			while (grown[i].node)
				i = (i + 1) & (cap - 1);
			grown[i] = w->set[j];
		}
		free(w->set);
		w->set = grown;
		w->setcap = cap;
	}
	/* node is stored +1 so that 0 marks an empty slot */
	{
		struct item key = *it;

		key.node++;
		key.st.via = 0;
		i = item_hash(&key) & (w->setcap - 1);
		while (w->set[i].node) {
			if (!memcmp(&w->set[i], &key, sizeof(key)))
				return false;
			i = (i + 1) & (w->setcap - 1);
		}
		w->set[i] = key;
		w->setn++;
	}
	return true;
}

static void push(struct walk *w, unsigned node, const struct pstate *st)
{
	struct item it;
	unsigned i;

	memset(&it, 0, sizeof(it));
	it.node = node;
	it.st = *st;
	/* released and never acquired behave alike from here on: one state */
	for (i = 0; i < CFG_MAX_SITES; i++)
		if (it.st.res[i] == RS_DONE)
			it.st.res[i] = RS_NONE;
	if (!visit(w, &it))
		return;
	if (w->nstack == w->capstack) {
		size_t cap = w->capstack ? 2 * w->capstack : 256;
		struct item *grown = realloc(w->stack, cap * sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return;
		}
		w->stack = grown;
		w->capstack = cap;
	}
	w->stack[w->nstack++] = it;
}

static int int_index(const struct walk *w, const char *name)
{
	unsigned i;

	for (i = 0; name && i < w->nints; i++)
		if (!strcmp(w->ints[i], name))
			return (int)i;
	return -1;
}

static int cond_index(const struct walk *w, const char *subject)
{
	unsigned i;

	for (i = 0; subject && i < w->nconds; i++)
		if (!strcmp(w->conds[i], subject))
			return (int)i;
	return -1;
}

static const char *norm(struct walk *w, const struct fx_expr *e)
{
	return cfg_squeeze(w->arena, e && e->text ? e->text : "");
}

/* Value class of an assigned or returned expression, from its text. */
static enum int_fact value_fact(struct walk *w, const struct pstate *st,
			       const struct fx_expr *e)
{
	static const char *const failing[] = {
		"PTR_ERR(", "ERR_PTR(", "ERR_CAST(", "dev_err_probe(",
	};
	const char *s;
	unsigned i;

	e = fx_strip(e);
	if (!e || !e->text)
		return IV_UNKNOWN;
	s = norm(w, e);
	if (!strcmp(s, "0") || !strcmp(s, "false"))
		return IV_ZERO;
	if (!strcmp(s, "true") || (s[0] >= '1' && s[0] <= '9' && !s[strspn(s, "0123456789uUlL")]))
		return IV_NONZERO;
	if (st && e->kind == FXE_IDENT && int_index(w, e->name) >= 0)
		return st->ints[int_index(w, e->name)];
	if ((s[0] == '-' && (s[1] == 'E' || (s[1] >= '1' && s[1] <= '9'))) || !strcmp(s, "NULL"))
		return IV_NONZERO;
	for (i = 0; i < sizeof(failing) / sizeof(failing[0]); i++)
		if (!strncmp(s, failing[i], strlen(failing[i])))
			return IV_NONZERO;
	return IV_UNKNOWN;
}

/* Does ident `name` occur in e outside the arguments of calls? */
static bool uses_outside_calls(const struct fx_expr *e, const char *name)
{
	unsigned i;

	if (!e)
		return false;
	if (e->kind == FXE_IDENT)
		return e->name && !strcmp(e->name, name);
	if (e->kind == FXE_CALL || e->kind == FXE_STMTEXPR)
		return false;
	for (i = 0; i < e->nkids; i++)
		if (uses_outside_calls(e->kids[i], name))
			return true;
	return false;
}

static bool uses_ident(const struct fx_expr *e, const char *name)
{
	unsigned i;

	if (!e)
		return false;
	if (e->kind == FXE_IDENT)
		return e->name && !strcmp(e->name, name);
	for (i = 0; i < e->nkids; i++)
		if (uses_ident(e->kids[i], name))
			return true;
	return false;
}

static bool live(unsigned char s)
{
	return s == RS_PENDING || s == RS_MAYBE || s == RS_HELD;
}

/* Release form r applied to handle h is spelled as arg (blanks removed)? */
static bool release_matches(struct walk *w, const struct site *s, const char *r,
			    const struct fx_expr *arg)
{
	const char *a = norm(w, arg), *dollar, *open = strchr(r, '(');
	size_t pre, hl;

	if (!open || !s->handle)
		return false;
	if (s->pair->handle_arg1) {
		const char *h = s->handle;

		while (*a == '&')
			a++;
		return !strcmp(a, h);
	}
	open++;
	dollar = strchr(open, '$');
	if (!dollar)
		return false;
	pre = (size_t)(dollar - open);
	hl = strlen(s->handle);
	if (strncmp(a, open, pre) || strncmp(a + pre, s->handle, hl))
		return false;
	/* the rest of the form up to its closing parenthesis */
	return !strncmp(a + pre + hl, dollar + 1, strlen(dollar + 1) - 1) &&
	       strlen(a + pre + hl) == strlen(dollar + 1) - 1;
}

/* The alias entry for local name, or -1. */
static int alias_index(const struct walk *w, const char *name)
{
	unsigned i;

	for (i = 0; name && i < w->naliases; i++)
		if (!strcmp(w->alias[i], name))
			return (int)i;
	return -1;
}

/*
 * Does root (a variable, see own_root()) designate the object of site s:
 * its handle, or a local converted from it (to_x(h), container_of(h, ...))?
 * With drvdata, the driver data read from it counts too.
 */
static bool names_handle(const struct walk *w, const struct site *s, const char *root,
			 bool drvdata)
{
	int a = alias_index(w, root);

	if (!root || !s->handle || s->pair->handle_arg1)
		return false;
	if (!strcmp(root, s->handle))
		return true;
	return a >= 0 && !strcmp(w->alias_of[a], s->handle) && (drvdata || !w->alias_drvdata[a]);
}

/*
 * A release call ends every live acquisition its argument designates: a
 * variable holds one object at a time, so a put through it releases the
 * latest lookup stored there, whichever call site made it.
 */
static void do_release(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct fx_expr *arg = call->nkids > 1 ? call->kids[1] : NULL;
	const char *root = own_root(arg, false);
	int fallback = -1;
	unsigned i, r;

	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		/* any release of the class through the object or a converted local */
		if (!s->pair->handle_arg1 && live(st->res[i]) && names_handle(w, s, root, false) &&
		    is_release_of_class(call->name, s->pair->class)) {
			st->res[i] = RS_DONE;
			continue;
		}
		for (r = 0; r < s->pair->nrelease; r++) {
			if (!release_named(s->pair->release[r], call->name))
				continue;
			if (!s->pair->handle_arg1) {
				if (live(st->res[i]) &&
				    ((arg && release_matches(w, s, s->pair->release[r], arg)) ||
				     names_handle(w, s, root, false)))
					st->res[i] = RS_DONE;
				break;
			}
			if (arg && release_matches(w, s, s->pair->release[r], arg)) {
				st->res[i] = RS_DONE;
				return;
			}
			if (live(st->res[i]))
				fallback = (int)i;
		}
	}
	if (fallback >= 0)
		st->res[fallback] = RS_DONE;
}

/* A call to a function whose summary releases or keeps an argument. */
static void apply_summary(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	unsigned i, k;

	if (!w->t->prog || pair_of(call->name, NULL) || is_release_name(call->name) ||
	    (w->g->fn->name && !strcmp(call->name, w->g->fn->name)))
		return;
	for (k = 1; k < call->nkids; k++) {
		const char *root = own_root(call->kids[k], false);
		unsigned flags = 0;
		bool asked = false;

		for (i = 0; root && i < w->nsites; i++) {
			if (!live(st->res[i]) || !names_handle(w, &w->sites[i], root, false))
				continue;
			if (!asked) {
				flags = summary_arg(w->t->prog, w->t->tu, call->name, w->t->class, k) &
					(SUM_RELEASES | SUM_STORES);
				asked = true;
			}
			if (!flags)
				break;
			st->res[i] = RS_DONE;
			stat_add(&summary_stats.used, 1);
		}
	}
}

/* A sink call takes over the resources whose handle it is passed. */
static void do_sink(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct fx_expr *arg = NULL;
	const struct sink *k;
	unsigned i;

	for (i = 0; (k = sink_at(i)); i++)
		if (!strcmp(k->name, call->name) && k->arg < call->nkids &&
		    !(k->attach && w->t->attach_holds))
			arg = call->kids[k->arg];
	for (i = 0; arg && i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (live(st->res[i]) && !s->pair->handle_arg1 && s->handle &&
		    uses_outside_calls(arg, s->handle))
			st->res[i] = RS_DONE;
	}
}

static const struct helper *helper_of(const struct walk *w, const struct fx_expr *call)
{
	unsigned i;

	for (i = 0; i < w->nhelpers; i++)
		if (w->helpers[i].call == call)
			return &w->helpers[i];
	return NULL;
}

/* Does the call name site s's object: its handle or a local derived from it? */
static bool call_names_site(const struct walk *w, const struct site *s, const struct fx_expr *call)
{
	unsigned a;

	if (s->handle && uses_ident(call, s->handle))
		return true;
	for (a = 0; a < w->naliases; a++)
		if (!strcmp(w->alias_of[a], s->handle ? s->handle : "") &&
		    uses_ident(call, w->alias[a]))
			return true;
	return false;
}

/*
 * A helper that releases: a registration it names, or the objects a
 * devm/devres release callback is handed (devm_add_action(dev, put_fn, mc)
 * with mc the driver data of the device found).  A devres allocation names
 * no object (devres_alloc(put_fn, ...), filled in later): it takes over
 * whatever is held when it is set up.
 */
static void apply_helper(struct walk *w, struct pstate *st, const struct fx_expr *call)
{
	const struct helper *h = helper_of(w, call);
	bool named = false;
	unsigned i;

	for (i = 0; h && h->callback && i < w->nsites; i++)
		named |= (h->mask & (1u << i)) && live(st->res[i]) &&
			 call_names_site(w, &w->sites[i], call);
	for (i = 0; h && i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (!(h->mask & (1u << i)) || !live(st->res[i]))
			continue;
		if (s->pair->handle_arg1 || call_names_site(w, s, call) ||
		    (h->callback && !named && !s->pair->handle_arg1))
			st->res[i] = RS_DONE;
	}
}

static int site_of_call(const struct walk *w, const struct fx_expr *call)
{
	unsigned i;

	for (i = 0; i < w->nsites; i++)
		if (w->sites[i].call == call)
			return (int)i;
	return -1;
}

static void on_assign(struct walk *w, struct pstate *st, const struct fx_expr *lhs,
		      const struct fx_expr *rhs)
{
	const struct fx_expr *r = fx_strip(rhs);
	const char *l = norm(w, lhs);
	int acq = r && r->kind == FXE_CALL ? site_of_call(w, r) : -1;
	unsigned i;
	int k;

	/* v = NULL on a __free(put_device) variable: its cleanup no longer puts */
	for (i = 0; r && r->text && !strcmp(r->text, "NULL") && i < w->nsites; i++)
		if (st->res[i] == RS_SCOPED && w->sites[i].scoped && !strcmp(w->sites[i].scoped, l))
			st->res[i] = RS_HELD;

	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (!live(st->res[i]))
			continue;
		/* handed over: stored in a field, a global, another variable */
		if (!s->pair->handle_arg1 && s->handle && r && r->kind != FXE_CALL &&
		    strcmp(l, s->handle) && uses_outside_calls(r, s->handle)) {
			st->res[i] = RS_DONE;
			continue;
		}
		/* stored converted: p->stm = to_stm_device(dev), ch->indio = indio_dev */
		if (r && (r->kind == FXE_CALL || r->kind == FXE_IDENT || r->kind == FXE_STMTEXPR) &&
		    fx_strip(lhs) && fx_strip(lhs)->kind != FXE_IDENT &&
		    names_handle(w, s, own_root(r, false), false)) {
			st->res[i] = RS_DONE;
			continue;
		}
		if (s->binding && !strcmp(l, s->binding) && acq != (int)i) {
			if (st->res[i] == RS_PENDING)
				st->res[i] = s->pair->handle_arg1 ? RS_MAYBE : RS_DONE;
			else if (!s->pair->handle_arg1)
				st->res[i] = RS_DONE;
		}
	}
	k = int_index(w, l);
	if (k >= 0)
		st->ints[k] = value_fact(w, st, rhs);
	k = cond_index(w, l);
	if (k >= 0)
		st->conds[k] = 0;
}

static void effects(struct walk *w, struct pstate *st, const struct fx_expr *e)
{
	unsigned i;
	int k;

	if (!e || e->kind == FXE_STMTEXPR)
		return;
	if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2) {
		effects(w, st, e->kids[1]);
		on_assign(w, st, e->kids[0], e->kids[1]);
		return;
	}
	for (i = 0; i < e->nkids; i++)
		effects(w, st, e->kids[i]);
	if (e->kind == FXE_UNARY && e->op && (!strcmp(e->op, "++") || !strcmp(e->op, "--")) &&
	    e->nkids) {
		k = int_index(w, norm(w, e->kids[0]));
		if (k >= 0)
			st->ints[k] = IV_UNKNOWN;
	}
	if (e->kind != FXE_CALL || !e->name)
		return;
	do_release(w, st, e);
	do_sink(w, st, e);
	apply_helper(w, st, e);
	apply_summary(w, st, e);
	k = site_of_call(w, e);
	if (k >= 0)
		st->res[k] = w->sites[k].binding ? RS_PENDING : RS_HELD;
}

/*
 * "T v = init": what is known of v when it is a tracked int, and a
 * scope-based cleanup (v __free(put_device)) that releases what v or its
 * initialiser designates whenever the scope is left.
 */
static void on_decl(struct walk *w, struct pstate *st, const struct cfg_node *n)
{
	const char *root = own_root(n->expr, false);
	unsigned i;
	int k;

	k = int_index(w, n->decl);
	if (k >= 0)
		st->ints[k] = value_fact(w, st, n->expr);
	if (!n->cleanup || !is_release_of_class(n->cleanup, w->t->class))
		return;
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (live(st->res[i]) &&
		    (names_handle(w, s, n->decl, false) || names_handle(w, s, root, false))) {
			st->res[i] = RS_SCOPED;
			w->sites[i].scoped = n->decl;
		}
	}
}

/* Effect of atom (test on subject) being `truth` on st; false if infeasible. */
static bool assume(struct walk *w, struct pstate *st, const struct cfg_node *n, bool truth)
{
	bool bound = false;
	unsigned i;
	int k;

	k = int_index(w, n->subject);
	if (k >= 0 && (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG)) {
		bound = true;
		if (truth && st->ints[k] == IV_ZERO)
			return false;
		if (!truth && n->test == CFG_T_TRUTH && st->ints[k] == IV_NONZERO)
			return false;
		if (truth)
			st->ints[k] = IV_NONZERO;
		else if (n->test == CFG_T_TRUTH)
			st->ints[k] = IV_ZERO;
	}
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];
		bool failed, worked;
		int a = alias_index(w, n->subject);

		/*
		 * A local converted from the object (nvmem = to_nvmem_device(dev))
		 * is NULL only when the object is: its failed test is the object's.
		 */
		if (a >= 0 && !w->alias_drvdata[a] && s->handle && !s->pair->handle_arg1 &&
		    !strcmp(w->alias_of[a], s->handle) && s->pair->result == RES_NULL &&
		    ((n->test == CFG_T_TRUTH && !truth) || (n->test == CFG_T_IS_ERR_OR_NULL && truth))) {
			if (st->res[i] == RS_HELD)
				return false;
			if (st->res[i] == RS_PENDING)
				st->res[i] = RS_NONE;
			continue;
		}
		if (!s->binding || strcmp(s->binding, n->subject))
			continue;
		bound = true;
		if (st->res[i] != RS_PENDING && st->res[i] != RS_HELD)
			continue;
		switch (s->pair->result) {
		case RES_INT:
			failed = (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG) && truth;
			worked = (n->test == CFG_T_TRUTH || n->test == CFG_T_NEG) && !truth;
			break;
		case RES_ERR:
			failed = ((n->test == CFG_T_IS_ERR || n->test == CFG_T_IS_ERR_OR_NULL) && truth) ||
				 (n->test == CFG_T_TRUTH && !truth);
			worked = (n->test == CFG_T_IS_ERR || n->test == CFG_T_IS_ERR_OR_NULL) && !truth;
			break;
		default:
			failed = ((n->test == CFG_T_TRUTH && !truth) ||
				  ((n->test == CFG_T_IS_ERR_OR_NULL || n->test == CFG_T_IS_ERR) && truth));
			worked = (n->test == CFG_T_TRUTH && truth) ||
				 (n->test == CFG_T_IS_ERR_OR_NULL && !truth);
			break;
		}
		/*
		 * A held pointer is known valid: a test saying it failed is a path
		 * that cannot happen (reassignment ends the site in on_assign).  An
		 * int result variable may have been reused for a later call.
		 */
		if (st->res[i] == RS_HELD) {
			if (failed && s->pair->result != RES_INT && !s->pair->handle_arg1)
				return false;
			continue;
		}
		if (failed)
			st->res[i] = RS_NONE;
		else if (worked)
			st->res[i] = RS_HELD;
	}
	if (bound)
		return true;
	k = cond_index(w, n->subject);
	if (k >= 0) {
		unsigned char v = truth ? 1 : 2;

		if (n->test != CFG_T_OPAQUE && n->test != CFG_T_TRUTH)
			return true;
		if (st->conds[k] && st->conds[k] != v)
			return false;
		st->conds[k] = v;
	}
	return true;
}

static enum cfg_exit exit_kind(struct walk *w, const struct pstate *st, const struct fx_expr *e)
{
	enum int_fact f;

	e = fx_strip(e);
	if (!e)
		return CFG_EXIT_UNKNOWN;
	if (e->kind == FXE_IDENT) {
		int k = int_index(w, e->name);

		f = k >= 0 ? st->ints[k] : IV_UNKNOWN;
	} else {
		f = value_fact(w, st, e);
	}
	return f == IV_ZERO ? CFG_EXIT_SUCCESS : f == IV_NONZERO ? CFG_EXIT_FAILURE :
	       CFG_EXIT_UNKNOWN;
}

/* Release form r with the handle for '$': "put_device(&pdev->dev)". */
static const char *spell_release(struct walk *w, const char *r, const char *handle)
{
	const char *d = strchr(r, '$');
	size_t n;
	char *out;

	if (!d || !handle)
		return r;
	n = strlen(r) + strlen(handle);
	out = arena_alloc(w->arena, n + 2);
	memcpy(out, r, (size_t)(d - r));
	strcpy(out + (d - r), handle);
	strcat(out, d + 1);
	return out;
}

/*
 * Does `return e` hand the object of s to the caller: the object itself or
 * a container of it (to_x(h), container_of), or its driver data when some
 * function of the run drops the device reference of that type (the
 * driver's own get/put API)?
 */
static bool returns_object(struct walk *w, const struct site *s, const struct fx_expr *e)
{
	const struct fx_expr *x = fx_strip(e);
	const char *root = own_root(x, false);
	char rec[128];

	if (names_handle(w, s, root, false))
		return true;
	if (x && x->kind == FXE_CALL && own_is_drvdata(x->name) && x->nkids > 1)
		root = own_root(x->kids[1], false);
	if (!names_handle(w, s, root, true))
		return false;
	return own_record_of(w->g->fn->ret_type, rec, sizeof(rec)) &&
	       own_has_put_helper(w->t->prog, rec);
}

static void on_return(struct walk *w, unsigned node, struct pstate *st)
{
	const struct cfg_node *n = &w->g->nodes[node];
	enum cfg_exit ek;
	unsigned i, j;

	for (i = 0; i < w->nsites; i++)
		if (st->res[i] != RS_HELD)
			w->notheld[node] |= 1u << i;
	effects(w, st, n->expr);
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];

		if (live(st->res[i]) && n->expr && !s->pair->handle_arg1 && s->handle &&
		    (uses_outside_calls(n->expr, s->handle) || returns_object(w, s, n->expr)))
			st->res[i] = RS_DONE;
	}
	ek = exit_kind(w, st, n->expr);
	for (i = 0; i < w->nsites; i++) {
		const struct site *s = &w->sites[i];
		const struct cfg_node *via = st->via ? &w->g->nodes[st->via - 1] : NULL;
		struct cfg_leak leak = { 0 };

		if (!live(st->res[i]))
			continue;
		for (j = 0; j < w->nseen; j++)
			if (w->seen[j].site == i && w->seen[j].node == node && w->seen[j].via == st->via)
				break;
		if (j < w->nseen)
			continue;
		if (w->nseen == w->capseen) {
			unsigned cap = w->capseen ? 2 * w->capseen : 16;
			struct leak_seen *grown = realloc(w->seen, cap * sizeof(*grown));

			if (!grown) {
				w->oom = true;
				return;
			}
			w->seen = grown;
			w->capseen = cap;
		}
		leak.fn = w->g->fn;
		leak.acquire = s->pair->acquire;
		leak.release = spell_release(w, s->pair->release[0], s->spelling);
		leak.handle = s->spelling;
		leak.acq_loc = s->call->loc;
		leak.exit_loc = n->loc;
		leak.exit = ek;
		leak.unchecked = st->res[i] != RS_HELD;
		leak.local = s->local;
		if (via) {
			leak.via_label = via->goto_label;
			leak.via_loc = via->loc;
		}
		w->seen[w->nseen++] = (struct leak_seen){ i, node, st->via, leak };
	}
}

/* ---- setup: sites, int variables, correlated conditions, helpers ---- */

struct scan {
	struct walk *w;
	unsigned node;
	const struct cfg_node *n;
};

static void add_site(struct walk *w, unsigned node, const struct fx_expr *call,
		     const struct pair *p, const char *binding)
{
	struct site *s;

	if (w->nsites == CFG_MAX_SITES) {
		w->sites_dropped = true;
		return;
	}
	s = &w->sites[w->nsites++];
	s->pair = p;
	s->call = call;
	s->node = node;
	s->binding = binding;
	s->local = true;
	if (p->handle_arg1) {
		const struct fx_expr *base = call->nkids > 1 ? call->kids[1] : NULL;

		while (base && base->nkids && base->kind != FXE_IDENT && base->kind != FXE_CALL)
			base = fx_strip(base->kids[0]);
		s->local = base && base->kind == FXE_IDENT && base->ref == FXR_LOCAL;
		const char *h = call->nkids > 1 ? norm(w, call->kids[1]) : NULL;

		s->spelling = h;
		while (h && *h == '&')
			h++;
		s->handle = h;
	} else {
		s->handle = binding;
		s->spelling = binding;
	}
}

/* Where does the value of acquiring call c go, in the expression of node? */
static void scan_site(struct walk *w, unsigned node, const struct fx_expr *top,
		      const struct fx_expr *parent, const struct fx_expr *c)
{
	const struct cfg_node *n = &w->g->nodes[node];
	const struct pair *p = pair_of(c->name, w->t->class);

	if (!p)
		return;
	if (n->decl && fx_strip(top) == c) {
		add_site(w, node, c, p, n->decl);
		return;
	}
	if (parent && parent->kind == FXE_BINARY && parent->op && !strcmp(parent->op, "=") &&
	    parent->nkids == 2 && fx_strip(parent->kids[1]) == c) {
		const struct fx_expr *l = fx_strip(parent->kids[0]);

		if (l->kind == FXE_IDENT && l->ref == FXR_LOCAL)
			add_site(w, node, c, p, l->name);
		return;
	}
	if (fx_strip(top) == c && !n->decl) {
		if (p->handle_arg1)
			add_site(w, node, c, p, NULL);
		return;
	}
	if (p->handle_arg1)
		add_site(w, node, c, p, norm(w, c));
}

/*
 * A call to f may perform the release of some sites: any release of a
 * registration (handle_arg1: the object is not a variable, so summaries
 * cannot follow it) within two levels of f's callees; with callback, f is a
 * callback handed to devm_add_action() and friends, and it may release any
 * site the call names.  Direct calls with pointer handles are summaries'.
 */
static void add_helper(struct walk *w, const struct fx_expr *call, const struct fx_func *f,
		       bool callback)
{
	unsigned i, r, mask = 0;

	for (i = 0; i < w->nsites; i++) {
		char name[128];

		if (!callback && !w->sites[i].pair->handle_arg1)
			continue;

		for (r = 0; cfg_release_name(w->sites[i].pair->acquire, r, name, sizeof(name)); r++)
			if (cfg_func_calls(w->t->prog, f, name, 2))
				mask |= 1u << i;
	}
	if (!mask)
		return;
	if (w->nhelpers == w->caphelpers) {
		unsigned cap = w->caphelpers ? 2 * w->caphelpers : 8;
		struct helper *grown = realloc(w->helpers, cap * sizeof(*grown));

		if (!grown) {
			w->oom = true;
			return;
		}
		w->helpers = grown;
		w->caphelpers = cap;
	}
	w->helpers[w->nhelpers++] = (struct helper){ call, mask, callback };
}

static void scan_expr(struct walk *w, unsigned node, const struct fx_expr *top,
		      const struct fx_expr *parent, const struct fx_expr *e, bool helpers)
{
	unsigned i;

	if (!e || e->kind == FXE_STMTEXPR)
		return;
	for (i = 0; i < e->nkids; i++)
		scan_expr(w, node, top, e, e->kids[i], helpers);
	if (e->kind != FXE_CALL)
		return;
	if (!helpers) {
		if (w->g->nodes[node].kind != CFG_RETURN)
			scan_site(w, node, top, parent, e);
		return;
	}
	if (w->t->prog && !pair_of(e->name, NULL) && !is_release_name(e->name)) {
		const struct fx_func *f = fx_find_func(w->t->prog, w->g->tu, e->name, NULL);

		if (f && f != w->g->fn) {
			add_helper(w, e, f, false);
			return;
		}
		/* a callback handed to devm_add_action() and friends */
		for (i = 1; i < e->nkids; i++) {
			const struct fx_expr *a = fx_strip(e->kids[i]);

			if (a && a->kind == FXE_UNARY && a->nkids && a->op && !strcmp(a->op, "&"))
				a = fx_strip(a->kids[0]);
			if (a && a->kind == FXE_IDENT && a->ref == FXR_FUNC &&
			    (f = fx_find_func(w->t->prog, w->g->tu, a->name, NULL)) &&
			    f != w->g->fn) {
				add_helper(w, e, f, true);
				return;
			}
		}
	}
}

static bool returns_pointer(const struct fx_func *fn)
{
	return fn->ret_type && strchr(fn->ret_type, '*');
}

/* The handle a local converted from root stands for (through aliases), or NULL. */
static const char *handle_named(const struct walk *w, const char *root)
{
	int a = alias_index(w, root);
	unsigned i;

	if (a >= 0)
		return w->alias_drvdata[a] ? NULL : w->alias_of[a];
	for (i = 0; root && i < w->nsites; i++)
		if (!w->sites[i].pair->handle_arg1 && w->sites[i].handle &&
		    !strcmp(w->sites[i].handle, root))
			return w->sites[i].handle;
	return NULL;
}

/* The handle a call returns per its callee's summary: b = get_bridge(dev, info). */
static const char *returned_arg(const struct walk *w, const struct fx_expr *call)
{
	unsigned k;

	if (!w->t->prog || pair_of(call->name, NULL))
		return NULL;
	for (k = 1; k < call->nkids; k++) {
		const char *h = handle_named(w, own_root(call->kids[k], false));

		if (h && (summary_arg(w->t->prog, w->t->tu, call->name, w->t->class, k) &
			  SUM_RETURNS))
			return h;
	}
	return NULL;
}

/*
 * A part of the object's driver data (chan = qmc->chans[i], qmc the driver
 * data of the device found): a drvdata-kind alias of the handle, or NULL.
 */
static const char *part_of(const struct walk *w, const char *root, bool *drvdata)
{
	int a = alias_index(w, root);

	if (a < 0 || !w->alias_drvdata[a])
		return NULL;
	*drvdata = true;
	return w->alias_of[a];
}

/*
 * Locals set from a container conversion or the driver data of a tracked
 * object (nvmem = to_nvmem_device(dev); ecc = platform_get_drvdata(pdev)),
 * flow-insensitively: a put or return through them is one of the object.
 */
static void find_aliases(struct walk *w)
{
	const struct cfg *g = w->g;
	unsigned i, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < g->nnodes && w->naliases < MAX_ALIASES; i++) {
			const struct cfg_node *n = &g->nodes[i];
			const struct fx_expr *e = fx_strip(n->expr), *r = e;
			const char *name = n->decl, *h;
			bool drvdata = false;

			if (n->kind != CFG_EXPR || !e)
				continue;
			if (!name) {
				const struct fx_expr *l;

				if (e->kind != FXE_BINARY || !e->op || strcmp(e->op, "=") || e->nkids != 2)
					continue;
				l = fx_strip(e->kids[0]);
				if (!l || l->kind != FXE_IDENT || l->ref != FXR_LOCAL)
					continue;
				name = l->name;
				r = fx_strip(e->kids[1]);
			}
			if (!r || r->kind == FXE_IDENT || alias_index(w, name) >= 0)
				continue;
			if (r->kind == FXE_CALL && r->nkids > 1 && own_is_drvdata(r->name)) {
				h = handle_named(w, own_root(r->kids[1], false));
				drvdata = true;
			} else {
				h = handle_named(w, own_root(r, false));
				if (!h && r->kind == FXE_CALL)
					h = returned_arg(w, r);
				if (!h)
					h = part_of(w, own_root(r, true), &drvdata);
			}
			if (!h || !strcmp(h, name))
				continue;
			w->alias[w->naliases] = name;
			w->alias_of[w->naliases] = h;
			w->alias_drvdata[w->naliases++] = drvdata;
		}
	}
}

struct rel_scan {
	const char *class;
	bool found;
};

static bool rel_visit(const struct fx_expr *e, void *arg)
{
	struct rel_scan *rs = arg;

	if (e->kind == FXE_CALL && is_release_of_class(e->name, rs->class)) {
		rs->found = true;
		return false;
	}
	return true;
}

/* A release of the class within a few nodes after branch node b. */
static bool guards_release(const struct walk *w, unsigned b)
{
	const struct cfg *g = w->g;
	unsigned i, k, n;

	for (i = 0; i < 2; i++) {
		n = g->nodes[b].succ[i];
		for (k = 0; k < 8 && n < g->nnodes; k++) {
			const struct cfg_node *x = &g->nodes[n];
			struct rel_scan rs = { w->t->class, false };

			if (x->kind == CFG_EXPR) {
				fx_walk_expr(x->expr, rel_visit, &rs);
				if (rs.found)
					return true;
			}
			if (x->kind == CFG_RETURN || !x->nsucc)
				break;
			n = cfg_succ(x, 0);
		}
	}
	return false;
}

/*
 * A local assigned true/false/0/1 and tested where the test decides a
 * release: a flag (bool registered; ... if (registered) put_device(...)).
 */
static bool is_flag(const struct walk *w, const char *name)
{
	const struct cfg *g = w->g;
	bool tested = false, set = false;
	unsigned i;

	for (i = 0; i < g->nnodes && !(tested && set); i++) {
		const struct cfg_node *n = &g->nodes[i];
		const struct fx_expr *e = fx_strip(n->expr), *v = NULL;

		if (n->kind == CFG_BRANCH && n->test == CFG_T_TRUTH && !strcmp(n->subject, name) &&
		    guards_release(w, i))
			tested = true;
		if (n->kind != CFG_EXPR || !e)
			continue;
		if (n->decl && !strcmp(n->decl, name)) {
			v = e;
		} else if (e->kind == FXE_BINARY && e->op && !strcmp(e->op, "=") && e->nkids == 2 &&
			   fx_strip(e->kids[0])->kind == FXE_IDENT &&
			   !strcmp(fx_strip(e->kids[0])->name, name)) {
			v = fx_strip(e->kids[1]);
		}
		if (v && v->text && (!strcmp(v->text, "true") || !strcmp(v->text, "false") ||
				     !strcmp(v->text, "0") || !strcmp(v->text, "1")))
			set = true;
	}
	return tested && set;
}

static void find_flags(struct walk *w)
{
	const struct cfg *g = w->g;
	unsigned i;

	for (i = 0; i < g->nnodes && w->nints < MAX_INTS; i++) {
		const struct cfg_node *n = &g->nodes[i];
		const char *v = n->decl;

		if (n->kind != CFG_EXPR || !v || int_index(w, v) >= 0 || cond_index(w, v) >= 0)
			continue;
		if (is_flag(w, v))
			w->ints[w->nints++] = v;
	}
}

static void setup(struct walk *w)
{
	const struct cfg *g = w->g;
	unsigned i, j;

	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == CFG_EXPR)
			scan_expr(w, i, g->nodes[i].expr, NULL, g->nodes[i].expr, false);
	if (!w->nsites)
		return;
	for (i = 0; i < g->nnodes; i++)
		if (g->nodes[i].kind == CFG_EXPR || g->nodes[i].kind == CFG_RETURN)
			scan_expr(w, i, g->nodes[i].expr, NULL, g->nodes[i].expr, true);
	/* error codes: returned local ints, and locals copied into them */
	for (i = 0; i < g->nnodes && w->nints < MAX_INTS && !returns_pointer(g->fn); i++) {
		const struct fx_expr *e = fx_strip(g->nodes[i].expr);

		if (g->nodes[i].kind == CFG_RETURN && e && e->kind == FXE_IDENT &&
		    e->ref == FXR_LOCAL && int_index(w, e->name) < 0)
			w->ints[w->nints++] = e->name;
	}
	for (i = 0; i < g->nnodes && w->nints && w->nints < MAX_INTS; i++) {
		const struct fx_expr *e = fx_strip(g->nodes[i].expr), *r;

		if (g->nodes[i].kind != CFG_EXPR || !e || e->kind != FXE_BINARY || !e->op ||
		    strcmp(e->op, "=") || e->nkids != 2)
			continue;
		r = fx_strip(e->kids[1]);
		if (r && r->kind == FXE_IDENT && (r->ref == FXR_LOCAL || r->ref == FXR_PARAM) &&
		    int_index(w, r->name) < 0 &&
		    int_index(w, norm(w, e->kids[0])) >= 0)
			w->ints[w->nints++] = r->name;
	}
	find_flags(w);
	find_aliases(w);
	/* conditions tested twice or more, on nothing tracked otherwise */
	for (i = 0; i < g->nnodes && w->nconds < MAX_CONDS; i++) {
		const struct cfg_node *a = &g->nodes[i];
		bool tracked = false;
		unsigned k;

		if (a->kind != CFG_BRANCH || cond_index(w, a->subject) >= 0 ||
		    int_index(w, a->subject) >= 0 ||
		    (a->test != CFG_T_OPAQUE && a->test != CFG_T_TRUTH))
			continue;
		for (k = 0; k < w->nsites; k++)
			if (w->sites[k].binding && !strcmp(w->sites[k].binding, a->subject))
				tracked = true;
		if (tracked)
			continue;
		for (j = i + 1; j < g->nnodes; j++)
			if (g->nodes[j].kind == CFG_BRANCH && g->nodes[j].test == a->test &&
			    !strcmp(g->nodes[j].subject, a->subject))
				break;
		if (j < g->nnodes)
			w->conds[w->nconds++] = a->subject;
	}
}

static void run(struct walk *w)
{
	struct pstate st;
	unsigned long steps = 0;

	memset(&st, 0, sizeof(st));
	push(w, w->g->entry, &st);
	while (w->nstack && !w->oom) {
		struct item it = w->stack[--w->nstack];
		const struct cfg_node *n = &w->g->nodes[it.node];
		unsigned i;

		if (++steps > cfg_max_states()) {
			stat_add(&cfg_stats.truncated, 1);
			w->truncated = true;
			break;
		}
		switch (n->kind) {
		case CFG_RETURN:
			on_return(w, it.node, &it.st);
			break;
		case CFG_EXPR:
			effects(w, &it.st, n->expr);
			if (n->decl)
				on_decl(w, &it.st, n);
			push(w, n->succ[0], &it.st);
			break;
		case CFG_BRANCH:
			for (i = 0; i < 2; i++) {
				struct pstate s = it.st;

				if (assume(w, &s, n, i == 0))
					push(w, n->succ[i], &s);
			}
			break;
		default:
			if (n->goto_label)
				it.st.via = it.node + 1;
			for (i = 0; i < n->nsucc; i++)
				push(w, cfg_succ(n, i), &it.st);
			break;
		}
	}
	stat_add(&cfg_stats.states, steps);
}

/*
 * The state cap: CFG_MAX_STATES, or IOMMU_LINT_MAX_PATH_STATES from the
 * environment (for tests that need to reach it with a small function).
 */
unsigned long cfg_max_states(void)
{
	static unsigned long cap;
	const char *env;

	if (!cap) {
		env = getenv("IOMMU_LINT_MAX_PATH_STATES");
		cap = env && strtoul(env, NULL, 10) ? strtoul(env, NULL, 10) : CFG_MAX_STATES;
	}
	return cap;
}

static int cmp_seen(const void *a, const void *b)
{
	const struct leak_seen *x = a, *y = b;

	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	if (x->leak.exit_loc.line != y->leak.exit_loc.line)
		return x->leak.exit_loc.line < y->leak.exit_loc.line ? -1 : 1;
	if (x->leak.exit_loc.col != y->leak.exit_loc.col)
		return x->leak.exit_loc.col < y->leak.exit_loc.col ? -1 : 1;
	return x->via < y->via ? -1 : x->via > y->via;
}

/*
 * Hand the leaks found to the rule: per site, in exit order, either all
 * together (t->defect: one defect per acquisition) or one by one (t->leak).
 */
static void deliver(struct walk *w)
{
	struct cfg_leak *v;
	unsigned i, j, n;

	if (!w->nseen)
		return;
	qsort(w->seen, w->nseen, sizeof(*w->seen), cmp_seen);
	for (i = 0; i < w->nseen; i++)
		w->seen[i].leak.all_held = !w->truncated &&
			!(w->notheld[w->seen[i].node] & (1u << w->seen[i].site));
	if (!w->t->defect) {
		for (i = 0; i < w->nseen; i++)
			w->t->leak(&w->seen[i].leak, w->t->arg);
		return;
	}
	v = calloc(w->nseen, sizeof(*v));
	if (!v) {
		w->oom = true;
		return;
	}
	for (i = 0; i < w->nseen; i = j) {
		for (j = i, n = 0; j < w->nseen && w->seen[j].site == w->seen[i].site; j++) {
			/* one exit once, whichever goto reached it first */
			if (n && v[n - 1].exit_loc.line == w->seen[j].leak.exit_loc.line &&
			    v[n - 1].exit_loc.col == w->seen[j].leak.exit_loc.col)
				continue;
			v[n++] = w->seen[j].leak;
		}
		w->t->defect(v, n, w->t->arg);
	}
	free(v);
}

struct class_scan {
	const char *class;
	bool found;
};

static bool acquires_in_class(const struct fx_expr *e, void *arg)
{
	struct class_scan *cs = arg;

	if (e->kind == FXE_CALL && pair_of(e->name, cs->class)) {
		cs->found = true;
		return false;
	}
	return true;
}

int cfg_check_pairs(const struct fx_func *fn, const struct cfg_track *t)
{
	struct class_scan cs = { .class = t->class };
	struct walk w;
	struct cfg *g;
	int ret = 0;

	/* most functions acquire nothing of the class: no CFG for them */
	if (!fn || !fn->body)
		return 0;
	fx_walk_stmt(fn->body, NULL, acquires_in_class, &cs);
	if (!cs.found)
		return 0;
	g = cfg_build(t->tu, fn);
	if (!g)
		return fn && fn->body ? -ENOMEM : 0;
	memset(&w, 0, sizeof(w));
	w.g = g;
	w.t = t;
	w.arena = &g->arena;
	stat_add(&cfg_stats.functions, 1);
	stat_add(&cfg_stats.nodes, g->nnodes);
	setup(&w);
	w.notheld = calloc(g->nnodes, sizeof(*w.notheld));
	if (!w.notheld)
		w.oom = true;
	if (w.nsites && !w.oom)
		run(&w);
	if (!w.oom)
		deliver(&w);
	if ((w.truncated || w.sites_dropped) && t->limit) {
		char why[160], cap[48] = "";

		if (w.truncated)
			snprintf(cap, sizeof(cap), "stopped after %lu states", cfg_max_states());
		snprintf(why, sizeof(why), "%s%s%s", w.sites_dropped ? "followed only the first "
			 CFG_STR(CFG_MAX_SITES) " acquisitions" : "",
			 w.truncated && w.sites_dropped ? " and " : "", cap);
		t->limit(fn, why, t->arg);
	}
	if (w.oom)
		ret = -ENOMEM;
	free(w.set);
	free(w.stack);
	free(w.seen);
	free(w.helpers);
	free(w.notheld);
	cfg_free(g);
	return ret;
}

