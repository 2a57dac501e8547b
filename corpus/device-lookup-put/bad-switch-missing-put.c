/*
 * One case puts before its break, the other breaks out holding the
 * reference: a leak on the common return.
 */
#include <linux/of_platform.h>

int sm_notify(struct device_node *np, unsigned long action);
int sm_notify(struct device_node *np, unsigned long action)
{
	struct platform_device *pdev;
	int ret = 0;

	switch (action) {
	case 1:
		/* ok: device-lookup-put */
		pdev = of_find_device_by_node(np);
		if (!pdev)
			return -ENODEV;
		platform_device_put(pdev);
		break;
	case 2:
		/* expect: device-lookup-put */
		pdev = of_find_device_by_node(np);
		if (!pdev)
			break;
		ret = platform_get_drvdata(pdev) ? 1 : 0;
		break;
	}
	return ret;
}
