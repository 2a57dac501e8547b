/*
 * The device is declared __free(put_device), and set to NULL on the
 * success path so that the cleanup does not put it: the reference is kept,
 * but stored nowhere - nothing can ever drop it.
 */
#include <linux/device.h>
#include <linux/of_platform.h>

int fn_init(struct device_node *np);
int fn_init(struct device_node *np)
{
	/* expect: device-lookup-put */
	struct platform_device *pdev = of_find_device_by_node(np);

	if (!pdev)
		return -ENODEV;
	struct device *dev __free(put_device) = &pdev->dev;

	if (!dev_get_drvdata(dev))
		return -EPROBE_DEFER;
	dev = NULL;
	return 0;
}
