// SPDX-License-Identifier: GPL-2.0
/*
 * embedded-device-release: a struct device embedded by value in a larger
 * record is freed only through its release callback, and that callback
 * frees the container, not the struct device * it is given.
 *
 * "iommu: Make the iommu_device dev a pointer" (the seed, 4.12): struct
 * iommu_device embedded its struct device, and the iommu class's
 * dev_release did kfree(dev) - freeing an interior pointer of the
 * driver's structure, memory corruption on every unregister.  The same
 * shape appears whenever a driver embeds a device and reuses a generic
 * release.  Once device_initialize()/device_register() ran, the device's
 * kref owns the container: error paths must put_device(), a direct
 * kfree() of the container is a use-after-free for anyone holding a
 * reference (the long-standing "device_register() failure must use
 * put_device()" rule of the driver core).
 *
 * What is reported:
 *  - a release callback that kfree()s its struct device * argument when
 *    the device is embedded: the callback reads it with container_of(),
 *    or it is bound to an embedded device (x->dev.release = fn,
 *    x->dev.class = &cls with cls.dev_release = fn, x->dev.type = &t with
 *    t.release = fn; the '.' before release/class/type says the device is
 *    a value, not a pointer), the class/type variable in any TU;
 *  - an empty release callback bound to an embedded device (the container
 *    is never freed, or is freed behind the kref's back elsewhere); a
 *    lower-confidence finding, worded as a note;
 *  - kfree(x) reachable after device_initialize(&x->f) or
 *    device_register(&x->f) without a put_device() in between.
 * container_of() types are checked against the record layouts (through
 * nested records and typedefs) to confirm the device is embedded.
 *
 * Known false positives: a container whose device was initialised but
 * which is freed after a device_del()-style hand-off the rule does not
 * know; backward gotos are not followed.
 */
#include <stdio.h>
#include <string.h>

#include "../checker/rule.h"
#include "../checker/table.h"

#define MAX_LABELS 32

/* The call's role in rules/data/device-lifetime.tbl: "init", "put" or "free". */
static bool is_call(const struct fx_expr *e, const char *role)
{
	const struct tbl_row *row;

	e = fx_strip(e);
	if (!e || e->kind != FXE_CALL || !e->name)
		return false;
	row = tbl_find(tbl_get("device-lifetime"), 0, e->name);
	return row && row->nfields > 1 && !strcmp(row->fields[1], role);
}

/* Does record `name` hold a struct device by value, directly or nested? */
static bool embeds_device(const struct fx_tu *tu, const char *name, unsigned depth)
{
	const struct fx_record *r;
	unsigned i;

	if (!name || depth > 4 || !(r = fx_find_record(tu, name)))
		return false;
	for (i = 0; i < r->nfields; i++) {
		const struct fx_field *f = &r->fields[i];

		if (f->is_pointer || !f->record)
			continue;
		if (!strcmp(f->record, "device") || embeds_device(tu, f->record, depth + 1))
			return true;
	}
	return false;
}

struct rel_scan {
	const struct fx_tu *tu;
	const char *param;
	const struct fx_expr *kfree_param;	/* kfree(dev) */
	const char *container;			/* type named in container_of */
	bool embedded;				/* that type embeds a device */
};

static bool scan_release(const struct fx_expr *e, void *arg)
{
	struct rel_scan *r = arg;
	const struct fx_expr *a;

	if (is_call(e, "free") && e->nkids == 2) {
		a = fx_strip(e->kids[1]);
		if (a && a->kind == FXE_IDENT && a->ref == FXR_PARAM && !strcmp(a->name, r->param))
			r->kfree_param = e;
	}
	if (e->macro && !strcmp(e->macro, "container_of") && e->text && !r->container) {
		/* container_of(dev, struct foo, dev): the type is the second argument. */
		const char *p = strchr(e->text, ',');
		static char buf[128];
		size_t n = 0;

		if (p && strstr(e->text, r->param)) {
			p++;
			while (*p == ' ' || *p == '\t' || *p == '\n')
				p++;
			while (p[n] && p[n] != ',' && n + 1 < sizeof(buf))
				n++;
			while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
				n--;
			memcpy(buf, p, n);
			buf[n] = '\0';
			r->container = buf;
			r->embedded = embeds_device(r->tu, fx_strip_record_tag(buf), 0);
		}
	}
	return true;
}

/* Is fn shaped like a device release: void fn(struct device *)? */
static bool release_shaped(const struct fx_func *fn)
{
	return fn->body && fn->nparams == 1 && fn->params[0].type &&
	       !strcmp(fn->params[0].type, "struct device *") && fn->ret_type &&
	       !strcmp(fn->ret_type, "void");
}

/* fname as seen from TU from (C linkage). */
static void check_release(struct rule_ctx *ctx, const struct fx_tu *from, const char *fname,
			  const char *binding)
{
	struct rel_scan r = { 0 };
	const struct fx_tu *tu = NULL;
	const struct fx_func *fn;

	fn = fx_find_func(ctx_program(ctx), from, fname, &tu);
	if (!fn || !release_shaped(fn))
		return;
	r.tu = tu;
	r.param = fn->params[0].name;
	if (!r.param)
		return;
	fx_walk_stmt(fn->body, NULL, scan_release, &r);
	if (r.kfree_param && (binding || r.embedded)) {
		char why[256];

		if (binding)
			snprintf(why, sizeof(why), "it is the %s", binding);
		else
			snprintf(why, sizeof(why), "'%s' is embedded in %s (container_of)",
				 r.param, r.container);
		report(ctx, &r.kfree_param->loc, fn->name,
		       "release callback %s() kfree()s the struct device * it is given, but %s: free the container obtained with container_of() instead",
		       fn->name, why);
	}
	if (binding && fn->body->kind == FXS_BLOCK && !fn->body->nkids)
		report(ctx, &fn->loc, fn->name,
		       "note (lower confidence): release callback %s() is empty, but it is the %s: the container embedding the device is never freed through its refcount",
		       fn->name, binding);
}

/* A class or device_type variable named var: from's own, else an external one. */
static bool class_or_type(const struct fx_var *v, const char *var)
{
	return !strcmp(v->name, var) && v->record && v->init &&
	       (!strcmp(v->record, "class") || !strcmp(v->record, "device_type"));
}

/* The release function field of the class or device_type var seen from TU from. */
static const struct fx_init_field *release_of_var(const struct fx_program *prog,
						  const struct fx_tu *from, const char *var,
						  const char **kind, const struct fx_tu **tu_out)
{
	const struct fx_var *found = NULL;
	unsigned t, i;

	for (i = 0; i < from->nvars && !found; i++)
		if (class_or_type(&from->vars[i], var))
			found = &from->vars[i];
	*tu_out = from;
	for (t = 0; t < prog->ntus && !found; t++) {
		const struct fx_tu *tu = prog->tus[t];

		for (i = 0; i < tu->nvars && !found; i++) {
			if (class_or_type(&tu->vars[i], var) && !tu->vars[i].is_static) {
				found = &tu->vars[i];
				*tu_out = tu;
			}
		}
	}
	if (!found)
		return NULL;
	if (!strcmp(found->record, "class")) {
		*kind = "dev_release of class";
		return fx_init_get(found->init, "dev_release");
	}
	*kind = "release of device_type";
	return fx_init_get(found->init, "release");
}

struct bind_scan {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
};

/* x->dev.release = fn; x->dev.class = &cls; x->dev.type = &t (device by value). */
static bool scan_binding(const struct fx_expr *e, void *arg)
{
	struct bind_scan *b = arg;
	const struct fx_expr *lhs, *rhs, *cb;
	const struct fx_init_field *f;
	const struct fx_tu *vtu = NULL;
	const char *kind = NULL;
	char binding[256];

	if (e->kind != FXE_BINARY || !e->op || strcmp(e->op, "=") || e->nkids != 2)
		return true;
	lhs = fx_strip(e->kids[0]);
	rhs = fx_strip(e->kids[1]);
	if (!lhs || lhs->kind != FXE_MEMBER || lhs->arrow || !lhs->name || !rhs)
		return true;
	if (!strcmp(lhs->name, "release") && rhs->kind == FXE_IDENT && rhs->ref == FXR_FUNC) {
		snprintf(binding, sizeof(binding), "release of the embedded device '%s' (line %u)",
			 lhs->nkids && lhs->kids[0]->text ? lhs->kids[0]->text : "?", e->loc.line);
		check_release(b->ctx, b->tu, rhs->name, binding);
		return true;
	}
	if (strcmp(lhs->name, "class") && strcmp(lhs->name, "type"))
		return true;
	if (rhs->kind == FXE_UNARY && rhs->op && !strcmp(rhs->op, "&") && rhs->nkids == 1)
		rhs = fx_strip(rhs->kids[0]);
	if (!rhs || rhs->kind != FXE_IDENT || rhs->ref != FXR_GLOBAL)
		return true;
	f = release_of_var(ctx_program(b->ctx), b->tu, rhs->name, &kind, &vtu);
	cb = f ? fx_strip(f->value) : NULL;
	if (!cb || cb->kind != FXE_IDENT || !cb->name)
		return true;
	snprintf(binding, sizeof(binding), "%s '%s', given to the embedded device '%s' (line %u)",
		 kind, rhs->name, lhs->nkids && lhs->kids[0]->text ? lhs->kids[0]->text : "?",
		 e->loc.line);
	check_release(b->ctx, vtu, cb->name, binding);
	return true;
}

/* kfree(x) after device_initialize(&x->f) / device_register(&x->f). */
struct life {
	struct rule_ctx *ctx;
	const struct fx_func *fn;
	const char *container;		/* "x" while live */
	const char *init_call;
	unsigned init_line;
	bool live;
	unsigned nlabels;
	const char *label[MAX_LABELS];
	bool reached[MAX_LABELS];
};

static const char *init_container(const struct fx_expr *e, const char **call)
{
	const struct fx_expr *a;

	if (!is_call(e, "init"))
		return NULL;
	if (e->nkids != 2)
		return NULL;
	a = fx_strip(e->kids[1]);
	if (!a || a->kind != FXE_UNARY || !a->op || strcmp(a->op, "&") || a->nkids != 1)
		return NULL;
	a = fx_strip(a->kids[0]);
	if (!a || a->kind != FXE_MEMBER || a->nkids != 1 || !a->kids[0]->text)
		return NULL;
	*call = e->name;
	return fx_strip(a->kids[0])->text;
}

static bool mentions_container(const struct fx_expr *e, const char *container)
{
	const struct fx_expr *a;

	if (e->nkids != 2)
		return false;
	a = fx_strip(e->kids[1]);
	if (a && a->kind == FXE_UNARY && a->op && !strcmp(a->op, "&") && a->nkids == 1)
		a = fx_strip(a->kids[0]);
	if (a && a->kind == FXE_MEMBER && a->nkids == 1)
		a = fx_strip(a->kids[0]);
	return a && a->text && !strcmp(a->text, container);
}

static bool life_expr(const struct fx_expr *e, void *arg)
{
	struct life *l = arg;
	const char *call = NULL, *c;

	if ((c = init_container(e, &call))) {
		l->container = c;
		l->init_call = call;
		l->init_line = e->loc.line;
		l->live = true;
		return true;
	}
	if (!l->container || !l->live || e->kind != FXE_CALL || !e->name)
		return true;
	if (is_call(e, "put") &&
	    mentions_container(e, l->container)) {
		l->live = false;
		return true;
	}
	if (is_call(e, "free") && e->nkids == 2 && fx_strip(e->kids[1])->text &&
	    !strcmp(fx_strip(e->kids[1])->text, l->container))
		report(l->ctx, &e->loc, l->fn->name,
		       "%s(%s) after %s(&%s->...) at line %u: the device's refcount owns '%s' now; drop it with put_device() so the release callback frees it",
		       e->name, l->container, l->init_call, l->container, l->init_line, l->container);
	return true;
}

static int life_label(struct life *l, const char *name)
{
	unsigned i;

	for (i = 0; i < l->nlabels; i++)
		if (!strcmp(l->label[i], name))
			return i;
	if (l->nlabels == MAX_LABELS)
		return -1;
	l->label[l->nlabels] = name;
	l->reached[l->nlabels] = false;
	return l->nlabels++;
}

static void life_run(struct life *l, const struct fx_stmt *s)
{
	bool in, then_live;
	unsigned i;
	int k;

	if (!s)
		return;
	switch (s->kind) {
	case FXS_IF:
		fx_walk_expr(s->expr, life_expr, l);
		in = l->live;
		life_run(l, s->nkids > 0 ? s->kids[0] : NULL);
		then_live = l->live;
		l->live = in;
		life_run(l, s->nkids > 1 ? s->kids[1] : NULL);
		l->live = l->live || then_live;
		return;
	case FXS_WHILE:
	case FXS_FOR:
	case FXS_DO:
	case FXS_SWITCH:
		fx_walk_expr(s->expr, life_expr, l);
		in = l->live;
		for (i = 0; i < s->nkids; i++)
			life_run(l, s->kids[i]);
		l->live = l->live || in;
		return;
	case FXS_RETURN:
		fx_walk_expr(s->expr, life_expr, l);
		l->live = false;
		return;
	case FXS_GOTO:
		k = life_label(l, s->name);
		if (k >= 0 && l->live)
			l->reached[k] = true;
		l->live = false;
		return;
	case FXS_LABEL:
		k = life_label(l, s->name);
		if (k >= 0 && l->reached[k])
			l->live = true;
		break;
	case FXS_CASE:
	case FXS_DEFAULT:
		break;
	default:
		fx_walk_expr(s->expr, life_expr, l);
		break;
	}
	for (i = 0; i < s->nkids; i++)
		life_run(l, s->kids[i]);
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct bind_scan b = { ctx, tu };
	struct life l = { 0 };
	struct rel_scan r = { 0 };

	fx_walk_stmt(fn->body, NULL, scan_binding, &b);

	l.ctx = ctx;
	l.fn = fn;
	life_run(&l, fn->body);

	/* A release callback that container_of()s its device and still frees it. */
	if (release_shaped(fn) && fn->params[0].name) {
		r.tu = tu;
		r.param = fn->params[0].name;
		fx_walk_stmt(fn->body, NULL, scan_release, &r);
		if (r.kfree_param && r.embedded)
			check_release(ctx, tu, fn->name, NULL);
	}
}

void rule_embedded_device_release_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
