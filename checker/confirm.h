/* SPDX-License-Identifier: GPL-2.0 */
/*
 * confirm.h - the auto engine's question: which TUs read by tree-sitter
 * does libclang read again before the findings are final (confirm.c).
 */
#ifndef IOMMU_LINT_CONFIRM_H
#define IOMMU_LINT_CONFIRM_H

#include <stdbool.h>

#include "engine.h"
#include "facts.h"

/* Why a TU goes to libclang (--stats counts them). */
enum confirm_why {
	CONFIRM_NONE,
	CONFIRM_LIMIT,		/* the fast reading said it could not convert something */
	CONFIRM_PPCOND,		/* #if inside code a finding rests on */
	CONFIRM_MACRO,		/* a macro of the file with control flow or a rule's word */
	CONFIRM_ALL,		/* --confirm=all: every TU with a finding */
	CONFIRM_WHY_COUNT
};

extern const char *const confirm_why_name[CONFIRM_WHY_COUNT];

/*
 * For every TU of prog (fast-mode facts, indexed), whether its findings in
 * f rest on code the fast reading may see otherwise than the compiler:
 * why[k] for prog->tus[k].  A TU with no finding is never confirmed.
 * words: the running rules' prefilter words, NUL-separated, "" at the end.
 * Returns how many TUs were marked.
 */
unsigned confirm_select(const struct fx_program *prog, const struct findings *f,
			const char *words, bool all, enum confirm_why *why);

#endif
