/*
 * WARN_ON and friends.  In the model a WARN is recorded as a contract
 * violation ("WARN_ON") so tests notice it; BUG_ON aborts.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void __warn(const char *file, int line, const char *cond);
void __bug(const char *file, int line, const char *cond) __noreturn;

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn(__FILE__, __LINE__, #condition);			\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, #condition);			\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN(condition, fmt...) WARN_ON(condition)

#define BUG() __bug(__FILE__, __LINE__, "BUG")

#define BUG_ON(condition) do {						\
	if (unlikely(condition))					\
		__bug(__FILE__, __LINE__, #condition);			\
} while (0)

#define BUILD_BUG_ON(condition) _Static_assert(!(condition), #condition)

#endif /* _LINUX_BUG_H */
