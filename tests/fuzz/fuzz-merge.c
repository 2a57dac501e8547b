// SPDX-License-Identifier: GPL-2.0
/* fuzz-merge.c - --merge of SARIF logs (checker/merge.c): the input is one log of the directory. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../../checker/merge.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[256], name[300], out[300];

	snprintf(dir, sizeof(dir), "%s/logs", fuzz_dir());
	mkdir(dir, 0700);
	snprintf(name, sizeof(name), "logs/in.sarif");
	fuzz_write(name, data, size);
	snprintf(out, sizeof(out), "%s/merged.sarif", fuzz_dir());
	(void)sarif_merge(dir, out, true, SEV_WARNING);
	return 0;
}
