/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ts-alloc.h - the tree-sitter runtime's allocator (ts-alloc.c): blocks
 * cached per thread by size class.
 */
#ifndef IOMMU_LINT_TS_ALLOC_H
#define IOMMU_LINT_TS_ALLOC_H

/*
 * Make it the runtime's allocator: once, before the runtime allocates
 * anything (main(), first thing), since it frees only its own blocks.
 */
void ts_alloc_install(void);
/* Free the blocks this thread cached (a parser thread's last act). */
void ts_alloc_thread_release(void);

#endif
