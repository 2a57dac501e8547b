// SPDX-License-Identifier: GPL-2.0
/* fuzz-baseline.c - baseline files (checker/baseline.c), then a filter through the loaded one. */
#include <stdlib.h>
#include <string.h>

#include "../../checker/baseline.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct finding v[2] = {
		{ .rule = 0, .file = strdup("drv.c"), .line = 3, .symbol = strdup("probe"),
		  .message = strdup("leak at line 3") },
		{ .rule = 1, .file = strdup("drv.c"), .line = 9, .symbol = strdup(""),
		  .message = strdup("m") },
	};
	struct findings f = { .n = 2, .cap = 2 }, keep = { 0 };
	struct baseline *b = NULL;
	char err[512];

	f.v = malloc(sizeof(v));
	if (!f.v)
		abort();
	memcpy(f.v, v, sizeof(v));
	if (!baseline_load(fuzz_write("baseline.json", data, size), &b, err, sizeof(err))) {
		baseline_filter(b, &f, &keep, "fuzz");
		baseline_free(b);
	}
	findings_free(&f);
	findings_free(&keep);
	return 0;
}
