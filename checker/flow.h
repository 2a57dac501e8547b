/* SPDX-License-Identifier: GPL-2.0 */
/*
 * flow.h - one forward dataflow walk over a function's CFG (cfg.h) for the
 * rules: the rule gives the size of its state (opaque bytes), a transfer
 * callback run on every CFG node reached, and a join that merges a state
 * into the one already at a node and says whether that one changed.  Each
 * (node, state) is visited once: a node is visited again only when a join
 * grows its state, so a monotone join reaches a fixpoint, loops and
 * backward gotos included.  Nodes are visited earliest-in-source first.
 */
#ifndef IOMMU_LINT_FLOW_H
#define IOMMU_LINT_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "cfg.h"

/* Visits per function before the walk stops (counted in flow_stats.truncated). */
#define FLOW_MAX_VISITS 20000
/* The cap as text, for messages: "20000" */
#define FLOW_STR_(x) #x
#define FLOW_STR(x) FLOW_STR_(x)

struct flow_ops {
	size_t size;	/* bytes of one state */
	/* Effects of node g->nodes[node] on state (in place); also for CFG_RETURN. */
	void (*transfer)(const struct cfg *g, unsigned node, void *state, void *arg);
	/*
	 * Optional: state leaving node along its i-th successor; false if that
	 * edge cannot be taken in this state (a CFG_BRANCH the state decides).
	 */
	bool (*edge)(const struct cfg *g, unsigned node, unsigned i, void *state, void *arg);
	/* into := into joined with from; true if into changed. */
	bool (*join)(void *into, const void *from, void *arg);
};

/*
 * Run ops over g from g->entry, starting in the state entry.  Returns 0,
 * -E2BIG when the walk stopped at FLOW_MAX_VISITS (the states reached so far
 * were all transferred), or -ENOMEM.
 */
int flow_run(const struct cfg *g, const struct flow_ops *ops, const void *entry, void *arg);

/* Counters for --stats, summed over every flow_run() of the run. */
struct flow_stats {
	unsigned long functions;	/* flow_run() calls */
	unsigned long visits;		/* (node, state) visits */
	unsigned long truncated;	/* walks stopped at FLOW_MAX_VISITS */
};
extern struct flow_stats flow_stats;

#endif
