/*
 * One lookup leaked on several returns, the success path included: one
 * finding at the lookup, each leaking return a related note.
 */
#include <linux/of_platform.h>

int lr_init(struct device_node *np, int a, int b);
int lr_init(struct device_node *np, int a, int b)
{
	struct platform_device *pdev;

	/* expect: device-lookup-put */
	pdev = of_find_device_by_node(np);
	if (!pdev)
		return -ENODEV;
	if (a)
		return -EINVAL;
	if (b)
		return -EBUSY;
	return 0;
}
