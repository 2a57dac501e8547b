// SPDX-License-Identifier: GPL-2.0
/*
 * ppeval.c - a main file's #if conditions, decided as its compile command
 * decides them, for the fast reading (frontend-ts/ts.c blanks the branches
 * the compiler drops, as it blanks "#if 0" blocks).
 *
 * Known: a name defined by -D (its value, or 1) or undefined by -U; a
 * CONFIG_ symbol when the build's include/generated/autoconf.h is there
 * (absent there: not set, 0, as kconfig leaves it); a name the file itself
 * #defines or #undefs above the condition (an object-like value that is a
 * number); defined(), IS_ENABLED(), IS_BUILTIN(), IS_MODULE() of those;
 * integer arithmetic, comparisons, !, &&, || (short-circuit over what is
 * not known), ?:.  Not known (-1): any other name (a header may define it:
 * __BIG_ENDIAN, BITS_PER_LONG), any other function-like macro.  A branch
 * that is not known is read as the text shows it, and said (confirm.c
 * hands a TU with a finding or a rule's call in such code to libclang).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cfg-internal.h"
#include "ppeval.h"
#include "util.h"

#define UNKNOWN INT64_MIN

struct pp_def {
	char *name;
	char *value;		/* NULL: #undef / -U */
};

struct pp_env {
	const char *autoconf;	/* the build's autoconf.h text, or NULL */
	unsigned n, cap;
	struct pp_def *v;	/* -D/-U, then the file's lines, the last one wins */
};

static void env_set(struct pp_env *env, const char *name, size_t n, const char *val, size_t vn)
{
	struct pp_def *d;

	if (env->n == env->cap) {
		env->cap = env->cap ? 2 * env->cap : 16;
		env->v = xrealloc(env->v, env->cap * sizeof(*env->v));
	}
	d = &env->v[env->n++];
	d->name = xmalloc(n + 1);
	memcpy(d->name, name, n);
	d->name[n] = '\0';
	d->value = NULL;
	if (val) {
		d->value = xmalloc(vn + 1);
		memcpy(d->value, val, vn);
		d->value[vn] = '\0';
	}
}

/* The last definition of name: 1 with *value (NULL: undefined), or 0 when never set. */
static bool env_get(const struct pp_env *env, const char *name, size_t n, const char **value)
{
	unsigned i;

	for (i = env->n; i-- > 0;)
		if (strlen(env->v[i].name) == n && !memcmp(env->v[i].name, name, n)) {
			*value = env->v[i].value;
			return true;
		}
	return false;
}

struct pp_env *pp_env_new(const struct tu_job *job)
{
	struct pp_env *env;
	int i;

	if (!job || !job->argc)
		return NULL;
	env = xcalloc(1, sizeof(*env));
	env->autoconf = job->directory ? kconfig_autoconf(job->directory) : NULL;
	for (i = 0; i < job->argc; i++) {
		const char *a = job->argv[i], *v, *eq;
		bool def = !strncmp(a, "-D", 2), undef = !strncmp(a, "-U", 2);

		if (!def && !undef)
			continue;
		v = a[2] ? a + 2 : i + 1 < job->argc ? job->argv[++i] : "";
		eq = strchr(v, '=');
		if (undef)
			env_set(env, v, strlen(v), NULL, 0);
		else if (eq)
			env_set(env, v, (size_t)(eq - v), eq + 1, strlen(eq + 1));
		else
			env_set(env, v, strlen(v), "1", 1);
	}
	return env;
}

void pp_env_free(struct pp_env *env)
{
	unsigned i;

	if (!env)
		return;
	for (i = 0; i < env->n; i++) {
		free(env->v[i].name);
		free(env->v[i].value);
	}
	free(env->v);
	free(env);
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\\' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

void pp_env_directive(struct pp_env *env, bool define, const char *p, const char *end)
{
	const char *name, *v;

	if (!env)
		return;
	p = skip_ws(p, end);
	name = p;
	while (p < end && ident_char_c((unsigned char)*p))
		p++;
	if (p == name)
		return;
	if (!define) {
		env_set(env, name, (size_t)(p - name), NULL, 0);
		return;
	}
	if (p < end && *p == '(') {	/* function-like: its uses are not decided */
		env_set(env, name, (size_t)(p - name), "(", 1);
		return;
	}
	v = skip_ws(p, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	env_set(env, name, (size_t)(p - name), v, (size_t)(end - v));
}

/* ---- the expression ---- */

struct ev {
	const struct pp_env *env;
	const char *p, *end;
	unsigned depth;
};

static int64_t cond(struct ev *e);

static void ws(struct ev *e)
{
	for (;;) {
		e->p = skip_ws(e->p, e->end);
		if (e->p + 1 < e->end && e->p[0] == '/' && e->p[1] == '*') {
			const char *q = e->p + 2;

			while (q + 1 < e->end && !(q[0] == '*' && q[1] == '/'))
				q++;
			e->p = q + 1 < e->end ? q + 2 : e->end;
			continue;
		}
		if (e->p + 1 < e->end && e->p[0] == '/' && e->p[1] == '/')
			e->p = e->end;
		return;
	}
}

static bool eat(struct ev *e, const char *op)
{
	size_t n = strlen(op);

	ws(e);
	if ((size_t)(e->end - e->p) < n || memcmp(e->p, op, n))
		return false;
	/* "<" is not "<<" or "<=", "&" not "&&", "|" not "||", "!" not "!=" */
	if (n == 1 && e->p + 1 < e->end && strchr("<>&|=!", *op) &&
	    (e->p[1] == *op || (e->p[1] == '=' && *op != '=' && *op != '&' && *op != '|')))
		return false;
	e->p += n;
	return true;
}

/* A value the kernel build gives a name: 1/0/number, UNKNOWN. */
static int64_t name_value(struct ev *e, const char *name, size_t n);

static int64_t number(const char *s, const char *end, bool *ok)
{
	char buf[64], *x;
	size_t n = (size_t)(end - s);
	long long v;

	*ok = false;
	if (!n || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	v = strtoll(buf, &x, 0);
	while (*x == 'u' || *x == 'U' || *x == 'l' || *x == 'L')
		x++;
	*ok = x != buf && !*x;
	return v;
}

/* defined(X): 1, 0, UNKNOWN. */
static int64_t is_defined(const struct pp_env *env, const char *name, size_t n)
{
	const char *v;

	if (env_get(env, name, n, &v))
		return v != NULL;
	if (n > 7 && !memcmp(name, "CONFIG_", 7) && env->autoconf)
		return kconfig_defined(env->autoconf, name, n, "");
	return UNKNOWN;
}

static int64_t primary(struct ev *e)
{
	const char *s;
	int64_t v;
	bool ok;

	if (++e->depth > 64)
		return UNKNOWN;
	ws(e);
	if (eat(e, "(")) {
		v = cond(e);
		if (!eat(e, ")"))
			return UNKNOWN;
		return v;
	}
	if (eat(e, "!")) {
		v = primary(e);
		return v == UNKNOWN ? UNKNOWN : !v;
	}
	if (eat(e, "-")) {
		v = primary(e);
		return v == UNKNOWN ? UNKNOWN : -v;
	}
	if (eat(e, "~")) {
		v = primary(e);
		return v == UNKNOWN ? UNKNOWN : ~v;
	}
	s = e->p;
	if (e->p < e->end && *e->p >= '0' && *e->p <= '9') {
		while (e->p < e->end && ident_char_c((unsigned char)*e->p))
			e->p++;
		v = number(s, e->p, &ok);
		return ok ? v : UNKNOWN;
	}
	if (e->p < e->end && ident_start_c((unsigned char)*e->p)) {
		size_t n;

		while (e->p < e->end && ident_char_c((unsigned char)*e->p))
			e->p++;
		n = (size_t)(e->p - s);
		if (n == 7 && !memcmp(s, "defined", 7)) {
			bool paren = eat(e, "(");
			const char *a;
			size_t an;

			ws(e);
			a = e->p;
			while (e->p < e->end && ident_char_c((unsigned char)*e->p))
				e->p++;
			an = (size_t)(e->p - a);
			if (!an || (paren && !eat(e, ")")))
				return UNKNOWN;
			return is_defined(e->env, a, an);
		}
		ws(e);
		if (e->p < e->end && *e->p == '(') {
			/* IS_ENABLED(CONFIG_X) and kin (kconfig.c); any other call is not known */
			const char *a;
			size_t an;
			int k;

			e->p++;
			ws(e);
			a = e->p;
			while (e->p < e->end && ident_char_c((unsigned char)*e->p))
				e->p++;
			an = (size_t)(e->p - a);
			if (!an || !eat(e, ")"))
				return UNKNOWN;
			k = kconfig_is(e->env->autoconf, s, n, a, an);
			return k < 0 ? UNKNOWN : k;
		}
		return name_value(e, s, n);
	}
	return UNKNOWN;
}

static int64_t name_value(struct ev *e, const char *name, size_t n)
{
	const char *v;
	int64_t x;
	bool ok;

	if (env_get(e->env, name, n, &v)) {
		if (!v)
			return 0;	/* #undef'd: 0 in #if */
		if (!*v)
			return UNKNOWN;	/* "#define X": an empty #if operand, an error */
		x = number(v, v + strlen(v), &ok);
		if (ok)
			return x;
		/* another name: one level (#define A B) */
		if (ident_start_c((unsigned char)*v) && e->depth < 32) {
			struct ev sub = { e->env, v, v + strlen(v), e->depth + 8 };

			x = cond(&sub);
			ws(&sub);
			return sub.p == sub.end ? x : UNKNOWN;
		}
		return UNKNOWN;
	}
	if (n > 7 && !memcmp(name, "CONFIG_", 7) && e->env->autoconf) {
		const char *p = e->env->autoconf;

		/* "#define CONFIG_X 1", "#define CONFIG_X 0x10", a string: not a number */
		while ((p = strstr(p, "#define "))) {
			p += 8;
			if (!strncmp(p, name, n) && p[n] == ' ') {
				const char *q = p + n + 1, *end = strchr(q, '\n');

				x = number(q, end ? end : q + strlen(q), &ok);
				return ok ? x : UNKNOWN;
			}
		}
		return 0;	/* not set */
	}
	return UNKNOWN;
}

static int64_t binary(struct ev *e, int level);

/* Operators by precedence, loosest first (|| and && below, with short-circuit). */
static const char *const levels[][5] = {
	{ "|" }, { "^" }, { "&" }, { "==", "!=" }, { "<=", ">=", "<", ">" },
	{ "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof(levels) / sizeof(levels[0]))

static int64_t apply(const char *op, int64_t a, int64_t b)
{
	if (a == UNKNOWN || b == UNKNOWN)
		return UNKNOWN;
	switch (op[0]) {
	case '|': return a | b;
	case '^': return a ^ b;
	case '&': return a & b;
	case '=': return a == b;
	case '!': return a != b;
	case '<': return op[1] == '=' ? a <= b : op[1] == '<' ? (b >= 0 && b < 63 ? a << b : UNKNOWN) : a < b;
	case '>': return op[1] == '=' ? a >= b : op[1] == '>' ? (b >= 0 && b < 63 ? a >> b : UNKNOWN) : a > b;
	case '+': return a + b;
	case '-': return a - b;
	case '*': return a * b;
	case '/': return b ? a / b : UNKNOWN;
	default: return b ? a % b : UNKNOWN;
	}
}

static int64_t binary(struct ev *e, int level)
{
	int64_t a, b;
	unsigned i;
	bool more = true;

	if (level == NLEVELS)
		return primary(e);
	a = binary(e, level + 1);
	while (more) {
		more = false;
		for (i = 0; i < 5 && levels[level][i]; i++)
			if (eat(e, levels[level][i])) {
				b = binary(e, level + 1);
				a = apply(levels[level][i], a, b);
				more = true;
				break;
			}
	}
	return a;
}

static int64_t and_expr(struct ev *e)
{
	int64_t a = binary(e, 0), b;

	while (eat(e, "&&")) {
		b = binary(e, 0);
		a = (a == 0 || b == 0) ? 0 : (a == UNKNOWN || b == UNKNOWN) ? UNKNOWN : 1;
	}
	return a;
}

static int64_t or_expr(struct ev *e)
{
	int64_t a = and_expr(e), b;

	while (eat(e, "||")) {
		b = and_expr(e);
		a = (a != 0 && a != UNKNOWN) || (b != 0 && b != UNKNOWN) ? 1 :
		    (a == UNKNOWN || b == UNKNOWN) ? UNKNOWN : 0;
	}
	return a;
}

static int64_t cond(struct ev *e)
{
	int64_t c = or_expr(e), a, b;

	if (!eat(e, "?"))
		return c;
	a = cond(e);
	if (!eat(e, ":"))
		return UNKNOWN;
	b = cond(e);
	return c == UNKNOWN ? (a == b ? a : UNKNOWN) : c ? a : b;
}

int pp_eval(const struct pp_env *env, const char *p, const char *end)
{
	struct ev e = { env, p, end, 0 };
	int64_t v;

	if (!env)
		return -1;
	v = cond(&e);
	ws(&e);
	if (v == UNKNOWN || e.p != e.end)
		return -1;
	return v != 0;
}

int pp_defined(const struct pp_env *env, const char *name, size_t n)
{
	int64_t v;

	if (!env)
		return -1;
	v = is_defined(env, name, n);
	return v == UNKNOWN ? -1 : (int)v;
}
