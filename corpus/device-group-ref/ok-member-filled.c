/*
 * A map entry's group is either found in the table (and referenced) or
 * freshly allocated, then returned through the member (the amd acpihid
 * shape).
 */
#include <linux/iommu.h>
#include <linux/list.h>

struct mf_entry {
	struct list_head list;
	int id;
	struct iommu_group *group;
};

static LIST_HEAD(mf_map);

static struct mf_entry *mf_entry_of(struct device *dev)
{
	return dev_iommu_priv_get(dev);
}

static struct iommu_group *mf_device_group(struct device *dev)
{
	struct mf_entry *p, *entry = mf_entry_of(dev);

	if (!entry)
		return ERR_PTR(-ENODEV);
	list_for_each_entry(p, &mf_map, list) {
		if (p->id == entry->id && p->group)
			entry->group = p->group;
	}
	if (!entry->group)
		entry->group = generic_device_group(dev);
	else
		iommu_group_ref_get(entry->group);
	/* ok: device-group-ref */
	return entry->group;
}

const struct iommu_ops mf_ops = {
	.device_group = mf_device_group,
};
