/*
 * Device tree nodes.  Nodes are reference counted: of_parse_phandle and
 * of_parse_phandle_with_args return the target node with a reference the
 * caller drops with of_node_put.
 *
 * Model simplification: property cells are stored in host byte order.
 */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/fwnode.h>
#include <linux/mod_devicetable.h>

typedef u32 phandle;

struct property {
	char *name;
	int length;
	void *value;
	struct property *next;
};

struct device_node {
	const char *name;
	const char *full_name;
	phandle phandle;
	struct fwnode_handle fwnode;
	struct property *properties;
	struct device_node *parent;
	struct kref kref;		/* kobj.kref with CONFIG_OF_DYNAMIC */
	void *data;
};

#define MAX_PHANDLE_ARGS 16

struct of_phandle_args {
	struct device_node *np;
	int args_count;
	u32 args[MAX_PHANDLE_ARGS];
};

struct device_node *of_node_get(struct device_node *node);
void of_node_put(struct device_node *node);

struct property *of_find_property(const struct device_node *np,
				  const char *name, int *lenp);
int of_property_read_u32(const struct device_node *np, const char *propname,
			 u32 *out_value);
int of_property_read_u32_index(const struct device_node *np,
			       const char *propname, u32 index, u32 *out_value);
int of_property_read_string(const struct device_node *np, const char *propname,
			    const char **out_string);
bool of_property_read_bool(const struct device_node *np, const char *propname);
int of_device_is_compatible(const struct device_node *device, const char *compat);
const struct of_device_id *of_match_node(const struct of_device_id *matches,
					 const struct device_node *node);

struct device_node *of_find_node_by_phandle(phandle handle);
struct device_node *of_parse_phandle(const struct device_node *np,
				     const char *phandle_name, int index);
int of_parse_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name,
			       int index, struct of_phandle_args *out_args);
int of_count_phandle_with_args(const struct device_node *np,
			       const char *list_name, const char *cells_name);

#define of_fwnode_handle(node) ({					\
	struct device_node *__of_fwnode_handle_node = (node);		\
	__of_fwnode_handle_node ? &__of_fwnode_handle_node->fwnode : NULL; })

bool is_of_node(const struct fwnode_handle *fwnode);
struct device_node *to_of_node(const struct fwnode_handle *fwnode);

#endif /* _LINUX_OF_H */
