// SPDX-License-Identifier: GPL-2.0
/*
 * compdb.c - compile databases and source files.
 *
 * libclang's CXCompilationDatabase reads the DB; json-c looks at it first
 * only to turn "cannot load" into a message that says what is wrong (a
 * syntax error and where, an entry without "file", an empty list).
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <pthread.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/CXCompilationDatabase.h>
#include <json-c/json.h>

#include "argv.h"
#include "compdb.h"
#include "util.h"

char *path_join(const char *dir, const char *file)
{
	size_t n;
	char *p;

	if (file[0] == '/' || !dir || !dir[0])
		return strdup(file);
	n = strlen(dir) + strlen(file) + 2;
	p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", dir, file);
	return p;
}

int read_source(const char *path, char **buf, size_t *len, char *err, size_t errlen)
{
	int ret = read_input(path, "a source file", LIMIT_SOURCE, buf, len, err, errlen);

	if (ret)
		return ret;
	if (memchr(*buf, '\0', *len)) {
		snprintf(err, errlen, "binary file (contains NUL bytes), not C source");
		free(*buf);
		*buf = NULL;
		return -EINVAL;
	}
	return 0;
}

int jobs_add(struct job_list *jobs, const char *file, const char *directory, int argc,
	     char *const *argv, const char *drop_file)
{
	struct tu_job *j;

	if (jobs->n == jobs->cap) {
		unsigned cap = jobs->cap ? jobs->cap * 2 : 64;
		struct tu_job *v = realloc(jobs->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		jobs->v = v;
		jobs->cap = cap;
	}
	j = &jobs->v[jobs->n];
	memset(j, 0, sizeof(*j));
	j->file = strdup(file);
	j->directory = directory ? strdup(directory) : NULL;
	if (!j->file || (directory && !j->directory))
		return -ENOMEM;
	j->argc = argv_sanitise(argc, argv, drop_file != NULL, drop_file, &j->argv);
	jobs->n++;
	return 0;
}

void jobs_free_one(struct tu_job *job)
{
	free((char *)job->file);
	free((char *)job->directory);
	free(job->real);
	argv_free(job->argc, job->argv);
	memset(job, 0, sizeof(*job));
}

void jobs_free(struct job_list *jobs)
{
	unsigned i;

	for (i = 0; i < jobs->n; i++)
		jobs_free_one(&jobs->v[i]);
	free(jobs->v);
	memset(jobs, 0, sizeof(*jobs));
}

/* Say precisely what is wrong with a DB libclang would only refuse. */
char *path_normal(const char *dir, const char *file);

/*
 * libclang 14's JSON compile DB indexes every file in a trie that assumes
 * each path component is what llvm::sys::path::filename() says; spellings
 * with "." components, "//" or a trailing '/' ("/x/." beside "/x./") send
 * its insert into endless recursion (a crash found by fuzz-compdb).  Such a
 * "file" is replaced by its normal absolute form; true when one was.
 */
static bool normalise_files(struct json_object *root)
{
	bool changed = false;
	size_t i;

	for (i = 0; i < json_object_array_length(root); i++) {
		struct json_object *e = json_object_array_get_idx(root, i), *f, *d;
		const char *file, *dir;
		char *norm, *spelled;
		size_t n;

		json_object_object_get_ex(e, "file", &f);
		json_object_object_get_ex(e, "directory", &d);
		file = json_object_get_string(f);
		dir = json_object_get_string(d);
		spelled = path_join(dir, file);
		norm = path_normal(dir, file);
		if (norm) {
			for (n = strlen(norm); n > 1 && norm[n - 1] == '/'; n--)
				norm[n - 1] = '\0';
		}
		if (spelled && norm && strcmp(spelled, norm)) {
			json_object_object_add(e, "file", json_object_new_string(norm));
			changed = true;
		}
		free(spelled);
		free(norm);
	}
	return changed;
}

/*
 * Check a compile DB's shape before libclang reads it; *fixed, when not
 * NULL on return, is the DB with its file names normalised (to be loaded
 * instead of the file: normalise_files()).
 */
static int validate_json(const char *file, struct json_object **fixed, char *err, size_t errlen)
{
	char *text = NULL, rerr[256];
	size_t len, i;
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	int ret = 0;

	*fixed = NULL;
	ret = read_input(file, "a compile database", LIMIT_COMPDB, &text, &len, rerr, sizeof(rerr));
	if (ret) {
		snprintf(err, errlen, "%s: %s", file, rerr);
		return ret;
	}
	if (memchr(text, '\0', len)) {
		snprintf(err, errlen, "%s: binary file, not a compile database", file);
		ret = -EINVAL;
		goto out_text;
	}
	tok = json_tokener_new();
	if (!tok) {
		ret = -ENOMEM;
		snprintf(err, errlen, "out of memory");
		goto out_text;
	}
	root = json_tokener_parse_ex(tok, text, (int)len);
	jerr = json_tokener_get_error(tok);
	if (!root || jerr != json_tokener_success) {
		snprintf(err, errlen, "%s: malformed compile database: %s near byte %zu", file,
			 jerr == json_tokener_continue ? "unexpected end of file"
						       : json_tokener_error_desc(jerr),
			 json_tokener_get_parse_end(tok));
		ret = -EINVAL;
		goto out_tok;
	}
	for (i = json_tokener_get_parse_end(tok); i < len; i++) {
		if (!isspace((unsigned char)text[i])) {
			snprintf(err, errlen, "%s: malformed compile database: trailing data at byte %zu",
				 file, i);
			ret = -EINVAL;
			goto out_root;
		}
	}
	if (!json_object_is_type(root, json_type_array)) {
		snprintf(err, errlen, "%s: malformed compile database: top level is not a list", file);
		ret = -EINVAL;
		goto out_root;
	}
	if (!json_object_array_length(root)) {
		snprintf(err, errlen, "%s: compile database has no entries", file);
		ret = -ENOENT;
		goto out_root;
	}
	for (i = 0; i < json_object_array_length(root); i++) {
		struct json_object *e = json_object_array_get_idx(root, i), *v;
		const char *miss = NULL;

		if (!json_object_is_type(e, json_type_object))
			miss = "an object";
		else if (!json_object_object_get_ex(e, "file", &v) || !json_object_is_type(v, json_type_string))
			miss = "a \"file\" string";
		else if (!json_object_object_get_ex(e, "directory", &v) ||
			 !json_object_is_type(v, json_type_string))
			miss = "a \"directory\" string";
		else if (!(json_object_object_get_ex(e, "command", &v) &&
			   json_object_is_type(v, json_type_string)) &&
			 !(json_object_object_get_ex(e, "arguments", &v) &&
			   json_object_is_type(v, json_type_array)))
			miss = "a \"command\" string or an \"arguments\" list";
		if (miss) {
			snprintf(err, errlen, "%s: malformed compile database: entry %zu is not %s",
				 file, i, miss);
			ret = -EINVAL;
			goto out_root;
		}
	}
	if (normalise_files(root)) {
		*fixed = root;
		root = NULL;
	}
out_root:
	json_object_put(root);
out_tok:
	json_tokener_free(tok);
out_text:
	free(text);
	return ret;
}

/* libclang loads a DB by directory: give it one holding just our file. */
static int db_dir_for(const char *path, char **dir, char **tmpdir, char **dbfile,
		      char *err, size_t errlen)
{
	const char *base, *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX], *abs, *link;
	struct stat st;

	if (stat(path, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -errno;
	}
	*tmpdir = NULL;
	if (S_ISDIR(st.st_mode)) {
		*dir = strdup(path);
		*dbfile = path_join(path, "compile_commands.json");
		if (access(*dbfile, R_OK)) {
			snprintf(err, errlen, "%s: no compile_commands.json in this directory", path);
			return -ENOENT;
		}
		return 0;
	}
	*dbfile = strdup(path);
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strcmp(base, "compile_commands.json")) {
		*dir = base == path ? strdup(".") : strndup(path, (size_t)(base - path - 1));
		if (!**dir) {
			free(*dir);
			*dir = strdup("/");
		}
		return 0;
	}
	snprintf(tmpl, sizeof(tmpl), "%s/iommu-lint-db.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl)) {
		snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
		return -errno;
	}
	tmp_register(tmpl);
	abs = realpath(path, NULL);
	link = path_join(tmpl, "compile_commands.json");
	if (link)
		tmp_register(link);
	if (!abs || !link || symlink(abs, link)) {
		snprintf(err, errlen, "%s: cannot link into %s", path, tmpl);
		free(abs);
		if (link)
			tmp_unregister(link);
		free(link);
		rmdir(tmpl);
		tmp_unregister(tmpl);
		return -EIO;
	}
	free(abs);
	free(link);
	*dir = strdup(tmpl);
	*tmpdir = strdup(tmpl);
	return 0;
}

char *path_normal(const char *dir, const char *file)
{
	char *p = path_join(dir, file), *o, *q;

	if (!p)
		return NULL;
	for (o = q = p; *q;) {
		if (q[0] == '/' && (q[1] == '/' || (q[1] == '.' && (q[2] == '/' || !q[2])))) {
			q += q[1] == '/' ? 1 : 2;
			continue;
		}
		if (q[0] == '/' && q[1] == '.' && q[2] == '.' && (q[3] == '/' || !q[3]) && o > p) {
			while (o > p && *--o != '/')
				;
			q += 3;
			continue;
		}
		*o++ = *q++;
	}
	*o = '\0';
	return p;
}

/*
 * realpath(p), with the directory's resolved the previous call: a file
 * that is not a symlink resolves to its directory's real path and its own
 * name, and a run's files come directory by directory (realpath() reads
 * every component: 2 % of a whole-tree run, on the main thread).
 */
static char *realpath_in_dir(const char *p, char **dir, char **dir_rp)
{
	const char *slash = strrchr(p, '/');
	struct stat st;
	char *rp;

	if (!slash || slash == p || !slash[1] || !strcmp(slash, "/.") || !strcmp(slash, "/..") ||
	    lstat(p, &st) || S_ISLNK(st.st_mode))
		return realpath(p, NULL);
	if (!*dir || strncmp(*dir, p, (size_t)(slash - p)) || (*dir)[slash - p]) {
		free(*dir);
		free(*dir_rp);
		*dir = strndup(p, (size_t)(slash - p));
		*dir_rp = *dir ? realpath(*dir, NULL) : NULL;
	}
	if (!*dir_rp || asprintf(&rp, "%s%s", strcmp(*dir_rp, "/") ? *dir_rp : "", slash) < 0)
		return realpath(p, NULL);
	return rp;
}

/*
 * fn(from, to, arg) over [0, n) in up to four parts on their own threads
 * (a path per job is a system call or two: 34,000 of them on one thread
 * were a tenth of a second of a whole-tree run before anything else could
 * start).
 */
struct part {
	void (*fn)(unsigned from, unsigned to, void *arg);
	void *arg;
	unsigned from, to;
};

static void *part_run(void *arg)
{
	struct part *p = arg;

	p->fn(p->from, p->to, p->arg);
	return NULL;
}

static void parallel_for(unsigned n, void (*fn)(unsigned from, unsigned to, void *arg),
			 void *arg)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned nt = cpus > 4 ? 4 : cpus < 1 ? 1 : (unsigned)cpus, k;
	struct part parts[4];
	pthread_t tid[4];
	bool started[4] = { false };

	if (n < 1024)
		nt = 1;
	for (k = 0; k < nt; k++) {
		parts[k] = (struct part){ fn, arg, (unsigned)((size_t)n * k / nt),
					  (unsigned)((size_t)n * (k + 1) / nt) };
		started[k] = k && !pthread_create(&tid[k], NULL, part_run, &parts[k]);
	}
	for (k = 0; k < nt; k++)
		if (started[k])
			pthread_join(tid[k], NULL);
		else
			part_run(&parts[k]);
}

/*
 * The file itself, not its spelling: its real path (one lstat() a file,
 * the directory's resolved once: realpath() reads every component), kept
 * in the job for jobs_keep(); else its normalised path.  NULL when out of
 * memory.
 */
static void file_keys(unsigned from, unsigned to, void *arg)
{
	struct job_list *jobs = ((void **)arg)[0];
	char **keys = ((void **)arg)[1];
	char *dir = NULL, *dir_rp = NULL;
	unsigned i;

	for (i = from; i < to; i++) {
		struct tu_job *j = &jobs->v[i];
		char *p = path_join(j->directory, j->file);

		free(j->real);
		j->real = p ? realpath_in_dir(p, &dir, &dir_rp) : NULL;
		keys[i] = j->real ? strdup(j->real) : path_normal(j->directory, j->file);
		free(p);
	}
	free(dir);
	free(dir_rp);
}

/*
 * One job per file (see compdb.h), by real path.  Linear: the keys go
 * through an open-addressing hash set.
 */
int jobs_dedupe(struct job_list *jobs)
{
	size_t cap = 16, mask, i, n = 0;
	char **set, **keys = calloc(jobs->n + 1, sizeof(*keys));
	void *args[2] = { jobs, keys };

	while (cap < 2 * (size_t)jobs->n)
		cap *= 2;
	mask = cap - 1;
	set = calloc(cap, sizeof(*set));
	if (!set || !keys) {
		free(set);
		free(keys);
		return -ENOMEM;
	}
	parallel_for(jobs->n, file_keys, args);
	for (i = 0; i < jobs->n; i++)
		if (!keys[i]) {
			for (i = 0; i < jobs->n; i++)
				free(keys[i]);
			free(keys);
			free(set);
			return -ENOMEM;
		}
	for (i = 0; i < jobs->n; i++) {
		struct tu_job *j = &jobs->v[i];
		char *key = keys[i];
		size_t h;
		bool dup = false;

		for (h = str_hash64(key) & mask; set[h]; h = (h + 1) & mask) {
			if (!strcmp(set[h], key)) {
				dup = true;
				break;
			}
		}
		if (dup) {
			free(key);
			jobs_free_one(j);
			continue;
		}
		set[h] = key;
		jobs->v[n++] = *j;
	}
	jobs->n = (unsigned)n;
	for (i = 0; i < cap; i++)
		free(set[i]);
	free(set);
	free(keys);
	return 0;
}

/*
 * libclang says why a compile DB does not load on stderr, over several lines
 * ("LIBCLANG TOOLING ERROR: fixed-compilation-database: ...\n
 * json-compilation-database: Unknown key: ...\n\n").  Catch it (no other
 * thread runs yet) and keep the json-compilation-database line, or the first
 * one, in why: the run says it in its own one line.
 */
static CXCompilationDatabase load_db(const char *dir, CXCompilationDatabase_Error *cerr,
				     char *why, size_t whylen)
{
	static const char prefix[] = "LIBCLANG TOOLING ERROR: ";
	CXCompilationDatabase db;
	FILE *tmp = tmpfile();
	char line[400];
	int saved = -1;

	why[0] = '\0';
	fflush(stderr);
	if (tmp)
		saved = dup(STDERR_FILENO);
	if (saved >= 0 && dup2(fileno(tmp), STDERR_FILENO) < 0) {
		close(saved);
		saved = -1;
	}
	db = clang_CompilationDatabase_fromDirectory(dir, cerr);
	if (saved >= 0) {
		fflush(stderr);
		dup2(saved, STDERR_FILENO);
		close(saved);
		rewind(tmp);
		while (fgets(line, sizeof(line), tmp)) {
			char *l = line + (strncmp(line, prefix, sizeof(prefix) - 1) ? 0 :
					  sizeof(prefix) - 1);

			l[strcspn(l, "\r\n")] = '\0';
			if (*l && (!why[0] || !strncmp(l, "json-compilation-database:", 26)))
				snprintf(why, whylen, ": %s", l);
		}
	}
	if (tmp)
		fclose(tmp);
	return db;
}

/* The normalised DB (normalise_files()) as DIR/compile_commands.json of a temporary DIR. */
static int write_fixed_db(struct json_object *fixed, char **fixdir, char *err, size_t errlen)
{
	const char *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX], *file;

	snprintf(tmpl, sizeof(tmpl), "%s/iommu-lint-db.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpl)) {
		snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
		return -errno;
	}
	tmp_register(tmpl);
	*fixdir = strdup(tmpl);
	file = path_join(tmpl, "compile_commands.json");
	if (!*fixdir || !file) {
		free(file);
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	tmp_register(file);
	if (json_object_to_file_ext(file, fixed, JSON_C_TO_STRING_PLAIN)) {
		snprintf(err, errlen, "cannot write %s: %s", file, strerror(errno));
		free(file);
		return -EIO;
	}
	free(file);
	return 0;
}

static void remove_fixed_db(char *fixdir)
{
	char *file = path_join(fixdir, "compile_commands.json");

	if (file) {
		unlink(file);
		tmp_unregister(file);
		free(file);
	}
	rmdir(fixdir);
	tmp_unregister(fixdir);
	free(fixdir);
}

int compdb_load(const char *path, struct job_list *jobs, char *err, size_t errlen)
{
	CXCompilationDatabase_Error cerr;
	CXCompilationDatabase db;
	CXCompileCommands cmds;
	char *dir = NULL, *tmpdir = NULL, *dbfile = NULL, *fixdir = NULL, why[512];
	struct json_object *fixed;
	unsigned i, n;
	int ret;

	ret = db_dir_for(path, &dir, &tmpdir, &dbfile, err, errlen);
	if (ret)
		goto out;
	ret = validate_json(dbfile, &fixed, err, errlen);
	if (ret)
		goto out;
	if (fixed) {
		ret = write_fixed_db(fixed, &fixdir, err, errlen);
		json_object_put(fixed);
		if (ret)
			goto out;
	}
	db = load_db(fixdir ? fixdir : dir, &cerr, why, sizeof(why));
	if (cerr != CXCompilationDatabase_NoError || !db) {
		snprintf(err, errlen, "%s: libclang cannot load this compile database%s", dbfile, why);
		ret = -EINVAL;
		goto out;
	}
	cmds = clang_CompilationDatabase_getAllCompileCommands(db);
	n = cmds ? clang_CompileCommands_getSize(cmds) : 0;
	for (i = 0; i < n && !ret; i++) {
		CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
		CXString cdir = clang_CompileCommand_getDirectory(cmd);
		CXString cfile = clang_CompileCommand_getFilename(cmd);
		unsigned a, argc = clang_CompileCommand_getNumArgs(cmd);
		CXString *cargs = calloc(argc + 1, sizeof(*cargs));
		char **argv = calloc(argc + 1, sizeof(*argv));

		if (!cargs || !argv) {
			ret = -ENOMEM;
		} else {
			for (a = 0; a < argc; a++) {
				cargs[a] = clang_CompileCommand_getArg(cmd, a);
				argv[a] = (char *)clang_getCString(cargs[a]);
			}
			ret = jobs_add(jobs, clang_getCString(cfile), clang_getCString(cdir),
				       (int)argc, argv, clang_getCString(cfile));
			for (a = 0; a < argc; a++)
				clang_disposeString(cargs[a]);
		}
		free(cargs);
		free(argv);
		clang_disposeString(cdir);
		clang_disposeString(cfile);
	}
	if (!ret)
		ret = jobs_dedupe(jobs);
	if (ret)
		snprintf(err, errlen, "out of memory");
	else if (!jobs->n) {
		snprintf(err, errlen, "%s: compile database has no entries", dbfile);
		ret = -ENOENT;
	}
	if (cmds)
		clang_CompileCommands_dispose(cmds);
	clang_CompilationDatabase_dispose(db);
out:
	if (fixdir)
		remove_fixed_db(fixdir);
	if (tmpdir) {
		char *link = path_join(tmpdir, "compile_commands.json");

		if (link) {
			unlink(link);
			tmp_unregister(link);
		}
		free(link);
		rmdir(tmpdir);
		tmp_unregister(tmpdir);
	}
	free(tmpdir);
	free(dir);
	free(dbfile);
	return ret;
}


/* The real paths of jobs [from, to) (a file that is gone: its name). */
struct rp_arg {
	struct job_list *jobs;
	char **rps;
};

static void job_realpaths(unsigned from, unsigned to, void *arg)
{
	struct rp_arg *a = arg;
	char *dir = NULL, *dir_rp = NULL;
	unsigned i;

	for (i = from; i < to; i++) {
		struct tu_job *j = &a->jobs->v[i];
		char *p;

		if (j->real) {	/* jobs_dedupe() resolved it */
			a->rps[i] = strdup(j->real);
			continue;
		}
		p = path_join(j->directory, j->file);
		a->rps[i] = p ? realpath_in_dir(p, &dir, &dir_rp) : NULL;
		/* a file that is gone (staged, then deleted) is matched by its name */
		if (!a->rps[i] && p)
			a->rps[i] = path_normal(NULL, p);
		free(p);
	}
	free(dir);
	free(dir_rp);
}

void jobs_keep(struct job_list *jobs, bool (*keep)(const char *realpath, void *arg), void *arg)
{
	char **rps = xcalloc(jobs->n + 1, sizeof(*rps));
	struct rp_arg ra = { jobs, rps };
	unsigned i, n = 0;

	parallel_for(jobs->n, job_realpaths, &ra);
	for (i = 0; i < jobs->n; i++) {
		struct tu_job *j = &jobs->v[i];
		char *rp = rps[i];
		bool match = rp && keep(rp, arg);

		free(rp);
		if (match)
			jobs->v[n++] = *j;
		else
			jobs_free_one(j);
	}
	jobs->n = n;
	free(rps);
}

int path_index_build(struct path_index *ix, const char *const *keys, unsigned n)
{
	size_t cap = 16, h;
	unsigned i;

	while (cap < 2 * (size_t)n)
		cap *= 2;
	ix->mask = cap - 1;
	ix->keys = keys;
	ix->slot = malloc(cap * sizeof(*ix->slot));
	if (!ix->slot)
		return -ENOMEM;
	memset(ix->slot, 0xff, cap * sizeof(*ix->slot));
	for (i = 0; i < n; i++) {
		for (h = str_hash64(keys[i]) & ix->mask; ix->slot[h] >= 0; h = (h + 1) & ix->mask)
			;
		ix->slot[h] = (int)i;
	}
	return 0;
}

int path_index_next(const struct path_index *ix, const char *key, size_t *probe)
{
	if (*probe == PATH_INDEX_START)
		*probe = str_hash64(key) & ix->mask;
	while (ix->slot[*probe] >= 0) {
		int i = ix->slot[*probe];

		*probe = (*probe + 1) & ix->mask;
		if (!strcmp(ix->keys[i], key))
			return i;
	}
	return -1;
}

void path_index_free(struct path_index *ix)
{
	free(ix->slot);
	ix->slot = NULL;
}

struct restrict_match {
	struct path_index ix;
	bool *hit;
};

static bool names_wanted_file(const char *rp, void *arg)
{
	struct restrict_match *m = arg;
	size_t probe = PATH_INDEX_START;
	bool match = false;
	int f;

	while ((f = path_index_next(&m->ix, rp, &probe)) >= 0) {
		m->hit[f] = true;
		match = true;
	}
	return match;
}

int compdb_restrict(struct job_list *jobs, int nfiles, char *const *files, char *err,
		    size_t errlen)
{
	struct restrict_match m = { .hit = calloc((size_t)nfiles + 1, sizeof(*m.hit)) };
	char **want = calloc((size_t)nfiles + 1, sizeof(*want));
	int f, ret = 0;

	if (!want || !m.hit) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out;
	}
	for (f = 0; f < nfiles; f++) {
		want[f] = realpath(files[f], NULL);
		if (!want[f]) {
			snprintf(err, errlen, "%s: %s", files[f], strerror(errno));
			ret = -ENOENT;
			goto out;
		}
	}
	/* a hash index of the wanted files: linear in DB entries + files, not their product */
	if (path_index_build(&m.ix, (const char *const *)want, (unsigned)nfiles)) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out;
	}
	jobs_keep(jobs, names_wanted_file, &m);
	path_index_free(&m.ix);
	for (f = 0; f < nfiles; f++) {
		if (!m.hit[f]) {
			snprintf(err, errlen, "%s: not in the compile database", files[f]);
			ret = -ENOENT;
			break;
		}
	}
out:
	for (f = 0; want && f < nfiles; f++)
		free(want[f]);
	free(want);
	free(m.hit);
	return ret;
}
