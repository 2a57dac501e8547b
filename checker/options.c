// SPDX-License-Identifier: GPL-2.0
/*
 * options.c - command line parsing.  Rule switches go through one generic
 * table lookup: -W<id>, -Wno-<id>, -Werror=<id>, -Werror, -Wall.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "options.h"
#include "util.h"

void options_usage(FILE *out)
{
	fputs("usage: iommu-lint [options] [file.c ...] [-- compiler flags]\n"
	      "  -p DIR|FILE        read compile_commands.json (positional files restrict the scan)\n"
	      "  --files-from=FILE  scan the files FILE lists, one path a line (-: stdin);\n"
	      "                     blank lines are ignored\n"
	      "  -j N               parse N translation units in parallel (default: cores)\n"
	      "  --format=FMT       text (gcc-style, default), json, sarif, or patch (the fixes\n"
	      "                     as a unified diff)\n"
	      "  -o FILE            write the report to FILE (atomically)\n"
	      "  -W<id> -Wno-<id>   enable or disable a rule; -Werror=<id>, -Werror, -Wall\n"
	      "  --fail-on=LEVEL    error, warning (default) or note: the lowest finding level\n"
	      "                     that makes the exit status 1\n"
	      "  --kernel=VER       IOMMU API version (e.g. 6.1) when the tree's iommu.h is not parsed\n"
	      "  --keep-going       report TUs that fail to parse but do not fail the run\n"
	      "  --list-rules       list the rules and exit\n"
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
	      "  --merge DIR        merge the SARIF logs in DIR into one (-o FILE) and exit\n"
	      "  --fix              apply the findings' fixes in place (docs/fixes.md); exit 0\n"
	      "                     when every finding was fixed, 1 when some remain\n"
	      "  --export-fixes FILE  write the fixes as a unified diff (git apply, patch -p1)\n"
	      "  --patch-dir DIR    one git format-patch mail per fix in DIR (git am)\n"
	      "  --engine=clang|ts  libclang (needs flags or -p) or tree-sitter (text only);\n"
	      "                     default: ts for files with no -p and no -- flags\n"
	      "  --fast             --engine=ts\n"
	      "  --print-config     print the options of the .iommu-lint files and the command\n"
	      "                     line, and where each came from, and exit; --no-config\n"
	      "                     reads no .iommu-lint file\n"
	      "  -q, --quiet        no summary line\n"
	      "  --version, --help\n"
	      "exit status: 0 no findings (notes do not count), 1 findings, 2 tool failure\n", out);
}

static int rule_switch(const char *arg, struct options *o, char *err, size_t errlen)
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
	if (r < 0) {
		snprintf(err, errlen, "unknown rule id '%s' in %s (see --list-rules)", id, arg);
		return -EINVAL;
	}
	o->rules.enabled[r] = enable || error;
	if (error)
		o->rules.werror[r] = true;
	return 0;
}

/* Value of "-x V", "-xV" or "--opt=V" / "--opt V"; advances *i. */
static const char *value_of(int argc, char **argv, int *i, const char *name, char *err,
			    size_t errlen)
{
	const char *a = argv[*i];
	size_t n = strlen(name);

	if (a[n] == '=' && name[1] == '-')
		return a + n + 1;
	if (a[n] && name[1] != '-')
		return a + n;
	if (*i + 1 >= argc) {
		snprintf(err, errlen, "option %s needs a value", name);
		return NULL;
	}
	return argv[++*i];
}

static bool is_opt(const char *a, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(a, name, n))
		return false;
	if (!a[n])
		return true;
	return name[1] == '-' ? a[n] == '=' : true;
}

/* The whole of f, NUL-terminated, malloc'ed; NULL on a read error. */
static char *read_all(FILE *f)
{
	size_t n = 0, cap = 65536, got;
	char *buf = malloc(cap), *grown;

	while (buf) {
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
		if (cap - n - 1 == 0) {
			grown = realloc(buf, cap * 2);
			if (!grown)
				break;
			buf = grown;
			cap *= 2;
		}
	}
	if (buf && (ferror(f) || n == cap - 1)) {
		free(buf);
		return NULL;
	}
	if (buf)
		buf[n] = '\0';
	return buf;
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
	size_t lines = 1, lineno = 0;
	char *p, *next, **grown, why[128];
	struct stat st;
	FILE *f = stdin;
	int fd;

	if (strcmp(o->files_from, "-")) {
		fd = open_regular(o->files_from, why, sizeof(why));
		f = fd >= 0 ? fdopen(fd, "r") : NULL;
		if (!f) {
			snprintf(err, errlen, "--files-from %s: %s", name,
				 fd >= 0 ? strerror(errno) : why);
			if (fd >= 0)
				close(fd);
			return -EINVAL;
		}
	}
	o->files_buf = read_all(f);
	if (f != stdin)
		fclose(f);
	if (!o->files_buf) {
		snprintf(err, errlen, "--files-from %s: cannot read the list", name);
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

int options_parse(int argc, char **argv, struct options *o, char *err, size_t errlen)
{
	const char *v;
	char *end;
	int i;

	memset(o, 0, sizeof(*o));
	rule_settings_default(&o->rules);
	o->fail_on = SEV_WARNING;
	o->files = calloc((size_t)argc + 1, sizeof(*o->files));
	if (!o->files) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--")) {
			o->extra = argv + i + 1;
			o->nextra = argc - i - 1;
			break;
		}
		if (a[0] != '-' || !a[1]) {
			o->files[o->nfiles++] = argv[i];
		} else if (is_opt(a, "-p")) {
			v = value_of(argc, argv, &i, "-p", err, errlen);
			if (!v)
				return -EINVAL;
			o->compdb = v;
		} else if (is_opt(a, "-j")) {
			v = value_of(argc, argv, &i, "-j", err, errlen);
			if (!v)
				return -EINVAL;
			errno = 0;
			o->jobs = (int)strtol(v, &end, 10);
			if (errno || *end || o->jobs < 1 || o->jobs > 256) {
				snprintf(err, errlen, "-j needs a number from 1 to 256, not '%s'", v);
				return -EINVAL;
			}
		} else if (is_opt(a, "-o")) {
			v = value_of(argc, argv, &i, "-o", err, errlen);
			if (!v)
				return -EINVAL;
			o->output = v;
		} else if (is_opt(a, "--files-from")) {
			o->files_from = value_of(argc, argv, &i, "--files-from", err, errlen);
			if (!o->files_from)
				return -EINVAL;
		} else if (is_opt(a, "--diff")) {
			o->diff_rev = value_of(argc, argv, &i, "--diff", err, errlen);
			if (!o->diff_rev)
				return -EINVAL;
		} else if (is_opt(a, "--baseline")) {
			o->baseline = value_of(argc, argv, &i, "--baseline", err, errlen);
			if (!o->baseline)
				return -EINVAL;
		} else if (is_opt(a, "--write-baseline")) {
			o->write_baseline = value_of(argc, argv, &i, "--write-baseline", err, errlen);
			if (!o->write_baseline)
				return -EINVAL;
		} else if (!strcmp(a, "--staged")) {
			o->staged = true;
		} else if (!strcmp(a, "--fast")) {
			o->engine = ENGINE_TS;
		} else if (is_opt(a, "--engine")) {
			v = value_of(argc, argv, &i, "--engine", err, errlen);
			if (!v)
				return -EINVAL;
			if (!strcmp(v, "ts") || !strcmp(v, "fast")) {
				o->engine = ENGINE_TS;
			} else if (!strcmp(v, "clang")) {
				o->engine = ENGINE_CLANG;
			} else {
				snprintf(err, errlen, "unknown engine '%s' (clang or ts)", v);
				return -EINVAL;
			}
		} else if (!strcmp(a, "--list-suppressions")) {
			o->list_suppressions = true;
		} else if (!strcmp(a, "--kbuild")) {
			o->kbuild = true;
		} else if (is_opt(a, "--fail-on")) {
			v = value_of(argc, argv, &i, "--fail-on", err, errlen);
			if (!v)
				return -EINVAL;
			if (!strcmp(v, "error")) {
				o->fail_on = SEV_ERROR;
			} else if (!strcmp(v, "warning")) {
				o->fail_on = SEV_WARNING;
			} else if (!strcmp(v, "note")) {
				o->fail_on = SEV_NOTE;
			} else {
				snprintf(err, errlen, "unknown --fail-on level '%s' (error, warning or note)", v);
				return -EINVAL;
			}
		} else if (!strcmp(a, "--fail-on-findings")) {
			o->fail_on_findings = true;
		} else if (!strcmp(a, "--with-sparse")) {
			o->with_sparse = "sparse";
		} else if (!strncmp(a, "--with-sparse=", 14) && a[14]) {
			o->with_sparse = a + 14;
		} else if (is_opt(a, "--sarif-dir")) {
			o->sarif_dir = value_of(argc, argv, &i, "--sarif-dir", err, errlen);
			if (!o->sarif_dir)
				return -EINVAL;
		} else if (is_opt(a, "--merge")) {
			o->merge_dir = value_of(argc, argv, &i, "--merge", err, errlen);
			if (!o->merge_dir)
				return -EINVAL;
		} else if (!strcmp(a, "--fix")) {
			o->fix = true;
		} else if (is_opt(a, "--export-fixes")) {
			o->export_fixes = value_of(argc, argv, &i, "--export-fixes", err, errlen);
			if (!o->export_fixes)
				return -EINVAL;
		} else if (is_opt(a, "--patch-dir")) {
			o->patch_dir = value_of(argc, argv, &i, "--patch-dir", err, errlen);
			if (!o->patch_dir)
				return -EINVAL;
		} else if (is_opt(a, "--format")) {
			v = value_of(argc, argv, &i, "--format", err, errlen);
			if (!v)
				return -EINVAL;
			if (!strcmp(v, "text") || !strcmp(v, "gcc"))
				o->format = FMT_TEXT;
			else if (!strcmp(v, "json"))
				o->format = FMT_JSON;
			else if (!strcmp(v, "sarif"))
				o->format = FMT_SARIF;
			else if (!strcmp(v, "patch"))
				o->format = FMT_PATCH;
			else {
				snprintf(err, errlen, "unknown --format '%s' (text, json, sarif or patch)", v);
				return -EINVAL;
			}
		} else if (!strncmp(a, "-W", 2) && a[2]) {
			if (rule_switch(a, o, err, errlen))
				return -EINVAL;
		} else if (!strncmp(a, "--kernel=", 9)) {
			unsigned major, minor;
			char tail;

			if (sscanf(a + 9, "%u.%u%c", &major, &minor, &tail) != 2 || major < 2 ||
			    major > 99 || minor > 99) {
				snprintf(err, errlen, "--kernel needs a version such as 6.1, not '%s'", a + 9);
				return -EINVAL;
			}
			o->rules.kernel = a + 9;
		} else if (!strcmp(a, "--keep-going") || !strcmp(a, "-k")) {
			o->keep_going = true;
		} else if (!strcmp(a, "--stats")) {
			o->stats = true;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			o->quiet = true;
		} else if (!strcmp(a, "--print-commands")) {
			o->print_commands = true;
		} else if (!strcmp(a, "--dump-facts")) {
			o->dump_facts = true;
		} else if (!strcmp(a, "--list-rules")) {
			o->list_rules = true;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			o->help = true;
		} else if (!strcmp(a, "--version")) {
			o->version = true;
		} else {
			snprintf(err, errlen, "unknown option '%s' (see --help)", a);
			return -EINVAL;
		}
	}
	if (o->fix && (o->kbuild || o->staged)) {
		/* CHECK mode runs inside make; --staged scans the index, not the files */
		snprintf(err, errlen, "--fix cannot be used with %s",
			 o->kbuild ? "--kbuild" : "--staged");
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

void options_free(struct options *o)
{
	free(o->files);
	o->files = NULL;
	free(o->files_buf);
	o->files_buf = NULL;
}
