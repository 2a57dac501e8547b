// SPDX-License-Identifier: GPL-2.0
/*
 * embedded-device-release: a struct device embedded by value in a larger
 * record is freed only through its release callback, and that callback
 * frees the container, not the struct device * it is given.
 *
 * "iommu: Make the iommu_device dev a pointer" (4.12): the iommu class's
 * dev_release did kfree(dev) on a device embedded in struct iommu_device,
 * an interior pointer.  Once device_initialize()/device_register() ran,
 * the device's kref owns the container: error paths must put_device()
 * (the driver core's "device_register() failure must use put_device()").
 *
 * Reported: a release callback that kfree()s its struct device * argument
 * when the device is embedded (it uses container_of(), or is bound to an
 * embedded device through x->dev.release, .class's dev_release or .type's
 * release, the class/type in any TU); an empty release callback bound to
 * an embedded device whose container the same file kfree()s directly (a
 * note: a static device, or one its owner frees, needs an empty release);
 * kfree(x) reachable after device_initialize(&x->f) or
 * device_register(&x->f) with no put_device() between (a dataflow over the
 * CFG, checker/flow.c; not a kfree() in the other branch of a put, nor
 * after x was reassigned), whose fix is put_device(&x->f) when the device
 * is live on every path to the kfree.  container_of() types are checked
 * against the record layouts.
 *
 * Known false positives: a container whose device was initialised but
 * which is freed after a device_del()-style hand-off the rule does not
 * know.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../checker/fixgen-unwind.h"
#include "../checker/leak-report.h"
#include "../checker/flow.h"
#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/summary.h"
#include "../checker/table.h"

/* The call's role in rules/data/device-lifetime.tbl: "init", "put" or "free". */
static bool is_call(const struct fx_expr *e, const char *role)
{
	return q_call_role(e, "device-lifetime", role);
}

struct rel_scan {
	const struct fx_tu *tu;
	const char *param;
	const struct fx_expr *kfree_param;	/* kfree(dev): q_release_frees_param() */
	const char *container;			/* type named in container_of */
	char type[128];
	bool embedded;				/* that type embeds a device */
};

/* container_of(dev, struct foo, dev): is the container a record embedding a device? */
static bool scan_release(const struct fx_expr *e, void *arg)
{
	struct rel_scan *r = arg;

	/* the type is the second argument */
	if (e->macro && !strcmp(e->macro, "container_of") && e->text && !r->container &&
	    strstr(e->text, r->param) && q_macro_arg(e->text, 1, r->type, sizeof(r->type))) {
		r->container = r->type;
		r->embedded = q_record_embeds(r->tu, fx_strip_record_tag(r->type), "device");
	}
	return !r->container;
}

/*
 * fn (of tu) as a release callback; binding says how it is bound (or
 * NULL), and freed how the binding's file frees the container behind the
 * refcount (NULL: it does not).
 */
static void check_release(struct rule_ctx *ctx, const struct fx_tu *tu,
			  const struct fx_func *fn, const char *binding, const char *freed)
{
	struct rel_scan r = { .tu = tu };
	int h;

	if (!fn || !q_release_shaped(fn))
		return;
	r.param = fn->params[0].name;
	r.kfree_param = q_release_frees_param(fn);
	fx_walk_stmt(fn->body, NULL, scan_release, &r);
	if (r.kfree_param && (binding || r.embedded)) {
		char why[256];

		if (binding)
			snprintf(why, sizeof(why), "it is the %s", binding);
		else
			snprintf(why, sizeof(why), "'%s' is embedded in %s (container_of)",
				 r.param, r.container);
		h = report(ctx, &r.kfree_param->loc, fn->name,
		       "release callback %s() kfree()s the struct device * it is given, but %s: free the container obtained with container_of() instead",
		       fn->name, why);
		report_fix_note(ctx, h, "freeing the container needs its type and the member that embeds the device, and whoever else frees it must stop: not a local edit");
	}
	if (binding && fn->body->kind == FXS_BLOCK && !fn->body->nkids && freed) {
		h = report(ctx, &fn->loc, fn->name,
			   "release callback %s() is empty, but it is the %s, and %s: the container is freed behind the device's refcount",
			   fn->name, binding, freed);
		report_level(ctx, h, SEV_NOTE);
		report_fix_note(ctx, h, "the release must free the container and the direct kfree() go: two coupled edits in different functions, not offered");
	}
}

/* x->dev.release = fn; x->dev.class = &cls; x->dev.type = &t (device by value). */
struct bind_scan {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	char freed[256];
};

/*
 * How the file frees container c (spelled at the binding) other than
 * through the device: kfree(c); kfree(arr) for c = &arr[i]; or c (or the
 * variable it is a part of) allocated with devm_*() and freed by devres.
 */
static const char *freed_how(struct bind_scan *b, const struct fx_expr *c)
{
	const struct fx_expr *v = c ? q_assigned(b->fn->body, c->text, NULL, NULL) : NULL;
	const char *root = own_root(c, true);

	if (!c || !c->text)
		return NULL;
	if (q_tu_calls_on(b->tu, "device-lifetime", "free", c->text))
		snprintf(b->freed, sizeof(b->freed), "'%s' is kfree()d directly", c->text);
	else if ((v = q_strip_addr(v)) && v->kind == FXE_SUBSCRIPT && v->nkids &&
		 fx_strip(v->kids[0])->text &&
		 q_tu_calls_on(b->tu, "device-lifetime", "free", fx_strip(v->kids[0])->text))
		snprintf(b->freed, sizeof(b->freed), "'%s' is an element of '%s', kfree()d directly",
			 c->text, fx_strip(v->kids[0])->text);
	else if (root && q_tu_assigns_call_role(b->tu, "device-lifetime", "devm", root))
		snprintf(b->freed, sizeof(b->freed),
			 "'%s' is allocated with a devm_*() call: devres frees it at unbind", root);
	else
		return NULL;
	return b->freed;
}

static bool scan_binding(const struct fx_expr *e, void *arg)
{
	struct bind_scan *b = arg;
	struct rule_ctx *ctx = b->ctx;
	const struct fx_program *prog = ctx_program(ctx);
	const struct fx_expr *lhs, *rhs, *cb;
	const struct fx_init_field *f = NULL;
	const struct fx_tu *tu = NULL;
	const struct fx_func *fn;
	const struct fx_var *v;
	const struct fx_expr *cont;
	const char *kind = NULL, *dev;
	char binding[256];

	if (!q_is_assign(e))
		return true;
	lhs = fx_strip(e->kids[0]);
	rhs = fx_strip(e->kids[1]);
	if (!lhs || lhs->kind != FXE_MEMBER || lhs->arrow || !lhs->name || !rhs)
		return true;
	dev = lhs->nkids && lhs->kids[0]->text ? lhs->kids[0]->text : "?";
	/* the container: u of u->dev.release, the object itself for d.release */
	cont = lhs->nkids ? fx_strip(lhs->kids[0]) : NULL;
	if (cont && cont->kind == FXE_MEMBER && cont->nkids)
		cont = fx_strip(cont->kids[0]);
	/* t.release of a struct device_type member is not a device's release */
	if (!strcmp(lhs->name, "release") && cont != fx_strip(lhs->kids[0]) &&
	    fx_strip(lhs->kids[0])->name && strstr(fx_strip(lhs->kids[0])->name, "type"))
		return true;
	if (!strcmp(lhs->name, "release") && rhs->kind == FXE_IDENT && rhs->ref == FXR_FUNC) {
		snprintf(binding, sizeof(binding), "release of the embedded device '%s' (line %u)",
			 dev, e->loc.line);
		fn = fx_find_func(prog, b->tu, rhs->name, &tu);
		check_release(ctx, tu, fn, binding, freed_how(b, cont));
		return true;
	}
	if (strcmp(lhs->name, "class") && strcmp(lhs->name, "type"))
		return true;
	rhs = q_strip_addr(rhs);
	if (!rhs || rhs->kind != FXE_IDENT || rhs->ref != FXR_GLOBAL)
		return true;
	/* the release a class or device_type variable names */
	if ((v = q_find_global(prog, b->tu, rhs->name, "class"))) {
		kind = "dev_release of class";
		f = fx_init_get(v->init, "dev_release");
	} else if ((v = q_find_global(prog, b->tu, rhs->name, "device_type"))) {
		kind = "release of device_type";
		f = fx_init_get(v->init, "release");
	}
	cb = f ? fx_strip(f->value) : NULL;
	if (!cb || cb->kind != FXE_IDENT || !cb->name)
		return true;
	snprintf(binding, sizeof(binding), "%s '%s', given to the embedded device '%s' (line %u)",
		 kind, rhs->name, dev, e->loc.line);
	fn = fx_find_func(prog, b->tu, cb->name, &tu);
	check_release(ctx, tu, fn, binding, freed_how(b, cont));
	return true;
}

/* kfree(x) after device_initialize(&x->f) / device_register(&x->f), per path. */
struct life {
	const char *container;		/* "x" while live, else NULL */
	const char *init_call, *dev;	/* dev: "&x->f", the init call's argument */
	unsigned init_line;
	bool maybe_dead;		/* not live on some path joining here */
};

struct life_walk {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	struct life *st;
	unsigned nguarded;		/* kfree()s in the other branch of a put */
	const struct fx_expr *guarded[8];
};

static const char *init_container(const struct fx_expr *e, const char **call, const char **dev)
{
	const struct fx_expr *a;

	if (!is_call(e, "init") || e->nkids != 2)
		return NULL;
	a = fx_strip(e->kids[1]);
	if (!a || a->kind != FXE_UNARY || !a->op || strcmp(a->op, "&") || a->nkids != 1)
		return NULL;
	a = fx_strip(a->kids[0]);
	if (!a || a->kind != FXE_MEMBER || a->nkids != 1 || !a->kids[0]->text)
		return NULL;
	*call = e->name;
	*dev = e->kids[1]->text;
	return fx_strip(a->kids[0])->text;
}

static bool is_guarded(const struct life_walk *w, const struct fx_expr *e)
{
	unsigned i;

	for (i = 0; i < w->nguarded; i++)
		if (w->guarded[i] == e)
			return true;
	return false;
}

/*
 * if (registered) put_device(&x->dev); else kfree(x);: the branch decides
 * which one runs (a flag, dev.release set), so that kfree() is not after
 * the registration on any path the code takes.
 */
static bool scan_guarded(const struct fx_stmt *s, void *arg)
{
	struct life_walk *w = arg;
	const struct fx_expr *put, *fr;
	unsigned k;

	if (s->kind != FXS_IF || s->nkids < 2 || !s->kids[0] || !s->kids[1])
		return true;
	for (k = 0; k < 2 && w->nguarded < 8; k++) {
		put = q_find_call_role(s->kids[k], "device-lifetime", "put");
		fr = q_find_call_role(s->kids[1 - k], "device-lifetime", "free");
		if (put && fr && fx_strip(fr->kids[1])->text &&
		    fg_arg_is_container(put, fx_strip(fr->kids[1])->text))
			w->guarded[w->nguarded++] = fr;
	}
	return true;
}

static bool life_expr(const struct fx_expr *e, void *arg)
{
	struct life_walk *w = arg;
	struct life *l = w->st;
	const char *call = NULL, *dev = NULL, *c, *why = NULL;
	struct fg_fix fix;
	int h;

	/*
	 * x = NULL after the hand-off (a later kfree(x) frees nothing), or x =
	 * a new allocation in the next loop iteration: not the registered one.
	 */
	if (l->container && q_is_assign(e) && fx_strip(e->kids[0])->text &&
	    !strcmp(fx_strip(e->kids[0])->text, l->container)) {
		memset(l, 0, sizeof(*l));
		return true;
	}

	if ((c = init_container(e, &call, &dev))) {
		l->container = c;
		l->init_call = call;
		l->dev = dev;
		l->maybe_dead = false;
		l->init_line = e->loc.line;
		return true;
	}
	if (!l->container || e->kind != FXE_CALL || !e->name)
		return true;
	if (is_call(e, "put") && fg_arg_is_container(e, l->container)) {
		memset(l, 0, sizeof(*l));
		return true;
	}
	if (!is_call(e, "free") || e->nkids != 2 || !fx_strip(e->kids[1])->text ||
	    strcmp(fx_strip(e->kids[1])->text, l->container) || is_guarded(w, e))
		return true;
	h = report(w->ctx, &e->loc, w->fn->name,
		   "%s(%s) after %s(&%s->...) at line %u: the device's refcount owns '%s' now; drop it with put_device() so the release callback frees it",
		   e->name, l->container, l->init_call, l->container, l->init_line, l->container);
	/* kfree(x) -> put_device(&x->f), when every path here has x's device live */
	if (fg_put_not_free(w->tu, w->fn, e, l->dev, l->maybe_dead, &fix, &why))
		report_edit(w->ctx, h, &fix.e[0].from, &fix.e[0].to, fix.e[0].text);
	else
		report_fix_note(w->ctx, h, why);
	return true;
}

static void life_transfer(const struct cfg *g, unsigned n, void *state, void *arg)
{
	struct life_walk *w = arg;

	w->st = state;
	if (g->nodes[n].expr)
		fx_walk_expr(g->nodes[n].expr, life_expr, w);
}

/* Live on some path wins (one container at a time); dead on another marks it maybe_dead. */
static bool life_join(void *into, const void *from, void *arg)
{
	struct life *a = into;
	const struct life *b = from;
	bool was;

	if (!a->container && !b->container)
		return false;
	if (a->container && b->container && !b->maybe_dead)
		return false;
	was = a->maybe_dead && a->container;
	if (!a->container)
		*a = *b;
	a->maybe_dead = true;
	return !was;
}

static const struct flow_ops life_flow = {
	.size = sizeof(struct life),
	.transfer = life_transfer,
	.join = life_join,
};

static bool finds_init(const struct fx_expr *e, void *arg)
{
	const char *call, *dev;

	*(bool *)arg |= init_container(e, &call, &dev) != NULL;
	return !*(bool *)arg;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct life_walk w = { ctx, tu, fn, NULL, 0, { NULL } };
	struct bind_scan b = { ctx, tu, fn, "" };
	struct life entry = { 0 };
	bool init = false;
	struct cfg *g;

	fx_walk_stmt(fn->body, NULL, scan_binding, &b);
	fx_walk_stmt(fn->body, NULL, finds_init, &init);
	if (init)
		fx_walk_stmt(fn->body, scan_guarded, NULL, &w);
	if (init && (g = cfg_build(tu, fn))) {
		if (flow_run(g, &life_flow, &entry, &w) == -E2BIG)
			leak_limit(ctx, fn, "stopped after " FLOW_STR(FLOW_MAX_VISITS) " dataflow node visits");
		cfg_free(g);
	}

	/* a release callback that container_of()s its device and still frees it */
	check_release(ctx, tu, fn, NULL, NULL);
}

void rule_embedded_device_release_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
