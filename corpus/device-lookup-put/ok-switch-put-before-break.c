/*
 * A notifier switch: each case that looks a device up puts it before its
 * break, and the cases do not share the reference.
 */
#include <linux/of_platform.h>

int sw_notify(struct device_node *np, unsigned long action);
int sw_notify(struct device_node *np, unsigned long action)
{
	struct platform_device *pdev;
	int ret = 0;

	switch (action) {
	case 1:
		/* ok: device-lookup-put */
		pdev = of_find_device_by_node(np);
		if (!pdev)
			return -ENODEV;
		ret = platform_get_drvdata(pdev) ? 1 : 0;
		platform_device_put(pdev);
		break;
	case 2:
		/* ok: device-lookup-put */
		pdev = of_find_device_by_node(np);
		if (!pdev)
			break;
		put_device(&pdev->dev);
		ret = 2;
		/* fall through */
	default:
		ret++;
		break;
	}
	return ret;
}
