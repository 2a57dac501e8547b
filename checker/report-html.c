// SPDX-License-Identifier: GPL-2.0
/*
 * report-html.c - one self-contained HTML page (--format=html): a summary
 * by driver (the finding's file) and by rule with CSS bars, then each
 * finding with its message, rule doc link, fix (as a diff) or why there is
 * none, and source excerpts in which the failing path is highlighted: the
 * finding's own line and every related location (the acquisition, the goto
 * taken, the return that leaks; the steps of probe and remove).
 *
 * The page loads nothing (a Content-Security-Policy of default-src 'none')
 * and runs no script.  Every text that comes from a source file, a message
 * or a path is escaped.  Highlighted lines are rows `tr.ln.hl` carrying
 * data-line inside a `table.src` carrying data-file, one `section.finding`
 * per finding: scripts/html-check.py reads them back in a browser.
 *
 * When the run has iommu_ops instances, a Conformance section shows the
 * matrix of --conformance (conformance_build(), the same data as its text
 * and JSON): a row per ops table, its API columns, and a cell per rule
 * (td.c carrying data-rule, data-status and data-n) whose findings link to the row's
 * first finding of that rule.
 *
 * Excerpts come from the bytes the frontend parsed when the file is a TU's
 * main file, else from the file as it is now (read_source(): regular files
 * only, size-capped); a line the file no longer has is said so.
 */
#include <stdlib.h>
#include <string.h>

#include "compdb.h"
#include "conformance.h"
#include "fix.h"
#include "report.h"
#include "util.h"

/* Lines of context around each highlighted line; hunks closer than this merge. */
#define HTML_CONTEXT 2
#define HTML_MERGE_GAP (2 * HTML_CONTEXT + 4)

struct html_src {
	const char *name;
	char *own;		/* text read here (freed), or NULL when a TU's */
	const char *text;
	size_t len;
	size_t *starts;		/* offset of each line */
	unsigned nlines;
	char *why;		/* why there is no text, or NULL */
};

struct html_ctx {
	FILE *out;
	const struct fx_program *prog;
	struct html_src *src;
	unsigned nsrc;
};

/* One highlighted place of a finding: its location (primary) or a related one. */
struct html_mark {
	const char *file;
	unsigned line, col;
	const char *message;
	bool primary;
};

static void put_esc_n(FILE *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		case '\t':
			fputc('\t', out);
			break;
		default:
			/* control characters have no place in the page */
			if (c < 0x20 || c == 0x7f)
				fputs("\xef\xbf\xbd", out);
			else
				fputc(c, out);
		}
	}
}

static void put_esc(FILE *out, const char *s)
{
	put_esc_n(out, s ? s : "", (size_t)-1);
}

static void src_index(struct html_src *s)
{
	size_t i, cap = 64;

	s->starts = xmalloc(cap * sizeof(*s->starts));
	s->starts[s->nlines++] = 0;
	for (i = 0; i < s->len; i++) {
		if (s->text[i] != '\n' || i + 1 == s->len)
			continue;
		if (s->nlines == cap) {
			cap *= 2;
			s->starts = xrealloc(s->starts, cap * sizeof(*s->starts));
		}
		s->starts[s->nlines++] = i + 1;
	}
}

/* The text of file name: a TU's parsed bytes, else the file read now. */
static struct html_src *src_get(struct html_ctx *c, const char *name)
{
	char err[512] = "", *path;
	struct html_src *s;
	unsigned i;

	for (i = 0; i < c->nsrc; i++)
		if (!strcmp(c->src[i].name, name))
			return &c->src[i];
	c->src = xrealloc(c->src, (c->nsrc + 1) * sizeof(*c->src));
	s = &c->src[c->nsrc++];
	memset(s, 0, sizeof(*s));
	s->name = name;
	for (i = 0; i < c->prog->ntus && !s->text; i++) {
		const struct fx_tu *tu = c->prog->tus[i];

		if (tu && tu->src && !strcmp(tu->file, name)) {
			s->text = tu->src;
			s->len = tu->src_len;
		}
	}
	/* a header: as named, else beside a TU's directory (compile DB mode) */
	if (!s->text && !read_source(name, &s->own, &s->len, err, sizeof(err)))
		s->text = s->own;
	for (i = 0; i < c->prog->ntus && !s->text && name[0] != '/'; i++) {
		const struct fx_tu *tu = c->prog->tus[i];

		path = tu && tu->directory ? path_join(tu->directory, name) : NULL;
		if (path && !read_source(path, &s->own, &s->len, err, sizeof(err)))
			s->text = s->own;
		free(path);
	}
	if (!s->text)
		s->why = xstrdup(err[0] ? err : "not found");
	else
		src_index(s);
	return s;
}

static void src_free(struct html_ctx *c)
{
	unsigned i;

	for (i = 0; i < c->nsrc; i++) {
		free(c->src[i].own);
		free(c->src[i].starts);
		free(c->src[i].why);
	}
	free(c->src);
}

static const char *const html_head =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<meta name=\"generator\" content=\"iommu-lint ";
static const char *const html_head2 =
	"\">\n<title>iommu-lint report</title>\n<style>\n"
	"body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#1f2328;background:#fff}\n"
	"h1{font-size:22px;margin:16px 0 4px}h2{font-size:17px;margin:22px 0 8px;border-bottom:1px solid #d0d7de}\n"
	"code,pre,.src{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:12.5px}\n"
	".run{color:#59636e;margin:0 0 8px}.summary{display:flex;gap:24px;flex-wrap:wrap;align-items:flex-start}\n"
	".scroll{max-height:300px;overflow-y:auto;border:1px solid #d0d7de;border-radius:4px}\n"
	"table.counts{border-collapse:collapse;min-width:320px}table.counts td,table.counts th{padding:2px 8px;text-align:left;white-space:nowrap}\n"
	"table.counts td.n{text-align:right}td.bar{width:180px}.bar span{display:block;height:11px;background:#0969da;border-radius:2px}\n"
	"table.counts tr:nth-child(even){background:#f6f8fa}table.counts caption{text-align:left;padding:2px 8px;color:#59636e}\n"
	"section.finding{border:1px solid #d0d7de;border-radius:6px;margin:14px 0;padding:8px 12px}\n"
	".fhead{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}.fno{color:#59636e}\n"
	".sev{font-size:11px;font-weight:600;text-transform:uppercase;padding:1px 6px;border-radius:10px;color:#fff;background:#9a6700}\n"
	".sev-error .sev{background:#cf222e}.sev-note .sev{background:#59636e}\n"
	".rule{font-weight:600}.where{color:#59636e}.msg{margin:6px 0}\n"
	"ol.steps{margin:4px 0 8px;padding-left:22px}ol.steps li{margin:1px 0}\n"
	".fname{margin:8px 0 2px;color:#59636e}\n"
	"table.src{border-collapse:collapse;width:100%;tab-size:8;background:#f6f8fa;border-radius:4px}\n"
	"table.src td{padding:0 8px;white-space:pre;vertical-align:top}table.src td.no{color:#8c959f;text-align:right;width:1%;user-select:none}\n"
	"tr.hl td{background:#fff8c5}tr.hl.primary td{background:#ffebe9}tr.hl td.no{color:#1f2328;font-weight:600}\n"
	"tr.note td.text{white-space:normal;color:#0550ae;font-family:system-ui,sans-serif;font-style:italic;padding-bottom:2px}\n"
	"tr.gap td{color:#8c959f;text-align:center}\n"
	".fix{margin-top:6px}.fix pre{background:#f6f8fa;padding:6px 8px;overflow-x:auto;margin:4px 0}.fix .add{color:#116329}.fix .del{color:#82071e}\n"
	".nofix{color:#59636e}.nosrc{color:#82071e}a{color:#0969da}\n"
	".xscroll{overflow-x:auto}.legend{color:#59636e;font-size:12.5px;margin:4px 0}\n"
	"table.conf{border-collapse:collapse;font-size:12.5px}table.conf td,table.conf th{padding:2px 6px;border:1px solid #d0d7de;white-space:nowrap;text-align:left}\n"
	"table.conf td.c,table.conf th.c{text-align:center}table.conf td.fail{background:#ffebe9;font-weight:600}\n"
	"table.conf td.pass{color:#116329}table.conf td.na,table.conf td.off{color:#8c959f}table.conf caption{text-align:left;padding:2px 0;color:#59636e}\n"
	"</style>\n</head>\n<body>\n";

/* Row of a counts table (key: the rule id or the whole file name): label, count, bar. */
static void count_row(FILE *out, const char *href, const char *key, const char *label, unsigned n,
		      unsigned max)
{
	fputs("<tr data-key=\"", out);
	put_esc(out, key);
	fputs("\"><td>", out);
	if (href) {
		fputs("<a href=\"", out);
		put_esc(out, href);
		fputs("\">", out);
	}
	fputs("<code>", out);
	put_esc(out, label);
	fputs(href ? "</code></a>" : "</code>", out);
	fprintf(out, "</td><td class=\"n\">%u</td><td class=\"bar\"><span style=\"width:%u%%\"></span></td></tr>\n",
		n, max ? (n * 100 + max - 1) / max : 0);
}

/* Findings per rule, in registry order; rules without findings are left out. */
static void summary_rules(FILE *out, const struct findings *f)
{
	unsigned count[RULE_COUNT] = { 0 }, max = 0, i;
	char href[256];

	for (i = 0; i < f->n; i++)
		if (f->v[i].rule >= 0 && f->v[i].rule < RULE_COUNT)
			count[f->v[i].rule]++;
	for (i = 0; i < RULE_COUNT; i++)
		if (count[i] > max)
			max = count[i];
	fputs("<table class=\"counts\" id=\"by-rule\"><tr><th>rule</th><th>findings</th><th></th></tr>\n", out);
	for (i = 0; i < RULE_COUNT; i++) {
		if (!count[i])
			continue;
		snprintf(href, sizeof(href), "docs/rules/%s.md", rule_meta[i].id);
		count_row(out, href, rule_meta[i].id, rule_meta[i].id, count[i], max);
	}
	fputs("</table>\n", out);
}

/*
 * Findings per driver (file); findings are sorted by file, so runs are
 * groups.  The directory all of them share is said once, above.
 */
static void summary_drivers(FILE *out, const struct findings *f)
{
	unsigned i, j, max = 0;
	size_t pre = 0;
	char href[32];

	for (i = 0; i < f->n; i++) {
		const char *a = f->v[0].file, *b = f->v[i].file;
		size_t k, slash = 0;

		for (k = 0; a[k] && a[k] == b[k] && (!i || k < pre); k++)
			if (a[k] == '/')
				slash = k + 1;
		pre = slash;
	}
	for (i = 0; i < f->n; i = j) {
		for (j = i; j < f->n && !strcmp(f->v[j].file, f->v[i].file); j++)
			;
		if (j - i > max)
			max = j - i;
	}
	fputs("<div class=\"scroll\"><table class=\"counts\" id=\"by-driver\">", out);
	if (pre) {
		fputs("<caption>in <code>", out);
		put_esc_n(out, f->v[0].file, pre);
		fputs("</code></caption>", out);
	}
	fputs("<tr><th>driver</th><th>findings</th><th></th></tr>\n", out);
	for (i = 0; i < f->n; i = j) {
		for (j = i; j < f->n && !strcmp(f->v[j].file, f->v[i].file); j++)
			;
		snprintf(href, sizeof(href), "#f%u", i + 1);
		count_row(out, href, f->v[i].file, f->v[i].file + pre, j - i, max);
	}
	fputs("</table></div>\n", out);
}

static int cmp_uint(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x < y ? -1 : x > y;
}

/* Source line n (1-based) of s without its newline, or NULL past the end. */
static const char *src_line(const struct html_src *s, unsigned n, size_t *len)
{
	size_t a, b;

	if (!s->text || !n || n > s->nlines)
		return NULL;
	a = s->starts[n - 1];
	b = n < s->nlines ? s->starts[n] - 1 : s->len;
	while (b > a && (s->text[b - 1] == '\r' || s->text[b - 1] == '\n'))
		b--;
	*len = b - a;
	return s->text + a;
}

/*
 * The excerpt of one file of finding k: the highlighted lines with
 * HTML_CONTEXT lines around them, near hunks merged, each highlighted line
 * followed by its notes.
 */
static void excerpt(struct html_ctx *c, unsigned k, unsigned fidx, const char *file,
		    const struct html_mark *m, unsigned nm)
{
	struct html_src *s = src_get(c, file);
	unsigned *lines = xmalloc(nm * sizeof(*lines)), nl = 0, i, j, from, to, last = 0;
	FILE *out = c->out;

	for (i = 0; i < nm; i++)
		if (!strcmp(m[i].file, file))
			lines[nl++] = m[i].line;
	qsort(lines, nl, sizeof(*lines), cmp_uint);
	fputs("<div class=\"fname\"><code>", out);
	put_esc(out, file);
	fputs("</code></div>\n", out);
	if (s->why) {
		fputs("<div class=\"nosrc\">source not available: ", out);
		put_esc(out, s->why);
		fputs("</div>\n", out);
	}
	fputs("<table class=\"src\" data-file=\"", out);
	put_esc(out, file);
	fputs("\">\n", out);
	for (i = 0; i < nl; i = j) {
		/* one hunk: lines[i..j) whose windows touch */
		for (j = i + 1; j < nl && lines[j] <= lines[j - 1] + HTML_MERGE_GAP; j++)
			;
		from = lines[i] > HTML_CONTEXT ? lines[i] - HTML_CONTEXT : !!lines[i];
		to = lines[j - 1] + HTML_CONTEXT;
		if (s->text && to > s->nlines)
			to = s->nlines > lines[j - 1] ? s->nlines : lines[j - 1];
		if (!s->text) {
			from = lines[i];
			to = lines[j - 1];
		}
		if (last && from <= last)
			from = last + 1;
		if (last && from > last + 1)
			fputs("<tr class=\"gap\"><td class=\"no\"></td><td>&#8942;</td></tr>\n", out);
		for (; from <= to; from++) {
			bool hl = false, primary = false;
			const char *text;
			size_t len = 0;
			unsigned q;

			for (q = 0; q < nm; q++) {
				if (m[q].line != from || strcmp(m[q].file, file))
					continue;
				hl = true;
				primary |= m[q].primary;
			}
			if (!hl && (!s->text || !from))
				continue;
			text = src_line(s, from, &len);
			fprintf(out, "<tr class=\"ln%s%s\" id=\"f%u-s%u-L%u\" data-line=\"%u\"><td class=\"no\">%u</td><td class=\"code\">",
				hl ? " hl" : "", primary ? " primary" : "", k, fidx, from, from, from);
			if (text)
				put_esc_n(out, text, len);
			else if (!from)
				fputs("<span class=\"nosrc\">(no line given)</span>", out);
			else if (s->text)
				fputs("<span class=\"nosrc\">(past the end of the file as it is now)</span>", out);
			fputs("</td></tr>\n", out);
			for (q = 0; q < nm; q++) {
				if (m[q].primary || m[q].line != from || strcmp(m[q].file, file))
					continue;
				fputs("<tr class=\"note\"><td class=\"no\"></td><td class=\"text\">&#8627; ", out);
				put_esc(out, m[q].message);
				fputs("</td></tr>\n", out);
			}
		}
		last = to;
	}
	fputs("</table>\n", out);
	free(lines);
}

/* The finding's fix as a unified diff (checker/fix.c), one class per line kind. */
static void put_fix(struct html_ctx *c, const struct finding *x)
{
	struct findings one = { 1, 1, (struct finding *)x };
	FILE *out = c->out, *mem;
	char *buf = NULL, *p, *nl;
	size_t len = 0;

	fputs("<div class=\"fix\">", out);
	if (!x->nedits) {
		fputs("<span class=\"nofix\">No automatic fix", out);
		if (x->no_fix) {
			fputs(": ", out);
			put_esc(out, x->no_fix);
		}
		fputs(".</span></div>\n", out);
		return;
	}
	fputs("<b>Fix</b>", out);
	if (x->fix_title) {
		fputs(": ", out);
		put_esc(out, x->fix_title);
	}
	fputs(" (<code>--fix</code> applies it)", out);
	if (x->fix_why) {
		fputs("<div>", out);
		put_esc(out, x->fix_why);
		fputs("</div>", out);
	}
	mem = open_memstream(&buf, &len);
	if (!mem)
		die_oom();
	if (fix_write_diff(mem, c->prog, &one))
		fputs("(the diff could not be written)\n", mem);
	fclose(mem);
	fputs("<pre>", out);
	for (p = buf; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		fputs(*p == '+' && strncmp(p, "+++", 3) ? "<span class=\"add\">" :
		      *p == '-' && strncmp(p, "---", 3) ? "<span class=\"del\">" : "<span>", out);
		put_esc_n(out, p, len);
		fputs("</span>\n", out);
	}
	fputs("</pre></div>\n", out);
	free(buf);
}

static void put_finding(struct html_ctx *c, const struct finding *x, unsigned k)
{
	struct html_mark *m = xmalloc((x->nrelated + 1) * sizeof(*m));
	const char **files = xmalloc((x->nrelated + 1) * sizeof(*files));
	const char *sev = severity_name(x->severity);
	unsigned nm = 0, nf = 0, i, j;
	FILE *out = c->out;

	m[nm++] = (struct html_mark){ x->file, x->line, x->col, "finding", true };
	for (i = 0; i < x->nrelated; i++)
		m[nm++] = (struct html_mark){ x->related[i].file, x->related[i].line,
					      x->related[i].col, x->related[i].message, false };
	for (i = 0; i < nm; i++) {
		for (j = 0; j < nf && strcmp(files[j], m[i].file); j++)
			;
		if (j == nf)
			files[nf++] = m[i].file;
	}
	fprintf(out, "<section class=\"finding sev-%s\" id=\"f%u\" data-rule=\"%s\" data-file=\"", sev,
		k, rule_meta[x->rule].id);
	put_esc(out, x->file);
	fprintf(out, "\" data-line=\"%u\">\n<div class=\"fhead\"><span class=\"fno\">#%u</span><span class=\"sev\">%s</span>"
		"<a class=\"rule\" href=\"docs/rules/%s.md\">%s</a><span class=\"where\"><code>",
		x->line, k, sev, rule_meta[x->rule].id, rule_meta[x->rule].id);
	put_esc(out, x->file);
	fprintf(out, ":%u:%u</code>", x->line, x->col);
	if (x->symbol && *x->symbol) {
		fputs(" in <code>", out);
		put_esc(out, x->symbol);
		fputs("</code>", out);
	}
	fputs("</span></div>\n<p class=\"msg\">", out);
	put_esc(out, x->message);
	fputs("</p>\n", out);
	if (x->nrelated) {
		fputs("<ol class=\"steps\">\n", out);
		for (i = 0; i < nm; i++) {
			for (j = 0; strcmp(files[j], m[i].file); j++)
				;
			fprintf(out, "<li><a href=\"#f%u-s%u-L%u\"><code>", k, j, m[i].line);
			put_esc(out, m[i].file);
			fprintf(out, ":%u</code></a> ", m[i].line);
			put_esc(out, m[i].primary ? "the finding" : m[i].message);
			fputs("</li>\n", out);
		}
		fputs("</ol>\n", out);
	}
	for (j = 0; j < nf; j++)
		excerpt(c, k, j, files[j], m, nm);
	put_fix(c, x);
	fputs("</section>\n", out);
	free(files);
	free(m);
}

static void conf_cell(FILE *out, const struct conf_row *r, int k)
{
	static const char *const cls[] = { "fail", "pass", "na", "off" };
	enum conf_status st = r->status[k];

	fprintf(out, "<td class=\"c %s\" data-rule=\"%s\" data-status=\"%s\" data-n=\"%u\">",
		cls[st], rule_meta[k].id, conformance_status_name(st), r->count[k]);
	if (st == CONF_FAIL)
		fprintf(out, "<a href=\"#f%u\">%u</a>", r->first[k], r->count[k]);
	else
		fputs(conformance_status_name(st), out);
	fputs("</td>", out);
}

/* The --conformance matrix: a row per iommu_ops instance, only when there is one. */
static void conformance_section(FILE *out, const struct conf_matrix *m)
{
	size_t pre = conformance_common_dir(m);
	unsigned i, c, un = 0;
	char sid[16];
	int k;

	if (!m->nrows)
		return;
	for (i = 0; i < m->nothers; i++)
		for (k = 0; k < RULE_COUNT; k++)
			un += m->others[i].count[k];
	fprintf(out, "<h2>Conformance</h2>\n<p class=\"legend\">%u iommu_ops instance%s; a cell per rule: its findings (a link to the first), "
		"pass (the rule ran on the file and found nothing), n/a (nothing the rule checks in the file), "
		"off (rule not run); API labels ending in &#39;?&#39; are under <code>#if</code>.",
		m->nrows, m->nrows == 1 ? "" : "s");
	if (un)
		fprintf(out, " %u finding%s in files that define no iommu_ops %s not in a row.", un,
			un == 1 ? "" : "s", un == 1 ? "is" : "are");
	fputs("</p>\n<div class=\"xscroll\"><table class=\"conf\" id=\"conformance\">", out);
	if (pre) {
		fputs("<caption>in <code>", out);
		put_esc_n(out, m->rows[0].ops->loc.file, pre);
		fputs("</code></caption>", out);
	}
	fputs("<tr><th>file</th><th>ops</th><th>api</th>", out);
	for (c = 0; c < m->ncols; c++) {
		fputs("<th>", out);
		put_esc(out, m->cols[c]);
		fputs("</th>", out);
	}
	for (k = 0; k < RULE_COUNT; k++) {
		conformance_short_id(rule_meta[k].id, sid, sizeof(sid));
		fprintf(out, "<th class=\"c\" title=\"%s\"><a href=\"docs/rules/%s.md\">%s</a></th>",
			rule_meta[k].id, rule_meta[k].id, sid);
	}
	fputs("</tr>\n", out);
	for (i = 0; i < m->nrows; i++) {
		const struct conf_row *r = &m->rows[i];

		fputs("<tr data-file=\"", out);
		put_esc(out, r->ops->loc.file);
		fputs("\" data-ops=\"", out);
		put_esc(out, r->ops->name);
		fputs("\"><td><code>", out);
		put_esc(out, r->ops->loc.file + pre);
		fputs("</code></td><td><code>", out);
		put_esc(out, r->ops->name);
		fputs("</code></td><td>", out);
		if (r->version)
			fprintf(out, "&ge;%u.%u", r->version / 100, r->version % 100);
		else
			fputs("?", out);
		fputs("</td>", out);
		for (c = 0; c < m->ncols; c++) {
			fputs("<td>", out);
			put_esc(out, r->api[c][0] ? r->api[c] : "-");
			fputs("</td>", out);
		}
		for (k = 0; k < RULE_COUNT; k++)
			conf_cell(out, r, k);
		fputs("</tr>\n", out);
	}
	fputs("</table></div>\n", out);
}

int report_html(FILE *out, const struct rule_settings *rs, const struct fx_program *prog,
		const struct findings *f, const struct run_summary *sum)
{
	struct html_ctx c = { .out = out, .prog = prog };
	struct conf_matrix m = { 0 };
	unsigned i;

	if (conformance_build(&m, rs, prog, f))
		die_oom();

	fputs(html_head, out);
	fputs(IOMMU_LINT_VERSION, out);
	fputs(html_head2, out);
	fputs("<h1>iommu-lint report</h1>\n<p class=\"run\">", out);
	fprintf(out, "<span id=\"total\">%u</span> finding%s", sum->findings,
		sum->findings == 1 ? "" : "s");
	if (sum->notes)
		fprintf(out, " (%u note%s)", sum->notes, sum->notes == 1 ? "" : "s");
	fprintf(out, " in %u TUs (%u parsed, %u skipped by prefilter, %u failed), %u functions; iommu-lint %s</p>\n",
		sum->tus, sum->parsed, sum->skipped, sum->failed, sum->functions,
		IOMMU_LINT_VERSION);
	if (sum->failed) {
		fputs("<h2>Failed translation units</h2>\n<ul class=\"failures\">\n", out);
		for (i = 0; i < sum->failed; i++) {
			fputs("<li><code>", out);
			put_esc(out, sum->failures[i].file);
			fputs("</code>: ", out);
			put_esc(out, sum->failures[i].reason);
			fputs("</li>\n", out);
		}
		fputs("</ul>\n", out);
	}
	if (f->n) {
		fputs("<h2>Summary</h2>\n<div class=\"summary\">\n", out);
		summary_drivers(out, f);
		summary_rules(out, f);
		fputs("</div>\n", out);
	} else {
		fputs("<p>No findings.</p>\n", out);
	}
	conformance_section(out, &m);
	conformance_free(&m);
	if (f->n)
		fputs("<h2>Findings</h2>\n", out);
	for (i = 0; i < f->n; i++)
		put_finding(&c, &f->v[i], i + 1);
	fputs("</body>\n</html>\n", out);
	src_free(&c);
	return ferror(out) ? -1 : 0;
}
