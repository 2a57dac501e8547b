/*
 * `if ((p = lookup()))`: the test is on p, so the else branch holds
 * nothing and the then branch puts it.
 */
#include <linux/of_platform.h>

int ai_ready(struct device_node *np);
int ai_ready(struct device_node *np)
{
	struct platform_device *pdev;
	int ready;

	/* ok: device-lookup-put */
	if ((pdev = of_find_device_by_node(np))) {
		ready = platform_get_drvdata(pdev) != NULL;
		put_device(&pdev->dev);
	} else {
		return -EPROBE_DEFER;
	}
	return ready;
}
