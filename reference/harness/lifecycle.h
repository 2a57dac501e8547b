/*
 * The full lifecycle of the reference platform: two refmmu instances and
 * four masters, driven through probe, configure, group and region
 * queries, DMA/MSI mapping, identity and unmanaged domains, release and
 * remove.  Whatever driver is linked in (refmmu or a mutant) is driven.
 */
#ifndef _REFERENCE_LIFECYCLE_H
#define _REFERENCE_LIFECYCLE_H

#include <linux/types.h>

#define LIFECYCLE_DOORBELL	0x40001040ULL

struct lifecycle_report {
	int rc;				/* first error, 0 when every step passed */
	const char *failed_step;	/* the step that returned rc */
	unsigned int violations;	/* contract violations of the run */
	unsigned long allocations;	/* allocations made by the run */
	bool fault_hit;			/* the injected failure happened */
	bool fault_tolerated;		/* ... inside a void callback */
};

/* One run from a fresh model; @fail_nth > 0 fails that allocation. */
void lifecycle_check(unsigned long fail_nth, struct lifecycle_report *rep);

/* The lifecycle alone, without reset and teardown checks. */
int lifecycle_run(const char **failed_step);

#endif /* _REFERENCE_LIFECYCLE_H */
