/*
 * Two lookups into one variable, the second only when the first found
 * nothing: the one put releases whichever lookup succeeded.
 */
#include <linux/of_platform.h>

int rl_ready(struct device_node *np, struct device_node *fallback);
int rl_ready(struct device_node *np, struct device_node *fallback)
{
	struct platform_device *pdev;
	int ready;

	/* ok: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		pdev = of_find_device_by_node(fallback);
	if (!pdev)
		return -ENODEV;
	ready = platform_get_drvdata(pdev) != NULL;
	put_device(&pdev->dev);
	return ready;
}
