// SPDX-License-Identifier: GPL-2.0
/*
 * flow.c - the forward dataflow walk of flow.h: one state per CFG node,
 * a worklist of nodes whose state grew, popped largest node index first
 * (cfg_build numbers a block's statements backwards, so that is source
 * order), and a cap on the visits of one function.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

struct flow_stats flow_stats;

/* A max-heap of node indices, each node at most once. */
struct heap {
	unsigned n;
	unsigned *v;
	bool *queued;
};

static void heap_push(struct heap *h, unsigned node)
{
	unsigned i, p;

	if (h->queued[node])
		return;
	h->queued[node] = true;
	for (i = h->n++; i && h->v[p = (i - 1) / 2] < node; i = p)
		h->v[i] = h->v[p];
	h->v[i] = node;
}

static unsigned heap_pop(struct heap *h)
{
	unsigned top = h->v[0], last = h->v[--h->n], i = 0, c;

	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1] > h->v[c])
			c++;
		if (h->v[c] <= last)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	h->v[i] = last;
	h->queued[top] = false;
	return top;
}

/* Merge out into the state at node s; queue s if that state is new or grew. */
static void flow_into(const struct flow_ops *ops, char *states, bool *have, struct heap *h,
		      unsigned s, const void *out, void *arg)
{
	void *at = states + (size_t)s * ops->size;

	if (!have[s]) {
		memcpy(at, out, ops->size);
		have[s] = true;
	} else if (!ops->join(at, out, arg)) {
		return;
	}
	heap_push(h, s);
}

int flow_run(const struct cfg *g, const struct flow_ops *ops, const void *entry, void *arg)
{
	struct heap h = { 0 };
	char *states, *cur, *out;
	unsigned long visits = 0;
	bool *have;
	int ret = 0;

	__atomic_fetch_add(&flow_stats.functions, 1, __ATOMIC_RELAXED);
	if (!g || !g->nnodes)
		return 0;
	states = calloc(g->nnodes, ops->size);
	have = calloc(g->nnodes, sizeof(*have));
	h.queued = calloc(g->nnodes, sizeof(*h.queued));
	h.v = calloc(g->nnodes, sizeof(*h.v));
	cur = malloc(2 * ops->size);
	if (!states || !have || !h.queued || !h.v || !cur) {
		ret = -ENOMEM;
		goto out_free;
	}
	out = cur + ops->size;
	flow_into(ops, states, have, &h, g->entry, entry, arg);
	while (h.n) {
		unsigned n = heap_pop(&h), i;
		const struct cfg_node *node = &g->nodes[n];

		if (visits == FLOW_MAX_VISITS) {
			__atomic_fetch_add(&flow_stats.truncated, 1, __ATOMIC_RELAXED);
			ret = -E2BIG;
			break;
		}
		visits++;
		memcpy(cur, states + (size_t)n * ops->size, ops->size);
		ops->transfer(g, n, cur, arg);
		for (i = 0; i < node->nsucc; i++) {
			memcpy(out, cur, ops->size);
			if (ops->edge && !ops->edge(g, n, i, out, arg))
				continue;
			flow_into(ops, states, have, &h, cfg_succ(node, i), out, arg);
		}
	}
	__atomic_fetch_add(&flow_stats.visits, visits, __ATOMIC_RELAXED);
out_free:
	free(cur);
	free(h.v);
	free(h.queued);
	free(have);
	free(states);
	return ret;
}
