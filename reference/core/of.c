/*
 * Device tree model: reference-counted nodes with properties, phandle
 * lists and compatible matching.  Nodes still referenced at the end of a
 * run beyond the tree's own reference are reported as "of-node-ref-leak"
 * (a missing of_node_put after of_parse_phandle*).
 */
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"
#include "model.h"

#define MAX_NODES	64

struct fwnode_operations {
	const char *name;
};

static const struct fwnode_operations of_fwnode_ops = {
	.name = "of",
};

static struct device_node *nodes[MAX_NODES];
static phandle next_phandle = 1;

bool is_of_node(const struct fwnode_handle *fwnode)
{
	return fwnode && fwnode->ops == &of_fwnode_ops;
}

struct device_node *to_of_node(const struct fwnode_handle *fwnode)
{
	if (!is_of_node(fwnode))
		return NULL;
	return container_of(fwnode, struct device_node, fwnode);
}

static void of_node_release(struct kref *kref)
{
	struct device_node *np = container_of(kref, struct device_node, kref);
	struct property *pp, *next;
	unsigned int i;

	for (i = 0; i < MAX_NODES; i++)
		if (nodes[i] == np)
			nodes[i] = NULL;
	for (pp = np->properties; pp; pp = next) {
		next = pp->next;
		kfree(pp->value);
		kfree(pp->name);
		kfree(pp);
	}
	kfree(np->full_name);
	kfree(np);
}

struct device_node *of_node_get(struct device_node *node)
{
	if (node)
		kref_get(&node->kref);
	return node;
}

void of_node_put(struct device_node *node)
{
	if (node)
		kref_put(&node->kref, of_node_release);
}

static int of_model_add_prop(struct device_node *np, const char *name,
			     const void *value, int length)
{
	struct property *pp;

	pp = kzalloc(sizeof(*pp), GFP_KERNEL);
	if (!pp)
		return -ENOMEM;
	pp->name = kstrdup(name, GFP_KERNEL);
	if (!pp->name)
		goto out_free_prop;
	pp->value = kmemdup(value, (size_t)length, GFP_KERNEL);
	if (!pp->value)
		goto out_free_name;
	pp->length = length;
	pp->next = np->properties;
	np->properties = pp;
	return 0;

out_free_name:
	kfree(pp->name);
out_free_prop:
	kfree(pp);
	return -ENOMEM;
}

struct device_node *of_model_node_create(const char *name, const char *compatible)
{
	struct device_node *np;
	unsigned int i;

	for (i = 0; i < MAX_NODES; i++)
		if (!nodes[i])
			break;
	if (i == MAX_NODES)
		return NULL;
	np = kzalloc(sizeof(*np), GFP_KERNEL);
	if (!np)
		return NULL;
	kmem_label(np, "device_node");
	kref_init(&np->kref);
	np->fwnode.ops = &of_fwnode_ops;
	np->phandle = next_phandle++;
	np->full_name = kstrdup(name, GFP_KERNEL);
	np->name = np->full_name;
	if (!np->full_name)
		goto out_free;
	if (compatible &&
	    of_model_add_prop(np, "compatible", compatible, (int)strlen(compatible) + 1))
		goto out_free;
	nodes[i] = np;
	return np;

out_free:
	nodes[i] = np;
	of_node_put(np);
	return NULL;
}

int of_model_set_u32s(struct device_node *np, const char *name,
		      const u32 *vals, int n)
{
	return of_model_add_prop(np, name, vals, n * (int)sizeof(u32));
}

void of_model_node_destroy(struct device_node *np)
{
	of_node_put(np);
}

struct property *of_find_property(const struct device_node *np,
				  const char *name, int *lenp)
{
	struct property *pp;

	if (!np)
		return NULL;
	for (pp = np->properties; pp; pp = pp->next) {
		if (!strcmp(pp->name, name)) {
			if (lenp)
				*lenp = pp->length;
			return pp;
		}
	}
	return NULL;
}

int of_property_read_u32_index(const struct device_node *np,
			       const char *propname, u32 index, u32 *out_value)
{
	struct property *pp = of_find_property(np, propname, NULL);

	if (!pp)
		return -EINVAL;
	if ((size_t)pp->length < (index + 1) * sizeof(u32))
		return -EOVERFLOW;
	*out_value = ((const u32 *)pp->value)[index];
	return 0;
}

int of_property_read_u32(const struct device_node *np, const char *propname,
			 u32 *out_value)
{
	return of_property_read_u32_index(np, propname, 0, out_value);
}

int of_property_read_string(const struct device_node *np, const char *propname,
			    const char **out_string)
{
	struct property *pp = of_find_property(np, propname, NULL);

	if (!pp)
		return -EINVAL;
	*out_string = pp->value;
	return 0;
}

bool of_property_read_bool(const struct device_node *np, const char *propname)
{
	return of_find_property(np, propname, NULL) != NULL;
}

int of_device_is_compatible(const struct device_node *device, const char *compat)
{
	struct property *pp = of_find_property(device, "compatible", NULL);
	const char *s, *end;

	if (!pp)
		return 0;
	s = pp->value;
	end = s + pp->length;
	while (s < end) {
		if (!strcmp(s, compat))
			return 1;
		s += strlen(s) + 1;
	}
	return 0;
}

const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node)
{
	if (!matches || !node)
		return NULL;
	for (; matches->compatible[0] || matches->name[0] || matches->type[0]; matches++)
		if (matches->compatible[0] &&
		    of_device_is_compatible(node, matches->compatible))
			return matches;
	return NULL;
}

static struct device_node *of_lookup_phandle(phandle handle)
{
	unsigned int i;

	for (i = 0; i < MAX_NODES; i++)
		if (nodes[i] && nodes[i]->phandle == handle)
			return nodes[i];
	return NULL;
}

struct device_node *of_find_node_by_phandle(phandle handle)
{
	return of_node_get(of_lookup_phandle(handle));
}

struct device_node *of_parse_phandle(const struct device_node *np,
				     const char *phandle_name, int index)
{
	u32 ph;

	if (index < 0 || of_property_read_u32_index(np, phandle_name, (u32)index, &ph))
		return NULL;
	return of_find_node_by_phandle(ph);
}

/*
 * Walk a "list_name = <&node arg...>, ..." property; each entry has as
 * many argument cells as the target node's @cells_name says.  Fills @out
 * for entry @index (with a node reference) or counts entries when @out is
 * NULL.  Returns the entry count, 0 on success with @out, or -errno.
 */
static int of_phandle_walk(const struct device_node *np, const char *list_name,
			   const char *cells_name, int index,
			   struct of_phandle_args *out)
{
	struct property *pp = of_find_property(np, list_name, NULL);
	const u32 *cells;
	int n, cur = 0, i = 0;

	if (!pp)
		return -ENOENT;
	cells = pp->value;
	n = pp->length / (int)sizeof(u32);
	while (cur < n) {
		struct device_node *target = of_lookup_phandle(cells[cur]);
		u32 count;

		if (!target || of_property_read_u32(target, cells_name, &count))
			return -EINVAL;
		if (count > MAX_PHANDLE_ARGS || cur + 1 + (int)count > n)
			return -EINVAL;
		if (out && i == index) {
			out->np = of_node_get(target);
			out->args_count = (int)count;
			memcpy(out->args, &cells[cur + 1], count * sizeof(u32));
			return 0;
		}
		cur += 1 + (int)count;
		i++;
	}
	return out ? -ENOENT : i;
}

int of_parse_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name,
			       int index, struct of_phandle_args *out_args)
{
	if (index < 0)
		return -EINVAL;
	return of_phandle_walk(np, list_name, cells_name, index, out_args);
}

int of_count_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name)
{
	return of_phandle_walk(np, list_name, cells_name, 0, NULL);
}

void of_model_teardown(void)
{
	unsigned int i;

	for (i = 0; i < MAX_NODES; i++)
		if (nodes[i])
			contract_violation("of-node-ref-leak",
					   "node %s still holds %d reference(s) at teardown",
					   nodes[i]->full_name, nodes[i]->kref.refcount);
}

void of_model_reset(void)
{
	unsigned int i;

	for (i = 0; i < MAX_NODES; i++)
		nodes[i] = NULL;
	next_phandle = 1;
}
