/*
 * Runtime check of one driver build (refmmu or a mutant): the lifecycle
 * once without faults, then once per allocation with that allocation
 * failing.  Prints one line per distinct contract violated,
 *   contract<TAB><name><TAB><first description>
 * and "fault<TAB><n><TAB>no error" for an injected failure the lifecycle
 * did not report (outside the void callbacks allowed to absorb it), then
 * a summary line.  Exit status 0 unless it crashes.
 */
#include <stdio.h>
#include <string.h>

#include "../core/model.h"
#include "lifecycle.h"

#define MAX_NAMES	64

static const char *seen[MAX_NAMES];
static unsigned int nr_seen;

static void collect(void)
{
	const char *names[MAX_NAMES];
	unsigned int i, j, n = contract_names(names, MAX_NAMES);

	for (i = 0; i < n; i++) {
		for (j = 0; j < nr_seen; j++)
			if (!strcmp(seen[j], names[i]))
				break;
		if (j == nr_seen && nr_seen < MAX_NAMES) {
			seen[nr_seen] = names[i];
			printf("contract\t%s\t%s\n", names[i], contract_message(names[i]));
			nr_seen++;
		}
	}
}

int main(void)
{
	struct lifecycle_report rep;
	unsigned long n, runs = 1, silent = 0;

	lifecycle_check(0, &rep);
	printf("run\tclean\trc=%d\tstep=%s\tviolations=%u\tallocations=%lu\n",
	       rep.rc, rep.failed_step ? rep.failed_step : "-", rep.violations,
	       rep.allocations);
	collect();

	for (n = 1; ; n++) {
		lifecycle_check(n, &rep);
		if (!rep.fault_hit)
			break;
		runs++;
		if (!rep.rc && !rep.fault_tolerated) {
			silent++;
			printf("fault\t%lu\tno error\n", n);
		}
		collect();
	}
	printf("summary\truns=%lu\tcontracts=%u\tsilent-faults=%lu\n", runs, nr_seen, silent);
	return 0;
}
