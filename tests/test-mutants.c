/*
 * The mutants of refmmu against both halves of the specification.
 *
 * runtime: each mutant binary ($(BUILD)/reference/mutants/NAME, the
 * lifecycle plus a fault-injection sweep) must report the contract named
 * in reference/mutants/mutants.tbl; refmmu-check must report none.
 *
 * lint: iommu-lint ($IOMMU_LINT) must find nothing in refmmu.c and
 * exactly the table's rule id in each mutant source (build/mutants/), for
 * every rule it registers; mutants of rules not registered yet are listed
 * as pending and must not be flagged by any other rule.
 */
#include <criterion/criterion.h>
#include <criterion/logging.h>
#include <criterion/parameterized.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef REF_BUILD_DIR
#define REF_BUILD_DIR "build/reference"
#endif

#define TABLE		"reference/mutants/mutants.tbl"
#define MAX_ROWS	64
#define MAX_SET		32
#define OUT_SIZE	65536

/* Output buffers are static: a failed assertion must not leak under ASan. */
static char out_buf[OUT_SIZE];
static char rules_buf[OUT_SIZE];

struct row {
	char name[64];
	char contract[64];
	char rule[64];
	char also[128];		/* optional 4th column: other rules the mutant trips too */
};

struct idset {
	unsigned int n;
	char id[MAX_SET][64];
};

static const char *const known_rules[] = {
	"attach-dev-return",
	"device-group-ref",
	"device-lookup-put",
	"dma-cookie-pair",
	"embedded-device-release",
	"map-prot",
	"of-xlate-presence",
	"ops-api",
	"pgsize-bitmap",
	"probe-device-release",
	"register-unwind",
	"resv-region",
};

static unsigned int load_table(struct row *rows)
{
	char line[256];
	unsigned int n = 0;
	FILE *f = fopen(TABLE, "r");

	cr_assert_not_null(f, "cannot open %s (run from the repository root)", TABLE);
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		cr_assert_lt(n, MAX_ROWS);
		rows[n].also[0] = 0;
		cr_assert_geq(sscanf(line, "%63[^\t]\t%63[^\t]\t%63[^\t\n]\t%127[^\t\n]",
				     rows[n].name, rows[n].contract, rows[n].rule, rows[n].also), 3,
			      "malformed row: %s", line);
		n++;
	}
	fclose(f);
	return n;
}

static void set_add(struct idset *s, const char *id)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->id[i], id))
			return;
	if (s->n < MAX_SET)
		snprintf(s->id[s->n++], sizeof(s->id[0]), "%s", id);
}

static bool set_has(const struct idset *s, const char *id)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->id[i], id))
			return true;
	return false;
}

static void set_str(const struct idset *s, char *buf, size_t size)
{
	unsigned int i;

	buf[0] = '\0';
	for (i = 0; i < s->n; i++)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", i ? " " : "", s->id[i]);
}

/* Run @cmd through the shell; returns its exit status, output in @out. */
static int run(const char *cmd, char *out, size_t size)
{
	size_t len = 0, got;
	FILE *p = popen(cmd, "r");
	int status;

	cr_assert_not_null(p, "cannot run %s", cmd);
	while (len + 1 < size && (got = fread(out + len, 1, size - 1 - len, p)) > 0)
		len += got;
	out[len] = '\0';
	status = pclose(p);
	cr_assert(WIFEXITED(status), "%s did not exit normally:\n%s", cmd, out);
	return WEXITSTATUS(status);
}

/* The contracts a runtime-check binary reported ("contract\tNAME\t..."). */
static void runtime_contracts(const char *bin, struct idset *s, char *out)
{
	char cmd[512], *line;

	cr_assert_eq(access(bin, X_OK), 0, "%s not built", bin);
	snprintf(cmd, sizeof(cmd), "%s 2>/dev/null", bin);
	cr_assert_eq(run(cmd, out, OUT_SIZE), 0, "%s failed:\n%s", bin, out);
	cr_assert_not_null(strstr(out, "summary\t"), "%s: no summary:\n%s", bin, out);
	s->n = 0;
	for (line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char name[64];

		if (sscanf(line, "contract\t%63[^\t\n]", name) == 1)
			set_add(s, name);
	}
}

static const char *lint_path(void)
{
	const char *lint = getenv("IOMMU_LINT");

	if (!lint || !*lint || access(lint, X_OK))
		return NULL;
	return lint;
}

static void registered_rules(const char *lint, struct idset *s)
{
	char cmd[512], *out = rules_buf, *line;

	snprintf(cmd, sizeof(cmd), "'%s' --list-rules 2>&1", lint);
	cr_assert_eq(run(cmd, out, OUT_SIZE), 0, "--list-rules failed:\n%s", out);
	s->n = 0;
	for (line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char id[64];

		if (line[0] != '#' && sscanf(line, "%63s", id) == 1)
			set_add(s, id);
	}
}

/*
 * Rule ids of the gcc-format findings in @file, note-level findings too (a
 * hardening contract such as of_xlate's args_count is a note); returns the
 * exit status.
 */
static int lint_scan(const char *lint, const char *file, struct idset *s, char *out)
{
	char cmd[1024], *line;
	int status;

	cr_assert_eq(access(file, R_OK), 0, "%s missing", file);
	snprintf(cmd, sizeof(cmd), "'%s' --format=gcc --fail-on=note '%s' -- -I reference/include 2>&1",
		 lint, file);
	status = run(cmd, out, OUT_SIZE);
	cr_assert_neq(status, 2, "iommu-lint failed on %s:\n%s", file, out);
	s->n = 0;
	for (line = out; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		char *end = strchr(line, '\n'), *open;
		char id[64];
		size_t len;

		if (!end)
			end = line + strlen(line);
		if (end == line || end[-1] != ']')
			continue;
		if (!strstr(line, ": warning: ") && !strstr(line, ": error: ") &&
		    !strstr(line, ": note: "))
			continue;
		for (open = end - 1; open > line && *open != '['; open--)
			;
		len = (size_t)(end - 1 - open - 1);
		if (*open != '[' || len == 0 || len >= sizeof(id))
			continue;
		memcpy(id, open + 1, len);
		id[len] = '\0';
		set_add(s, id);
	}
	return status;
}

Test(table, rows_match_patches_and_rule_ids)
{
	struct row rows[MAX_ROWS];
	struct idset rules = { 0 };
	unsigned int i, j, n = load_table(rows);
	char path[256];

	cr_assert_geq(n, 10, "at least ten mutants");
	for (i = 0; i < n; i++) {
		bool known = false;

		snprintf(path, sizeof(path), "reference/mutants/%s.patch", rows[i].name);
		cr_assert_eq(access(path, R_OK), 0, "%s has no patch", rows[i].name);
		if (i)
			cr_assert_lt(strcmp(rows[i - 1].name, rows[i].name), 0, "table not sorted at %s",
				     rows[i].name);
		for (j = 0; j < sizeof(known_rules) / sizeof(known_rules[0]); j++)
			known |= !strcmp(rows[i].rule, known_rules[j]);
		cr_assert(known, "%s: unknown rule id %s", rows[i].name, rows[i].rule);
		set_add(&rules, rows[i].rule);
	}
	for (j = 0; j < sizeof(known_rules) / sizeof(known_rules[0]); j++)
		cr_expect(set_has(&rules, known_rules[j]), "no mutant for rule %s", known_rules[j]);
}

Test(runtime, refmmu_is_clean)
{
	char *out = out_buf;
	struct idset s;

	runtime_contracts(REF_BUILD_DIR "/refmmu-check", &s, out);
	cr_assert_eq(s.n, 0, "refmmu violates contracts:\n%s", out);
	cr_assert_null(strstr(out, "fault\t"), "refmmu ignored an allocation failure:\n%s", out);
}

static int mutant_index[MAX_ROWS];

ParameterizedTestParameters(runtime, mutant_breaks_its_contract)
{
	struct row rows[MAX_ROWS];
	unsigned int i, n = load_table(rows);

	for (i = 0; i < n; i++)
		mutant_index[i] = (int)i;
	return cr_make_param_array(int, mutant_index, n);
}

ParameterizedTest(int *idx, runtime, mutant_breaks_its_contract)
{
	struct row rows[MAX_ROWS];
	char bin[256], seen[512], *out = out_buf;
	struct row *r;
	struct idset s;

	load_table(rows);
	r = &rows[*idx];
	snprintf(bin, sizeof(bin), REF_BUILD_DIR "/mutants/%s", r->name);
	runtime_contracts(bin, &s, out);
	set_str(&s, seen, sizeof(seen));
	cr_log_info("mutant %s: contracts reported: %s", r->name, seen);
	cr_assert(set_has(&s, r->contract), "mutant %s: expected contract %s, got [%s]",
		  r->name, r->contract, seen);
}

Test(lint, refmmu_has_no_findings)
{
	const char *lint = lint_path();
	char ids[512], *out;
	struct idset s;

	if (!lint)
		cr_skip_test("IOMMU_LINT is not set to an executable checker");
	out = out_buf;
	cr_assert_eq(lint_scan(lint, "reference/drivers/refmmu.c", &s, out), 0,
		     "findings in refmmu.c:\n%s", out);
	set_str(&s, ids, sizeof(ids));
	cr_assert_eq(s.n, 0, "refmmu.c flagged by [%s]:\n%s", ids, out);
}

ParameterizedTestParameters(lint, mutant_flagged_by_its_rule)
{
	struct row rows[MAX_ROWS];
	unsigned int i, n = load_table(rows);

	for (i = 0; i < n; i++)
		mutant_index[i] = (int)i;
	return cr_make_param_array(int, mutant_index, n);
}

/* The rule ids of a comma-separated "also" column. */
static unsigned int also_count(const char *also)
{
	unsigned int n = 0;

	for (; *also; n++) {
		also += strcspn(also, ",");
		also += *also == ',';
	}
	return n;
}

static bool also_in(const char *also, const struct idset *s)
{
	char id[64];
	size_t n;

	while (*also) {
		n = strcspn(also, ",");
		snprintf(id, sizeof(id), "%.*s", (int)n, also);
		if (!set_has(s, id))
			return false;
		also += n + (also[n] == ',');
	}
	return true;
}

ParameterizedTest(int *idx, lint, mutant_flagged_by_its_rule)
{
	const char *lint = lint_path();
	struct row rows[MAX_ROWS];
	struct idset rules, s;
	char file[256], ids[512], *out;
	struct row *r;
	int status;

	if (!lint)
		cr_skip_test("IOMMU_LINT is not set to an executable checker");
	load_table(rows);
	r = &rows[*idx];
	registered_rules(lint, &rules);
	out = out_buf;
	snprintf(file, sizeof(file), "build/mutants/%s.c", r->name);
	status = lint_scan(lint, file, &s, out);
	set_str(&s, ids, sizeof(ids));

	if (!set_has(&rules, r->rule)) {
		cr_log_info("pending: mutant %s expects rule %s, which is not registered yet",
			    r->name, r->rule);
		cr_assert_eq(s.n, 0, "pending mutant %s flagged by other rule(s) [%s]:\n%s",
			     r->name, ids, out);
		return;
	}
	cr_assert_eq(status, 1, "mutant %s: exit %d, expected 1 (findings):\n%s",
		     r->name, status, out);
	cr_assert(s.n == 1 + also_count(r->also) && set_has(&s, r->rule) && also_in(r->also, &s),
		  "mutant %s: expected exactly [%s%s%s], got [%s]:\n%s", r->name, r->rule,
		  r->also[0] ? "," : "", r->also, ids, out);
}
