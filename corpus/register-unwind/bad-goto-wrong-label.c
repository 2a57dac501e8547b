/*
 * The VT-d 2021 shape: a failing iommu_device_register() jumps to the
 * label below the sysfs removal.
 */
#include <linux/iommu.h>
#include <linux/slab.h>

struct wl_unit {
	struct iommu_device iommu;
	struct device *dev;
	int seq;
};

extern const struct iommu_ops wl_ops;

int wl_alloc_unit(struct device *parent, struct wl_unit **out);
int wl_alloc_unit(struct device *parent, struct wl_unit **out)
{
	struct wl_unit *unit;
	int err;

	unit = kzalloc(sizeof(*unit), GFP_KERNEL);
	if (!unit)
		return -ENOMEM;

	/* expect: register-unwind */
	err = iommu_device_sysfs_add(&unit->iommu, parent, NULL, "unit%d", unit->seq);
	if (err)
		goto out_free;

	err = iommu_device_register(&unit->iommu, &wl_ops, NULL);
	if (err)
		goto out_free;

	*out = unit;
	return 0;

out_sysfs:
	iommu_device_sysfs_remove(&unit->iommu);
out_free:
	kfree(unit);
	return err;
}
