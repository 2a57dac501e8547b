// SPDX-License-Identifier: GPL-2.0
/*
 * confirm.c - which TUs the auto engine hands to libclang.
 *
 * --engine=auto reads every TU with tree-sitter and runs the rules over
 * the whole program.  A finding is final as read when the code it rests
 * on is code the text alone shows as the compiler sees it; libclang reads
 * the TU again (and the rules run again over the mixed program) when it
 * is not:
 *
 *  - the fast reading left something out (a limit note: nesting too deep,
 *    lone CRs): the TU is confirmed whether or not it has a finding, since
 *    what was left out may hold one;
 *  - a declaration a finding or its evidence sits in (the function or the
 *    file-scope variable around each location) has a conditional
 *    directive inside that the fast reading could not decide by the
 *    compile command (ppeval.c: it reads the branches the compiler keeps
 *    when -D, the build's autoconf.h and the file's own #defines decide
 *    the condition; otherwise both);
 *  - that declaration uses a macro the file defines whose body leaves
 *    the function or loop (return, goto, break, continue) or calls a word
 *    of the running rules' prefilters (a put, a register): what the rule
 *    would match is inside the expansion the text does not see;
 *  - with or without a finding, a function that calls a rule's word and
 *    has such an undecided #if or such a macro inside: a put the compiler
 *    drops, a lookup behind a macro, may be a finding the text misses.
 *
 * Macros of headers are the rules' own business: they match the calls the
 * kernel's headers define by name in both engines (make engine-agreement).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "confirm.h"
#include "util.h"

const char *const confirm_why_name[CONFIRM_WHY_COUNT] = {
	[CONFIRM_NONE] = "none",
	[CONFIRM_LIMIT] = "limit",
	[CONFIRM_PPCOND] = "#if",
	[CONFIRM_MACRO] = "macro",
	[CONFIRM_ALL] = "all",
};

/* Leaving the function or the loop from inside a macro: paths the text cannot see. */
static const char *const control_words[] = { "return", "goto", "break", "continue" };

/* The TU of prog that holds file (a finding's or a related location's path), or -1. */
static int tu_index(const struct fx_program *prog, const char *file)
{
	unsigned k;

	for (k = 0; k < prog->ntus; k++)
		if (!strcmp(prog->tus[k]->file, file))
			return (int)k;
	return -1;
}

/* Start of line (1-based) in tu's text, or NULL past the end. */
static const char *line_start(const struct fx_tu *tu, unsigned line)
{
	const char *p = tu->src, *end = tu->src + tu->src_len;

	while (--line && p < end) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			return NULL;
		p++;
	}
	return p < end ? p : NULL;
}

/* The declaration around line: a function body or a file-scope variable; else the line. */
static void decl_range(const struct fx_tu *tu, unsigned line, unsigned *a, unsigned *b)
{
	unsigned i;

	*a = *b = line;
	for (i = 0; i < tu->nfuncs; i++)
		if (tu->funcs[i].loc.line <= line && line <= tu->funcs[i].end_line) {
			*a = tu->funcs[i].loc.line;
			*b = tu->funcs[i].end_line;
			return;
		}
	for (i = 0; i < tu->nvars; i++)
		if (tu->vars[i].loc.line <= line && line <= tu->vars[i].end_line) {
			*a = tu->vars[i].loc.line;
			*b = tu->vars[i].end_line;
			return;
		}
}

/* Is the directive at p (just after '#') a conditional? */
static bool is_cond_directive(const char *p, const char *end)
{
	static const char *const dirs[] = { "if", "ifdef", "ifndef", "elif", "else", "endif",
					    "elifdef", "elifndef" };
	size_t n = 0, i;

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	while (p + n < end && isalpha((unsigned char)p[n]))
		n++;
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (strlen(dirs[i]) == n && !strncmp(p, dirs[i], n))
			return true;
	return false;
}

/* A macro the file defines whose expansion a rule could care about. */
struct risky {
	unsigned n, cap;
	char **name;
	bool *word;		/* its body has a rule's word (not only control flow) */
};


/*
 * Does [p, end) call a rule's word: "put_device(", "of_find_device_by_node
 * (" (not container_of, which the fast reading takes for the conversion
 * it is, nor a word used as a field or a type: pdev->class, struct device).
 */
static bool calls_word(const char *p, const char *end, const char *words)
{
	const char *w, *q;
	size_t n;

	for (w = words; *w; w += strlen(w) + 1) {
		if (!strcmp(w, "container_of"))
			continue;
		n = strlen(w);
		for (q = p; q < end && (q = memmem(q, (size_t)(end - q), w, n)); q += n) {
			const char *e = q + n;

			if ((q > p && ident_char_c((unsigned char)q[-1])) || (e < end && ident_char_c((unsigned char)*e)))
				continue;
			while (e < end && (*e == ' ' || *e == '\t'))
				e++;
			if (e < end && *e == '(')
				return true;
		}
	}
	return false;
}

/* 0: harmless; 1: control flow out of it; 2: a call of a rule's word. */
static int body_risky(const char *p, const char *end, const char *words)
{
	size_t i;

	if (calls_word(p, end, words))
		return 2;
	for (i = 0; i < sizeof(control_words) / sizeof(control_words[0]); i++)
		if (text_has_token(p, end, control_words[i]))
			return 1;
	return 0;
}

/* Every #define of the file (continued lines joined) whose body is risky. */
static void risky_macros(const struct fx_tu *tu, const char *words, struct risky *r)
{
	const char *p = tu->src, *end = tu->src + tu->src_len;

	while (p < end) {
		const char *eol = p, *q, *name;
		size_t n;
		int k;

		/* the logical line: up to a newline not preceded by a backslash */
		while (eol < end && (*eol != '\n' || (eol > p && eol[-1] == '\\')))
			eol++;
		for (q = p; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < eol && *q == '#') {
			for (q++; q < eol && (*q == ' ' || *q == '\t'); q++)
				;
			if (eol - q > 6 && !strncmp(q, "define", 6) && !ident_char_c((unsigned char)q[6])) {
				for (q += 6; q < eol && (*q == ' ' || *q == '\t'); q++)
					;
				name = q;
				while (q < eol && ident_char_c((unsigned char)*q))
					q++;
				n = (size_t)(q - name);
				k = n ? body_risky(q, eol, words) : 0;
				if (k) {
					if (r->n == r->cap) {
						r->cap = r->cap ? 2 * r->cap : 16;
						r->name = xrealloc(r->name, r->cap * sizeof(*r->name));
						r->word = xrealloc(r->word, r->cap * sizeof(*r->word));
					}
					r->word[r->n] = k == 2;
					r->name[r->n] = xmalloc(n + 1);
					memcpy(r->name[r->n], name, n);
					r->name[r->n++][n] = '\0';
				}
			}
		}
		p = eol + 1;
	}
}

static void risky_free(struct risky *r)
{
	unsigned i;

	for (i = 0; i < r->n; i++)
		free(r->name[i]);
	free(r->name);
	free(r->word);
	memset(r, 0, sizeof(*r));
}

/*
 * Did the fast reading leave the conditional at line open (both branches
 * read)?  It decides the ones its compile command decides (ppeval.c).
 */
static bool pp_open(const struct fx_tu *tu, unsigned line)
{
	unsigned i;

	if (!tu->pp_decided)
		return true;
	for (i = 0; i < tu->npp_open; i++)
		if (tu->pp_open[i] == line)
			return true;
	return false;
}

/*
 * Why lines [a, b] of tu may read otherwise to the compiler: a conditional
 * directive, or a risky macro of the file (CONFIRM_NONE: they cannot).
 * With words (the scan of code with no finding yet), only when the code or
 * the macro has a rule's word: what a rule could find there.
 */
static enum confirm_why check_range(const struct fx_tu *tu, unsigned a, unsigned b,
				    const struct risky *r, const char *words)
{
	const char *p = line_start(tu, a), *start = p, *end, *eol;
	enum confirm_why why = CONFIRM_NONE;
	bool macro_word = false;
	unsigned l, i;

	if (!p)
		return CONFIRM_NONE;
	end = tu->src + tu->src_len;
	for (l = a; l <= b && p < end; l++, p = eol + 1) {
		const char *q = p;

		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		if (q < eol && *q == '#' && is_cond_directive(q + 1, eol) && pp_open(tu, l)) {
			why = CONFIRM_PPCOND;
			if (!words)
				return why;
		}
		for (i = 0; i < r->n; i++)
			if (text_has_token(p, eol, r->name[i])) {
				why = why == CONFIRM_NONE ? CONFIRM_MACRO : why;
				macro_word |= r->word[i];
				if (!words)
					return why;
			}
	}
	if (why == CONFIRM_NONE || !words || macro_word)
		return why;
	return calls_word(start, p < end ? p : end, words) ? why : CONFIRM_NONE;
}

/* Why the declaration around line of tu cannot be taken as read (CONFIRM_NONE: it can). */
static enum confirm_why check_decl(const struct fx_tu *tu, unsigned line, const struct risky *r)
{
	unsigned a, b;

	decl_range(tu, line, &a, &b);
	return check_range(tu, a, b, r, NULL);
}

struct tu_state {
	bool scanned;
	struct risky risky;
};

static void mark(const struct fx_program *prog, struct tu_state *st, enum confirm_why *why,
		 const char *words, const char *file, unsigned line)
{
	int k = file ? tu_index(prog, file) : -1;
	enum confirm_why w;

	if (k < 0 || why[k] != CONFIRM_NONE)
		return;
	if (!st[k].scanned) {
		risky_macros(prog->tus[k], words, &st[k].risky);
		st[k].scanned = true;
	}
	w = check_decl(prog->tus[k], line, &st[k].risky);
	if (w != CONFIRM_NONE)
		why[k] = w;
}

unsigned confirm_select(const struct fx_program *prog, const struct findings *f,
			const char *words, bool all, enum confirm_why *why)
{
	struct tu_state *st = xcalloc(prog->ntus + 1, sizeof(*st));
	unsigned i, j, n = 0;

	for (i = 0; i < prog->ntus; i++)
		why[i] = prog->tus[i]->nlimits ? CONFIRM_LIMIT : CONFIRM_NONE;
	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		int k;

		if (all) {
			k = tu_index(prog, x->file);
			if (k >= 0 && why[k] == CONFIRM_NONE)
				why[k] = CONFIRM_ALL;
			continue;
		}
		mark(prog, st, why, words, x->file, x->line);
		for (j = 0; j < x->nrelated; j++)
			mark(prog, st, why, words, x->related[j].file, x->related[j].line);
	}
	/*
	 * What the text may miss: a function with a rule's word whose body
	 * has an #if or a risky macro (the put under #ifdef that the compiler
	 * drops, the lookup behind a macro), with or without a finding.
	 */
	for (i = 0; i < prog->ntus && !all; i++) {
		const struct fx_tu *tu = prog->tus[i];

		for (j = 0; j < tu->nfuncs && why[i] == CONFIRM_NONE; j++) {
			if (!st[i].scanned) {
				risky_macros(tu, words, &st[i].risky);
				st[i].scanned = true;
			}
			why[i] = check_range(tu, tu->funcs[j].loc.line, tu->funcs[j].end_line,
					     &st[i].risky, words);
		}
	}
	for (i = 0; i < prog->ntus; i++) {
		n += why[i] != CONFIRM_NONE;
		risky_free(&st[i].risky);
	}
	free(st);
	return n;
}
