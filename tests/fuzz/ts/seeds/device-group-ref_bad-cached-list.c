/*
 * The tegra-smmu use-after-free (2020): a group found in the driver's own
 * list is returned without a reference; the core's put on the first
 * device's removal frees it under the other users.
 */
#include <linux/iommu.h>
#include <linux/list.h>
#include <linux/slab.h>

struct cl_group {
	struct list_head list;
	unsigned int id;
	struct iommu_group *grp;
};

struct cl_iommu {
	struct list_head groups;
};

static struct cl_iommu cl_inst;

static unsigned int cl_id_of(struct device *dev)
{
	return dev->iommu ? 1 : 0;
}

static struct iommu_group *cl_device_group(struct device *dev)
{
	unsigned int id = cl_id_of(dev);
	struct cl_group *g;

	list_for_each_entry(g, &cl_inst.groups, list)
		if (g->id == id)
			/* expect: device-group-ref */
			return g->grp;

	g = kzalloc(sizeof(*g), GFP_KERNEL);
	if (!g)
		return NULL;
	g->id = id;
	g->grp = generic_device_group(dev);
	if (IS_ERR(g->grp)) {
		kfree(g);
		return NULL;
	}
	list_add_tail(&g->list, &cl_inst.groups);
	return g->grp;
}

const struct iommu_ops cl_ops = {
	.device_group = cl_device_group,
};
