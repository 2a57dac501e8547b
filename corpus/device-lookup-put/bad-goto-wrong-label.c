/*
 * A goto unwind chain where one failure jumps to the label below the
 * put: the reference taken by the lookup is never dropped on that path.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>
#include <linux/slab.h>

struct gw_master {
	void *priv;
	u32 sid;
};

int gw_attach_master(struct device *dev, struct device_node *np);
int gw_attach_master(struct device *dev, struct device_node *np)
{
	struct platform_device *smmu_pdev;
	struct gw_master *m;
	int ret;

	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;

	/* expect: device-lookup-put */
	smmu_pdev = of_find_device_by_node(np);
	if (!smmu_pdev) {
		ret = -ENODEV;
		goto out_free;
	}

	m->priv = platform_get_drvdata(smmu_pdev);
	if (!m->priv) {
		ret = -EPROBE_DEFER;
		goto out_free;
	}

	ret = iommu_fwspec_add_ids(dev, &m->sid, 1);
	if (ret)
		goto out_put;

	put_device(&smmu_pdev->dev);
	dev_iommu_priv_set(dev, m);
	return 0;

out_put:
	put_device(&smmu_pdev->dev);
out_free:
	kfree(m);
	return ret;
}
