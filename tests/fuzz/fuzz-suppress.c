// SPDX-License-Identifier: GPL-2.0
/* fuzz-suppress.c - suppression comments (checker/suppress.c) in arbitrary source text. */
#include <stdlib.h>

#include "../../checker/suppress.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct suppression_list l = { 0 };
	char *src = fuzz_strndup(data, size);
	unsigned i;

	if (!suppress_scan(src, size, &l))
		for (i = 0; i < l.n; i++)
			(void)suppression_hides(&l.v[i], "device-lookup-put", l.v[i].first);
	suppress_list_free(&l);
	free(src);
	return 0;
}
