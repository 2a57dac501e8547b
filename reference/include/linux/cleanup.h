/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cleanup.h - scope-based cleanup as the kernel spells it (since 6.5):
 * a variable declared `T v __free(name) = init;` has __free_name(&v) run
 * when it goes out of scope; no_free_ptr(v) takes the value out (v becomes
 * NULL, so the cleanup does nothing) and return_ptr(v) returns it that way.
 */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#define DEFINE_FREE(name, type, stmt) \
	static inline void __free_##name(void *slot) \
	{ type _T = *(type *)slot; stmt; }

#define __free(name) __attribute__((__cleanup__(__free_##name)))

#define __take_ptr(p) \
	({ __auto_type __slot = &(p); __auto_type __val = *__slot; *__slot = NULL; __val; })
#define no_free_ptr(p) ((typeof(p))__take_ptr(p))
#define return_ptr(p) return no_free_ptr(p)

#endif
