// SPDX-License-Identifier: GPL-2.0
/*
 * options.c - command line parsing, getopt_long-style from one table of
 * options (opt_defs, also kbuild.c's list of own words in a CHECK command),
 * in layers so a config file's words can come before the command line's.
 * Rule switches go through one generic table lookup: -W<id>, -Wno-<id>,
 * -Werror=<id>, -Werror, -Wall.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "shard.h"
#include "report.h"
#include "util.h"

void options_usage(FILE *out)
{
	fputs("usage: iommu-lint [options] [file.c ...] [-- compiler flags]\n"
	      "an option's value follows = or is the next word (-xV or -x V for a letter)\n"
	      "  -p DIR|FILE        read compile_commands.json (positional files restrict the scan)\n"
	      "  --files-from=FILE  scan the files FILE lists, one path a line (-: stdin);\n"
	      "                     blank lines are ignored\n"
	      "  -j, --jobs=N       parse N translation units in parallel (default: cores)\n"
	      "  --format=FMT       text (gcc-style, default), json, sarif, codequality (GitLab\n"
	      "                     Code Quality), patch (the fixes as a unified diff), or html\n"
	      "                     (one self-contained page)\n"
	      "  -o, --output=FILE  write the report to FILE (atomically; CHECK mode appends)\n"
	      "  --color[=WHEN]     colour the text report: auto (default: on a terminal, unless\n"
	      "                     NO_COLOR is set), always or never\n"
	      "  --caret[=WHEN]     the source line and a caret under each location: auto\n"
	      "                     (default: on a terminal, never in CHECK mode), always or never;\n"
	      "                     --no-caret is --caret=never\n"
	      "  --progress[=WHEN]  TUs done / total, elapsed time and the file in work on stderr:\n"
	      "                     auto (default: stderr a terminal, not CI), always or never\n"
	      "  --conformance      the report is the per-driver conformance matrix (text or\n"
	      "                     --format=json; docs/conformance.md)\n"
	      "  -W<id> -Wno-<id>   enable or disable a rule; -Werror=<id>, -Werror, -Wall\n"
	      "                     (-Wno- of an unknown id is a warning, as with gcc)\n"
	      "  --fail-on=LEVEL    error, warning (default) or note: the lowest finding level\n"
	      "                     that makes the exit status 1\n"
	      "  --kernel=VER       IOMMU API version (e.g. 6.1) when the tree's iommu.h is not parsed\n"
	      "  -k, --keep-going   report TUs that fail to parse but do not fail the run\n"
	      "  --list-rules       list the rules and exit\n"
	      "  --explain RULE     print the documentation of a rule and exit (no RULE: list)\n"
	      "  --stats            print timing and size figures on stderr\n"
	      "  --dump-facts       print the facts IR of each parsed TU and exit\n"
	      "  --print-commands   print the sanitised compile commands as a compile DB and exit\n"
	      "  --staged           scan the staged .c/.h changes; report findings in changed code only\n"
	      "  --diff REV         the same for the working tree against revision REV\n"
	      "  --baseline FILE    hide the findings FILE lists; --write-baseline FILE writes one\n"
	      "  --list-suppressions  print every inline suppression with its reason and exit\n"
	      "  --kbuild           CHECK mode: make C=1|2 CHECK=iommu-lint (detected from the argv);\n"
	      "                     findings exit 0 unless --fail-on-findings\n"
	      "  --with-sparse[=P]  CHECK mode: also run sparse (or P) on the same command\n"
	      "  --sarif-dir DIR    also leave this run's SARIF log in DIR (or $IOMMU_LINT_SARIF_DIR)\n"
	      "  --merge DIR        merge the SARIF logs in DIR into one (-o FILE) and exit;\n"
	      "                     a DIR of --shard facts: run the rules over all of them\n"
	      "                     (the report in --format, sarif by default)\n"
	      "  --shard=K/N        parse every Nth TU from the Kth (sorted by path) and\n"
	      "                     leave their facts in --sarif-dir for --merge (docs/ci.md)\n"
	      "  --fix              apply the findings' fixes in place (docs/fixes.md); exit 0\n"
	      "                     when every finding was fixed, 1 when some remain\n"
	      "  --export-fixes FILE  write the fixes as a unified diff (git apply, patch -p1)\n"
	      "  --patch-dir DIR    one git format-patch mail per fix in DIR (git am)\n"
	      "  --engine=auto|clang|ts  auto: tree-sitter for every TU, libclang again for\n"
	      "                     the TUs whose findings rest on #if or macro code\n"
	      "                     (default with -p or -- flags); clang: libclang for\n"
	      "                     every TU; ts: tree-sitter only (default for bare files)\n"
	      "  --confirm=needed|all  auto: libclang for the TUs that need it (default),\n"
	      "                     or for every TU with a finding\n"
	      "  --fast             --engine=ts\n"
	      "  --print-config     print the options of the .iommu-lint files and the command\n"
	      "                     line, and where each came from, and exit; --no-config\n"
	      "                     reads no .iommu-lint file\n"
	      "  -q, --quiet        no summary line\n"
	      "  -h, --help, --version\n"
	      "exit status: 0 no findings (notes do not count), 1 findings, 2 tool failure\n", out);
}

/* ARG_WORD: optional, and may be the next word when that is not an option */
enum opt_arg { ARG_NONE, ARG_REQUIRED, ARG_OPTIONAL, ARG_WORD };

enum opt_id {
	OPT_BASELINE, OPT_CARET, OPT_COLOR, OPT_COMPDB, OPT_CONFORMANCE, OPT_DIFF, OPT_DUMP_FACTS,
	OPT_ENGINE, OPT_CONFIRM, OPT_EXPLAIN, OPT_EXPORT_FIXES, OPT_FAIL_ON, OPT_FAIL_ON_FINDINGS, OPT_FAST,
	OPT_FILES_FROM, OPT_FIX, OPT_FORMAT, OPT_HELP, OPT_JOBS, OPT_KBUILD, OPT_KEEP_GOING,
	OPT_KERNEL, OPT_LIST_RULES, OPT_LIST_SUPPRESSIONS, OPT_MERGE, OPT_SHARD, OPT_NO_CARET, OPT_NO_PROGRESS,
	OPT_OUTPUT, OPT_PATCH_DIR, OPT_PRINT_COMMANDS, OPT_PROGRESS, OPT_QUIET, OPT_SARIF_DIR,
	OPT_STAGED, OPT_STATS, OPT_VERSION, OPT_WITH_SPARSE, OPT_WRITE_BASELINE,
};

/*
 * Every option but the -W rule switches, as getopt_long would have them:
 * a long name (--name, --name=V, --name V; no abbreviations, as gcc), a
 * short letter (-x, -xV, -x V), or both.  check: also iommu-lint's own
 * word in a kbuild CHECK command (kbuild.c), where everything else is
 * handed to the compiler.
 */
static const struct opt_def {
	const char *name;
	char letter;
	enum opt_arg arg;
	enum opt_id id;
	bool check;
} opt_defs[] = {
	{ "baseline", 0, ARG_REQUIRED, OPT_BASELINE, false },
	{ "caret", 0, ARG_OPTIONAL, OPT_CARET, true },
	{ "color", 0, ARG_OPTIONAL, OPT_COLOR, true },
	{ "confirm", 0, ARG_REQUIRED, OPT_CONFIRM, true },
	{ "conformance", 0, ARG_NONE, OPT_CONFORMANCE, false },
	{ "diff", 0, ARG_REQUIRED, OPT_DIFF, false },
	{ "dump-facts", 0, ARG_NONE, OPT_DUMP_FACTS, true },
	{ "engine", 0, ARG_REQUIRED, OPT_ENGINE, true },
	{ "explain", 0, ARG_WORD, OPT_EXPLAIN, false },
	{ "export-fixes", 0, ARG_REQUIRED, OPT_EXPORT_FIXES, false },
	{ "fail-on", 0, ARG_REQUIRED, OPT_FAIL_ON, true },
	{ "fail-on-findings", 0, ARG_NONE, OPT_FAIL_ON_FINDINGS, true },
	{ "fast", 0, ARG_NONE, OPT_FAST, false },
	{ "files-from", 0, ARG_REQUIRED, OPT_FILES_FROM, false },
	{ "fix", 0, ARG_NONE, OPT_FIX, false },
	{ "format", 0, ARG_REQUIRED, OPT_FORMAT, true },
	{ "help", 'h', ARG_NONE, OPT_HELP, false },
	{ "jobs", 'j', ARG_REQUIRED, OPT_JOBS, true },
	{ "kbuild", 0, ARG_NONE, OPT_KBUILD, true },
	{ "keep-going", 'k', ARG_NONE, OPT_KEEP_GOING, true },
	{ "kernel", 0, ARG_REQUIRED, OPT_KERNEL, true },
	{ "list-rules", 0, ARG_NONE, OPT_LIST_RULES, false },
	{ "list-suppressions", 0, ARG_NONE, OPT_LIST_SUPPRESSIONS, false },
	{ "merge", 0, ARG_REQUIRED, OPT_MERGE, false },
	{ "no-caret", 0, ARG_NONE, OPT_NO_CARET, true },
	{ "no-progress", 0, ARG_NONE, OPT_NO_PROGRESS, false },
	{ "output", 'o', ARG_REQUIRED, OPT_OUTPUT, true },
	{ "patch-dir", 0, ARG_REQUIRED, OPT_PATCH_DIR, false },
	{ "print-commands", 0, ARG_NONE, OPT_PRINT_COMMANDS, true },
	{ "progress", 0, ARG_OPTIONAL, OPT_PROGRESS, false },
	{ "quiet", 'q', ARG_NONE, OPT_QUIET, true },
	{ "sarif-dir", 0, ARG_REQUIRED, OPT_SARIF_DIR, true },
	{ "shard", 0, ARG_REQUIRED, OPT_SHARD, false },
	{ "staged", 0, ARG_NONE, OPT_STAGED, false },
	{ "stats", 0, ARG_NONE, OPT_STATS, true },
	{ "version", 0, ARG_NONE, OPT_VERSION, false },
	{ "with-sparse", 0, ARG_OPTIONAL, OPT_WITH_SPARSE, true },
	{ "write-baseline", 0, ARG_REQUIRED, OPT_WRITE_BASELINE, false },
	{ NULL, 'p', ARG_REQUIRED, OPT_COMPDB, false },
};

#define NOPTS (sizeof(opt_defs) / sizeof(opt_defs[0]))

/* err = "origin: message" (origin NULL: the command line, no prefix). */
static int __attribute__((format(printf, 4, 5)))
fail(char *err, size_t errlen, const char *origin, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s%s%s", origin ? origin : "", origin ? ": " : "", msg);
	return -EINVAL;
}

/*
 * The option word names: its definition, and where its value starts
 * (*inline_value: after '=' or the short letter; NULL when none).
 */
static const struct opt_def *opt_find(const char *word, const char **inline_value)
{
	const char *eq;
	size_t i, n;

	*inline_value = NULL;
	if (word[0] != '-' || !word[1])
		return NULL;
	if (word[1] == '-') {
		eq = strchr(word + 2, '=');
		n = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
		for (i = 0; i < NOPTS; i++) {
			if (!opt_defs[i].name || strlen(opt_defs[i].name) != n ||
			    strncmp(opt_defs[i].name, word + 2, n))
				continue;
			*inline_value = eq ? eq + 1 : NULL;
			return &opt_defs[i];
		}
		return NULL;
	}
	for (i = 0; i < NOPTS; i++) {
		if (opt_defs[i].letter != word[1])
			continue;
		if (word[2] && opt_defs[i].arg == ARG_NONE)
			return NULL;
		*inline_value = word[2] ? word + 2 : NULL;
		return &opt_defs[i];
	}
	return NULL;
}

bool options_check_word(const char *word, bool *value_next)
{
	const struct opt_def *d;
	const char *v;

	*value_next = false;
	d = opt_find(word, &v);
	if (!d || !d->check || (v && d->arg == ARG_NONE))
		return false;
	*value_next = d->arg == ARG_REQUIRED && !v;
	return true;
}

static int rule_switch(struct options *o, const char *arg, const char *origin, char *err,
		       size_t errlen)
{
	const char *id = arg + 2;
	bool enable = true, error = false;
	int r;

	if (!strcmp(arg, "-Wall")) {
		for (r = 0; r < RULE_COUNT; r++)
			o->rules.enabled[r] = true;
		return 0;
	}
	if (!strcmp(arg, "-Werror")) {
		o->rules.werror_all = true;
		return 0;
	}
	if (!strncmp(id, "no-", 3)) {
		enable = false;
		id += 3;
	} else if (!strncmp(id, "error=", 6)) {
		error = true;
		id += 6;
	}
	r = rule_lookup(id);
	if (r < 0 && !enable) {
		/* as gcc: switching off what does not exist is harmless */
		if (!o->no_warnings)
			fprintf(stderr,
				"iommu-lint: warning: %s%sunknown rule id '%s' in %s (see --list-rules)\n",
				origin ? origin : "", origin ? ": " : "", id, arg);
		return 0;
	}
	if (r < 0)
		return fail(err, errlen, origin, "unknown rule id '%s' in %s (see --list-rules)", id,
			    arg);
	o->rules.enabled[r] = enable || error;
	if (error)
		o->rules.werror[r] = true;
	return 0;
}

/* --color, --caret, --progress: auto, always or never; no value is always. */
static int parse_when(const char *v, const char *name, enum when *w, const char *origin,
		      char *err, size_t errlen)
{
	if (!v || !strcmp(v, "always"))
		*w = WHEN_ALWAYS;
	else if (!strcmp(v, "auto"))
		*w = WHEN_AUTO;
	else if (!strcmp(v, "never"))
		*w = WHEN_NEVER;
	else
		return fail(err, errlen, origin, "unknown --%s '%s' (auto, always or never)", name,
			    v);
	return 0;
}

/* Append p to a NULL-terminated array of *n pointers. */
static int push(char ***v, int *n, char *p)
{
	char **grown = realloc(*v, ((size_t)*n + 2) * sizeof(**v));

	if (!grown)
		return -ENOMEM;
	grown[(*n)++] = p;
	grown[*n] = NULL;
	*v = grown;
	return 0;
}

static bool blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return !*s;
}

/*
 * --files-from: append every non-blank line of the list to o->files.  A list
 * that cannot be read, or a line naming no file, is an error.
 */
static int read_files_from(struct options *o, char *err, size_t errlen)
{
	const char *name = strcmp(o->files_from, "-") ? o->files_from : "stdin";
	size_t lines = 1, lineno = 0, len;
	char *p, *next, **grown, why[128];
	struct stat st;

	/* a bounded regular file, or stdin: never a FIFO or a device to wait on or exhaust memory */
	if (read_input(o->files_from, "a file list", LIMIT_FILE_LIST, &o->files_buf, &len, why,
		       sizeof(why))) {
		snprintf(err, errlen, "--files-from %s: %s", name, why);
		return -EINVAL;
	}
	for (p = o->files_buf; *p; p++)
		lines += *p == '\n';
	grown = realloc(o->files, (o->nfiles + lines + 1) * sizeof(*o->files));
	if (!grown) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	o->files = grown;
	for (p = o->files_buf; p && *p; p = next) {
		size_t n;

		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		n = strlen(p);
		if (n && p[n - 1] == '\r')
			p[--n] = '\0';
		if (blank(p))
			continue;
		if (stat(p, &st) || S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "--files-from %s:%zu: '%s' names no file", name, lineno,
				 p);
			return -EINVAL;
		}
		o->files[o->nfiles++] = p;
	}
	o->files[o->nfiles] = NULL;
	return 0;
}

/* One option with its value v (NULL: none given). */
static int apply(struct options *o, const struct opt_def *d, const char *v, const char *origin,
		 char *err, size_t errlen)
{
	unsigned major, minor;
	char *end, tail;

	switch (d->id) {
	case OPT_COMPDB:
		o->compdb = v;
		break;
	case OPT_JOBS:
		errno = 0;
		o->jobs = (int)strtol(v, &end, 10);
		if (errno || !*v || *end || o->jobs < 1 || o->jobs > 256)
			return fail(err, errlen, origin, "-j needs a number from 1 to 256, not '%s'",
				    v);
		break;
	case OPT_OUTPUT:
		o->output = v;
		break;
	case OPT_FILES_FROM:
		o->files_from = v;
		break;
	case OPT_DIFF:
		o->diff_rev = v;
		break;
	case OPT_BASELINE:
		o->baseline = v;
		break;
	case OPT_WRITE_BASELINE:
		o->write_baseline = v;
		break;
	case OPT_STAGED:
		o->staged = true;
		break;
	case OPT_FAST:
		o->engine = ENGINE_TS;
		break;
	case OPT_ENGINE:
		if (!strcmp(v, "ts") || !strcmp(v, "fast"))
			o->engine = ENGINE_TS;
		else if (!strcmp(v, "clang"))
			o->engine = ENGINE_CLANG;
		else if (!strcmp(v, "auto"))
			o->engine = ENGINE_AUTO;
		else
			return fail(err, errlen, origin, "unknown engine '%s' (auto, clang or ts)", v);
		break;
	case OPT_CONFIRM:
		o->confirm_set = true;
		if (!strcmp(v, "all"))
			o->confirm_all = true;
		else if (!strcmp(v, "needed"))
			o->confirm_all = false;
		else
			return fail(err, errlen, origin, "unknown --confirm '%s' (needed or all)", v);
		break;
	case OPT_LIST_SUPPRESSIONS:
		o->list_suppressions = true;
		break;
	case OPT_KBUILD:
		o->kbuild = true;
		break;
	case OPT_FAIL_ON:
		if (!strcmp(v, "error"))
			o->fail_on = SEV_ERROR;
		else if (!strcmp(v, "warning"))
			o->fail_on = SEV_WARNING;
		else if (!strcmp(v, "note"))
			o->fail_on = SEV_NOTE;
		else
			return fail(err, errlen, origin,
				    "unknown --fail-on level '%s' (error, warning or note)", v);
		break;
	case OPT_FAIL_ON_FINDINGS:
		o->fail_on_findings = true;
		break;
	case OPT_WITH_SPARSE:
		if (v && !*v)
			return fail(err, errlen, origin, "--with-sparse= needs a program");
		o->with_sparse = v ? v : "sparse";
		break;
	case OPT_SARIF_DIR:
		o->sarif_dir = v;
		break;
	case OPT_MERGE:
		o->merge_dir = v;
		break;
	case OPT_FIX:
		o->fix = true;
		break;
	case OPT_EXPORT_FIXES:
		o->export_fixes = v;
		break;
	case OPT_PATCH_DIR:
		o->patch_dir = v;
		break;
	case OPT_SHARD:
		return shard_parse(v, &o->shard_k, &o->shard_n, err, errlen) ? -EINVAL : 0;
	case OPT_FORMAT:
		o->format_set = true;
		if (!strcmp(v, "text") || !strcmp(v, "gcc"))
			o->format = FMT_TEXT;
		else if (!strcmp(v, "json"))
			o->format = FMT_JSON;
		else if (!strcmp(v, "sarif"))
			o->format = FMT_SARIF;
		else if (!strcmp(v, "patch"))
			o->format = FMT_PATCH;
		else if (!strcmp(v, "html"))
			o->format = FMT_HTML;
		else if (!strcmp(v, "codequality"))
			o->format = FMT_CODEQUALITY;
		else
			return fail(err, errlen, origin,
				    "unknown --format '%s' (text, json, sarif, codequality, patch or html)",
				    v);
		break;
	case OPT_KERNEL:
		if (sscanf(v, "%u.%u%c", &major, &minor, &tail) != 2 || major < 2 || major > 99 ||
		    minor > 99)
			return fail(err, errlen, origin,
				    "--kernel needs a version such as 6.1, not '%s'", v);
		o->rules.kernel = v;
		break;
	case OPT_CONFORMANCE:
		o->conformance = true;
		break;
	case OPT_EXPLAIN:
		o->explain = true;
		o->explain_id = v;
		break;
	case OPT_KEEP_GOING:
		o->keep_going = true;
		break;
	case OPT_STATS:
		o->stats = true;
		break;
	case OPT_QUIET:
		o->quiet = true;
		break;
	case OPT_PRINT_COMMANDS:
		o->print_commands = true;
		break;
	case OPT_DUMP_FACTS:
		o->dump_facts = true;
		break;
	case OPT_LIST_RULES:
		o->list_rules = true;
		break;
	case OPT_HELP:
		o->help = true;
		break;
	case OPT_VERSION:
		o->version = true;
		break;
	case OPT_COLOR:
		return parse_when(v, d->name, &o->color, origin, err, errlen);
	case OPT_CARET:
		return parse_when(v, d->name, &o->caret, origin, err, errlen);
	case OPT_NO_CARET:
		o->caret = WHEN_NEVER;
		break;
	case OPT_PROGRESS:
		return parse_when(v, d->name, &o->progress, origin, err, errlen);
	case OPT_NO_PROGRESS:
		o->progress = WHEN_NEVER;
		break;
	}
	return 0;
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof(*o));
	rule_settings_default(&o->rules);
	o->fail_on = SEV_WARNING;
}

int options_parse_args(struct options *o, int argc, char **argv, const char *origin, char *err,
		       size_t errlen)
{
	const struct opt_def *d;
	const char *a, *v;
	int i;

	for (i = 0; i < argc; i++) {
		a = argv[i];
		if (!strcmp(a, "--")) {
			/* "--" alone still says: compiler flags given (none), so libclang */
			if (!o->extra) {
				o->extra = calloc(1, sizeof(*o->extra));
				if (!o->extra)
					return fail(err, errlen, NULL, "out of memory");
			}
			for (i++; i < argc; i++)
				if (push(&o->extra, &o->nextra, argv[i]))
					return fail(err, errlen, NULL, "out of memory");
			break;
		}
		if (a[0] != '-' || !a[1]) {
			if (push(&o->files, &o->nfiles, argv[i]))
				return fail(err, errlen, NULL, "out of memory");
			continue;
		}
		if (!strncmp(a, "-W", 2) && a[2]) {
			if (rule_switch(o, a, origin, err, errlen))
				return -EINVAL;
			continue;
		}
		d = opt_find(a, &v);
		if (!d)
			return fail(err, errlen, origin, "unknown option '%s' (see --help)", a);
		if (v && d->arg == ARG_NONE)
			return fail(err, errlen, origin, "option --%s takes no value", d->name);
		if (!v && d->arg == ARG_REQUIRED) {
			if (i + 1 >= argc)
				return fail(err, errlen, origin, "option %s needs a value", a);
			v = argv[++i];
		}
		if (!v && d->arg == ARG_WORD && i + 1 < argc && argv[i + 1][0] != '-')
			v = argv[++i];
		if (apply(o, d, v, origin, err, errlen))
			return -EINVAL;
	}
	return 0;
}

int options_finish(struct options *o, char *err, size_t errlen)
{
	if (o->fix && (o->kbuild || o->staged)) {
		/* CHECK mode runs inside make; --staged scans the index, not the files */
		snprintf(err, errlen, "--fix cannot be used with %s",
			 o->kbuild ? "--kbuild" : "--staged");
		return -EINVAL;
	}
	if (o->kbuild && o->output && (o->format == FMT_JSON || o->format == FMT_SARIF)) {
		/* -o appends one report per file there: a JSON or SARIF log would not parse */
		snprintf(err, errlen, "-o in CHECK mode appends text; use --sarif-dir for SARIF");
		return -EINVAL;
	}
	if (o->staged && o->diff_rev) {
		snprintf(err, errlen, "--staged and --diff cannot be used together");
		return -EINVAL;
	}
	if (o->files_from)
		return read_files_from(o, err, errlen);
	return 0;
}

int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
	options_init(o);
	if (argc > 1 && options_parse_args(o, argc - 1, argv + 1, NULL, err, errlen))
		return -EINVAL;
	return options_finish(o, err, errlen);
}

void options_free(struct options *o)
{
	free(o->files);
	o->files = NULL;
	free(o->extra);
	o->extra = NULL;
	free(o->files_buf);
	o->files_buf = NULL;
}

static bool env_set(const char *name)
{
	const char *v = getenv(name);

	return v && *v;
}

void options_text_style(const struct options *o, bool tty, struct text_style *st)
{
	const char *term = getenv("TERM");

	memset(st, 0, sizeof(*st));
	st->color = o->color == WHEN_ALWAYS ||
		    (o->color == WHEN_AUTO && tty && !env_set("NO_COLOR") &&
		     !(term && !strcmp(term, "dumb")));
	st->caret = o->caret == WHEN_ALWAYS || (o->caret == WHEN_AUTO && tty && !o->kbuild);
	if (!getcwd(st->cwd, sizeof(st->cwd)))
		st->cwd[0] = '\0';
}

bool options_progress(const struct options *o)
{
	const char *term = getenv("TERM");

	if (o->progress != WHEN_AUTO)
		return o->progress == WHEN_ALWAYS;
	/* CI runners (GitHub, GitLab, ...) set CI; their logs keep every byte */
	return !o->kbuild && isatty(STDERR_FILENO) && !env_set("CI") &&
	       !(term && !strcmp(term, "dumb"));
}
