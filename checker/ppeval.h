/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ppeval.h - #if conditions of a main file decided the way its compile
 * command decides them (ppeval.c): -D/-U, the kernel build's autoconf.h,
 * the file's own #define lines above the condition.  What depends on a
 * header's macros is not known, and says so.
 */
#ifndef IOMMU_LINT_PPEVAL_H
#define IOMMU_LINT_PPEVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "frontend.h"

struct pp_env;

/* The environment of a compile command; NULL when it gives nothing to decide by. */
struct pp_env *pp_env_new(const struct tu_job *job);
void pp_env_free(struct pp_env *env);
/* A #define / #undef line of the file, at its place ([p, end): after the keyword). */
void pp_env_directive(struct pp_env *env, bool define, const char *p, const char *end);
/* 1 true, 0 false, -1 not known: the text of an #if/#elif after the keyword. */
int pp_eval(const struct pp_env *env, const char *p, const char *end);
/* #ifdef NAME: 1, 0, -1. */
int pp_defined(const struct pp_env *env, const char *name, size_t n);

#endif
