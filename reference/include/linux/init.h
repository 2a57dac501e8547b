/*
 * Module entry points.  As for a loadable kernel module, module_init and
 * module_exit alias the functions to init_module / cleanup_module, which
 * the model's harness calls.  One driver per program.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

#define module_init(initfn)						\
	int init_module(void) __attribute__((__alias__(#initfn)))
#define module_exit(exitfn)						\
	void cleanup_module(void) __attribute__((__alias__(#exitfn)))

int init_module(void);
void cleanup_module(void);

#endif /* _LINUX_INIT_H */
