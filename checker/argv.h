/* SPDX-License-Identifier: GPL-2.0 */
/* argv.h - turning a compile command into libclang arguments. */
#ifndef IOMMU_LINT_ARGV_H
#define IOMMU_LINT_ARGV_H

#include <stdbool.h>

/*
 * Copy argv[0..argc) into *out (malloc'ed, strings strdup'ed), without the
 * compiler word when skip_compiler, without any word equal to drop_file and
 * without the words argv-filter.def lists.  Returns the new count.
 */
int argv_sanitise(int argc, char *const *argv, bool skip_compiler, const char *drop_file,
		  char ***out);
void argv_free(int argc, char **argv);
bool argv_is_dropped(const char *word, bool *takes_value);

#endif
