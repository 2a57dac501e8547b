/*
 * The group is taken before the driver's per-device data is read; the
 * "no drvdata yet" exit returns with the reference held.  Reading drvdata
 * hands nothing over.
 */
#include <linux/iommu.h>
#include <linux/platform_device.h>

struct dm_master {
	struct iommu_group *group;
};

int dm_attach(struct platform_device *pdev);
int dm_attach(struct platform_device *pdev)
{
	struct iommu_group *group;
	struct dm_master *m;

	/* expect: group-get-put */
	group = iommu_group_get(&pdev->dev);
	if (!group)
		return -ENODEV;

	m = platform_get_drvdata(pdev);
	if (!m)
		return -EPROBE_DEFER;

	m->group = group;
	/* ok: group-get-put */
	return 0;
}
