// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz-kbuild.c - a CHECK-mode argv (checker/kbuild.c) and the command line
 * parser it feeds (checker/options.c): the input is the argv, one word a line.
 */
#include <stdlib.h>
#include <string.h>

#include "../../checker/kbuild.h"
#include "../../checker/options.h"
#include "fuzz.h"

#define MAX_WORDS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strndup(data, size), *argv[MAX_WORDS + 2], *save = NULL, *w, err[512];
	struct kbuild_argv kb = { 0 };
	struct options o;
	int argc = 0;

	argv[argc++] = "iommu-lint";
	for (w = strtok_r(text, "\n", &save); w && argc <= MAX_WORDS; w = strtok_r(NULL, "\n", &save))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (kbuild_detect(argc, argv) && !kbuild_split(argc, argv, &kb, err, sizeof(err))) {
		options_parse(kb.argc, kb.argv, &o, err, sizeof(err));
		options_free(&o);	/* after a failure too, as main() does */
	}
	kbuild_free(&kb);
	options_parse(argc, argv, &o, err, sizeof(err));
	options_free(&o);
	free(text);
	return 0;
}
