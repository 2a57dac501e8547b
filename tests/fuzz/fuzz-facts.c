// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-facts.c - facts files (checker/facts-io.c) as the merge step reads
 * them: header, TU records, trailer.  An input that does not begin with the
 * magic gets this build's header in front, so the seeds (records and a
 * trailer, tests/fuzz/facts/seeds) outlive a version change.  Each TU read
 * goes through --dump-facts and is written again: what the reader accepts
 * must write and read back to the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../checker/dump.h"
#include "../../checker/facts-io.h"
#include "fuzz.h"

static void write_one(const struct fx_tu *tu, char **buf, size_t *len)
{
	char err[256];
	FILE *f = open_memstream(buf, len);

	if (!f || facts_write_header(f, err, sizeof(err)) || facts_write(f, tu, err, sizeof(err)))
		abort();
	fclose(f);
}

/* Written, read and written again: the same bytes. */
static void check_again(const struct fx_tu *tu)
{
	char *one, *two, err[256];
	size_t n1, n2;
	struct fx_tu *back;
	FILE *f;

	write_one(tu, &one, &n1);
	f = fmemopen(one, n1, "rb");
	if (!f || facts_read_header(f, err, sizeof(err)) || facts_read(f, &back, err, sizeof(err)))
		abort();
	fclose(f);
	write_one(back, &two, &n2);
	if (n1 != n2 || memcmp(one, two, n1))
		abort();
	facts_free_tu(back);
	free(one);
	free(two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *sink;
	struct run_summary sum;
	char *buf = NULL, err[512];
	struct fx_tu *tu;
	size_t len = 0;
	FILE *in;
	int rc;

	if (!sink && !(sink = fopen("/dev/null", "w")))
		abort();
	in = open_memstream(&buf, &len);
	if (!in)
		abort();
	if (size < strlen(FACTS_MAGIC) || memcmp(data, FACTS_MAGIC, strlen(FACTS_MAGIC)))
		facts_write_header(in, err, sizeof(err));
	if (size)
		fwrite(data, 1, size, in);
	if (fclose(in))
		abort();
	in = fmemopen(buf, len, "rb");
	if (!in)
		abort();
	rc = facts_read_header(in, err, sizeof(err));
	while (!rc) {
		rc = facts_read(in, &tu, err, sizeof(err));
		if (rc)
			break;
		dump_facts(sink, tu);
		check_again(tu);
		facts_free_tu(tu);
	}
	if (rc == 1 && !facts_read_trailer(in, &sum, err, sizeof(err)))
		facts_summary_free(&sum);
	fclose(in);
	free(buf);
	return 0;
}
