/* SPDX-License-Identifier: GPL-2.0 */
/*
 * macros.h - kernel macros the tree-sitter frontend blanks out before
 * parsing because, unexpanded, they break the C grammar around them.
 * Source: the annotation and section macros of include/linux/compiler*.h,
 * init.h, cache.h and cleanup.h as used in drivers/iommu (6.1, 6.12).
 *
 * ATTR(name)       a bare word: "static int __init foo(void)"
 * ATTR_ARGS(name)  a word with a parenthesised argument: "__free(kfree)"
 * Keep sorted.
 */
ATTR(__always_inline)
ATTR(__always_unused)
ATTR(__cold)
ATTR(__exit)
ATTR(__exitdata)
ATTR(__force)
ATTR(__init)
ATTR(__initconst)
ATTR(__initdata)
ATTR(__iomem)
ATTR(__maybe_unused)
ATTR(__must_check)
ATTR(__noreturn)
ATTR(__packed)
ATTR(__percpu)
ATTR(__rcu)
ATTR(__read_mostly)
ATTR(__ro_after_init)
ATTR(__user)
ATTR(noinline)
ATTR_ARGS(__acquires)
ATTR_ARGS(__aligned)
ATTR_ARGS(__cleanup)
ATTR_ARGS(__counted_by)
ATTR_ARGS(__free)
ATTR_ARGS(__guarded_by)
ATTR_ARGS(__must_hold)
ATTR_ARGS(__printf)
ATTR_ARGS(__releases)
ATTR_ARGS(__section)
