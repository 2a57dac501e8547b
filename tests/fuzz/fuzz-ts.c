// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-ts.c - the tree-sitter frontend and every rule on arbitrary bytes,
 * as a fast-mode run does it (checker/main.c do_job, then engine_run and
 * the suppressions).
 */
#include <stdlib.h>
#include <string.h>

#include "../../checker/engine.h"
#include "../../checker/frontend.h"
#include "../../checker/srcscan.h"
#include "../../checker/suppress.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rule_settings rs;
	static void *fe;
	static int ready;
	struct tu_job job = { .file = "fuzz.c", .directory = "/" };
	struct findings out = { 0 }, kept = { 0 };
	struct fx_program prog = { 0 };
	struct fx_tu *tu;
	struct pp_map map;
	char err[512];

	if (!ready) {
		rule_settings_default(&rs);
		rs.frontend = fe_ts_ops.name;
		if (registry_init(err, sizeof(err)) ||
		    (fe_ts_ops.check && fe_ts_ops.check(err, sizeof(err))) ||
		    fe_ts_ops.init(&fe, err, sizeof(err)))
			abort();
		ready = 1;
	}
	if (memchr(data, '\0', size))
		return 0;	/* read_source() refuses a NUL byte */
	tu = calloc(1, sizeof(*tu));
	if (!tu)
		abort();
	tu->file = "fuzz.c";
	tu->directory = "/";
	tu->src = fuzz_strndup(data, size);
	tu->src_len = size;
	if (!fe_ts_ops.parse(fe, &job, tu, err, sizeof(err))) {
		pp_map_build(&tu->arena, tu->src, tu->src_len, &map);
		srcscan_annotate_inits(tu, &map);
		srcscan_toplevel_calls(tu);
		prog.ntus = 1;
		prog.tus = &tu;
		if (!fx_program_index(&prog)) {
			engine_run(&rs, &prog, &out);
			suppress_apply(&prog, &out, &kept);
		}
		findings_free(&out);
		findings_free(&kept);
		prog.tus = NULL;
		prog.ntus = 0;
		fx_program_free(&prog);
	}
	free((char *)tu->src);
	arena_free(&tu->arena);
	free(tu);
	return 0;
}
