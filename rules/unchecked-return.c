// SPDX-License-Identifier: GPL-2.0
/*
 * unchecked-return: the int result of an IOMMU core call that can fail is
 * thrown away.
 *
 * iommu_device_register() and iommu_device_sysfs_add() fail on memory
 * pressure or a name clash; a driver that ignores them goes on as if its
 * IOMMU were known to the core, and its remove path later unregisters
 * something that was never registered.  iommu_fwspec_init() and
 * iommu_fwspec_add_ids() fail with -ENOMEM (add_ids reallocates the
 * fwspec) or on a second IOMMU instance; an of_xlate that ignores them
 * reports success for a master that has no IDs.  The functions are listed
 * in rules/data/must-check.tbl.  Driver-defined .of_xlate callbacks (bound
 * from any iommu_ops of the program) and ops->of_xlate() calls are checked
 * the same way.
 *
 * A result is ignored when the call is a statement of its own, or when it
 * is stored in a local that is overwritten or never read afterwards.  An
 * explicit (void) cast is taken as a deliberate choice and not reported.
 *
 * Known false positives: a store read only on a loop's next iteration is
 * not followed (stores inside loops are not checked).
 */
#include <stdio.h>
#include <string.h>

#include "../checker/query.h"
#include "../checker/rule.h"
#include "../checker/table.h"

struct ur_ctx {
	struct rule_ctx *ctx;
	const struct fx_tu *tu;
	const struct fx_func *fn;
	unsigned loop_depth;
};

/* An .of_xlate callback of some iommu_ops in the program. */
static const char *of_xlate_binding(const struct fx_program *prog, const struct fx_tu *tu,
				    const char *name)
{
	const struct fx_var *ops = fx_find_binding(prog, tu, "iommu_ops", "of_xlate", name);

	return ops ? ops->name : NULL;
}

/* What the call is, for the message, when its result must be checked. */
static const char *must_check(struct ur_ctx *u, const struct fx_expr *call,
			      char *buf, size_t len)
{
	const struct fx_expr *callee;
	const char *ops;

	if (call->kind != FXE_CALL)
		return NULL;
	if (call->name && tbl_has("must-check", 0, call->name)) {
		snprintf(buf, len, "%s()", call->name);
		return buf;
	}
	if (call->name && (ops = of_xlate_binding(ctx_program(u->ctx), u->tu, call->name))) {
		snprintf(buf, len, "%s() (of_xlate callback of %s)", call->name, ops);
		return buf;
	}
	callee = call->nkids ? fx_strip(call->kids[0]) : NULL;
	if (callee && callee->kind == FXE_MEMBER && callee->name &&
	    !strcmp(callee->name, "of_xlate")) {
		snprintf(buf, len, "ops->of_xlate()");
		return buf;
	}
	return NULL;
}

static bool is_void_cast(const struct fx_expr *e)
{
	return e && e->kind == FXE_CAST && e->name && !strcmp(e->name, "void");
}

static void check_store(struct ur_ctx *u, const char *var, const struct fx_expr *call)
{
	struct q_use use;
	char buf[256];
	const char *what;
	bool found;

	if (u->loop_depth || !(what = must_check(u, call, buf, sizeof(buf))))
		return;
	found = q_first_use(u->fn->body, var, Q_OVERWRITES, &call->loc, &use, NULL);
	if (found && !use.overwrite)
		return;
	if (found)
		report(u->ctx, &call->loc, u->fn->name,
		       "result of %s stored in '%s' is overwritten at line %u before it is checked",
		       what, var, use.loc.line);
	else
		report(u->ctx, &call->loc, u->fn->name,
		       "result of %s stored in '%s' is never checked", what, var);
}

static void run(struct ur_ctx *u, const struct fx_stmt *s)
{
	const struct fx_expr *e;
	char buf[256];
	const char *what;
	unsigned i;
	bool loop;

	if (!s)
		return;
	e = s->expr;
	if (s->kind == FXS_EXPR && e && !is_void_cast(e)) {
		e = fx_strip(e);
		if ((what = must_check(u, e, buf, sizeof(buf))))
			report(u->ctx, &e->loc, u->fn->name,
			       "result of %s is ignored: it can fail, and the caller goes on as if it had succeeded",
			       what);
		else if (q_is_assign(e) && fx_strip(e->kids[0])->kind == FXE_IDENT &&
			 fx_strip(e->kids[0])->ref == FXR_LOCAL)
			check_store(u, fx_strip(e->kids[0])->name, fx_strip(e->kids[1]));
	} else if (s->kind == FXS_DECL && e && s->name) {
		check_store(u, s->name, fx_strip(e));
	}
	loop = s->kind == FXS_WHILE || s->kind == FXS_DO || s->kind == FXS_FOR;
	u->loop_depth += loop;
	for (i = 0; i < s->nkids; i++)
		run(u, s->kids[i]);
	u->loop_depth -= loop;
}

static void match_func(struct rule_ctx *ctx, const struct fx_tu *tu, const struct fx_func *fn)
{
	struct ur_ctx u = { ctx, tu, fn, 0 };

	run(&u, fn->body);
}

void rule_unchecked_return_register(struct rule_reg *r)
{
	hook_func(r, match_func);
}
