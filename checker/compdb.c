// SPDX-License-Identifier: GPL-2.0
/*
 * compdb.c - compile databases and source files.
 *
 * libclang's CXCompilationDatabase reads the DB; json-c looks at it first
 * only to turn "cannot load" into a message that says what is wrong (a
 * syntax error and where, an entry without "file", an empty list).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	struct stat st;
	ssize_t got;
	size_t done = 0;
	char *p;
	int fd, ret = 0;

	fd = open_regular(path, err, errlen);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st)) {
		ret = -errno;
		snprintf(err, errlen, "cannot stat: %s", strerror(errno));
		goto out_close;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is a directory, not a source file");
		ret = -EISDIR;
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		ret = -EINVAL;
		goto out_close;
	}
	if ((unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
		snprintf(err, errlen, "too large for a source file (%lld bytes, limit %u)",
			 (long long)st.st_size, SOURCE_MAX_BYTES);
		ret = -EFBIG;
		goto out_close;
	}
	p = malloc((size_t)st.st_size + 1);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out_close;
	}
	while (done < (size_t)st.st_size) {
		got = read(fd, p + done, (size_t)st.st_size - done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			snprintf(err, errlen, "read failed: %s", got ? strerror(errno) : "short read");
			ret = got ? -errno : -EIO;
			goto out_free;
		}
		done += (size_t)got;
	}
	p[done] = '\0';
	if (memchr(p, '\0', done)) {
		snprintf(err, errlen, "binary file (contains NUL bytes), not C source");
		ret = -EINVAL;
		goto out_free;
	}
	*buf = p;
	*len = done;
	goto out_close;
out_free:
	free(p);
out_close:
	close(fd);
	return ret;
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

void jobs_free(struct job_list *jobs)
{
	unsigned i;

	for (i = 0; i < jobs->n; i++) {
		free((char *)jobs->v[i].file);
		free((char *)jobs->v[i].directory);
		argv_free(jobs->v[i].argc, jobs->v[i].argv);
	}
	free(jobs->v);
	memset(jobs, 0, sizeof(*jobs));
}

/* Say precisely what is wrong with a DB libclang would only refuse. */
static int validate_json(const char *file, char *err, size_t errlen)
{
	char *text = NULL, rerr[256];
	size_t len, i;
	struct json_tokener *tok;
	struct json_object *root;
	enum json_tokener_error jerr;
	int ret = 0;

	ret = read_source(file, &text, &len, rerr, sizeof(rerr));
	if (ret) {
		snprintf(err, errlen, "%s: %s", file,
			 strstr(rerr, "binary") ? "binary file, not a compile database" : rerr);
		return ret;
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
	struct stat st;
	char tmpl[] = "/tmp/iommu-lint-db.XXXXXX", *abs, *link;
	const char *base;

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
	if (!mkdtemp(tmpl)) {
		snprintf(err, errlen, "cannot make a temporary directory: %s", strerror(errno));
		return -errno;
	}
	abs = realpath(path, NULL);
	link = path_join(tmpl, "compile_commands.json");
	if (!abs || !link || symlink(abs, link)) {
		snprintf(err, errlen, "%s: cannot link into %s", path, tmpl);
		free(abs);
		free(link);
		rmdir(tmpl);
		return -EIO;
	}
	free(abs);
	free(link);
	*dir = strdup(tmpl);
	*tmpdir = strdup(tmpl);
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

int compdb_load(const char *path, struct job_list *jobs, char *err, size_t errlen)
{
	CXCompilationDatabase_Error cerr;
	CXCompilationDatabase db;
	CXCompileCommands cmds;
	char *dir = NULL, *tmpdir = NULL, *dbfile = NULL, why[512];
	unsigned i, n;
	int ret;

	ret = db_dir_for(path, &dir, &tmpdir, &dbfile, err, errlen);
	if (ret)
		goto out;
	ret = validate_json(dbfile, err, errlen);
	if (ret)
		goto out;
	db = load_db(dir, &cerr, why, sizeof(why));
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
	if (tmpdir) {
		char *link = path_join(tmpdir, "compile_commands.json");

		if (link)
			unlink(link);
		free(link);
		rmdir(tmpdir);
	}
	free(tmpdir);
	free(dir);
	free(dbfile);
	return ret;
}

void jobs_keep(struct job_list *jobs, bool (*keep)(const char *realpath, void *arg), void *arg)
{
	unsigned i, n = 0;

	for (i = 0; i < jobs->n; i++) {
		struct tu_job *j = &jobs->v[i];
		char *p = path_join(j->directory, j->file), *rp = p ? realpath(p, NULL) : NULL;
		bool match = rp && keep(rp, arg);

		free(p);
		free(rp);
		if (match) {
			jobs->v[n++] = *j;
		} else {
			free((char *)j->file);
			free((char *)j->directory);
			argv_free(j->argc, j->argv);
		}
	}
	jobs->n = n;
}

struct restrict_match {
	int nfiles;
	char **want;
	bool *hit;
};

static bool names_wanted_file(const char *rp, void *arg)
{
	struct restrict_match *m = arg;
	bool match = false;
	int f;

	for (f = 0; f < m->nfiles; f++) {
		if (!strcmp(rp, m->want[f])) {
			m->hit[f] = true;
			match = true;
		}
	}
	return match;
}

int compdb_restrict(struct job_list *jobs, int nfiles, char *const *files, char *err,
		    size_t errlen)
{
	struct restrict_match m = {
		.nfiles = nfiles,
		.want = calloc((size_t)nfiles + 1, sizeof(*m.want)),
		.hit = calloc((size_t)nfiles + 1, sizeof(*m.hit)),
	};
	int f, ret = 0;

	if (!m.want || !m.hit) {
		snprintf(err, errlen, "out of memory");
		ret = -ENOMEM;
		goto out;
	}
	for (f = 0; f < nfiles; f++) {
		m.want[f] = realpath(files[f], NULL);
		if (!m.want[f]) {
			snprintf(err, errlen, "%s: %s", files[f], strerror(errno));
			ret = -ENOENT;
			goto out;
		}
	}
	jobs_keep(jobs, names_wanted_file, &m);
	for (f = 0; f < nfiles; f++) {
		if (!m.hit[f]) {
			snprintf(err, errlen, "%s: not in the compile database", files[f]);
			ret = -ENOENT;
			break;
		}
	}
out:
	for (f = 0; m.want && f < nfiles; f++)
		free(m.want[f]);
	free(m.want);
	free(m.hit);
	return ret;
}
