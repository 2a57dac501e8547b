/*
 * Ownership transfer: the looked-up device is kept in the driver's
 * state (mtk_iommu keeps its SMI common device) and put at teardown.
 */
#include <linux/iommu.h>
#include <linux/of_platform.h>

struct sf_data {
	struct device *smi_dev;
};

int sf_find_smi(struct sf_data *data, struct device_node *np);
int sf_find_smi(struct sf_data *data, struct device_node *np)
{
	struct platform_device *smi_pdev;

	smi_pdev = of_find_device_by_node(np);
	if (!smi_pdev)
		return -ENODEV;
	data->smi_dev = &smi_pdev->dev;
	/* ok: device-lookup-put */
	return 0;
}
