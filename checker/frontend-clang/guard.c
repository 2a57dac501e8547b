// SPDX-License-Identifier: GPL-2.0
/*
 * guard.c - parse each TU on a thread of its own with a large stack, and
 * recover from a crash on it.
 *
 * libclang's recursive-descent parser and its AST walks recurse once per
 * nesting level: a 10k-branch else-if chain or a 100k-term expression
 * overflows the 8 MiB thread libclang parses on, and its crash recovery
 * cannot catch that (its handler runs on the overflowed stack), so the whole
 * run died.  Here libclang parses on the calling thread (LIBCLANG_NOTHREADS)
 * with its own handlers off (LIBCLANG_DISABLE_CRASH_RECOVERY), the calling
 * thread is ours with GUARD_STACK_DEFAULT of stack (virtual: only the pages
 * used are memory), and our handler runs on an alternate signal stack and
 * jumps back to guard_run(), which says the TU failed.
 *
 * A jump out of a crash is safe when the crash is in code that holds no
 * lock: libclang, LLVM and this program.  A crash inside the C library (say
 * malloc, holding an arena lock) is not recoverable without risking a
 * deadlock, so it ends the run with one line and exit 2, never a hang.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "guard.h"

#define GUARD_ALTSTACK (256 * 1024)
#define GUARD_GAP (1u << 20)	/* stack guard: no frame jumps over it */
#define GUARD_FALLBACK_STACK ((size_t)64 << 20)
#define GUARD_CODE_MAX 32

struct guard_call {
	int (*fn)(void *arg);
	void *arg;
	const char *what;
	int ret;
	volatile sig_atomic_t armed;
	int sig;
	uintptr_t addr, sp, stack_lo;
	sigjmp_buf jmp;
};

/*
 * Under LeakSanitizer, what a crashed parse allocated is reachable from its
 * dead stack only: that stack is kept and made a root, so the leak we accept
 * is not reported and every other one still is.
 */
extern void __lsan_register_root_region(const void *p, size_t size) __attribute__((weak));

static const int guard_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL };
#define GUARD_NSIG (sizeof(guard_signals) / sizeof(guard_signals[0]))

static pthread_once_t guard_once = PTHREAD_ONCE_INIT;
static struct sigaction guard_old[GUARD_NSIG];
static size_t guard_stack = GUARD_STACK_DEFAULT;
/* Executable ranges of the code a jump may leave: this program, libclang, LLVM. */
static struct { uintptr_t lo, hi; } guard_code[GUARD_CODE_MAX];
static unsigned guard_ncode;
static __thread struct guard_call *guard_current;

static bool recoverable_object(const char *name)
{
	const char *base = strrchr(name, '/');

	base = base ? base + 1 : name;
	return !*name || !strncmp(base, "libclang", 8) || !strncmp(base, "libLLVM", 7);
}

static int note_code(struct dl_phdr_info *info, size_t size, void *data)
{
	int i;

	(void)size;
	(void)data;
	if (!recoverable_object(info->dlpi_name ? info->dlpi_name : ""))
		return 0;
	for (i = 0; i < info->dlpi_phnum && guard_ncode < GUARD_CODE_MAX; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		guard_code[guard_ncode].lo = info->dlpi_addr + ph->p_vaddr;
		guard_code[guard_ncode].hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
		guard_ncode++;
	}
	return 0;
}

static uintptr_t fault_pc(const void *ucv, uintptr_t *sp)
{
	const ucontext_t *uc = ucv;

#if defined(__x86_64__)
	*sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
	return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
	*sp = (uintptr_t)uc->uc_mcontext.sp;
	return (uintptr_t)uc->uc_mcontext.pc;
#else
	(void)uc;
	*sp = 0;
	return 0;
#endif
}

static bool pc_recoverable(uintptr_t pc)
{
	unsigned i;

	if (!pc)
		return true;	/* an architecture we cannot read: best effort */
	for (i = 0; i < guard_ncode; i++)
		if (pc >= guard_code[i].lo && pc < guard_code[i].hi)
			return true;
	return false;
}

static void say(const char *s)
{
	ssize_t n = write(STDERR_FILENO, s, strlen(s));

	(void)n;
}

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	struct guard_call *c = guard_current;
	uintptr_t sp;
	unsigned i;

	if (c && c->armed) {
		if (!pc_recoverable(fault_pc(uc, &sp))) {
			say("iommu-lint: error: ");
			say(c->what ? c->what : "?");
			say(": parser crashed inside the C library; stopping (a jump out could deadlock)\n");
			_exit(2);
		}
		c->armed = 0;
		c->sig = sig;
		c->addr = (uintptr_t)si->si_addr;
		c->sp = sp;
		siglongjmp(c->jmp, 1);
	}
	/* Not ours: the previous disposition (default, or ASan's report) takes it. */
	for (i = 0; i < GUARD_NSIG; i++)
		if (guard_signals[i] == sig)
			sigaction(sig, &guard_old[i], NULL);
	if (si->si_code <= 0)
		raise(sig);
}

static void setup_once(void)
{
	struct sigaction sa;
	const char *kb = getenv("IOMMU_LINT_PARSE_STACK_KB");
	unsigned i;

	if (kb && strtoul(kb, NULL, 10) >= 256)
		guard_stack = (size_t)strtoul(kb, NULL, 10) << 10;
	setenv("LIBCLANG_NOTHREADS", "1", 1);
	setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 1);
	dl_iterate_phdr(note_code, NULL);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < GUARD_NSIG; i++)
		sigaction(guard_signals[i], &sa, &guard_old[i]);
}

void guard_setup(void)
{
	pthread_once(&guard_once, setup_once);
}

static void *guard_thread(void *arg)
{
	struct guard_call *c = arg;
	stack_t alt = { .ss_size = GUARD_ALTSTACK }, old;
	bool have_alt;

	alt.ss_sp = malloc(alt.ss_size);
	have_alt = alt.ss_sp && !sigaltstack(&alt, &old);
	if (sigsetjmp(c->jmp, 1) == 0) {
		guard_current = c;
		c->armed = 1;
		c->ret = c->fn(c->arg);
		c->armed = 0;
	} else {
		c->ret = -EFAULT;
	}
	guard_current = NULL;
	if (have_alt) {
		if (old.ss_flags & SS_DISABLE)
			old = (stack_t){ .ss_flags = SS_DISABLE };
		sigaltstack(&old, NULL);
	}
	free(alt.ss_sp);
	return NULL;
}

/* A thread running c on a stack of its own mapping, with GUARD_GAP below it. */
static int start(pthread_t *th, size_t stack, struct guard_call *c, void **map)
{
	pthread_attr_t at;
	char *base;
	int rc;

	base = mmap(NULL, stack + GUARD_GAP, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (base == MAP_FAILED)
		return -ENOMEM;
	rc = mprotect(base, GUARD_GAP, PROT_NONE) ? errno : pthread_attr_init(&at);
	if (rc)
		goto out_unmap;
	rc = pthread_attr_setstack(&at, base + GUARD_GAP, stack);
	if (!rc)
		rc = pthread_create(th, &at, guard_thread, c);
	pthread_attr_destroy(&at);
	if (rc)
		goto out_unmap;
	c->stack_lo = (uintptr_t)base + GUARD_GAP;
	*map = base;
	return 0;
out_unmap:
	munmap(base, stack + GUARD_GAP);
	return -rc;
}

int guard_run(int (*fn)(void *arg), void *arg, const char *what, char *err, size_t errlen)
{
	struct guard_call c = { .fn = fn, .arg = arg, .what = what };
	size_t stack = guard_stack;
	uintptr_t top;
	pthread_t th;
	void *map;

	guard_setup();
	if (start(&th, stack, &c, &map)) {
		stack = GUARD_FALLBACK_STACK;
		if (start(&th, stack, &c, &map))
			return fn(arg);		/* no thread to be had: unguarded */
	}
	pthread_join(th, NULL);
	top = (uintptr_t)map + GUARD_GAP + stack;
	if (c.sp < c.stack_lo)
		c.sp = c.stack_lo;
	if (c.ret == -EFAULT && c.sig && __lsan_register_root_region && c.sp < top)
		__lsan_register_root_region((void *)c.sp, top - c.sp);
	else
		munmap(map, stack + GUARD_GAP);
	if (c.ret != -EFAULT || !c.sig)
		return c.ret;
	if (c.sig == SIGSEGV && c.addr < c.stack_lo + 65536 && c.addr + GUARD_GAP >= c.stack_lo)
		snprintf(err, errlen, "parser crashed (stack overflow?)");
	else
		snprintf(err, errlen, "parser crashed (signal %d, %s)", c.sig, strsignal(c.sig));
	return -EFAULT;
}
