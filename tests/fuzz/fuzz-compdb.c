// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-compdb.c - compile_commands.json (checker/compdb.c: json-c's check,
 * libclang's reader, the argv sanitiser of checker/argv.c).
 */
#include "../../checker/compdb.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct job_list jobs = { 0 };
	char err[1024];

	fuzz_write("compile_commands.json", data, size);
	if (!compdb_load(fuzz_dir(), &jobs, err, sizeof(err)))
		jobs_free(&jobs);
	return 0;
}
