// SPDX-License-Identifier: GPL-2.0
/* fuzz-gitdiff.c - the git diff -U0 parser (checker/gitdiff.c) on arbitrary text. */
#include <stdlib.h>
#include <string.h>

#include "../../checker/gitdiff.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct git_diff d = { 0 };
	char *text = fuzz_strndup(data, size);
	unsigned i;

	d.top = strdup(fuzz_dir());
	if (d.top && !gitdiff_parse(text, &d))
		for (i = 0; i < d.n; i++)
			(void)gitdiff_touches(&d.v[i], 1, 10);
	gitdiff_free(&d);
	free(text);
	return 0;
}
