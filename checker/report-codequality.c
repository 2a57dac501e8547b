// SPDX-License-Identifier: GPL-2.0
/*
 * report-codequality.c - GitLab Code Quality report (artifacts:reports:
 * codequality): a JSON array with one issue per finding: description,
 * check_name (the rule id), fingerprint, severity, location.path (relative
 * to the working directory, the checkout in CI) and location.lines.begin.
 *
 * GitLab compares the fingerprints of the base and the head pipelines to
 * say which issues a merge request adds or fixes, and shows one issue per
 * fingerprint: the baseline fingerprint (no line numbers, so stable under
 * edits elsewhere) with "-2", "-3"... for repeats of the same one.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#include "baseline.h"
#include "report.h"

/* GitLab's scale is info, minor, major, critical, blocker. */
static const char *cq_severity(enum severity s)
{
	switch (s) {
	case SEV_ERROR:
		return "critical";
	case SEV_NOTE:
		return "info";
	default:
		return "major";
	}
}

int report_codequality(FILE *out, const struct findings *f, const struct run_summary *sum)
{
	struct json_object *issues = json_object_new_array();
	char cwd[PATH_MAX], (*fps)[FINGERPRINT_LEN + 1];
	const char *dir = getcwd(cwd, sizeof(cwd)) ? cwd : NULL;
	unsigned i, k, seen;
	int ret;

	fps = calloc(f->n + 1, sizeof(*fps));
	if (!fps) {
		json_object_put(issues);
		return -1;
	}
	for (i = 0; i < f->n; i++) {
		const struct finding *x = &f->v[i];
		struct json_object *o = json_object_new_object();
		struct json_object *loc = json_object_new_object();
		struct json_object *lines = json_object_new_object();
		char fp[FINGERPRINT_LEN + 16];

		finding_fingerprint(x, dir, fps[i]);
		for (k = 0, seen = 0; k < i; k++)
			seen += !strcmp(fps[k], fps[i]);
		if (seen)
			snprintf(fp, sizeof(fp), "%s-%u", fps[i], seen + 1);
		else
			snprintf(fp, sizeof(fp), "%s", fps[i]);
		json_object_object_add(o, "description", json_object_new_string(x->message));
		json_object_object_add(o, "check_name", json_object_new_string(rule_meta[x->rule].id));
		json_object_object_add(o, "fingerprint", json_object_new_string(fp));
		json_object_object_add(o, "severity", json_object_new_string(cq_severity(x->severity)));
		json_object_object_add(loc, "path",
				       json_object_new_string(finding_rel_file(x->file, dir)));
		json_object_object_add(lines, "begin", json_object_new_int(x->line ? (int)x->line : 1));
		json_object_object_add(loc, "lines", lines);
		json_object_object_add(o, "location", loc);
		json_object_array_add(issues, o);
	}
	free(fps);
	ret = report_put_json(out, issues);
	json_object_put(issues);
	return ret;
}
