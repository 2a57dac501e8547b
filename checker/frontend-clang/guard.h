/* SPDX-License-Identifier: GPL-2.0 */
/*
 * guard.h - run a parse on its own thread with a large stack, and turn a
 * crash in it (SIGSEGV, SIGBUS, SIGFPE, SIGILL: a parser stack overflow) into
 * that parse's failure instead of the process's death.
 */
#ifndef IOMMU_LINT_GUARD_H
#define IOMMU_LINT_GUARD_H

#include <stddef.h>

/* Default stack of a guarded call; IOMMU_LINT_PARSE_STACK_KB overrides it (tests). */
#define GUARD_STACK_DEFAULT ((size_t)1 << 30)

/*
 * Once per process, before libclang creates an index: keeps libclang from
 * parsing on its own 8 MiB thread and from installing its signal handlers,
 * and installs ours.  Safe to call again.
 */
void guard_setup(void);

/*
 * fn(arg) on a fresh thread; what names the input for the one message that
 * cannot wait (a crash inside the C library ends the run).  Returns fn's value, or -EFAULT when it crashed,
 * with "parser crashed (stack overflow?)" or "parser crashed (signal N)" in
 * err.  After a crash, memory fn allocated is lost and libclang objects it
 * used must not be used again.
 */
int guard_run(int (*fn)(void *arg), void *arg, const char *what, char *err, size_t errlen);

#endif
