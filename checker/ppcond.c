// SPDX-License-Identifier: GPL-2.0
/*
 * ppcond.c - the preprocessor conditions a line of a TU's main file is
 * compiled under, outermost first, each normalised so that spellings of one
 * condition compare equal: #ifdef X, #if defined(X), #if defined X and #if
 * IS_ENABLED(X) are "X"; #ifndef X, the negated forms and the #else of
 * #ifdef X are "!X"; any other expression is kept without blanks.  Read from
 * the text, so branches the compiler never saw are seen too.
 */
#include <stdio.h>
#include <string.h>

#include "ppcond.h"

static bool is_ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* d is wrap + one identifier (+ ")" when wrap ends in "("): the identifier into id. */
static bool cond_unwrap(const char *d, const char *wrap, char *id, size_t size)
{
	size_t n = strlen(wrap), k;

	if (strncmp(d, wrap, n))
		return false;
	d += n;
	for (k = 0; is_ident_char(d[k]); k++)
		;
	if (!k || strcmp(d + k, wrap[n - 1] == '(' ? ")" : ""))
		return false;
	snprintf(id, size, "%.*s", (int)k, d);
	return true;
}

/*
 * A directive's condition without blanks: #ifdef X, #if defined(X), #if
 * defined X and #if IS_ENABLED(X) all say "X"; #ifndef X and the negated
 * forms "!X"; any other expression is kept as written.
 */
static void cond_norm(const char *d, size_t len, char *out, size_t size)
{
	static const char *const wraps[] = { "defined(", "IS_ENABLED(", "defined" };
	char buf[120], id[120];
	size_t i, j = 0, kw;
	bool neg = false;
	unsigned w;

	for (i = 0; i < len && (d[i] == '#' || d[i] == ' ' || d[i] == '\t'); i++)
		;
	for (kw = 0; i + kw < len && is_ident_char(d[i + kw]); kw++)
		;
	neg = kw == 6 && !strncmp(d + i, "ifndef", 6);
	for (i += kw; i < len && j + 1 < sizeof(buf); i++)
		if (d[i] != ' ' && d[i] != '\t' && d[i] != '\\' && d[i] != '\n')
			buf[j++] = d[i];
	buf[j] = 0;
	d = buf;
	if (kw == 6) {	/* #ifdef, #ifndef */
		snprintf(out, size, "%s%s", neg ? "!" : "", d);
		return;
	}
	if (*d == '!') {
		neg = true;
		d++;
	}
	for (w = 0; w < sizeof(wraps) / sizeof(wraps[0]); w++)
		if (cond_unwrap(d, wraps[w], id, sizeof(id))) {
			snprintf(out, size, "%s%s", neg ? "!" : "", id);
			return;
		}
	snprintf(out, size, "%s%s", neg ? "!" : "", d);
}

/* The conditions (outermost first) under which the text at line is compiled. */
void pp_conds_at(const struct fx_tu *tu, unsigned line, struct pp_conds *cs)
{
	const char *p = tu->src, *end = tu->src + tu->src_len;
	unsigned depth = 0, l = 1;

	cs->n = 0;
	while (p && p < end && l < line) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *d = p;
		size_t len;

		if (!eol)
			eol = end;
		while (d < eol && (*d == ' ' || *d == '\t'))
			d++;
		/* a directive continued with '\' spans lines */
		while (*d == '#' && eol < end && eol > p && eol[-1] == '\\') {
			eol = memchr(eol + 1, '\n', (size_t)(end - eol - 1));
			l++;
			if (!eol)
				eol = end;
		}
		len = (size_t)(eol - d);
		if (*d == '#') {
			const char *w = d + 1;

			while (w < eol && (*w == ' ' || *w == '\t'))
				w++;
			if (!strncmp(w, "if", 2)) {
				if (depth < PP_CONDS_MAX)
					cond_norm(d, len, cs->c[depth], sizeof(cs->c[0]));
				depth++;
			} else if (!strncmp(w, "elif", 4) && depth && depth <= PP_CONDS_MAX) {
				cond_norm(d, len, cs->c[depth - 1], sizeof(cs->c[0]));
			} else if (!strncmp(w, "else", 4) && depth && depth <= PP_CONDS_MAX) {
				char *c = cs->c[depth - 1];
				size_t n = strlen(c);

				if (c[0] == '!') {
					memmove(c, c + 1, n);
				} else if (n + 1 < sizeof(cs->c[0])) {
					memmove(c + 1, c, n + 1);
					c[0] = '!';
				}
			} else if (!strncmp(w, "endif", 5) && depth) {
				depth--;
			}
		}
		p = eol + 1;
		l++;
	}
	cs->n = depth < PP_CONDS_MAX ? depth : PP_CONDS_MAX;
}

bool pp_conds_has(const struct pp_conds *cs, const char *c)
{
	unsigned i;

	for (i = 0; i < cs->n; i++)
		if (!strcmp(cs->c[i], c))
			return true;
	return false;
}

