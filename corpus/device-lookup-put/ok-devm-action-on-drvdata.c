/*
 * The reference is handed to a devm action: its callback drops the device
 * reference inside the driver data it is given, when the consumer unbinds.
 */
#include <linux/device.h>
#include <linux/of_platform.h>

struct da_mc {
	struct device *dev;
};

static void da_put_mc(void *data)
{
	struct da_mc *mc = data;

	put_device(mc->dev);
}

struct da_mc *da_get(struct device *dev, struct device_node *np);
struct da_mc *da_get(struct device *dev, struct device_node *np)
{
	struct platform_device *pdev;
	struct da_mc *mc;
	int err;

	/* ok: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return ERR_PTR(-EPROBE_DEFER);
	mc = platform_get_drvdata(pdev);
	if (!mc) {
		put_device(&pdev->dev);
		return ERR_PTR(-EPROBE_DEFER);
	}
	err = devm_add_action_or_reset(dev, da_put_mc, mc);
	if (err)
		return ERR_PTR(err);
	return mc;
}
